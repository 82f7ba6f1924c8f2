/**
 * A page kept in parts, with a piece of its own put between them on every response (a form page's anti-forgery
 * token), sent gzip-compressed without compressing anything per response. Each part is compressed once, when the
 * page is kept, into deflate blocks that end on a byte boundary (a sync flush), so that the parts and the pieces can
 * be laid end to end; a piece goes between them as a stored (uncompressed) block. Only the checksum is worked out per
 * response, over the page's bytes as sent.
 *
 * The piece is never compressed, nor compressed with the rest: what the response carries of a secret cannot be
 * guessed from its compressed length (BREACH). The format is RFC 1951 (deflate, §3.2.4 for stored blocks) inside
 * RFC 1952 (gzip), as any browser reads it.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { keptCopy } from './kept-bytes.ts';

/** A gzip member's header: deflate, no name, no time, from an unknown system. */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);
/** The most a stored block holds. */
const STORED_MAX = 0xffff;

export interface GzipParts {
  /** The parts as they are (the checksum runs over them). */
  parts: Buffer[];
  /** Each part as deflate blocks: the last one final, the others ending on a sync flush. */
  deflated: Buffer[];
  /** The checksum of the first part (the same on every response). */
  firstCrc: number;
}

/** Compresses each part once (at the level the kept pages use). */
export function gzipParts(parts: Buffer[]): GzipParts {
  const last = parts.length - 1;
  const deflated = parts.map((part, index) =>
    keptCopy(deflateRawSync(part, { level: 6, finishFlush: index === last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH })),
  );
  return { parts, deflated, firstCrc: crc32(parts[0] ?? Buffer.alloc(0)) };
}

/** A piece as stored blocks (not final): each a header byte, its length and that length's complement, then the bytes. */
function storedBlocks(piece: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  for (let start = 0; start < piece.length; start += STORED_MAX) {
    const bytes = piece.subarray(start, start + STORED_MAX);
    const head = Buffer.alloc(5);
    head.writeUInt16LE(bytes.length, 1);
    head.writeUInt16LE(~bytes.length & 0xffff, 3);
    blocks.push(head, bytes);
  }
  return blocks;
}

/** The gzip-compressed page with `piece` between each two parts. */
export function gzipFilled(kept: GzipParts, piece: Buffer): Buffer {
  const chunks: Buffer[] = [HEADER, kept.deflated[0] ?? Buffer.alloc(0)];
  const stored = storedBlocks(piece);
  let crc = kept.firstCrc;
  let size = kept.parts[0]?.length ?? 0;
  for (let index = 1; index < kept.parts.length; index++) {
    const part = kept.parts[index] as Buffer;
    chunks.push(...stored, kept.deflated[index] as Buffer);
    crc = crc32(part, crc32(piece, crc));
    size += piece.length + part.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  chunks.push(trailer);
  return Buffer.concat(chunks);
}
