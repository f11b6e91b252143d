/**
 * Finding the roll call a reader means, one function for the CLI, the pages and the API (issue 14, item
 * 6): a symbol in any usual form (`ES-11/7`, `a/res/es-11/7`, `S/RES/2774 (2025)`, a draft symbol),
 * `rc-ID`, or a resolution number (`3379`, `A/RES/3379`, `RES/504`, `S/RES/504/1982`,
 * `S/RES/504 (1983)`). Never a silent substitute: a Council year that is not the resolution's is "not
 * found" with the right one suggested, and a number that may mean several resolutions (Assembly and
 * Council, several sessions) lists them.
 */
import { PlenaryError } from "../core/errors.js";
import { parseResolutionNumber, yearOfSymbol } from "../core/resolutionNumbers.js";
import type { RollCall, RollCallWithVotes } from "../core/rollCall.js";
import { documentSymbolOf } from "./approximations.js";
import type { Store } from "./store/index.js";

/** At most this many candidates are listed for an ambiguous number. */
const MAX_CANDIDATES = 12;

const HELP =
  "Symbols look like A/RES/ES-11/7, ES-11/7, A/RES/3379(XXX) or S/RES/2774 (2025); `plenary votes` lists what the store holds.";

function unknown(input: string, suggestions: string[], message?: string): PlenaryError {
  return new PlenaryError(
    "UNKNOWN_ROLL_CALL",
    message ?? `No roll call with the symbol ${JSON.stringify(input)}`,
    {
      suggestions,
      help: HELP,
    },
  );
}

async function full(store: Store, rollCall: RollCall): Promise<RollCallWithVotes> {
  return (await store.get(rollCall.id))!;
}

/** The year of a Council resolution: its symbol's, else its date's. */
function councilYear(rollCall: RollCall): number {
  return yearOfSymbol(rollCall.symbol ?? "") ?? Number(rollCall.date.slice(0, 4));
}

export async function findRollCall(store: Store, input: string): Promise<RollCallWithVotes> {
  const text = input.trim();
  const byId = /^rc-(\d+)$/i.exec(text);
  if (byId) {
    const rollCall = await store.get(Number(byId[1]));
    if (rollCall) return rollCall;
    throw unknown(input, await store.suggestSymbols(input));
  }
  const number = parseResolutionNumber(text);
  if (number?.year !== null && number?.year !== undefined) {
    // A Council resolution with its year: the number must exist in that year.
    const found = await store.findByResolutionNumber(number.number, "SC");
    const match = found.find((r) => councilYear(r) === number.year);
    if (match) return full(store, match);
    const symbol = `S/RES/${number.number} (${number.year})`;
    throw unknown(
      input,
      found.map((r) => rollCallRef(r)),
      found.length
        ? `No roll call with the symbol ${symbol}: resolution ${number.number} of the Security Council is of ${found.map(councilYear).join(", ")}`
        : `No roll call with the symbol ${symbol}`,
    );
  }
  if (number && number.body !== "SC") {
    // A number without its session or body (`3379`, `A/RES/3379`, `RES/504`): every resolution it may be.
    // A research dataset's label (its own numbering of 1946–1962, approximations.ts) is no UN number.
    const candidates = (await store.findByResolutionNumber(number.number, number.body)).filter(
      (r) => documentSymbolOf({ ...r, outcome: null }).documentSymbol !== null,
    );
    if (candidates.length === 1) return full(store, candidates[0]!);
    if (candidates.length > 1) {
      const refs = candidates.map((r) => rollCallRef(r));
      const more =
        refs.length > MAX_CANDIDATES ? ` (the first ${MAX_CANDIDATES} of ${refs.length} listed)` : "";
      throw new PlenaryError(
        "AMBIGUOUS_ROLL_CALL",
        `${JSON.stringify(input)} may mean ${refs.length} resolutions${more}: give the session or the body.`,
        {
          suggestions: refs.slice(0, MAX_CANDIDATES),
          help: "Write the full symbol: A/RES/3379(XXX) or A/RES/74/19 for the Assembly, S/RES/504 (1982) for the Council.",
        },
      );
    }
  }
  const [first] = await store.findBySymbol(text);
  if (first) return full(store, first);
  // A resolution in parts cited without them (A/RES/75/254 for A/RES/75/254 A-C).
  const parted = await store.findByPartedSymbol(text);
  if (parted.length === 1) return full(store, parted[0]!);
  if (parted.length > 1)
    throw new PlenaryError(
      "AMBIGUOUS_ROLL_CALL",
      `${JSON.stringify(input)} may mean ${parted.length} roll calls on its parts: give the part.`,
      { suggestions: parted.slice(0, MAX_CANDIDATES).map((r) => rollCallRef(r)), help: HELP },
    );
  throw unknown(input, await store.suggestSymbols(input));
}

/** How a roll call is cited: its symbol, else its draft's, else `rc-<id>` (what findRollCall reads back). */
export function rollCallRef(rollCall: Pick<RollCall, "id" | "symbol" | "draftSymbol">): string {
  return rollCall.symbol ?? rollCall.draftSymbol ?? `rc-${rollCall.id}`;
}
