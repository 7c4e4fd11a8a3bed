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
import iconv from 'iconv-lite';
import { headBytes, looksUtf8, type SourceHandle } from './text.js';
import { checkWorkbook, describeOleWorkbook } from './workbook-check.js';
import { DEFAULT_LIMITS, sizeText, type Limits } from './limits.js';
import { worksheets, type WorksheetPart, type WorksheetReader } from './workbook-parts.js';

/** A raw cell value: number, string, boolean, Date, or null. */
export type CellValue = number | string | boolean | Date | null;

/**
 * One row of a table, read lazily: nothing is built for a cell until it is asked for.
 * Columns are 1-based, as a spreadsheet numbers them.
 */
export interface TableRow {
  /** 1-based row (or CSV line) number. */
  readonly number: number;
  /** The text a person sees, tidied: rich text flattened, formulas by their cached result, dates dd/mm/yyyy; '' when empty. */
  text(col: number): string;
  /** The text as stored, untidied ('' when empty): for text that is tidied later, if at all. */
  rawText(col: number): string;
  /** The raw value, or null. */
  value(col: number): CellValue;
  /** The cell's solid fill as RRGGBB, when it has one. */
  fill(col: number): string | undefined;
  /** Every non-empty text in the row, in column order. */
  texts(): string[];
  /** Columns holding text, in order. */
  filled(): number[];
}

export interface ColumnSpec {
  aliases: readonly string[];
  required: boolean;
}

export type Columns<F extends string> = Record<F, ColumnSpec>;

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
  /** The data rows after the header, streamed in batches (one await a batch, not a row). */
  batches: AsyncIterable<TableRow[]>;
  at(address: string): Location;
}

const HEADER_SCAN_ROWS = 30;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

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

async function openWorkbookRows(src: TableSource): Promise<{ sheet: string; batches: AsyncIterable<TableRow[]> }> {
  const head = await headBytes(src.handle, 8);
  if (head.subarray(0, 8).equals(CFB_MAGIC)) throw new PapersError([await describeOleWorkbook(src.handle)]);
  if (!head.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new PapersError([
      problem('SourceUnreadable', { reason: 'it is not a zip-based workbook', expected: 'an Excel workbook (.xlsx)' }, { file: src.handle.display }),
    ]);
  }
  const bytes = await checkWorkbook(src.handle, src.limits ?? DEFAULT_LIMITS);
  /** A part exceljs or the zip could not read; `sheet` when it was that sheet's. */
  const damaged = (e: unknown, sheet?: string): PapersError =>
    new PapersError([
      problem(
        'SourceUnreadable',
        { reason: `the workbook is damaged or incomplete: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, expected: 'an Excel workbook (.xlsx) saved in full' },
        { file: src.handle.display, ...(sheet !== undefined ? { sheet } : {}) },
      ),
    ]);
  const wanted = src.sheet?.trim().toLowerCase();
  const seen: string[] = [];
  const sheets = worksheets(bytes);
  for (;;) {
    let next: IteratorResult<WorksheetPart>;
    try {
      next = await sheets.next();
    } catch (e) {
      throw damaged(e);
    }
    if (next.done) break;
    const part = next.value;
    seen.push(part.name);
    if (wanted !== undefined && part.name.trim().toLowerCase() !== wanted) continue; // never read
    let ws: WorksheetReader;
    try {
      ws = await part.read();
    } catch (e) {
      throw damaged(e, part.name);
    }
    async function* batches(): AsyncIterable<TableRow[]> {
      let batch: TableRow[] = [];
      try {
        for await (const row of ws) {
          batch.push(new SheetRow(row as ExcelJS.Row));
          if (batch.length >= BATCH) {
            yield batch;
            batch = [];
          }
        }
      } catch (e) {
        if (e instanceof PapersError) throw e;
        throw damaged(e, ws.name);
      }
      if (batch.length > 0) yield batch;
    }
    return { sheet: ws.name, batches: batches() };
  }
  throw new PapersError([problem('SheetNotFound', { sheet: src.sheet ?? '(any)', sheets: seen }, { file: src.handle.display })]);
}

/**
 * Rows handed on per batch. Small on purpose: a batch holds exceljs's row objects until the caller
 * has read it, and rows held across many allocations survive young-generation collections and are
 * promoted — 512-row batches made garbage collection most of the ingest's overhead (50,000-row
 * tracker: 0.80× the bare reader's speed at 512, 0.91× at 64, in process; docs/PERFORMANCE.md).
 */
const BATCH = 32;

/** Bytes of CSV parsed before its records are handed on (about 100 rows of a KPI return). */
const CSV_SLICE = 8 * 1024;

/** A worksheet row, read lazily from exceljs's own row: nothing is copied until a cell is asked for. */
class SheetRow implements TableRow {
  readonly number: number;
  private readonly textCache: (string | undefined)[] = [];
  constructor(private readonly row: ExcelJS.Row) {
    this.number = row.number;
  }
  private cell(col: number): ExcelJS.Cell | undefined {
    return (this.row as ExcelJS.Row & { findCell(col: number): ExcelJS.Cell | undefined }).findCell(col);
  }
  text(col: number): string {
    let t = this.textCache[col];
    if (t === undefined) {
      const v = this.value(col);
      t = v === null ? '' : tidy(textOf(v));
      this.textCache[col] = t;
    }
    return t;
  }
  rawText(col: number): string {
    const v = this.value(col);
    return v === null ? '' : textOf(v);
  }
  value(col: number): CellValue {
    const cell = this.cell(col);
    return cell ? plainValue(cell.value) : null;
  }
  fill(col: number): string | undefined {
    const cell = this.cell(col);
    return cell ? fillOf(cell) : undefined;
  }
  filled(): number[] {
    const out: number[] = [];
    for (let c = 1, n = this.row.cellCount; c <= n; c++) if (this.text(c) !== '') out.push(c);
    return out;
  }
  texts(): string[] {
    const out: string[] = [];
    for (let c = 1, n = this.row.cellCount; c <= n; c++) {
      const t = this.text(c);
      if (t !== '') out.push(t);
    }
    return out;
  }
}

/** Formula cells by their cached result, rich text as plain text, hyperlinks by their text. */
function plainValue(v: ExcelJS.CellValue): CellValue {
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

function textOf(v: CellValue): string {
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

/** A CSV record: csv-parse's array of strings, read through the same interface as a sheet row. */
class CsvRow implements TableRow {
  constructor(
    readonly number: number,
    private readonly record: string[],
  ) {}
  text(col: number): string {
    const raw = this.record[col - 1];
    return raw === undefined || raw === '' ? '' : tidy(raw);
  }
  rawText(col: number): string {
    return this.record[col - 1] ?? '';
  }
  value(col: number): CellValue {
    return this.record[col - 1] ?? null;
  }
  fill(): undefined {
    return undefined;
  }
  filled(): number[] {
    const out: number[] = [];
    for (let c = 1; c <= this.record.length; c++) if (this.text(c) !== '') out.push(c);
    return out;
  }
  texts(): string[] {
    return this.filled().map((c) => this.text(c));
  }
}

/**
 * CSV records in batches. The file's chunks are written to csv-parse as they arrive and the records
 * it emits are collected, so there is one await a chunk, not one a record. Line numbers are counted
 * here (a record spans one line, plus one for each line break inside its quoted fields), which is
 * what lets messages name `D14` without csv-parse's per-record info object.
 */
async function* csvBatches(src: TableSource): AsyncIterable<TableRow[]> {
  const head = await headBytes(src.handle, 1024 * 1024);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new PapersError([
      problem('SourceUnreadable', { reason: 'it is UTF-16 text (what Excel saves as "Unicode Text")', expected: 'a CSV file: in Excel, "Save As" CSV UTF-8 (Comma delimited)' }, { file: src.handle.display }),
    ]);
  }
  const utf8 = looksUtf8(head);
  const parser = parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: false });
  let batch: TableRow[] = [];
  let line = 1;
  let failure: unknown;
  parser.on('data', (record: string[]) => {
    const number = line;
    line += 1;
    for (const field of record) {
      if (field.length > 0 && field.indexOf('\n') >= 0) line += field.split('\n').length - 1;
    }
    if (record.length === 1 && record[0] === '') return; // a blank line
    batch.push(new CsvRow(number, record));
  });
  parser.on('error', (e) => (failure = e));
  const ended = new Promise<void>((resolve) => parser.on('end', resolve).on('error', () => resolve()));
  const fail = (e: unknown): PapersError => {
    if (e instanceof PapersError) return e;
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return new PapersError([problem('SourceUnreadable', { reason, expected: 'a CSV file' }, { file: src.handle.display })]);
  };
  const decoder = utf8 ? undefined : iconv.getDecoder('win1252');
  for await (const chunk of src.handle.open() as AsyncIterable<Buffer>) {
    // Parsed and handed on in slices: records waiting to be read survive young-generation collections
    // and are promoted if too many wait at once (see BATCH).
    for (let at = 0; at < chunk.length; at += CSV_SLICE) {
      const slice = chunk.subarray(at, at + CSV_SLICE);
      parser.write(decoder ? decoder.write(slice) : slice);
      if (failure) throw fail(failure);
      if (batch.length > 0) {
        const out = batch;
        batch = [];
        yield out;
      }
    }
  }
  parser.end();
  await ended;
  if (failure) throw fail(failure);
  if (batch.length > 0) yield batch;
}
