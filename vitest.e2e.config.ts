import { defineConfig } from "vitest/config";

/** Browser tests (e2e/*.e2e.ts): a real server and Chromium; run with `npx vitest run -c vitest.e2e.config.ts`. */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
  },
});
