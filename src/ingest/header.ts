/**
 * Finding a table's header row and saying what each of its columns was read as: the column audit.
 *
 * Policy
 * - The header row is the first row, within the first rows scanned, holding the key column and at least
 *   one other known column.
 * - A header matches a field when, ignoring case, spaces and punctuation, it is one of the field's aliases
 *   — as written, or with a note in brackets or after a dash taken off ("Progress to date (Sept 2017)",
 *   "What does good look like? (as detailed in the handbook)") — or fits one of the field's patterns
 *   ("Milestone (RAG) - 21/01/20" is a rating). When several columns match one field, the one matching the
 *   earlier alias is read (the config's own aliases come first), then the leftmost; the others are listed
 *   as ignored, and why.
 * - Every header cell is accounted for in the audit: read as a field, read as a month of milestones, or
 *   ignored — and a column that is ignored but close to a field the table lacks ("Recomendation Nos") is
 *   a warning naming the alias to add under `columns:`.
 */
import { problem, type Location, type Problem } from '../errors.js';
import { headerKey, monthOfHeader, type AuditColumn, type ColumnAudit } from '../model/index.js';
import { editDistance } from './near.js';
import type { TableRow } from './rows.js';

export interface ColumnSpec {
  aliases: readonly string[];
  required: boolean;
  /** Headers matched by shape rather than by name ("Milestone (RAG) - 21/01/20"), tried after the aliases. */
  patterns?: readonly RegExp[];
  /** The field may be shown by a cell's fill colour alone (a RAG): a filled cell counts as a value. */
  readsFill?: boolean;
}

export type Columns<F extends string> = Record<F, ColumnSpec>;

export interface HeaderLayout<F extends string> {
  headerRow: number;
  /** Column number of each field found. */
  columns: Partial<Record<F, number>>;
  /** The header text of each field found. */
  headers: Partial<Record<F, string>>;
  /** Month columns (milestones), in sheet order. */
  months: { month: string; col: number }[];
  /** The row the months are named on: the header row, or the row below it (under a merged heading). */
  monthsRow: number;
  /** The header texts found, for messages. */
  found: string[];
  /** The header row's span, e.g. `A4:G4`. */
  span: string;
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

/** The header without a note in brackets or after a dash: "Progress to date (Sept 2017)" → "progress to date". */
function withoutNote(text: string): string {
  return headerKey(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\s[-–—:]\s.*$|\s+as\s+at\s.*$/is, ' ').replace(/\?/g, ' '));
}

interface Match<F> {
  field: F;
  /** Lower is better: the alias's place in the field's list; notes taken off and patterns come after. */
  rank: number;
}

/** A matcher of header texts against every field's aliases and patterns. */
export function headerMatcher<F extends string>(spec: Columns<F>): (text: string) => Match<F> | undefined {
  const exact = new Map<string, Match<F>>();
  const fields = Object.keys(spec) as F[];
  for (const field of fields) {
    spec[field].aliases.forEach((a, rank) => {
      const k = headerKey(a);
      if (k !== '' && !exact.has(k)) exact.set(k, { field, rank });
    });
  }
  return (text: string) => {
    const k = headerKey(text);
    if (k === '') return undefined;
    const hit = exact.get(k);
    if (hit) return hit;
    const bare = withoutNote(text);
    const noted = bare !== '' && bare !== k ? exact.get(bare) : undefined;
    if (noted) return { field: noted.field, rank: noted.rank + 1000 };
    for (const field of fields) {
      if (spec[field].patterns?.some((p) => p.test(text))) return { field, rank: 2000 };
    }
    return undefined;
  };
}

/** The header row among the first rows, and every column of it accounted for; undefined when there is none. */
export function findHeader<F extends string>(
  head: TableRow[],
  spec: Columns<F>,
  key: F,
  scanRows: number,
): { layout: HeaderLayout<F>; index: number; skip: number } | undefined {
  const match = headerMatcher(spec);
  for (let i = 0; i < Math.min(head.length, scanRows); i++) {
    const row = head[i]!;
    const cols = row.filled();
    const best = new Map<F, { col: number; rank: number }>();
    const matched = new Map<number, F>();
    for (const col of cols) {
      const m = match(row.text(col));
      if (!m) continue;
      matched.set(col, m.field);
      const seen = best.get(m.field);
      if (!seen || m.rank < seen.rank) best.set(m.field, { col, rank: m.rank });
    }
    if (!best.has(key) || best.size < 2) continue;
    const columns: Partial<Record<F, number>> = {};
    const headers: Partial<Record<F, string>> = {};
    for (const [f, b] of best) [columns[f], headers[f]] = [b.col, row.text(b.col)];

    let months = cols
      .filter((col) => !matched.has(col))
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
      layout: { headerRow: row.number, columns, headers, months, monthsRow: row.number + skip, found: cols.map((c) => row.text(c)), span },
      index: i,
      skip,
    };
  }
  return undefined;
}

/**
 * The audit of a header just found: each header cell read as a field, a month, or ignored (and why), the
 * optional fields absent, and a warning for an ignored column close to a field the table lacks.
 */
export function auditHeader<F extends string>(
  headerRow: TableRow,
  layout: HeaderLayout<F>,
  spec: Columns<F>,
  describe: (f: F) => string,
  at: (address: string) => Location,
): ColumnAudit {
  const match = headerMatcher(spec);
  const byCol = new Map<number, F>();
  for (const f of Object.keys(layout.columns) as F[]) byCol.set(layout.columns[f]!, f);
  const monthAt = new Map(layout.months.map((m) => [m.col, m.month]));
  const below = layout.monthsRow !== headerRow.number;
  // Under a merged heading ("NEXT KEY MILESTONES" over "March | April"), the heading is the last header cell
  // at or before the first month's column that is not a field.
  const firstMonth = layout.months[0]?.col ?? 0;
  const headingCol = below ? Math.max(0, ...headerRow.filled().filter((c) => c <= firstMonth && !byCol.has(c))) : 0;
  const lacking = (Object.keys(spec) as F[]).filter((f) => layout.columns[f] === undefined);
  const warnings: Problem[] = [];
  const columns: (AuditColumn & { col: number })[] = [];
  const place = at(columnName(1));
  for (const col of headerRow.filled()) {
    const header = headerRow.text(col);
    const cell = `${columnName(col)}${headerRow.number}`;
    const field = byCol.get(col);
    if (field !== undefined) {
      columns.push({ col, cell, header, field, name: describe(field), ...(spec[field].required ? { required: true } : {}) });
      continue;
    }
    const month = monthAt.get(col);
    if (month !== undefined && !below) {
      columns.push({ col, cell, header, month });
      continue;
    }
    if (col === headingCol) {
      columns.push({ col, cell, header, heading: true });
      continue;
    }
    const m = match(header);
    if (m) {
      const used = layout.columns[m.field]!;
      columns.push({ col, cell, header, ignored: `it also matches ${describe(m.field)}, read from column ${columnName(used)} (“${layout.headers[m.field]}”)` });
      continue;
    }
    const near = nearField(header, lacking, spec);
    if (near) {
      warnings.push(problem('ColumnNotRead', { header, field: near.field, name: describe(near.field), alias: near.alias }, at(cell)));
      columns.push({ col, cell, header, ignored: `not a known column; it looks like ${describe(near.field)}, which the table lacks` });
    } else {
      columns.push({ col, cell, header, ignored: 'not a known column' });
    }
  }
  // Months named on the row below a merged heading.
  if (below) for (const m of layout.months) columns.push({ col: m.col + 0.5, cell: `${columnName(m.col)}${layout.monthsRow}`, header: m.month, month: m.month });
  columns.sort((a, b) => a.col - b.col);
  const source = { file: place.file, ...(place.sheet !== undefined ? { sheet: place.sheet } : {}) };
  const absent = lacking.filter((f) => !spec[f].required).map(describe);
  return { source, headerRow: headerRow.number, columns: columns.map(({ col: _, ...c }) => c), absent, rows: 0, filled: {}, warnings };
}

/** The field (of those the table lacks) a header is close to, and the alias it is closest to. */
function nearField<F extends string>(header: string, lacking: readonly F[], spec: Columns<F>): { field: F; alias: string } | undefined {
  const k = withoutNote(header) || headerKey(header);
  let best: { field: F; alias: string; d: number } | undefined;
  for (const field of lacking) {
    for (const alias of spec[field].aliases) {
      const a = headerKey(alias);
      if (a.length < 3) continue;
      // Close in spelling, or one holds the other as whole words ("Recommendation Nos" and "Recommendation").
      const d = k.startsWith(`${a} `) || a.startsWith(`${k} `) || k.endsWith(` ${a}`) ? 1 : editDistance(k, a);
      if (d <= Math.max(1, Math.floor(Math.max(k.length, a.length) / 4)) && (!best || d < best.d)) best = { field, alias, d };
    }
  }
  return best && { field: best.field, alias: best.alias };
}
