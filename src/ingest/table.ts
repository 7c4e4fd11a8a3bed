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
import { PapersError, problem, shown, type Location, type Problem } from '../errors.js';
import type { ColumnAudit } from '../model/index.js';
import { auditHeader, columnName, columnNumber, findHeader, nearestHeader, type Columns, type HeaderLayout } from './header.js';
import { DEFAULT_LIMITS, sizeText, type Limits } from './limits.js';
import type { SourceHandle } from './text.js';
import type { CsvDialect } from './csv-dialect.js';
import { csvRows, openWorkbookRows, type TableRow, type TableSource } from './rows.js';

export type { CellValue, TableRow, TableSource } from './rows.js';
export type { AuditColumn, ColumnAudit } from '../model/index.js';
export type { ColumnSpec, Columns, HeaderLayout } from './header.js';
export { columnName, columnNumber } from './header.js';

/** The table source a reader's options name: the file, its sheet, the limits and where the audit goes. */
export function tableSource(handle: SourceHandle, o: { sheet?: string | undefined; limits?: Limits | undefined; audit?: AuditSink | undefined }): TableSource & { audit?: AuditSink | undefined } {
  return { handle, sheet: o.sheet, ...(o.limits ? { limits: o.limits } : {}), ...(o.audit ? { audit: o.audit } : {}) };
}

/** Where a table's column audit goes once its header is found (the audit's counts fill in as rows are read). */
export type AuditSink = (audit: ColumnAudit) => void;

export interface OpenTable<F extends string> {
  sheet: string | undefined;
  /** The columns looked for (with the config's aliases). */
  spec: Columns<F>;
  layout: HeaderLayout<F>;
  /** Rows above the header (titles), in order. */
  above: TableRow[];
  /** A header cell's value as stored (a date cell heading a month's column is a Date). */
  headerValue: (col: number) => unknown;
  /** The first data rows (those read with the header, up to about 30), to judge the table's shape by before it is read. */
  firstRows: readonly TableRow[];
  /** The data rows after the header, streamed in batches (one await a batch, not a row). */
  batches: AsyncIterable<TableRow[]>;
  at(address: string): Location;
  /** What each header cell was read as, and how full each field's column is (complete once the rows are read). */
  audit: ColumnAudit;
  /**
   * The reader's problems, and the table's own once its rows are read: no records at all (`what`: "projects"),
   * or a required field's column empty on every row — then that column's own per-row problems are left out,
   * as one message says it better.
   */
  finish(problems: readonly Problem[], records: number, what: string): Problem[];
}

const HEADER_SCAN_ROWS = 30;

export function isWorkbookName(file: string): boolean {
  return /\.xls[xm]$/i.test(file);
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
  src: TableSource & { audit?: AuditSink | undefined },
  spec: Columns<F>,
  key: F,
  describe: (f: F) => string,
): Promise<OpenTable<F>> {
  const workbook = isWorkbookName(src.handle.display);
  checkSize(src, workbook ? 'an Excel workbook (.xlsx)' : 'a CSV file');
  const opened: { sheet: string | undefined; batches: AsyncIterable<TableRow[]>; seen?: { dialect?: CsvDialect } } = workbook ? await openWorkbookRows(src) : csvRows(src);
  const iterator = opened.batches[Symbol.asyncIterator]();
  const at = (address: string): Location =>
    opened.sheet !== undefined ? { file: src.handle.display, sheet: opened.sheet, cell: address } : { file: src.handle.display, cell: address };

  const { head, done } = await firstRows(iterator, HEADER_SCAN_ROWS + 1);
  if (head.length === 0) {
    throw new PapersError([
      problem('SourceUnreadable', { reason: opened.sheet !== undefined ? `sheet "${opened.sheet}" is empty` : 'the file holds no rows', expected: 'a table with a header row' }, { file: src.handle.display, ...(opened.sheet !== undefined ? { sheet: opened.sheet } : {}) }),
    ]);
  }
  const found = findHeader(head, spec, key, HEADER_SCAN_ROWS);
  if (!found) {
    const expected = `a ${describe(key)} column (${spec[key].aliases.join(', ')}) and at least one other known column`;
    const near = nearestHeader(head, spec, key, HEADER_SCAN_ROWS);
    throw new PapersError([
      problem(
        'HeaderNotFound',
        { expected, scanned: head[Math.min(head.length, HEADER_SCAN_ROWS) - 1]!.number, ...(near ? { near: { ...near, key: describe(key), field: key } } : {}) },
        { file: src.handle.display, ...(opened.sheet !== undefined ? { sheet: opened.sheet } : {}) },
      ),
    ]);
  }
  const { layout, index, skip } = found;
  const audit = auditHeader(head[index]!, layout, spec, describe, at);
  if (opened.seen?.dialect?.delimiter === ';') audit.warnings.push(problem('CsvSemicolons', { decimalComma: opened.seen.dialect.decimalComma }, { file: src.handle.display }));
  src.audit?.(audit);
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
  const seen: Seen = { hidden: [], struck: [], unheaded: new Map() };
  const counted = fieldCounter(layout, spec, audit, seen, headedColumns(audit, head[index]!));
  const hiddenNoted = (): void => notedOnceRead(audit, head[index]!, seen, at);
  async function* batches(): AsyncIterable<TableRow[]> {
    let n = 0;
    const count = (batch: TableRow[]): TableRow[] => {
      n += batch.length;
      if (n > limits.maxRows) {
        const over = batch[batch.length - (n - limits.maxRows)]!;
        const rows = `${limits.maxRows.toLocaleString('en-GB')} rows`;
        throw new PapersError([problem('TooLarge', { what: `more than ${rows}`, limit: rows, setting: 'limits.maxRows' }, at(`A${over.number}`))]);
      }
      counted(batch);
      return batch;
    };
    try {
      if (rest.length > 0) yield count(rest);
      if (!done) {
        for (;;) {
          const next = await iterator.next();
          if (next.done) break;
          yield count(next.value);
        }
      }
    } finally {
      hiddenNoted(); // also when the reader stops early (a tracker at its footer)
      if (!done) await iterator.return?.(); // and the rows behind are closed, with their own checks
    }
  }
  const finish = (problems: readonly Problem[], records: number, what: string): Problem[] => finishTable({ layout, spec, describe, audit, at }, problems, records, what);
  const headerValue = (col: number): unknown => head[index]!.value(col);
  return { sheet: opened.sheet, spec, layout, above, headerValue, firstRows: rest, batches: batches(), at, audit, finish };
}

/** Cells a warning names: how many in all, the first five by address, and the first one's text. */
export interface CellSample {
  count: number;
  cells: string[];
  firstText: string;
}

export const cellSample = (): CellSample => ({ count: 0, cells: [], firstText: '' });

/** One more cell for the sample (its text made only when it is the first). */
export function sampleCell(sample: CellSample, address: string, text: () => string): void {
  sample.count += 1;
  if (sample.count === 1) sample.firstText = text();
  if (sample.cells.length < 5) sample.cells.push(address);
}

/** `I5 "First draft…", I9, I12 and 3 more`. */
export function sampleText(sample: CellSample): string {
  const [first, ...rest] = sample.cells;
  return [`${first} ${shown(sample.firstText, 40)}`, ...rest].join(', ') + (sample.count > sample.cells.length ? ` and ${(sample.count - sample.cells.length).toLocaleString('en-GB')} more` : '');
}

/** What the rows showed as they streamed past: hidden rows with data, struck-through cells read, text in columns with no header. */
interface Seen {
  /** Rows with data the sheet hides. */
  hidden: number[];
  /** Cells read whose text is struck through. */
  struck: string[];
  /** By column: the cells of rows with data that hold text in a column with no header. */
  unheaded: Map<number, CellSample>;
}

/**
 * The columns that count as headed: each with text on the header row (or the months' row below it), and
 * those the sheet hides (helper columns, left alone). Text in any other column on a row with data is said.
 */
function headedColumns(audit: ColumnAudit, header: TableRow): (col: number) => boolean {
  const headed = new Set(audit.columns.map((c) => columnNumber(c.cell)));
  const ranges = header.hiddenColumns ?? [];
  return (col) => headed.has(col) || ranges.some(([first, last]) => col >= first && col <= last);
}

/** Once every row is read: warnings for hidden rows and columns with data, struck-through cells read like the others, and text under no header. */
function notedOnceRead(audit: ColumnAudit, header: TableRow, seen: Seen, at: (address: string) => Location): void {
  const list = (xs: readonly (string | number)[]): string => xs.slice(0, 5).join(', ') + (xs.length > 5 ? ` and ${(xs.length - 5).toLocaleString('en-GB')} more` : '');
  const { hidden, struck } = seen;
  if (hidden.length > 0) audit.warnings.push(problem('RowsHidden', { count: hidden.length, rows: list(hidden) }, at(`A${hidden[0]}`)));
  if (struck.length > 0) audit.warnings.push(problem('TextStruckThrough', { count: struck.length, cells: list(struck) }, at(struck[0]!)));
  for (const [col, sample] of [...seen.unheaded].sort(([a], [b]) => a - b)) {
    const letter = columnName(col);
    audit.warnings.push(problem('ColumnWithoutHeader', { column: letter, headerCell: `${letter}${header.number}`, count: sample.count, cells: sampleText(sample) }, at(sample.cells[0]!)));
  }
  const ranges = header.hiddenColumns ?? [];
  const isHidden = (cell: string): boolean => ranges.some(([first, last]) => columnNumber(cell) >= first && columnNumber(cell) <= last);
  // Only the columns read: a hidden column nothing reads does not reach the paper.
  const read = ranges.length === 0 ? [] : audit.columns.filter((c) => (c.field !== undefined || c.month !== undefined || c.period !== undefined) && isHidden(c.cell));
  if (read.length > 0) audit.warnings.push(problem('ColumnsHidden', { count: read.length, columns: list(read.map((c) => `${columnName(columnNumber(c.cell))} ${JSON.stringify(c.header)}`)) }, at(read[0]!.cell)));
}

/** The first rows of a table (at least `n`, as whole batches), buffered to find the header in; `done` when that was all. */
async function firstRows(iterator: AsyncIterator<TableRow[]>, n: number): Promise<{ head: TableRow[]; done: boolean }> {
  const head: TableRow[] = [];
  while (head.length < n) {
    const next = await iterator.next();
    if (next.done) return { head, done: true };
    head.push(...next.value);
  }
  return { head, done: false };
}

/**
 * The reader's problems and the table's own, once its rows are read (see OpenTable.finish): no records,
 * or a required field's column empty on every row (that column's per-row problems then left out).
 */
function finishTable<F extends string>(
  t: { layout: HeaderLayout<F>; spec: Columns<F>; describe: (f: F) => string; audit: ColumnAudit; at: (address: string) => Location },
  problems: readonly Problem[],
  records: number,
  what: string,
): Problem[] {
  const { layout, spec, audit, at } = t;
  const own: Problem[] = [];
  const emptyCols = new Set<string>();
  for (const f of Object.keys(layout.columns) as F[]) {
    if (!spec[f].required || audit.rows === 0 || (audit.filled[f] ?? 0) > 0) continue;
    const letter = columnName(layout.columns[f]!);
    emptyCols.add(letter);
    own.push(problem('ColumnEmpty', { header: layout.headers[f] ?? '', name: t.describe(f), field: f, rows: audit.rows }, at(`${letter}${layout.headerRow}`)));
  }
  if (records === 0 && own.length === 0 && problems.length === 0) own.push(problem('NoRecords', { what, headerRow: layout.headerRow }, at(layout.span)));
  const inEmpty = (p: Problem): boolean => {
    const cell = p.location?.cell;
    return cell !== undefined && emptyCols.has(/^[A-Z]+/.exec(cell)?.[0] ?? '');
  };
  return [...own, ...problems.filter((p) => !inEmpty(p))];
}

/**
 * Counts, as rows stream past, the rows with anything in a field's column and, for each field, the rows
 * with a value in it (a field read from its fill colour counts a filled cell); on those rows, notes the text in
 * columns with no header. Cheap: a value check per known column and per column with no header the row reaches,
 * text made only for a cell that holds something.
 */
function fieldCounter<F extends string>(layout: HeaderLayout<F>, spec: Columns<F>, audit: ColumnAudit, seen: Seen, headed: (col: number) => boolean): (batch: TableRow[]) => void {
  const { hidden, struck, unheaded } = seen;
  const lastHeaded = Math.max(0, ...audit.columns.map((c) => columnNumber(c.cell)));
  const gaps: number[] = []; // columns inside the header's span with no header
  for (let c = 1; c < lastHeaded; c++) if (!headed(c)) gaps.push(c);
  const note = (row: TableRow, col: number): void => {
    if (row.text(col) === '') return;
    let sample = unheaded.get(col);
    if (sample === undefined) unheaded.set(col, (sample = cellSample()));
    sampleCell(sample, `${columnName(col)}${row.number}`, () => row.text(col));
  };
  // Every column read, fields and months: where a strike-through would be taken for live text.
  const readCols = [...new Set([...Object.values<number | undefined>(layout.columns).filter((c): c is number => c !== undefined), ...layout.months.map((m) => m.col)])];
  const fields = (Object.keys(layout.columns) as F[]).map((f) => ({ f, col: layout.columns[f]!, byFill: spec[f].readsFill === true, n: 0 }));
  for (const x of fields) audit.filled[x.f] = 0;
  return (batch) => {
    let rows = 0;
    for (const row of batch) {
      let any = false;
      for (const x of fields) {
        const v = row.value(x.col);
        if ((v !== null && v !== '') || (x.byFill && row.fill(x.col) !== undefined)) {
          x.n += 1;
          any = true;
        }
      }
      if (any) {
        rows += 1;
        if (row.hidden === true) hidden.push(row.number);
        for (const col of gaps) if (row.value(col) !== null) note(row, col);
        for (let col = lastHeaded + 1, n = row.width(); col <= n; col++) if (!headed(col) && row.value(col) !== null) note(row, col);
      }
      if (row.struck) for (const col of readCols) if (row.struck(col)) struck.push(`${columnName(col)}${row.number}`);
    }
    audit.rows += rows;
    for (const x of fields) audit.filled[x.f] = x.n;
  };
}
