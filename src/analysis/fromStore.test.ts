import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStarterDataset } from "../data/starter.js";
import { tempStore, type TempStore } from "../test/tempStore.js";
import { MatrixService } from "./fromStore.js";

describe("the vote matrix from the store", () => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await tempStore();
  });
  afterAll(() => temp.cleanup());

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
