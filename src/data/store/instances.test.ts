import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStarterDataset } from "../starter.js";
import { MatrixService } from "../../analysis/fromStore.js";
import { postgresUrl, tempPostgresDatabase, suiteStore } from "../../test/tempStore.js";
import type { RollCallRecord } from "../records.js";
import { openStore } from "../../tables.js";

const CHILD = fileURLToPath(new URL("../../test/writeRecordsChild.ts", import.meta.url));

function extraRecords(prefix: string, count: number): RollCallRecord[] {
  const [template] = loadStarterDataset();
  return Array.from({ length: count }, (_, i) => ({
    ...template!,
    sourceKey: `${prefix}-${i}`,
    symbol: `A/RES/${prefix}/${i + 1}`,
    draftSymbol: null,
    votes: new Map([["FRA", "Y" as const]]),
  }));
}

describe.skipIf(!postgresUrl())("several instances on one PostgreSQL", () => {
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await tempPostgresDatabase());
  });
  afterAll(() => drop());

  it("two instances opening an empty database at once seed it exactly once", async () => {
    const [a, b] = await Promise.all([openStore({ databaseUrl: url }), openStore({ databaseUrl: url })]);
    try {
      expect(await a.count()).toBe(loadStarterDataset().length);
      expect(await b.count()).toBe(loadStarterDataset().length);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("concurrent imports never interleave, and the other instance hears each one", async () => {
    const a = await openStore({ databaseUrl: url });
    const b = await openStore({ databaseUrl: url });
    const heard: number[] = [];
    const stop = await b.onDataChange((version) => heard.push(version));
    const matrices = new MatrixService(b, 60_000);
    await matrices.listen();
    const before = await matrices.load();
    try {
      const start = await a.dataVersion();
      await Promise.all([a.write(extraRecords("901", 20)), b.write(extraRecords("902", 20))]);
      expect(await a.dataVersion()).toBe(start + 2);
      const deadline = Date.now() + 5000;
      while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(heard.sort()).toEqual([start + 1, start + 2]);
      // The matrix follows at once, although its periodic check is a minute away.
      const after = await matrices.current();
      expect(after.rollCalls.length).toBe(before.rollCalls.length + 40);
    } finally {
      await stop();
      await matrices.close();
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe("two processes writing one SQLite file", () => {
  const temp = suiteStore();

  it("serialise on the write lock: both imports land whole", async () => {
    const start = await temp.store.count();
    const child = (prefix: string) =>
      new Promise<number>((resolve, reject) => {
        const proc = spawn(process.execPath, ["--import", "tsx", CHILD, temp.file, prefix, "30"], {
          stdio: "inherit",
        });
        proc.on("error", reject);
        proc.on("exit", (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([child("903"), child("904")])).toEqual([0, 0]);
    expect(await temp.store.count()).toBe(start + 60);
  });
});
