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
import { PapersError, problem, type Location } from '../errors.js';
import { headerKey, monthOfHeader } from '../model/index.js';
import { DEFAULT_LIMITS, sizeText } from './limits.js';
import { csvBatches, openWorkbookRows, type TableRow, type TableSource } from './rows.js';

export type { CellValue, TableRow, TableSource } from './rows.js';

export interface ColumnSpec {
  aliases: readonly string[];
  required: boolean;
}

export type Columns<F extends string> = Record<F, ColumnSpec>;


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
  /** The data rows after the header, streamed in batches (one await a batch, not a row). */
  batches: AsyncIterable<TableRow[]>;
  at(address: string): Location;
}

const HEADER_SCAN_ROWS = 30;

export function isWorkbookName(file: string): boolean {
  return /\.xls[xm]$/i.test(file);
}

const LETTERS: string[] = [];

/** Column number (1-based) → letters. */
export function columnName(col: number): string {
  const known = LETTERS[col];
  if (known !== undefined) return known;
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  if (col < 1000) LETTERS[col] = s;
  return s;
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
  const opened = workbook ? await openWorkbookRows(src) : { sheet: undefined, batches: csvBatches(src) };
  const iterator = opened.batches[Symbol.asyncIterator]();
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
    head.push(...next.value);
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
  async function* batches(): AsyncIterable<TableRow[]> {
    let n = 0;
    const count = (batch: TableRow[]): TableRow[] => {
      n += batch.length;
      if (n > limits.maxRows) {
        const over = batch[batch.length - (n - limits.maxRows)]!;
        const rows = `${limits.maxRows.toLocaleString('en-GB')} rows`;
        throw new PapersError([problem('TooLarge', { what: `more than ${rows}`, limit: rows, setting: 'limits.maxRows' }, at(`A${over.number}`))]);
      }
      return batch;
    };
    if (rest.length > 0) yield count(rest);
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield count(next.value);
    }
  }
  return { sheet: opened.sheet, layout, above, batches: batches(), at };
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
    const cols = row.filled();
    for (const col of cols) {
      const f = match(row.text(col));
      if (f !== undefined && columns[f] === undefined) columns[f] = col;
    }
    if (columns[key] === undefined || Object.keys(columns).length < 2) continue;

    let months = cols
      .filter((col) => match(row.text(col)) === undefined)
      .map((col) => ({ col, month: monthOfHeader(row.text(col)) }))
      .filter((m): m is { col: number; month: string } => m.month !== undefined);
    let skip = 0;
    const below = head[i + 1];
    if (below) {
      const texts = below.filled();
      const belowMonths = texts
        .map((col) => ({ col, month: monthOfHeader(below.text(col)) }))
        .filter((m): m is { col: number; month: string } => m.month !== undefined);
      if (belowMonths.length > 0 && belowMonths.length === texts.length) {
        months = belowMonths;
        skip = 1;
      }
    }
    const span = `${columnName(cols[0]!)}${row.number}:${columnName(cols[cols.length - 1]!)}${row.number}`;
    return {
      layout: { headerRow: row.number, columns, months, found: cols.map((c) => row.text(c)), span },
      index: i,
      skip,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Workbooks
