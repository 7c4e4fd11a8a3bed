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
 *   earlier alias is read (the config's own aliases come first). Columns that match it equally well and
 *   each name a date ("RAG (Feb 17)", "RAG (Mar 17)": a column added each month) give the latest; else
 *   the leftmost the sheet does not hide is read with a warning (ColumnAmbiguous). The others are listed as ignored, and why.
 * - Every header cell is accounted for in the audit: read as a field, read as a month of milestones, or
 *   ignored — and a column that is ignored but close to a field the table lacks ("Recomendation Nos") is
 *   a warning naming the alias to add under `columns:`.
 */
import { problem, type Location, type Problem } from '../errors.js';
import { editDistance, headerKey, monthOfHeader, type AuditColumn, type ColumnAudit } from '../model/index.js';
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
  /** Fields matched equally by several dated columns, read from the latest ("RAG (Mar 17)" over "RAG (Feb 17)"). */
  latest?: F[];
}

const MONTH_WORDS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The date a header names, as a sortable text: a day ("21/01/20" → 2020-01-21), a month and year ("Feb 17",
 * "March 2017" → 2017-02), a quarter or financial year ("Q1 2019/20" → its last month); undefined when
 * it names none. A two-digit year is this century's.
 */
export function whenOfHeader(header: string): string | undefined {
  const year = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));
  const pad = (n: number): string => String(n).padStart(2, '0');
  let m = /(?:^|\D)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/.exec(header);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${year(m[3]!)}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  m = /\bQ([1-4])\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\b/i.exec(header);
  if (m) {
    const end = [6, 9, 12, 3][Number(m[1]) - 1]!;
    return `${Number(m[2]) + (end === 3 ? 1 : 0)}-${pad(end)}-99`;
  }
  m = /\b([A-Za-z]{3,9})\.?[\s'’-]*(\d{4}|\d{2})\b/.exec(header);
  if (m) {
    const i = MONTH_WORDS.indexOf(m[1]!.slice(0, 3).toLowerCase());
    if (i >= 0) return `${year(m[2]!)}-${pad(i + 1)}-99`;
  }
  m = /\b(\d{4})\s*[/-]\s*(\d{2}|\d{4})\b/.exec(header);
  if (m) return `${Number(m[1]) + 1}-03-99`;
  return undefined;
}

/** The column of the latest date, when every column names one and no two the same. */
function latestOf(cols: { col: number; when: string | undefined }[]): number | undefined {
  if (cols.some((c) => c.when === undefined) || new Set(cols.map((c) => c.when)).size < cols.length) return undefined;
  return [...cols].sort((a, b) => (a.when! < b.when! ? 1 : -1))[0]!.col;
}

const LETTERS: string[] = [];

/** A cell's column number: "AB4" → 28. */
export function columnNumber(cell: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(cell)![0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

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
    const best = new Map<F, { col: number; rank: number; ties: number[] }>();
    const matched = new Map<number, F>();
    for (const col of cols) {
      const m = match(row.text(col));
      if (!m) continue;
      matched.set(col, m.field);
      const seen = best.get(m.field);
      if (!seen || m.rank < seen.rank) best.set(m.field, { col, rank: m.rank, ties: [col] });
      else if (m.rank === seen.rank) seen.ties.push(col);
    }
    if (!best.has(key) || best.size < 2) continue;
    const columns: Partial<Record<F, number>> = {};
    const headers: Partial<Record<F, string>> = {};
    const latest: F[] = [];
    for (const [f, b] of best) {
      // Columns that match a field equally well and each name a date ("RAG (Feb 17)", "RAG (Mar 17)": a
      // column added each month): the latest is the one read. Without dates, the leftmost the sheet
      // shows (last month's hidden beside this month's), and a warning.
      const dated = b.ties.length > 1 ? latestOf(b.ties.map((col) => ({ col, when: whenOfHeader(row.text(col)) }))) : undefined;
      if (dated !== undefined) latest.push(f);
      const shown = (col: number): boolean => !(row.hiddenColumns ?? []).some(([first, last]) => col >= first && col <= last);
      const col = dated ?? b.ties.find(shown) ?? b.col;
      [columns[f], headers[f]] = [col, row.text(col)];
    }

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
      layout: { headerRow: row.number, columns, headers, months, monthsRow: row.number + skip, found: cols.map((c) => row.text(c)), span, ...(latest.length > 0 ? { latest } : {}) },
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
      const read = `column ${columnName(used)} (“${layout.headers[m.field]}”)`;
      if (layout.latest?.includes(m.field)) {
        columns.push({ col, cell, header, ignored: `an earlier ${describe(m.field)}: the latest, ${read}, is read` });
      } else if (match(layout.headers[m.field]!)?.rank === m.rank) {
        warnings.push(problem('ColumnAmbiguous', { header, name: describe(m.field), field: m.field, read: `${columnName(used)}${headerRow.number}`, readHeader: layout.headers[m.field]!, alike: headerKey(header) === headerKey(layout.headers[m.field]!) }, at(cell)));
        columns.push({ col, cell, header, ignored: `it matches ${describe(m.field)} as well as ${read}, which is read (the leftmost the sheet shows)` });
      } else {
        columns.push({ col, cell, header, ignored: `it also matches ${describe(m.field)}, read from ${read}` });
      }
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

/** The row that looks most like a header when none holds the key column and another known one: what it has and lacks. */
export interface NearHeader {
  row: number;
  /** The known columns it has, as headed. */
  has: string[];
  /** It has the key column but no other known one (else: it lacks the key column). */
  keyOnly: boolean;
  /** A header of it that may be the key column ("Action / Project" for the project), not read as any field. */
  candidate?: string;
  /** Its headers read as no field, for the message to offer when there is no candidate. */
  others: string[];
}

/**
 * The scanned row holding the most known columns, for the message that says no header was found: one
 * with known columns but not the key, or the key alone, among at least three headers. Undefined when no
 * row comes near (a sheet of notes; a KPI return read as a tracker holds none of its columns).
 */
export function nearestHeader<F extends string>(head: TableRow[], spec: Columns<F>, key: F, scanRows: number): NearHeader | undefined {
  const match = headerMatcher(spec);
  let best: { row: TableRow; fields: Map<F, string>; unread: string[] } | undefined;
  for (const row of head.slice(0, scanRows)) {
    const fields = new Map<F, string>();
    const unread: string[] = [];
    for (const col of row.filled()) {
      const text = row.text(col);
      const m = match(text);
      if (m && !fields.has(m.field)) fields.set(m.field, text);
      else if (!m) unread.push(text);
    }
    const keyOnly = fields.size === 1 && fields.has(key);
    if (fields.size === 0 || (keyOnly && unread.length < 2) || (!keyOnly && row.filled().length < 3)) continue;
    if (!best || fields.size > best.fields.size) best = { row, fields, unread };
  }
  if (!best) return undefined;
  const keyOnly = best.fields.has(key);
  const candidate = keyOnly ? undefined : best.unread.find((h) => nearField(h, [key], spec) !== undefined || spec[key].aliases.some((a) => new RegExp(`\\b${headerKey(a)}\\b`).test(headerKey(h))));
  return { row: best.row.number, has: [...best.fields.values()], keyOnly, ...(candidate !== undefined ? { candidate } : {}), others: best.unread.filter((h) => h !== candidate) };
}
