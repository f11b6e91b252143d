/**
 * Run as a child process by tests: writes COUNT small records (symbols A/RES/PREFIX/n) into the store
 * at DB, as a second instance would. Usage: node --import tsx writeRecordsChild.ts DB PREFIX COUNT
 */
import { loadStarterDataset } from "../data/starter.js";
import { openStore } from "../tables.js";

const [db, prefix, count] = process.argv.slice(2);
const [template] = loadStarterDataset();
const store = await openStore({ db });
await store.write(
  Array.from({ length: Number(count) }, (_, i) => ({
    ...template!,
    sourceKey: `${prefix}-${i}`,
    symbol: `A/RES/${prefix}/${i + 1}`,
    draftSymbol: null,
    votes: new Map([["FRA", "Y" as const]]),
  })),
);
await store.close();
