/**
 * Whole-process timing for the benchmarks of what a user runs (`plenary …` against `node -e 0`, or
 * against a peer script): each command is a real process started from scratch, its output thrown away
 * (as hyperfine does), the two commands in turn — A B A B … — after the same warm-up on both sides, so
 * a comparison holds when the machine's speed drifts. The ratio is taken pair by pair; the figures are
 * the median with the fastest and slowest run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { median } from "./figures.js";

export interface Command {
  /** As shown in the report, e.g. "plenary vote ES-11/7 --json". */
  label: string;
  file: string;
  args: string[];
  cwd?: string;
}

export interface PairTiming {
  a: number[];
  b: number[];
  /** a / b, pair by pair. */
  ratios: number[];
}

/** One run of a command, its wall time in ms; throws when it fails (a failing command is not a figure). */
export function timeOnce(command: Command): number {
  const started = performance.now();
  const proc = spawnSync(command.file, command.args, {
    cwd: command.cwd,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - started;
  if (proc.status !== 0)
    throw new Error(`${command.label} failed (${proc.status ?? proc.signal}): ${proc.stderr.slice(0, 2000)}`);
  return ms;
}

/** `warmup` untimed runs of each, then `runs` timed pairs, A then B. */
export function timePair(a: Command, b: Command, runs: number, warmup: number): PairTiming {
  for (let i = 0; i < warmup; i++) {
    timeOnce(a);
    timeOnce(b);
  }
  const result: PairTiming = { a: [], b: [], ratios: [] };
  for (let i = 0; i < runs; i++) {
    const x = timeOnce(a);
    const y = timeOnce(b);
    result.a.push(x);
    result.b.push(y);
    result.ratios.push(x / y);
  }
  return result;
}

/** "2.31× (2.10–2.60×)" */
export function ratioSpread(ratios: number[]): string {
  const f = (r: number) => `${r.toFixed(2)}×`;
  if (ratios.length < 2) return f(ratios[0] ?? NaN);
  return `${f(median(ratios))} (${f(Math.min(...ratios))}–${f(Math.max(...ratios))} pair by pair)`;
}

/** The built CLI (`npm run build`): `node bin/plenary.js`, which runs dist/. Throws when it is not built. */
export function plenary(root: string, db: string, args: string[], label: string): Command {
  return {
    label,
    file: process.execPath,
    args: [path.join(root, "bin/plenary.js"), "--db", db, ...args],
    cwd: root,
  };
}

/** Checks that dist/ is built and warns when a source file is newer than it (the figures would be stale). */
export function requireBuild(root: string): void {
  const main = path.join(root, "dist/app/main.js");
  if (!existsSync(main))
    throw new Error("dist/ is not built: run `npm run build` first (bin/plenary.js runs dist/).");
  const built = statSync(main).mtimeMs;
  const newer = (dir: string): string | null => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = newer(file);
        if (found) return found;
      } else if (
        /\.ts$/.test(entry.name) &&
        !/\.test\.ts$/.test(entry.name) &&
        statSync(file).mtimeMs > built
      )
        return file;
    }
    return null;
  };
  const stale = newer(path.join(root, "src"));
  if (stale)
    console.warn(
      `*** ${path.relative(root, stale)} is newer than dist/: run \`npm run build\` so the figures measure the current code. ***`,
    );
}
