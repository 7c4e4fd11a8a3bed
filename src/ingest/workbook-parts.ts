/**
 * Worksheets of a checked workbook, read through the zip's central directory.
 *
 * exceljs's own streaming reader walks the zip once, front to back, through unzipper. When a worksheet
 * comes before the parts it needs (xl/workbook.xml, the shared strings — exceljs writes workbook.xml
 * last, LibreOffice writes the shared strings after the sheet), it parks the sheet in a temporary file
 * and waits for the write; while it waits, unzipper drops the entries that follow, so exceljs then fails
 * with "Cannot read properties of undefined (reading 'sheets')", or reads the sheet without its text or
 * colours (exceljs #3064, #962; unzipper #234). How often depends on how slowly the temporary file is
 * created: with 30 ms of delay every read of data/sample/action-plan.xlsx failed, and CI's setup failed
 * on it right after `npm ci` had loaded the disk.
 *
 * Here the parts are opened by name from the bytes checkWorkbook already holds (yauzl, random access),
 * in the order they depend on each other: relationships, workbook, shared strings, styles, then the
 * worksheets in tab order, each inflated only if it is the one read (a big sheet before the tracker's
 * costs nothing). The parsing is still exceljs's (its sheet, string, style and row readers, streamed row
 * by row); only the walk over the zip is ours. Nothing touches the disk.
 *
 * exceljs's part readers are internal methods, so package.json pins exceljs to the exact version whose
 * methods these are (4.4.0); test/unit/ingest-spreadsheet-programs.test.ts reads workbooks from
 * exceljs, LibreOffice and with a slow temporary-file system through this.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { DEFAULT_THEME, themeColours } from './fills.js';
import { withoutFormulas, type SheetFindings } from './formula-cells.js';
import { notingStrikes, STRUCK_IN_PART, withoutPhoneticGuides, type SharedStringNotes } from './shared-strings.js';
import { markOverflow } from './workbook-check.js';

export type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader & {
  name: string;
  /**
   * What the sheet's XML showed as it streamed past, ahead of the rows read: the rows it hides, and the
   * formulas with no saved result (a reader that stops early still hears of them: rows.ts).
   */
  findings?: SheetFindings;
};

/** The parts of exceljs's WorkbookReader used here (exceljs 4.4.0, lib/stream/xlsx/workbook-reader.js). */
interface PartReaders {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
  /** The shared strings, in order: text, or `{ richText }` (the very object every cell using it gets). */
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(rows: AsyncIterable<unknown>, sheetNo: string): Iterable<{ eventType: string; value: WorksheetReader }>;
}

function open(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err ? reject(err) : resolve(zip)));
  });
}

function listParts(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const parts = new Map<string, yauzl.Entry>();
    zip.on('entry', (e: yauzl.Entry) => {
      parts.set(e.fileName.toLowerCase(), e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(parts));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** A small part (the theme: a few kilobytes), whole, as text. */
async function text(s: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A part's inflating stream; one that inflates past the size it declares fails marked (see markOverflow). */
function stream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => {
      if (err) return reject(markOverflow(err, entry));
      s.on('error', (e) => markOverflow(e, entry));
      resolve(s);
    }),
  );
}

/** How many characters of a part's end are kept to check that it closes its root element. */
const TAIL = 512;

/**
 * A part's chunks, passed on as they come, failing at the end if the XML stops before its root element
 * is closed. A part cut off between two rows (a file copied while it was written, a mail gateway that
 * clipped it, a zip rebuilt by a tool that gave up) is well-formed as far as it goes: the XML parser
 * meets no bad character, only the end, and reads the rows it has. Without this check such a workbook
 * was read without a word: action-plan.xlsx with its sheet cut in half gave 29 actions of 60.
 */
async function* whole(s: Readable, name: string): AsyncGenerator<Buffer> {
  let root: string | undefined;
  let head = '';
  let tail = '';
  let length = 0;
  for await (const chunk of s) {
    const c = chunk as Buffer;
    length += c.length;
    if (root === undefined && head.length < 4096) {
      head += c.toString('utf8', 0, Math.min(c.length, 4096));
      root = rootName(head);
    }
    tail = (tail + c.toString('latin1', Math.max(0, c.length - TAIL))).slice(-TAIL);
    yield c;
  }
  if (root === undefined) {
    if (length === 0) throw new Error(`its part ${name} is empty`);
    return; // not XML we know the start of: left to the parser
  }
  if (!new RegExp(`</${escapeRegExp(root)}\\s*>\\s*$`).test(tail)) {
    throw new Error(`its part ${name} stops before the end of its <${root}> (cut off after ${length.toLocaleString('en-GB')} bytes)`);
  }
}

/** The name of the document's first element (after the declaration, comments and whitespace), once it is seen. */
function rootName(head: string): string | undefined {
  const m = /^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)*<([A-Za-z_][\w.:-]*)[\s/>]/.exec(head);
  return m?.[1];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A relationship target (relative to xl/, or absolute from the package root) as a part name. */
function partName(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/').toLowerCase();
}

/** A worksheet of the workbook: its tab's name, and its rows when asked for (other sheets are never read). */
export interface WorksheetPart {
  name: string;
  /** The workbook's theme colours, for fills given as theme colours (see fills.ts). */
  theme: readonly string[];
  read(): Promise<WorksheetReader>;
}

/**
 * The workbook's worksheets, in tab order. Each is opened only when read, and should be read (if at all)
 * before the next is asked for. Errors (a damaged part) are exceljs's or yauzl's.
 */
export async function* worksheets(bytes: Buffer): AsyncGenerator<WorksheetPart> {
  const zip = await open(bytes);
  try {
    const parts = await listParts(zip);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, {
      sharedStrings: 'cache',
      styles: 'cache', // fills: colour-only RAG
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as PartReaders;
    const part = async (name: string): Promise<Readable | undefined> => {
      const entry = parts.get(name);
      return entry === undefined ? undefined : (Readable.from(whole(await stream(zip, entry), entry.fileName)) as Readable);
    };
    const rels = await part('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    const book = await part('xl/workbook.xml');
    if (book) await reader._parseWorkbook(book);
    // The shared strings without their phonetic guides, each with a run struck through marked (./shared-strings.ts).
    const stringsEntry = parts.get('xl/sharedstrings.xml');
    const notes: SharedStringNotes = { struck: new Set() };
    const strings = stringsEntry && (Readable.from(notingStrikes(withoutPhoneticGuides(whole(await stream(zip, stringsEntry), stringsEntry.fileName)), notes)) as Readable);
    if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;
    for (const i of notes.struck) {
      const value = reader.sharedStrings?.[i];
      if (typeof value === 'object' && value !== null) (value as { [STRUCK_IN_PART]?: true })[STRUCK_IN_PART] = true;
    }
    const styles = await part('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    const themePart = await part('xl/theme/theme1.xml');
    const theme = (themePart ? themeColours(await text(themePart)) : undefined) ?? DEFAULT_THEME;

    // Tab order, from the workbook's sheet list and its relationships; a workbook without them (not one
    // a spreadsheet program writes) falls back to the sheet parts in number order, as exceljs does.
    const targets = new Map((reader.workbookRels ?? []).map((r) => [r.Id, partName(r.Target)]));
    // Worksheets only: a chart sheet (xl/chartsheets/…) is a tab too, but holds no rows.
    let sheets = (reader.model?.sheets ?? [])
      .map((s) => ({ name: s.name as string | undefined, part: targets.get(s.rId) }))
      .filter((s): s is { name: string | undefined; part: string } => s.part?.startsWith('xl/worksheets/') === true && parts.has(s.part));
    if (sheets.length === 0) {
      sheets = [...parts.keys()]
        .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
        .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))
        .map((part) => ({ name: undefined, part }));
    }
    for (const [i, sheet] of sheets.entries()) {
      const sheetNo = /sheet(\d+)\.xml$/.exec(sheet.part)?.[1] ?? String(i + 1);
      const name = sheet.name ?? `Sheet${sheetNo}`;
      yield {
        name,
        theme,
        read: async () => {
          const entry = parts.get(sheet.part)!;
          const inflated = whole(await stream(zip, entry), entry.fileName);
          const found: SheetFindings = { cells: [], count: 0, hidden: new Set<number>() };
          const rows = Readable.from(withoutFormulas(inflated, found)) as Readable;
          const [ws] = [...reader._parseWorksheet(rows, sheetNo)].map((e) => e.value);
          ws!.name = name;
          ws!.findings = found;
          return ws!;
        },
      };
    }
  } finally {
    zip.close();
  }
}
