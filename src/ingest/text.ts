/**
 * Source files as handles that can be opened as streams (more than once: to sniff, to read, to hash).
 *
 * Policy: text is UTF-8 (a byte-order mark is dropped). A file whose first megabyte is not valid UTF-8
 * is read as Windows-1252, what Excel writes for "CSV" on a UK desktop; table.ts decodes the stream.
 * (Node 20's own TextDecoder reads the windows-1252 label as Latin-1, losing “ ” – €; iconv-lite
 * decodes it correctly.)
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';

/** A source file that can be opened (more than once) as a stream. */
export interface SourceHandle {
  /** The path as users see it (relative to the working directory). */
  display: string;
  size: number;
  open(): Readable;
  /**
   * The SHA-256 of the bytes, once a reader has read them all (the CSV parser, the workbook check):
   * then `sha256Of` need not read the file a second time. Set only from a read that reached the end.
   */
  sha256?: string;
}

export function handleFromBytes(bytes: Buffer, display: string): SourceHandle {
  return { display, size: bytes.length, open: () => Readable.from([bytes]) };
}

export async function handleFromPath(path: string, display: string): Promise<SourceHandle> {
  const s = await stat(path);
  if (!s.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' });
  return { display, size: s.size, open: () => createReadStream(path, { highWaterMark: 64 * 1024 }) };
}

/** The first `n` bytes of a source. */
export async function headBytes(src: SourceHandle, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  const stream = src.open();
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    got += chunk.length;
    if (got >= n) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, n);
}

/** SHA-256 of a source (provenance and the manifest): as hashed while it was read, else in a pass of its own. */
export async function sha256Of(src: SourceHandle): Promise<string> {
  if (src.sha256 !== undefined) return src.sha256;
  const hash = createHash('sha256');
  for await (const chunk of src.open() as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** True when `bytes` is valid UTF-8, allowing a character cut off at the very end. */
export function looksUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Whole-buffer decoding, for small files already in memory. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'win1252');
  }
}
