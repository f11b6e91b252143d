/**
 * A throw-away PostgreSQL server for the test suite: initdb in a temporary folder, started on
 * 127.0.0.1 with a free port, stopped and removed afterwards. Uses the machine's PostgreSQL binaries
 * (Debian's /usr/lib/postgresql/N/bin); as root it runs the server as the `postgres` user, since
 * PostgreSQL refuses to run as root.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PostgresServer {
  url: string;
  stop(): void;
}

export function findPostgresBin(): string | null {
  if (process.env.PLENARY_PG_BIN && existsSync(path.join(process.env.PLENARY_PG_BIN, "initdb"))) {
    return process.env.PLENARY_PG_BIN;
  }
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0]!, "bin") : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function postgresUid(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}

/**
 * `durable`: the server's default durability (fsync, synchronous commit, full-page writes), as in
 * production — for benchmarks. Tests turn it off: the server is thrown away anyway.
 */
export async function startPostgres(
  bin: string,
  options: { durable?: boolean } = {},
): Promise<PostgresServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "plenary-pg-"));
  const data = path.join(dir, "data");
  const owner = postgresUid();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (command: string, args: string[]) => {
    const result = spawnSync(path.join(bin, command), args, {
      uid: owner?.uid,
      gid: owner?.gid,
      cwd: dir,
      encoding: "utf8",
    });
    if (result.status !== 0) {
      throw new Error(
        `${command} failed (${result.status}): ${result.stderr || result.stdout || result.error}`,
      );
    }
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "plenary", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c max_connections=200",
    ...(options.durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
  ].join(" ");
  run("pg_ctl", ["-D", data, "-o", settings, "-l", path.join(dir, "server.log"), "-w", "start"]);
  return {
    url: `postgres://plenary@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
