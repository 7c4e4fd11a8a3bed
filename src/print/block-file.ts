/**
 * A block as a file (`.part`, published beside a paper and the pack's own pages): what lets a later
 * build put a reused part into its pack without parsing its PDF. The first line only says what the file
 * is; whether a block may be used is decided by the manifest's key, which includes the code that wrote it
 * (publish/keys.ts), not by a version written here.
 */
import type { PartBlock } from './blocks.js';

const MAGIC = Buffer.from('committee-papers pack part 1\n', 'latin1');

/** A block as a file: a line saying what it is, the length of its JSON, its JSON, its streams' bytes. */
export function encodeBlock(block: PartBlock): Buffer {
  const { data, ...rest } = block;
  const json = Buffer.from(JSON.stringify(rest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json, data]);
}

/** The block in a file `encodeBlock` wrote, or undefined if it is not one (then the part is made from its PDF). */
export function decodeBlock(bytes: Uint8Array): PartBlock | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < MAGIC.length + 4 || !b.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const length = b.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (start + length > b.length) return undefined;
  try {
    const rest = JSON.parse(b.subarray(start, start + length).toString('utf8')) as Omit<PartBlock, 'data'>;
    if (!Array.isArray(rest.objects) || typeof rest.pages !== 'number') return undefined;
    return { ...rest, data: b.subarray(start + length) };
  } catch {
    return undefined;
  }
}
