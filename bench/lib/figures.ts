/**
 * The figures a benchmark hands to the report (`npm run bench:report`, bench/report.ts): each one line
 * of the Performance table (docs/performance.md), with what was timed, the target, the peer measured in the same
 * run, and the command that measures it. Every benchmark writes them into its bench/out/*.json.
 */
export interface Figure {
  /** What the user or the code does, and what exactly is timed. */
  what: string;
  /** The figure as shown (e.g. "1.23 s (1.1–1.4 s)"). */
  figure: string;
  target?: string;
  /** Whether the target was met (absent without a target). */
  ok?: boolean;
  /** The peer, measured in the same run, and the ratio. */
  peer?: string;
  /** The command that measures it. */
  command: string;
}

export interface Conditions {
  measuredAt: string;
  cpus: number;
  node: string;
  loadAverage: number[];
}

import os from "node:os";

export function conditions(): Conditions {
  return {
    measuredAt: new Date().toISOString(),
    cpus: os.cpus().length,
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${Math.round(ms).toLocaleString("en")} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

/** "1.23 s (1.10–1.40 s, 5 runs)" */
export function spread(samples: number[]): string {
  if (samples.length < 2) return formatMs(samples[0] ?? NaN);
  return `${formatMs(median(samples))} (${formatMs(Math.min(...samples))}–${formatMs(Math.max(...samples))}, median of ${samples.length})`;
}
