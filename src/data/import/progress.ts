/**
 * Progress lines for long imports and downloads, redrawn in place on a terminal (stderr): rows, rate
 * and elapsed time for an import; bytes, rate and ETA for a download. Callers create them only when
 * stderr is a TTY and output is not --json, so pipes and logs stay clean. Filling a new store from the
 * bundle is the one exception: it says so in two plain lines anywhere, since it makes a first start slow.
 */
import path from "node:path";
import type { BundleProgress } from "../bundle/load.js";
import type { ImportProgress } from "./context.js";

export interface ProgressStream {
  write(text: string): unknown;
  columns?: number;
}

const UNITS = ["B", "kB", "MB", "GB"];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

const count = (n: number) => n.toLocaleString("en-US");

export interface ProgressLine<T> {
  update(value: T): void;
  /** Clears the line. */
  done(): void;
}

/** A line redrawn in place (other commands' progress lines use it too). */
export function line(stream: ProgressStream): { draw(text: string): void; clear(): void } {
  let drawn = false;
  return {
    draw(text: string) {
      const width = Math.max(20, (stream.columns ?? 100) - 1);
      stream.write(`\r${text.length > width ? text.slice(0, width) : text.padEnd(width)}`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write(`\r${" ".repeat(Math.max(20, (stream.columns ?? 100) - 1))}\r`);
      drawn = false;
    },
  };
}

/** `[=====>    ]` */
export function bar(fraction: number, width = 24): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${"=".repeat(filled)}${filled < width ? ">" : ""}${" ".repeat(Math.max(0, width - filled - 1))}]`;
}

/** `importing un_votes.csv.gz [=====>   ] 41%  361,020 rows  210,312 rows/s  1.7 s` */
export function importProgressLine(stream: ProgressStream): ProgressLine<ImportProgress> {
  const out = line(stream);
  return {
    update(p) {
      const fraction = p.bytesTotal ? p.bytesRead / p.bytesTotal : 0;
      const rate = p.elapsedMs > 0 ? Math.round((p.rows / p.elapsedMs) * 1000) : 0;
      out.draw(
        `importing ${path.basename(p.file)} ${bar(fraction)} ${Math.round(fraction * 100)}%  ${count(p.rows)} rows  ${count(rate)} rows/s  ${count(p.rollCalls)} roll calls  ${formatDuration(p.elapsedMs)}`,
      );
    },
    done: () => out.clear(),
  };
}

export interface DownloadProgress {
  name: string;
  /** Bytes of the file we have (resumed bytes included). */
  bytes: number;
  /** The whole file's size, when the server says. */
  total: number | null;
  /** Bytes received in this download (for the rate). */
  received: number;
  elapsedMs: number;
  /** When a run downloads several files: this one's place (from 1) and how many there are. */
  index?: number;
  count?: number;
}

/** `downloading ga_voting.csv [=====>  ] 41%  148.2 MB / 361.0 MB  12.1 MB/s  ETA 17 s` */
export function downloadProgressLine(stream: ProgressStream): ProgressLine<DownloadProgress> {
  const out = line(stream);
  let last = 0;
  return {
    update(p) {
      // At most ten redraws a second, and the last one.
      const now = Date.now();
      if (now - last < 100 && p.bytes !== p.total) return;
      last = now;
      const rate = p.elapsedMs > 0 ? (p.received / p.elapsedMs) * 1000 : 0;
      const parts = [`downloading ${p.name}${p.count ? ` (${p.index ?? 0}/${p.count})` : ""}`];
      if (p.total) {
        const fraction = p.bytes / p.total;
        parts.push(
          `${bar(fraction)} ${Math.round(fraction * 100)}%`,
          `${formatBytes(p.bytes)} / ${formatBytes(p.total)}`,
        );
      } else {
        parts.push(formatBytes(p.bytes));
      }
      parts.push(`${formatBytes(rate)}/s`);
      if (p.total && rate > 0) parts.push(`ETA ${formatDuration(((p.total - p.bytes) / rate) * 1000)}`);
      out.draw(parts.join("  "));
    },
    done: () => out.clear(),
  };
}

const years = (p: BundleProgress) => `${p.firstDate.slice(0, 4)}–${p.lastDate.slice(0, 4)}`;

/**
 * Filling a store from the bundle: on a terminal a bar redrawn in place (`loading the whole record
 * [=====>   ] 41%  4,160 / 10,163 roll calls  1.9 s`); elsewhere (`plain`) a line when it starts and one
 * when it is done, so a log shows why the first start took seconds.
 */
export function bundleProgress(stream: ProgressStream & { isTTY?: boolean }, plain: boolean) {
  const out = line(stream);
  const tty = stream.isTTY === true;
  return (p: BundleProgress): void => {
    if (p.stage === "start" && (plain || tty)) {
      stream.write(`Loading the whole record (${years(p)}, ${count(p.total)} roll calls) from the bundle…\n`);
    } else if (p.stage === "write" && tty) {
      const fraction = p.total ? p.rollCalls / p.total : 0;
      out.draw(
        `loading the whole record ${bar(fraction)} ${Math.round(fraction * 100)}%  ${count(p.rollCalls)} / ${count(p.total)} roll calls  ${count(p.votes)} votes  ${formatDuration(p.elapsedMs)}`,
      );
    } else if (p.stage === "done") {
      out.clear();
      if (plain || tty) {
        stream.write(
          `Loaded ${count(p.rollCalls)} roll calls and ${count(p.votes)} votes in ${formatDuration(p.elapsedMs)}.\n`,
        );
      }
    }
  };
}
