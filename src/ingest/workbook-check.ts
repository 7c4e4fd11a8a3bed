/**
 * A workbook is checked before any of it is parsed: an .xlsx is a zip of XML parts, and a zip can be
 * built to inflate to gigabytes from a few hundred kilobytes, to lie about its sizes, or to carry macros
 * and links to other files. Nothing here runs or follows anything; it reads the zip's directory (and
 * inflates only the small relationship parts of external links, to name them).
 *
 * Policy
 * - Inflated size: the parts' declared sizes must add up to at most `limits.maxInflatedBytes` (TooLarge).
 *   No part may inflate past the size it declares: every part the reader opens is inflated by yauzl with
 *   its size checked as it goes (workbook-parts.ts), and one that overflows is refused naming the part
 *   (SourceUnreadable, see `markOverflow` and `unreadablePart`). Parts the reader never opens (another sheet, a drawing) are
 *   never inflated at all, so the inflated total is bounded whatever the file claims. Inflating every
 *   part here as well cost a quarter of a second on a 50,000-row tracker, for the same guarantee.
 * - Macros (xl/vbaProject.bin, or .xlsm) are refused (WorkbookHasMacros): they are never run, but a
 *   committee paper's figures should come from a plain workbook anyone can open safely.
 * - External links (xl/externalLinks/…) are refused (WorkbookLinksOut), naming the linked file: a figure
 *   whose value lives in another workbook cannot be traced to its cell.
 * - A password-protected workbook (an encrypted package, which is an OLE file, not a zip) and an
 *   old-format .xls are told apart and each named.
 */
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { PapersError, problem, type Problem } from '../errors.js';
import { sizeText, type Limits } from './limits.js';
import type { SourceHandle } from './text.js';

/** The whole file; its SHA-256 kept on the handle (sha256Of then needs no second pass). */
async function allBytes(handle: SourceHandle): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of handle.open()) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  handle.sha256 = createHash('sha256').update(bytes).digest('hex');
  return bytes;
}

const ENCRYPTED = Buffer.from('EncryptedPackage', 'utf16le');

/** An OLE (compound file) workbook: password-protected .xlsx, or an old .xls. */
export async function describeOleWorkbook(handle: SourceHandle): Promise<Problem> {
  const bytes = await allBytes(handle);
  const file = { file: handle.display };
  if (bytes.includes(ENCRYPTED)) {
    return problem('SourceUnreadable', { reason: 'it is password-protected (encrypted)', expected: 'an unprotected Excel workbook (.xlsx): open it in Excel, remove the password (File › Info › Protect Workbook) and save it' }, file);
  }
  return problem('SourceUnreadable', { reason: 'it is an old-format .xls workbook (or another OLE file) named .xlsx', expected: 'an Excel workbook (.xlsx): open it and "Save As" Excel Workbook (.xlsx)' }, file);
}

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err ? reject(err) : resolve(zip)));
  });
}

function entries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const all: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      all.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(all));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Inflates one small part (its size checked against what it declares) as text. */
function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(markOverflow(err, entry));
      const kept: Buffer[] = [];
      stream.on('data', (c: Buffer) => kept.push(c));
      stream.on('end', () => resolve(Buffer.concat(kept).toString('utf8')));
      stream.on('error', (e) => reject(markOverflow(e, entry)));
    });
  });
}

/** Where a part inflated past the size it declares (yauzl's check), which part and what it declared. */
const overflows = new WeakMap<Error, { part: string; declared: number }>();

/** Marks yauzl's "too many bytes" error with its part; returns the error. */
export function markOverflow(e: Error, entry: yauzl.Entry): Error {
  if (/too many bytes/i.test(e.message)) overflows.set(e, { part: entry.fileName, declared: entry.uncompressedSize });
  return e;
}

/** The problem for an error met while inflating a workbook's part: its overflow, or damage. */
export function unreadablePart(e: unknown, where: { file: string; sheet?: string }): Problem {
  const over = e instanceof Error ? overflows.get(e) : undefined;
  if (over) {
    return problem('SourceUnreadable', { reason: `its part ${over.part} inflates past the ${sizeText(over.declared)} it declares (a damaged file, or one built to exhaust memory)`, expected: 'an Excel workbook (.xlsx) saved by a spreadsheet program' }, { file: where.file });
  }
  return problem('SourceUnreadable', { reason: `the workbook is damaged or incomplete: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, expected: 'an Excel workbook (.xlsx) saved in full' }, where);
}

/**
 * Throws PapersError when the workbook must not be read; otherwise returns its bytes, which the reader
 * then parses (the file is read from disk once; workbook-parts.ts).
 */
export async function checkWorkbook(handle: SourceHandle, limits: Limits): Promise<Buffer> {
  const where = { file: handle.display };
  const fail = (p: Problem): never => {
    throw new PapersError([p]);
  };
  const damaged = (e: unknown): never => fail(unreadablePart(e, where));
  const bytes = await allBytes(handle);
  let zip: yauzl.ZipFile;
  let parts: yauzl.Entry[];
  try {
    zip = await openZip(bytes);
    parts = await entries(zip);
  } catch (e) {
    return damaged(e);
  }
  try {
    const names = parts.map((p) => p.fileName);
    if (!names.includes('[Content_Types].xml') || !names.some((n) => /^xl\/workbook\.xml$/i.test(n))) {
      fail(problem('SourceUnreadable', { reason: 'it is a zip file but not an Excel workbook (it has no xl/workbook.xml)', expected: 'an Excel workbook (.xlsx)' }, where));
    }
    if (names.some((n) => /^xl\/vbaProject\.bin$/i.test(n)) || /\.xlsm$/i.test(handle.display)) {
      fail(problem('WorkbookHasMacros', {}, where));
    }
    if (parts.some((p) => (p.generalPurposeBitFlag & 1) !== 0)) {
      fail(problem('SourceUnreadable', { reason: 'its parts are encrypted', expected: 'an unprotected Excel workbook (.xlsx)' }, where));
    }
    const declared = parts.reduce((a, p) => a + p.uncompressedSize, 0);
    if (declared > limits.maxInflatedBytes) {
      fail(problem('TooLarge', { what: `a workbook whose parts inflate to ${sizeText(declared)}`, limit: sizeText(limits.maxInflatedBytes), setting: 'limits.maxInflatedBytes' }, where));
    }
    const links: string[] = [];
    for (const part of parts) {
      if (!/^xl\/externalLinks\/_rels\/.+\.rels$/i.test(part.fileName) || part.uncompressedSize >= 64 * 1024) continue;
      let text: string;
      try {
        text = await inflate(zip, part);
      } catch (e) {
        return damaged(e);
      }
      for (const m of text.matchAll(/Target="([^"]*)"/g)) links.push(m[1]!.replace(/&amp;/g, '&'));
    }
    if (names.some((n) => /^xl\/externalLinks\//i.test(n))) {
      fail(problem('WorkbookLinksOut', { targets: links.length > 0 ? [...new Set(links)] : ['another workbook'] }, where));
    }
  } finally {
    zip.close();
  }
  return bytes;
}
