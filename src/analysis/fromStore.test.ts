import { describe, expect, it } from "vitest";
import { loadStarterDataset } from "../data/starter.js";
import type { Store } from "../data/store/index.js";
import { captureIo, storeKinds, tempStore, suiteStore } from "../test/tempStore.js";
import { main } from "../cli/main.js";
import { buildMatrixFromStore, loadMatrix, MatrixService } from "./fromStore.js";
import type { VoteMatrix } from "./matrix.js";
import { MATRIX } from "./matrixSnapshot.js";
import { storeDb } from "../test/storeDb.js";

const MATRIX_KIND = MATRIX.key;

describe("the vote matrix from the store", () => {
  const temp = suiteStore();

  it("holds every stored vote", async () => {
    const service = new MatrixService(temp.store, 0);
    const matrix = await service.load();
    const [es117] = await temp.store.findBySymbol("ES-11/7");
    expect(matrix.voteCount).toBe(await temp.store.votesCount());
    expect(matrix.vote("USA", es117!.id)).toBe("N");
    expect(matrix.vote("CHN", es117!.id)).toBe("A");
    expect(matrix.vote("SRB", es117!.id)).toBe("Y");
    // Unknown votes of an incomplete roll call stay unknown (not voting), never guessed.
    expect(matrix.vote("FRA", es117!.id)).toBe("X");
  });

  it("reloads after an import moves the data version, without a restart", async () => {
    const service = new MatrixService(temp.store, 0);
    const before = await service.load();
    const [first] = loadStarterDataset();
    await temp.store.write([
      {
        ...first!,
        sourceKey: "extra",
        symbol: "A/RES/98/1",
        draftSymbol: null,
        votes: new Map([["FRA", "Y"]]),
      },
    ]);
    const after = await service.current();
    expect(after).not.toBe(before);
    expect(after.rollCalls.length).toBe(before.rollCalls.length + 1);
    expect(await service.current()).toBe(after);
  });
});

/** The same matrix: members, roll calls and every bit of every plane. */
function expectSameMatrix(actual: VoteMatrix, expected: VoteMatrix): void {
  expect(actual.members).toEqual(expected.members);
  expect(actual.rollCalls).toEqual(expected.rollCalls);
  expect(actual.bits).toEqual(expected.bits);
  expect(actual.activeFrom).toEqual(expected.activeFrom);
  expect(actual.activeTo).toEqual(expected.activeTo);
  expect(actual.voteCount).toBe(expected.voteCount);
}

/** A new roll call in the store (as an import adds one): the data version moves. */
async function addRollCall(store: Store, key: string, votes: [string, "Y" | "N" | "A"][]): Promise<void> {
  const [first] = loadStarterDataset();
  await store.write([
    { ...first!, sourceKey: key, symbol: `A/RES/97/${key}`, draftSymbol: null, votes: new Map(votes) },
  ]);
}

async function overwriteSnapshot(store: Store, bytes: Uint8Array): Promise<void> {
  await storeDb(store)
    .updateTable("analysis_cache")
    .set({ bytes: Buffer.from(bytes) })
    .where("key", "=", MATRIX_KIND)
    .execute();
}

describe.each(storeKinds())("the vote matrix's snapshot (%s)", (kind) => {
  const temp = suiteStore({ kind });

  it("is stored when the matrix is built, then read back whole instead of rebuilding", async () => {
    const first = await loadMatrix(temp.store);
    expect(first.source).toBe("store");
    expect(first.snapshotProblem).toBe("none stored yet");
    const second = await loadMatrix(temp.store);
    expect(second.source).toBe("snapshot");
    expect(second.dataVersion).toBe(await temp.store.dataVersion());
    expectSameMatrix(second.matrix, first.matrix);
  });

  it("is never used once an import moved the data version: rebuilt, with the new votes", async () => {
    await loadMatrix(temp.store);
    await addRollCall(temp.store, "1", [["FRA", "N"]]);
    const after = await loadMatrix(temp.store);
    expect(after.source).toBe("store");
    expect(after.snapshotProblem).toMatch(/^stale: of data version \d+, the store is at \d+/);
    const [added] = await temp.store.findBySymbol("A/RES/97/1");
    expect(after.matrix.vote("FRA", added!.id)).toBe("N");
    expectSameMatrix(after.matrix, (await buildMatrixFromStore(temp.store)).matrix);
    // …and the refreshed snapshot serves the next reader.
    expect((await loadMatrix(temp.store)).source).toBe("snapshot");
  });

  it("is refreshed by plenary import, so the next command reads the new data's snapshot", async () => {
    const capture = captureIo();
    const before = await temp.store.dataVersion();
    const code = await main(
      [...temp.cliArgs, "import", "src/data/import/fixtures/undl-ga-2025.csv", "--json"],
      capture.io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(capture.out).changed).toBe(true);
    const version = await temp.store.dataVersion();
    expect(version).toBeGreaterThan(before);
    expect((await temp.store.readCache(MATRIX_KIND))?.dataVersion).toBe(version);
    const loaded = await loadMatrix(temp.store);
    expect(loaded.source).toBe("snapshot");
    expectSameMatrix(loaded.matrix, (await buildMatrixFromStore(temp.store)).matrix);
  });

  it("damaged or truncated, is detected, rebuilt from the rows and stored whole again", async () => {
    const good = await loadMatrix(temp.store);
    const entry = (await temp.store.readCache(MATRIX_KIND))!;
    const damaged = Uint8Array.from(entry.bytes);
    damaged[damaged.byteLength >> 1]! ^= 0x01;
    for (const [bytes, problem] of [
      [damaged, /^damaged: the checksum/],
      [entry.bytes.subarray(0, entry.bytes.byteLength - 100), /^truncated/],
      [entry.bytes.subarray(0, 10), /no header/],
      [new Uint8Array(0), /no header/],
    ] as const) {
      await overwriteSnapshot(temp.store, bytes);
      const rebuilt = await loadMatrix(temp.store);
      expect(rebuilt.source).toBe("store");
      expect(rebuilt.snapshotProblem).toMatch(problem);
      expectSameMatrix(rebuilt.matrix, good.matrix);
      const again = await loadMatrix(temp.store);
      expect(again.source).toBe("snapshot");
      expectSameMatrix(again.matrix, good.matrix);
    }
  });

  it("is only ever labelled with the data version its votes are from", async () => {
    const old = await buildMatrixFromStore(temp.store);
    await addRollCall(temp.store, "2", [["DEU", "Y"]]);
    // A writer that built the matrix before the import finished cannot store it as current.
    const written = await temp.store.writeCache({
      key: MATRIX_KIND,
      dataVersion: old.dataVersion,
      format: 1,
      bytes: new Uint8Array(8),
    });
    expect(written).toBe(false);
    expect((await loadMatrix(temp.store)).source).toBe("store");
  });
});

describe("the vote matrix's snapshot on a store that cannot take it", () => {
  it("is built in memory when the store is read-only, and the command still answers", async () => {
    const temp = await tempStore();
    try {
      const { openStore } = await import("../tables.js");
      const readonly = await openStore({ db: temp.file, readonly: true });
      try {
        const loaded = await loadMatrix(readonly);
        expect(loaded.source).toBe("store");
        expect(await readonly.readCache(MATRIX_KIND)).toBeNull();
        expect(loaded.matrix.voteCount).toBe(await temp.store.votesCount());
      } finally {
        await readonly.close();
      }
    } finally {
      await temp.cleanup();
    }
  });
});
