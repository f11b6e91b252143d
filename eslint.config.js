// Lint: typescript-eslint's recommended type-aware-free rules over src, bench and e2e.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "e2e/screenshots/**", "coverage/**", "bench/out/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Test code stays out of dist (tsconfig.build.json leaves these out; an import would pull them in).
    files: ["src/**/*.ts"],
    ignores: [
      "src/**/*.test.ts",
      "src/test/**",
      "src/**/testing.ts",
      "src/**/*Testing.ts",
      "src/**/fixtures/**",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/test/*", "**/testing.js", "**/*Testing.js", "**/fixtures/*"],
              message:
                "Shipped code may not import test code (src/test, testing.ts, *Testing.ts, fixtures/).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["bin/**/*.js", "scripts/**/*.mjs", "src/**/*.mjs", "bench/**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
