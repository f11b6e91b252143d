/**
 * Reading an input file as text, streaming: plain or gzip (told by its first bytes, not its name),
 * UTF-8 with or without a byte-order mark, in large chunks, counting the bytes read from disk so a
 * progress display can say how far it is. A truncated or corrupt gzip stream becomes a BAD_FILE error.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { createGunzip, type ZlibOptions } from "node:zlib";
import { PlenaryError } from "../../core/errors.js";

/**
 * Text comes in chunks of 64 KB: each chunk's string then lives in V8's young generation and dies there
 * (a megabyte string goes straight to the old generation, and a streamed file would pile them up there
 * between full collections).
 */
const CHUNK = 1 << 16;

export interface TextInput {
  file: string;
  /** Size on disk (compressed size for gzip). */
  size: number;
  gzip: boolean;
  /** Bytes read from disk so far. */
  bytesRead(): number;
  /** The text, chunk by chunk. */
  chunks(): AsyncGenerator<string>;
}

/** The first bytes of a file (decompressed when it is gzip), for format detection. */
export function peekText(file: string, bytes = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = openTextInput(file);
    let text = "";
    const iterator = input.chunks();
    const step = (): void => {
      iterator.next().then(
        (result) => {
          if (!result.done) text += result.value;
          if (result.done || text.length >= bytes) {
            void iterator.return(undefined);
            resolve(text);
          } else {
            step();
          }
        },
        (error: unknown) => {
          // A short or damaged file still has a readable beginning to detect its format from.
          if (text) resolve(text);
          else reject(error);
        },
      );
    };
    step();
  });
}

export function isGzipFile(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(2);
    const n = readSync(fd, head, 0, 2, 0);
    return n === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

export function openTextInput(file: string): TextInput {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error("not a file");
    size = stat.size;
  } catch (error) {
    throw new PlenaryError("BAD_INPUT", `Cannot read ${file}: ${(error as Error).message}.`, {
      file,
      help: "Give the path of a file (or of the unvotes folder) that exists.",
      cause: error,
    });
  }
  const gzip = size >= 2 && isGzipFile(file);
  let bytesRead = 0;
  return {
    file,
    size,
    gzip,
    bytesRead: () => bytesRead,
    async *chunks() {
      const raw = createReadStream(file, { highWaterMark: gzip ? 16 * CHUNK : CHUNK });
      raw.on("data", (chunk: Buffer | string) => {
        bytesRead += chunk.length;
      });
      // Decompress ahead (zlib streams pass highWaterMark on to their Transform): parsing need not wait.
      const stream = gzip
        ? raw.pipe(createGunzip({ chunkSize: CHUNK, highWaterMark: 32 * CHUNK } as ZlibOptions))
        : raw;
      if (gzip) raw.on("error", (error) => stream.destroy(error));
      const decoder = new StringDecoder("utf8");
      let first = true;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          let text = decoder.write(chunk);
          if (first && text) {
            if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
            first = false;
          }
          if (text) yield text;
        }
      } catch (error) {
        const reason = (error as Error).message;
        throw new PlenaryError(
          "BAD_FILE",
          gzip ? `${file} is not a complete gzip file (${reason}).` : `Cannot read ${file}: ${reason}.`,
          {
            file,
            help: gzip ? "The download may have been cut short: fetch the file again." : undefined,
            cause: error,
          },
        );
      } finally {
        raw.destroy();
      }
      const rest = decoder.end();
      if (rest) yield rest;
    },
  };
}
