/**
 * nginx from Debian as a caching reverse proxy in front of the server, for the web benchmark: found at
 * `nginx` on the PATH or /usr/sbin/nginx; when missing, installed with apt-get if this runs as root,
 * else null (the benchmark says so and skips the cached rows). The configuration is the one
 * docs/deploy.md recommends ("A cache in front"), on loopback, in a temporary folder.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export interface NginxCache {
  url: string;
  version: string;
  workers: number;
  stop(): Promise<void>;
}

function nginxOnPath(): string | null {
  const found = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout.trim();
  if (found) return found;
  return existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null;
}

/** The nginx binary, installed from Debian when missing and allowed; else why not. */
export function findOrInstallNginx(): { bin: string } | { skipped: string } {
  const bin = nginxOnPath();
  if (bin) return { bin };
  if (process.getuid?.() !== 0) {
    return {
      skipped: "nginx is not installed and this is not root: `sudo apt-get install nginx` to measure it",
    };
  }
  console.log("nginx is not installed: apt-get install -y nginx (Debian) …");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () =>
    spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "nginx"], { env, stdio: "inherit" });
  if (install().status !== 0) {
    spawnSync("apt-get", ["update"], { env, stdio: "inherit" });
    if (install().status !== 0) return { skipped: "apt-get install nginx failed" };
  }
  const installed = nginxOnPath();
  return installed ? { bin: installed } : { skipped: "nginx installed but not found on the PATH" };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The caching part of the configuration (an `http` block's contents), as in docs/deploy.md: the key holds
 * what a reader's page depends on besides its URL — the encoding asked for and the cookie choice — so
 * the server's `Vary: Cookie` is honoured by the key and nginx ignores Vary (it keeps one variant per
 * key); a signed-in user (or a commenter whose name is remembered) passes through uncached.
 */
export function cacheConfig(upstream: string, cacheDir: string): string {
  return `
    proxy_cache_path ${cacheDir} levels=1:2 keys_zone=plenary:10m max_size=1g inactive=10m use_temp_path=off;
    map $http_accept_encoding $plenary_encoding { ~*gzip gzip; default ""; }
    upstream plenary { server ${upstream}; keepalive 32; }
    server {
      listen 127.0.0.1:__PORT__;
      location / {
        proxy_pass http://plenary;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $http_host; # with the port: on loopback the site is not on port 80/443
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header Accept-Encoding $plenary_encoding;
        proxy_cache plenary;
        proxy_cache_key "$scheme://$host$request_uri|$plenary_encoding|$cookie_plenary_consent";
        proxy_ignore_headers Vary;
        proxy_cache_bypass $cookie_plenary_session $cookie_plenary_reader;
        proxy_no_cache $cookie_plenary_session $cookie_plenary_reader;
        proxy_cache_revalidate on;
        proxy_cache_lock on;
        proxy_cache_use_stale updating error timeout http_500 http_502 http_503;
        proxy_cache_background_update on;
        add_header X-Cache-Status $upstream_cache_status always;
      }
    }`;
}

/** Starts nginx (in the foreground, as a child) caching in front of `upstream` (host:port). */
export async function startNginxCache(
  bin: string,
  upstream: string,
  dir: string,
  workers = 1,
): Promise<NginxCache> {
  const port = await freePort();
  const root = path.join(dir, "nginx");
  for (const sub of ["cache", "tmp"]) mkdirSync(path.join(root, sub), { recursive: true });
  const conf = path.join(root, "nginx.conf");
  const tmp = path.join(root, "tmp");
  writeFileSync(
    conf,
    `# Written by bench/web/web.bench.ts
${process.getuid?.() === 0 ? "user root;" : ""}
worker_processes ${workers};
daemon off;
pid ${path.join(root, "nginx.pid")};
error_log ${path.join(root, "error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  ${cacheConfig(upstream, path.join(root, "cache")).replace("__PORT__", String(port))}
}
`,
  );
  const shown = spawnSync(bin, ["-v"], { encoding: "utf8" }); // nginx prints its version on stderr
  const version = `${shown.stderr}${shown.stdout}`.trim();
  const child: ChildProcess = spawn(bin, ["-c", conf, "-p", root, "-e", path.join(root, "error.log")], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited with ${child.exitCode} (see ${root}/error.log)`);
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error("nginx did not answer within 10 s");
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    version: version.replace(/^nginx version:\s*/, ""),
    workers,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGQUIT"); // graceful: workers finish, then the master exits
      }),
  };
}
