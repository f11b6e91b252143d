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
  const head = deflateRawSync(before, { level: 6, finishFlush: constants.Z_SYNC_FLUSH });
  const tail = deflateRawSync(after, { level: 6 });
  const crc = crcOf(after, crcOf(middle.plain, crcOf(before, 0)));
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((before.length + middle.plain.length + after.length) % 2 ** 32, 4);
  return Buffer.concat([HEADER, head, middle.deflated, tail, trailer]);
}
