/**
 * Importer fuzzing (issue 9): real-layout files — the UN DL GA and SC CSV fixtures, both MARCXML
 * fixtures, the start of the real veto list and real DGACM records (JSON Lines and Akoma Ntoso) — mutated at random (bytes dropped, inserted or
 * replaced, lines duplicated or cut, the file truncated). Each import must either succeed or fail
 * with a typed PlenaryError (a BAD_FILE names its file), and a failed import must leave the store
 * exactly as it was. Fixed seed and bounded budget in `npm test`; `npm run fuzz` runs more.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { isPlenaryError } from "../../core/errors.js";
import { importFiles } from "./index.js";
import { suiteStore } from "../../test/tempStore.js";
import { fuzzParameters } from "../../test/fuzz.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const VETOES = path.resolve(process.cwd(), "../shared/data/unsc-vetoes/unsc_vetoes_1946_sept2022.csv");
const UNXML = path.resolve(process.cwd(), "../shared/data/unxml");
const gunzipText = (file: string) => gunzipSync(readFileSync(path.join(UNXML, file))).toString("utf8");

const SOURCES: [string, string][] = [
  ["undl-ga.csv", readFileSync(path.join(FIXTURES, "undl-ga-2025.csv"), "utf8")],
  ["undl-sc.csv", readFileSync(path.join(FIXTURES, "undl-sc.csv"), "utf8")],
  ["undl-marc.xml", readFileSync(path.join(FIXTURES, "undl-marc-record.xml"), "utf8")],
  ["undl-marc-collection.xml", readFileSync(path.join(FIXTURES, "undl-marc-collection.xml"), "utf8")],
  ["vetoes.csv", readFileSync(VETOES, "utf8").split("\n").slice(0, 25).join("\n") + "\n"],
  // DGACM: the first records of a Council year (counts, lists, adoption texts) and a vetoed draft's XML.
  ["unxml-sc.json", gunzipText("sc/2024.json.gz").split("\n").slice(0, 6).join("\n") + "\n"],
  ["unxml-draft.xml", gunzipText("sc-not-adopted/S_2024_312-2407138E.xml.gz")],
];

const JUNK = [
  "",
  ",",
  '"',
  "\n",
  "\r\n",
  "<",
  "</datafield>",
  "&",
  "Q",
  "NaN",
  "-1",
  "9999-99-99",
  "\u0000",
  "é",
  ",,,,",
];

/** One mutation of a text, chosen and placed by fast-check. */
const mutation = fc.record({
  kind: fc.constantFrom("delete", "insert", "replace", "duplicate-line", "drop-line", "truncate"),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 1, max: 40 }),
  junk: fc.constantFrom(...JUNK),
});

function mutate(text: string, m: { kind: string; at: number; length: number; junk: string }): string {
  const i = Math.floor(m.at * text.length);
  const lines = text.split("\n");
  const line = Math.floor(m.at * lines.length);
  switch (m.kind) {
    case "delete":
      return text.slice(0, i) + text.slice(i + m.length);
    case "insert":
      return text.slice(0, i) + m.junk + text.slice(i);
    case "replace":
      return text.slice(0, i) + m.junk + text.slice(i + m.length);
    case "duplicate-line":
      return [...lines.slice(0, line + 1), lines[line] ?? "", ...lines.slice(line + 1)].join("\n");
    case "drop-line":
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join("\n");
    default:
      return text.slice(0, i);
  }
}

describe("importers on mutated real-layout files (fuzz)", () => {
  const temp = suiteStore();
  let cases = 0;
  afterAll(async () => {
    console.log(`importer fuzz cases: ${cases}`);
  });

  async function snapshot() {
    return {
      rollCalls: await temp.store.count(),
      votes: await temp.store.votesCount(),
      version: await temp.store.dataVersion(),
    };
  }

  for (const [name, original] of SOURCES) {
    it(`${name}: imports or fails cleanly, and a failure changes nothing`, async () => {
      const seen = { imported: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
          cases++;
          const file = path.join(temp.dir, `fuzz-${name}`);
          writeFileSync(file, mutations.reduce(mutate, original));
          const before = await snapshot();
          try {
            await importFiles(temp.store, [file]);
            seen.imported++;
          } catch (error) {
            seen.refused++;
            expect(isPlenaryError(error), String((error as Error)?.stack ?? error)).toBe(true);
            if (isPlenaryError(error) && error.code === "BAD_FILE")
              expect(error.file ?? error.message).toContain("fuzz-");
            expect(await snapshot()).toEqual(before);
          }
        }),
        fuzzParameters(0.1),
      );
      // Both paths were exercised: some mutations still import, others are refused.
      expect(seen.imported, name).toBeGreaterThan(0);
      expect(seen.refused, name).toBeGreaterThan(0);
    }, 120_000);
  }
});
