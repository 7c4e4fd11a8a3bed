/**
 * The rows of a table, read lazily: a worksheet's through exceljs's streaming reader (styles cached so
 * fills and date cells come through), a CSV's through csv-parse, both behind one TableRow interface.
 * Memory grows with what the caller keeps, not with the file.
 */
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { PapersError, problem } from '../errors.js';
import { MONTH_NAMES, tidy } from '../model/index.js';
import { DEFAULT_LIMITS, sizeText } from './limits.js';
import type { Limits } from './limits.js';
import { headBytes, looksUtf8, type SourceHandle } from './text.js';
import { sniffDialect, withDecimalPoint, type CsvDialect } from './csv-dialect.js';
import { fillOf } from './fills.js';
import { NotCalculated } from './formula-cells.js';
import { STRUCK_IN_PART } from './shared-strings.js';
import { checkWorkbook, describeOleWorkbook, unreadablePart } from './workbook-check.js';
import { worksheets, type WorksheetPart, type WorksheetReader } from './workbook-parts.js';

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

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
  /** The sheet hides the row (workbooks only). */
  readonly hidden?: boolean;
  /** The columns the sheet hides, as first–last ranges (workbooks only; known by the first row). */
  readonly hiddenColumns?: readonly (readonly [number, number])[];
  /** The cell's text is struck through, as a whole or in part (workbooks only). */
  struck?(col: number): boolean;
  /** Columns holding text, in order. */
  filled(): number[];
  /** The last column the row has a cell in (0 for none): no column after it holds anything. */
  width(): number;
}

export interface TableSource {
  handle: SourceHandle;
  /** Sheet to read (workbooks only); default the first. */
  sheet?: string | undefined;
  limits?: Limits;
}

/** A workbook's bytes, once it is known to be a zip-based workbook safe to open (see workbook-check.ts). */
async function workbookBytes(src: TableSource): Promise<Buffer> {
  const head = await headBytes(src.handle, 8);
  if (head.subarray(0, 8).equals(CFB_MAGIC)) throw new PapersError([await describeOleWorkbook(src.handle)]);
  if (!head.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new PapersError([
      problem('SourceUnreadable', { reason: 'it is not a zip-based workbook', expected: 'an Excel workbook (.xlsx)' }, { file: src.handle.display }),
    ]);
  }
  return checkWorkbook(src.handle, src.limits ?? DEFAULT_LIMITS);
}

export async function openWorkbookRows(src: TableSource): Promise<{ sheet: string; batches: AsyncIterable<TableRow[]> }> {
  const bytes = await workbookBytes(src);
  /** A part exceljs or the zip could not read; `sheet` when it was that sheet's. */
  const damaged = (e: unknown, sheet?: string): PapersError => {
    const where = { file: src.handle.display, ...(sheet !== undefined ? { sheet } : {}) };
    if (e instanceof NotCalculated) return new PapersError([problem('FormulaNotCalculated', { formula: e.found.cells[0]!.formula, count: e.found.count }, { ...where, cell: e.found.cells[0]!.cell })]);
    return new PapersError([unreadablePart(e, where)]);
  };
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
      let failed = false;
      try {
        for await (const row of ws) {
          const r = new SheetRow(row as ExcelJS.Row, part.theme);
          if (ws.findings?.hidden?.has(r.number)) r.hidden = true;
          if (ws.findings?.hiddenColumns) r.hiddenColumns = ws.findings.hiddenColumns;
          batch.push(r);
          if (batch.length >= BATCH) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
      } catch (e) {
        failed = true;
        if (e instanceof PapersError) throw e;
        throw damaged(e, ws.name);
      } finally {
        // A reader that stopped before the end (a tracker at its footer) is still told of the formulas
        // with no saved result in the rows it read (at the end, withoutFormulas throws it itself).
        const found = ws.findings;
        if (!failed && found !== undefined && found.count > 0) throw damaged(new NotCalculated(found), ws.name);
      }
    }
    return { sheet: ws.name, batches: batches() };
  }
  throw new PapersError([problem('SheetNotFound', { sheet: src.sheet ?? '(any)', sheets: seen }, { file: src.handle.display })]);
}

/** The names of a workbook's worksheets, in tab order (for `sheets: all`). */
export async function workbookSheets(src: TableSource): Promise<string[]> {
  const bytes = await workbookBytes(src);
  const names: string[] = [];
  try {
    for await (const part of worksheets(bytes)) names.push(part.name);
  } catch (e) {
    if (e instanceof PapersError) throw e;
    throw new PapersError([unreadablePart(e, { file: src.handle.display })]);
  }
  return names;
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
  hidden?: boolean;
  hiddenColumns?: readonly (readonly [number, number])[];
  private readonly textCache: (string | undefined)[] = [];
  constructor(
    private readonly row: ExcelJS.Row,
    private readonly theme: readonly string[],
  ) {
    this.number = row.number;
  }
  private cell(col: number): ExcelJS.Cell | undefined {
    return (this.row as ExcelJS.Row & { findCell(col: number): ExcelJS.Cell | undefined }).findCell(col);
  }
  text(col: number): string {
    let t = this.textCache[col];
    if (t === undefined) {
      t = this.rawText(col);
      if (t !== '') t = tidy(t);
      this.textCache[col] = t;
    }
    return t;
  }
  rawText(col: number): string {
    const cell = this.cell(col);
    if (!cell) return '';
    const v = plainValue(cell.value);
    if (v === null) return '';
    if (typeof v === 'number' && isPercent(cell.numFmt)) return `${percentShown(v)}%`;
    if (v instanceof Date && isMonthOnly(cell.numFmt)) return monthShown(v);
    return textOf(v);
  }
  value(col: number): CellValue {
    const cell = this.cell(col);
    if (!cell) return null;
    const v = plainValue(cell.value);
    if (v instanceof Date && isMonthOnly(cell.numFmt)) return monthShown(v);
    return typeof v === 'number' && isPercent(cell.numFmt) ? percentShown(v) : v;
  }
  fill(col: number): string | undefined {
    const cell = this.cell(col);
    return cell ? fillOf(cell, this.theme) : undefined;
  }
  struck(col: number): boolean {
    const cell = this.cell(col);
    if (!cell || cell.value === null || cell.value === undefined) return false;
    // A rich text with a run struck through (a milestone done, among others in the cell): marked as its shared string was read.
    if (typeof cell.value === 'object' && 'richText' in cell.value) return (cell.value as { [STRUCK_IN_PART]?: true })[STRUCK_IN_PART] === true;
    return cell.font?.strike === true;
  }
  filled(): number[] {
    const out: number[] = [];
    for (let c = 1, n = this.row.cellCount; c <= n; c++) if (this.text(c) !== '') out.push(c);
    return out;
  }
  width(): number {
    return this.row.cellCount;
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

/**
 * Whether a number format shows its number as a percentage (`0%`, `0.0%`, `0.00%;[Red]-0.00%`): a `%`
 * outside quoted text and not escaped. Such a cell holds 0.231 and shows "23.1%", which is what the
 * officer typed and what a KPI return in percentage points means: it is read as 23.1, never 0.231.
 */
function isPercent(format: string | undefined): boolean {
  if (format === undefined || format.indexOf('%') < 0) return false;
  let known = percentFormats.get(format);
  if (known === undefined) {
    known = /%/.test(format.replace(/"[^"]*"/g, '').replace(/\\./g, ''));
    percentFormats.set(format, known);
  }
  return known;
}
const percentFormats = new Map<string, boolean>();

/**
 * Whether a date format shows only a month and its year (`mmm-yy`, `mmmm yyyy`, `mm/yyyy`): no day, no
 * time. Excel keeps the 1st of the month behind "Mar-17"; the officer wrote March, so such a cell is read
 * as the month it shows ("March 2017": a deadline then falls at the month's end, as the words do).
 */
function isMonthOnly(format: string | undefined): boolean {
  if (format === undefined) return false;
  let known = monthFormats.get(format);
  if (known === undefined) {
    const f = format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').toLowerCase();
    known = f.includes('m') && f.includes('y') && !/[dhs]/.test(f);
    monthFormats.set(format, known);
  }
  return known;
}
const monthFormats = new Map<string, boolean>();
const monthShown = (d: Date): string => `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;

/** The number a percentage cell shows, without binary noise (0.231 × 100 is 23.099999999999998). */
function percentShown(v: number): number {
  return Number((v * 100).toPrecision(15));
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
  width(): number {
    return this.record.length;
  }
  texts(): string[] {
    return this.filled().map((c) => this.text(c));
  }
}

/** A CSV's rows, and what its first lines told of its separator and numbers (once the first batch is read). */
export function csvRows(src: TableSource): { sheet: undefined; batches: AsyncIterable<TableRow[]>; seen: { dialect?: CsvDialect } } {
  const seen: { dialect?: CsvDialect } = {};
  return { sheet: undefined, batches: csvBatches(src, seen), seen };
}

/**
 * CSV records in batches, their separator and number convention told from the first lines (csv-dialect.ts,
 * put in `seen`). The file's chunks are written to csv-parse as they arrive and the records
 * it emits are collected, so there is one await a chunk, not one a record. Line numbers are counted
 * here (a record spans one line, plus one for each line break inside its quoted fields), which is
 * what lets messages name `D14` without csv-parse's per-record info object.
 */
async function* csvBatches(src: TableSource, seen: { dialect?: CsvDialect }): AsyncIterable<TableRow[]> {
  const head = await headBytes(src.handle, 1024 * 1024);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new PapersError([
      problem('SourceUnreadable', { reason: 'it is UTF-16 text (what Excel saves as "Unicode Text")', expected: 'a CSV file: in Excel, "Save As" CSV UTF-8 (Comma delimited)' }, { file: src.handle.display }),
    ]);
  }
  const utf8 = looksUtf8(head);
  const dialect = (seen.dialect = sniffDialect(head.subarray(0, 64 * 1024).toString('latin1')));
  const parser = parseCsv({ bom: true, delimiter: dialect.delimiter, relax_column_count: true, skip_empty_lines: false });
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
    batch.push(new CsvRow(number, dialect.decimalComma ? record.map(withDecimalPoint) : record));
  });
  parser.on('error', (e) => (failure = e));
  const ended = new Promise<void>((resolve) => parser.on('end', resolve).on('error', () => resolve()));
  const fail = (e: unknown): PapersError => {
    if (e instanceof PapersError) return e;
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return new PapersError([problem('SourceUnreadable', { reason, expected: 'a CSV file' }, { file: src.handle.display })]);
  };
  const decoder = utf8 ? undefined : iconv.getDecoder('win1252');
  const hash = createHash('sha256'); // hashed as it is read: sha256Of then needs no second pass
  for await (const chunk of src.handle.open() as AsyncIterable<Buffer>) {
    hash.update(chunk);
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
  src.handle.sha256 = hash.digest('hex');
  if (batch.length > 0) yield batch;
}
