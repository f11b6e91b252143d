/** What a SQLite store holds after a kill, for the crash tests: counts and SQLite's integrity check. */
import { storeSqlite } from "./storeDb.js";
import { openStore } from "../tables.js";

export interface StoreSnapshot {
  rollCalls: number;
  votes: number;
  integrity: string;
}

export async function storeSnapshot(file: string): Promise<StoreSnapshot> {
  const store = await openStore({ db: file, seed: false });
  try {
    const integrity = String(storeSqlite(store)!.pragma("integrity_check", { simple: true }));
    return { rollCalls: await store.count(), votes: await store.votesCount(), integrity };
  } finally {
    await store.close();
  }
}
