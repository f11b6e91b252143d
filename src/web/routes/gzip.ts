/**
 * Gzip for pages whose large middle is cached and whose edges change per request (the layout around a
 * page body carries the reader's context and a CSRF token).
 *
 * A deflate stream may be cut into pieces compressed independently, as long as every piece but the last
 * ends on a byte boundary without a final block — which a sync flush gives. So the body is deflated once
 * (sync-flushed) and kept; per request only the few hundred bytes of layout before and after it are
 * deflated, and the gzip header, the three pieces and the trailer (CRC-32 and length of the whole) are
 * joined. The result is one ordinary gzip member: every client reads it.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);

/** CRC-32 continued over `data` (Node 20's crc32 returns 0 for an empty buffer after a large start value). */
function crcOf(data: Buffer, start: number): number {
  return data.length === 0 ? start : crc32(data, start);
}

/** A middle piece: raw deflate ending with a sync flush, with the CRC of its plain bytes. */
export interface DeflatedPiece {
  plain: Buffer;
  deflated: Buffer;
}

export function deflatePiece(plain: Buffer, level = 6): DeflatedPiece {
  return { plain, deflated: deflateRawSync(plain, { level, finishFlush: constants.Z_SYNC_FLUSH }) };
}

/** gzip(before + middle + after), with `middle` deflated beforehand. */
export function gzipAround(before: Buffer, middle: DeflatedPiece, after: Buffer): Buffer {
  return gzipJoin([before, middle, after]);
}

/**
 * gzip of the pieces joined: deflated pieces as they were made, plain ones (made per request) deflated
 * here — sync-flushed, but for the last, which ends the stream (a last piece must be plain).
 */
export function gzipJoin(pieces: readonly (Buffer | DeflatedPiece)[]): Buffer {
  const out: Buffer[] = [HEADER];
  let crc = 0;
  let length = 0;
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    if (Buffer.isBuffer(piece)) {
      out.push(deflateRawSync(piece, { level: 6, ...(last ? {} : { finishFlush: constants.Z_SYNC_FLUSH }) }));
      crc = crcOf(piece, crc);
      length += piece.length;
    } else {
      if (last) throw new Error("the last piece of a gzip stream must be plain");
      out.push(piece.deflated);
      crc = crcOf(piece.plain, crc);
      length += piece.plain.length;
    }
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  out.push(trailer);
  return Buffer.concat(out);
}
