/**
 * The commands on a store holding the real Security Council excerpt of the UN Digital Library: the China
 * seat before 25 October 1971 is the Republic of China's, so every Council of 1946–1971 has its own
 * members — and every roll call can be decided by the rules.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilOn } from "../core/council/index.js";
import { importFiles } from "../data/import/index.js";
import { main } from "./main.js";
import { captureIo, storeKinds, tempStore, type TempStore } from "../test/tempStore.js";
import { CHINA_SEAT_CHANGE, excerptResolutions, UNDL_SC_EXCERPT } from "../test/undlExcerpt.js";

describe.each(storeKinds())("the commands on the UN Digital Library's Council excerpt (%s)", (kind) => {
  let temp: TempStore;
  beforeAll(async () => {
    // Imported through the library: the CLI would first fill an empty store with the whole record.
    temp = await tempStore({ kind, seed: false });
    await importFiles(temp.store, [UNDL_SC_EXCERPT]);
  });
  afterAll(() => temp?.cleanup());

  async function run(...args: string[]) {
    const capture = captureIo();
    const code = await main([...temp.cliArgs, ...args], capture.io);
    return { code, out: capture.out, err: capture.err };
  }

  it("check-outcomes decides every recorded vote of the excerpt, and agrees with it", async () => {
    const voted = excerptResolutions().filter((r) => r.first.modality === "Vote");
    // The roll calls that a phantom People's Republic made undecidable: those of the China seat before 1971.
    const beforeTheChange = voted.filter((r) => r.first.date! < CHINA_SEAT_CHANGE);
    expect(beforeTheChange.length).toBeGreaterThan(0);
    const { code, out } = await run("check-outcomes", "--json");
    expect(code).toBe(0);
    const result = JSON.parse(out) as { checked: number; agree: number; undecidable: number };
    expect(result).toMatchObject({ undecidable: 0, checked: voted.length, agree: voted.length });
  });

  it("vote S/RES/80 shows the 11 members of the Council of 1950, the Republic of China among them", async () => {
    const s80 = excerptResolutions().find((r) => r.first.resolution === "S/RES/80(1950)")!;
    const { code, out } = await run("vote", "S/RES/80", "--json");
    expect(code).toBe(0);
    const view = JSON.parse(out) as { symbol: string; votes: { member: string; vote: string }[] };
    expect(view.symbol).toBe("S/RES/80 (1950)");
    expect(view.votes).toHaveLength(s80.rows.length);
    expect(view.votes.map((v) => v.member).sort()).toEqual([...councilOn(s80.first.date!).members].sort());
    const china = s80.rows.find((r) => r.ms_code === "CHN")!;
    expect(view.votes).toContainEqual(expect.objectContaining({ member: "TWN", vote: china.ms_vote }));
  });

  it("member resolves the code CHN by the date it was used", async () => {
    const as = async (...args: string[]) => JSON.parse((await run("member", "CHN", ...args, "--json")).out);
    expect(await as("--date", "1950")).toMatchObject({ id: "TWN", alpha2: "TW" });
    expect(await as("--date", "1971-10-24")).toMatchObject({ id: "TWN" });
    expect(await as("--date", "1971-10-25")).toMatchObject({ id: "CHN" });
    expect(await as()).toMatchObject({ id: "CHN", officialName: "People's Republic of China" });
    const text = await run("member", "CHN", "--date", "1950");
    expect(text.out).toContain("Republic of China (TWN, TW)");
    expect((await run("member", "CHN", "--date", "1950-13")).code).toBe(1);
  });
});
