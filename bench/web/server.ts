/**
 * The server the web benchmark measures, in its own process (so autocannon does not share its event
 * loop): `node --import tsx bench/web/server.ts DB_FILE`. Prints one JSON line `{url, startMs, …}` once
 * it listens and its background work (the ideal points and their bootstrap) is over; stops on SIGTERM.
 */
import { buildServer } from "../../src/web/server.js";
import { openStore } from "../../src/tables.js";

const file = process.argv[2];
if (!file) throw new Error("usage: server.ts DB_FILE | postgres://URL");
const started = Date.now();
const store = await openStore(file.startsWith("postgres") ? { databaseUrl: file } : { db: file });
// Rate limits off: the benchmark is one client asking as fast as it can.
const app = await buildServer({
  store,
  rateLimit: 1_000_000_000,
  siteOptions: { idealPoints: "background" },
});
const url = await app.listen({ port: 0, host: "127.0.0.1" });
const idealStatus = await app.site.idealPointsSettled(180_000);
const startMs = Date.now() - started;
// The ideal points' bootstrap (fifty estimates, on both cores) runs in the background after the point
// estimate: measured beside it, the first pages' throughput said more about it than about them.
const backgroundSettled = await app.site.backgroundSettled(180_000);
if (!backgroundSettled)
  throw new Error("the server's background work (the ideal points' bootstrap) took over 180 s");
const settledMs = Date.now() - started;
process.stdout.write(`${JSON.stringify({ url, startMs, idealStatus, backgroundSettled, settledMs })}\n`);
process.on("SIGTERM", () => {
  void app.close().then(() => store.close().then(() => process.exit(0)));
});
