/**
 * Reading a table out of a workbook sheet or a CSV file, row by row (streamed), as a person sees it.
 *
 * Policy
 * - Both kinds stream: exceljs's streaming reader for .xlsx (styles cached so fills and date cells
 *   come through), csv-parse for .csv. Memory grows with what the caller keeps, not with the file.
 * - Every cell keeps its address: `Sheet!D14` for a workbook, `D14` for a CSV (as Excel would show it).
 * - The header row is *found*: the first row, within the first `scanRows`, holding the key column and
 *   at least one other known column. Headers match by text, ignoring case, spaces and punctuation,
 *   against each column's aliases. A second header row just below, naming months under a merged
 *   heading ("NEXT KEY MILESTONES" over "March | April"), is read as a person reads it.
 * - A file that cannot be opened, is password-protected, is too large or has too many rows is a user
 *   problem with a clear message, never a crash.
 */
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { PapersError, problem, type Location } from '../errors.js';
import { headerKey, monthOfHeader, tidy } from '../model/index.js';
import { decodedStream, headBytes, type SourceHandle } from './text.js';

export interface TableCell {
  /** A1 address within its sheet (or CSV). */
  address: string;
  /** The text a person sees: rich text flattened, formulas by their cached result, dates dd/mm/yyyy. */
  text: string;
  /** The raw value: number, string, boolean, Date, or null. */
  value: number | string | boolean | Date | null;
  /** The cell's solid fill as RRGGBB, when it has one. */
  fill?: string;
}

export interface TableRow {
  /** 1-based row (or CSV line) number. */
  number: number;
  /** Cells by 1-based column number; empty cells are absent. */
  cells: Map<number, TableCell>;
}

export interface ColumnSpec {
  aliases: readonly string[];
  required: boolean;
}

export type Columns<F extends string> = Record<F, ColumnSpec>;

export interface Limits {
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** Most data rows read from one table. */
  maxRows: number;
}

export const DEFAULT_LIMITS: Limits = { maxBytes: 50 * 1024 * 1024, maxRows: 1_000_000 };

export interface TableSource {
  handle: SourceHandle;
  /** Sheet to read (workbooks only); default the first. */
  sheet?: string | undefined;
  limits?: Limits;
}

export interface HeaderLayout<F extends string> {
  headerRow: number;
  /** Column number of each field found. */
  columns: Partial<Record<F, number>>;
  /** Month columns (milestones), in sheet order. */
  months: { month: string; col: number }[];
  /** The header texts found, for messages. */
  found: string[];
  /** The header row's span, e.g. `A4:G4`. */
  span: string;
}

export interface OpenTable<F extends string> {
  sheet: string | undefined;
  layout: HeaderLayout<F>;
  /** Rows above the header (titles), in order. */
  above: TableRow[];
  /** The data rows after the header, streamed. */
  rows: AsyncIterable<TableRow>;
  at(address: string): Location;
}

const HEADER_SCAN_ROWS = 30;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function isWorkbookName(file: string): boolean {
  return /\.xls[xm]$/i.test(file);
}

/** Column number (1-based) → letters. */
export function columnName(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "812 bytes", "11.9 KB", "52.3 MB". */
export function sizeText(n: number): string {
  if (n < 10 * 1024) return `${n.toLocaleString('en-GB')} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1048576).toFixed(1)} MB`;
}

function checkSize(src: TableSource, expected: string): void {
  const limits = src.limits ?? DEFAULT_LIMITS;
  const { size, display } = src.handle;
  if (size > limits.maxBytes) {
    throw new PapersError([problem('TooLarge', { what: sizeText(size), limit: sizeText(limits.maxBytes), setting: 'limits.maxBytes' }, { file: display })]);
  }
  if (size === 0) {
    throw new PapersError([problem('SourceUnreadable', { reason: 'the file is empty', expected }, { file: display })]);
  }
}

/** Open a table from a workbook or CSV, find its header, and stream its rows. */
export async function openTable<F extends string>(
  src: TableSource,
  spec: Columns<F>,
  key: F,
  describe: (f: F) => string,
): Promise<OpenTable<F>> {
  const workbook = isWorkbookName(src.handle.display);
  checkSize(src, workbook ? 'an Excel workbook (.xlsx)' : 'a CSV file');
  const opened = workbook ? await openWorkbookRows(src) : { sheet: undefined, rows: csvRows(src) };
  const iterator = opened.rows[Symbol.asyncIterator]();
  const at = (address: string): Location =>
    opened.sheet !== undefined ? { file: src.handle.display, sheet: opened.sheet, cell: address } : { file: src.handle.display, cell: address };

  // Buffer the first rows to find the header.
  const head: TableRow[] = [];
  let done = false;
  while (head.length < HEADER_SCAN_ROWS + 1) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
  }
  if (head.length === 0) {
    throw new PapersError([
      problem('SourceUnreadable', { reason: opened.sheet !== undefined ? `sheet "${opened.sheet}" is empty` : 'the file holds no rows', expected: 'a table with a header row' }, { file: src.handle.display, ...(opened.sheet !== undefined ? { sheet: opened.sheet } : {}) }),
    ]);
  }
  const found = findHeader(head, spec, key);
  if (!found) {
    const expected = `a ${describe(key)} column (${spec[key].aliases.join(', ')}) and at least one other known column`;
    throw new PapersError([
      problem('HeaderNotFound', { expected, scanned: Math.min(head.length, HEADER_SCAN_ROWS) }, { file: src.handle.display, ...(opened.sheet !== undefined ? { sheet: opened.sheet } : {}) }),
    ]);
  }
  const { layout, index, skip } = found;
  const missing = (Object.keys(spec) as F[]).filter((f) => spec[f].required && layout.columns[f] === undefined);
  if (missing.length > 0) {
    throw new PapersError(
      missing.map((f) =>
        problem('ColumnMissing', { column: describe(f), aliases: [...spec[f].aliases], found: layout.found }, at(layout.span)),
      ),
    );
  }
  const limits = src.limits ?? DEFAULT_LIMITS;
  const rest = head.slice(index + 1 + skip);
  const above = head.slice(0, index);
  async function* rows(): AsyncIterable<TableRow> {
    let n = 0;
    const count = (row: TableRow): void => {
      n += 1;
      if (n > limits.maxRows) {
        throw new PapersError([
          problem('TooLarge', { what: `more than ${limits.maxRows.toLocaleString('en-GB')} rows`, limit: `${limits.maxRows.toLocaleString('en-GB')} rows`, setting: 'limits.maxRows' }, at(`A${row.number}`)),
        ]);
      }
    };
    for (const row of rest) {
      count(row);
      yield row;
    }
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      count(next.value);
      yield next.value;
    }
  }
  return { sheet: opened.sheet, layout, above, rows: rows(), at };
}

function findHeader<F extends string>(
  head: TableRow[],
  spec: Columns<F>,
  key: F,
): { layout: HeaderLayout<F>; index: number; skip: number } | undefined {
  const keys = Object.fromEntries(
    (Object.keys(spec) as F[]).map((f) => [f, new Set(spec[f].aliases.map(headerKey))]),
  ) as Record<F, Set<string>>;
  const match = (text: string): F | undefined => {
    const k = headerKey(text);
    if (k === '') return undefined;
    return (Object.keys(keys) as F[]).find((f) => keys[f].has(k));
  };
  for (let i = 0; i < Math.min(head.length, HEADER_SCAN_ROWS); i++) {
    const row = head[i]!;
    const columns: Partial<Record<F, number>> = {};
    const cells = [...row.cells.entries()].filter(([, c]) => c.text !== '').sort((a, b) => a[0] - b[0]);
    for (const [col, cell] of cells) {
      const f = match(cell.text);
      if (f !== undefined && columns[f] === undefined) columns[f] = col;
    }
    if (columns[key] === undefined || Object.keys(columns).length < 2) continue;

    let months = cells
      .filter(([, c]) => match(c.text) === undefined)
      .map(([col, c]) => ({ col, month: monthOfHeader(c.text) }))
      .filter((m): m is { col: number; month: string } => m.month !== undefined);
    let skip = 0;
    const below = head[i + 1];
    if (below) {
      const texts = [...below.cells.entries()].filter(([, c]) => c.text !== '');
      const belowMonths = texts
        .map(([col, c]) => ({ col, month: monthOfHeader(c.text) }))
        .filter((m): m is { col: number; month: string } => m.month !== undefined);
      if (belowMonths.length > 0 && belowMonths.length === texts.length) {
        months = belowMonths.sort((a, b) => a.col - b.col);
        skip = 1;
      }
    }
    const first = cells[0]![1].address;
    const last = cells[cells.length - 1]![1].address;
    return {
      layout: { headerRow: row.number, columns, months, found: cells.map(([, c]) => tidy(c.text)), span: `${first}:${last}` },
      index: i,
      skip,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Workbooks

async function openWorkbookRows(src: TableSource): Promise<{ sheet: string; rows: AsyncIterable<TableRow> }> {
  const bytes = await headBytes(src.handle, 8);
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    throw new PapersError([
      problem('SourceUnreadable', { reason: 'it is password-protected, or an old-format .xls workbook', expected: 'an unprotected Excel workbook (.xlsx): open it, remove the password or "Save As" .xlsx' }, { file: src.handle.display }),
    ]);
  }
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new PapersError([
      problem('SourceUnreadable', { reason: 'it is not a zip-based workbook', expected: 'an Excel workbook (.xlsx)' }, { file: src.handle.display }),
    ]);
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(src.handle.open(), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const damaged = (e: unknown): PapersError =>
    new PapersError([
      problem('SourceUnreadable', { reason: `the workbook is damaged or incomplete: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, expected: 'an Excel workbook (.xlsx) saved in full' }, { file: src.handle.display }),
    ]);
  const wanted = src.sheet?.trim().toLowerCase();
  const seen: string[] = [];
  const sheets = reader[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
    try {
      next = await sheets.next();
    } catch (e) {
      throw damaged(e);
    }
    if (next.done) break;
    const ws = next.value as ExcelJS.stream.xlsx.WorksheetReader & { name: string };
    seen.push(ws.name);
    if (wanted !== undefined && ws.name.trim().toLowerCase() !== wanted) {
      // Skip this sheet's rows (the reader must consume them to move on).
      try {
        for await (const _ of ws) void _;
      } catch (e) {
        throw damaged(e);
      }
      continue;
    }
    const name = ws.name;
    async function* rows(): AsyncIterable<TableRow> {
      try {
        for await (const row of ws) yield toTableRow(row as ExcelJS.Row, name);
      } catch (e) {
        if (e instanceof PapersError) throw e;
        throw damaged(e);
      }
    }
    return { sheet: name, rows: rows() };
  }
  throw new PapersError([
    problem('SheetNotFound', { sheet: src.sheet ?? '(any)', sheets: seen }, { file: src.handle.display }),
  ]);
}

function toTableRow(row: ExcelJS.Row, _sheet: string): TableRow {
  const cells = new Map<number, TableCell>();
  // includeEmpty: a cell with no value may still carry a fill (a colour-only RAG).
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    const value = plainValue(cell.value);
    const text = tidy(textOf(value));
    const fill = fillOf(cell);
    if (text === '' && fill === undefined) return;
    cells.set(col, { address: `${columnName(col)}${row.number}`, text, value, ...(fill ? { fill } : {}) });
  });
  return { number: row.number, cells };
}

/** Formula cells by their cached result, rich text as plain text, hyperlinks by their text. */
function plainValue(v: ExcelJS.CellValue): TableCell['value'] {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

function textOf(v: TableCell['value']): string {
  if (v === null) return '';
  if (v instanceof Date) {
    return `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
  }
  return String(v);
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return undefined;
  const argb = fill.fgColor?.argb;
  return typeof argb === 'string' && /^[0-9a-f]{8}$/i.test(argb) ? argb.slice(2).toUpperCase() : undefined;
}

// ---------------------------------------------------------------------------------------------
// CSV

async function* csvRows(src: TableSource): AsyncIterable<TableRow> {
  const text = await decodedStream(src.handle, src.handle.open());
  const parser = text.pipe(parseCsv({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = new Map<number, TableCell>();
      const line = info.lines;
      record.forEach((raw, i) => {
        const text = tidy(raw);
        if (text !== '') cells.set(i + 1, { address: `${columnName(i + 1)}${line}`, text, value: raw });
      });
      yield { number: line, cells };
    }
  } catch (e) {
    if (e instanceof PapersError) throw e;
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new PapersError([problem('SourceUnreadable', { reason, expected: 'a CSV file' }, { file: src.handle.display })]);
  }
}
