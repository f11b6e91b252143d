import type { Command } from "commander";
import type { Config } from "../../config.js";
import { openStore, print, type Io } from "../context.js";

export function registerServe(program: Command, io: Io, config: Pick<Config, "serve" | "web">): void {
  program
    .command("serve")
    .description("Start the web site and the JSON API")
    .option("--port <port>", "port to listen on (or PORT)", (v) => Number.parseInt(v, 10))
    .option("--host <host>", "address to listen on (default 127.0.0.1, or HOST)")
    .addHelpText(
      "after",
      "\nExamples:\n  plenary serve --port 3000\n  PLENARY_DB=/srv/plenary.db plenary serve --host 0.0.0.0",
    )
    .action(async (options: { port?: number; host?: string }, command: Command) => {
      // The web server (templates, map shapes, charts) loads only for this command: other commands start fast.
      const { buildServer } = await import("../../web/server.js");
      const store = await openStore(command, io);
      const { trustProxy, publicUrl, production, rateLimit } = config.web;
      const app = await buildServer({
        store,
        logger: false,
        publicUrl,
        production,
        ...(trustProxy !== undefined ? { trustProxy } : {}),
        ...(rateLimit !== undefined ? { rateLimit } : {}),
      });
      const port = options.port ?? config.serve.port;
      const host = options.host ?? config.serve.host;
      const address = await app.listen({ port, host });
      print(io, `Plenary is serving ${store.location} at ${address}`);
      // Graceful shutdown: stop taking requests, finish those in flight, then close the store.
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await app.close();
      await store.close();
    });
}
