/**
 * What a plan on a page adds to a tracker (seed 003): a legend of coloured cells, a milestone column whose
 * cells' fills are the states ("Milestone (RAG) - 21/01/20"), milestones that end on their month ("… By
 * Nov 19"), and a header that dates the extract.
 *
 * Policy
 * - A legend row holds only state labels ("On track/No Issues", "Missed Deadline/Major Issues",
 *   "Completed"…), each with a coloured cell (its own, or the swatch just left of it). It is read as the
 *   legend wherever it is — above the table, under it, or among its rows — never as a project, and its
 *   colours are the sheet's: a fill matching a legend colour means that label's state, before the default
 *   colours are tried.
 * - A milestone cell may hold several milestones, a line each; a line that ends on a month and year ("By
 *   Nov 19", "Apr 21 – Oct 22", "March 2020") ends a milestone due at the end of that month; lines without
 *   one join the next.
 * - A header "… (RAG) - 21/01/20" dates the extract: 21 January 2020.
 */
import { monthYearAtEnd, parseStatus, statusFromFill, type ColourTable, type Milestone, type Status } from '../model/index.js';
import type { TableRow } from './rows.js';

/** A legend entry: a label's state and the colour that shows it. */
export interface LegendEntry {
  label: string;
  status: Status;
  fill: string | undefined;
}

/** The row's legend entries, when every text on it is a state label (with or without its colour); else undefined. */
export function legendOf(row: TableRow, synonyms: Readonly<Record<string, Status>> | undefined): LegendEntry[] | undefined {
  const cols = row.filled();
  if (cols.length === 0) return undefined;
  const entries: LegendEntry[] = [];
  for (const col of cols) {
    const label = row.text(col).replace(/^[●•\-–*\s]+|[:;,\s]+$/g, '');
    const status = label === '' ? undefined : parseStatus(label, synonyms);
    if (!status) return undefined;
    entries.push({ label, status, fill: row.fill(col) ?? (col > 1 && row.text(col - 1) === '' ? row.fill(col - 1) : undefined) });
  }
  // A lone "R" or "Green" is a rating, not a legend: a legend names its states in words, or shows a colour.
  return entries.some((e) => e.fill !== undefined || e.label.length > 5) ? entries : undefined;
}

/** The colour table with the legend's colours first: a fill equal to a legend colour is that label's state. */
export function withLegend(colours: ColourTable, legend: readonly LegendEntry[]): ColourTable {
  const given = legend.filter((e): e is LegendEntry & { fill: string } => e.fill !== undefined);
  if (given.length === 0) return colours;
  const taken = new Set(given.map((e) => e.fill));
  const out: ColourTable = Object.fromEntries(Object.entries(colours).map(([s, list]) => [s, list.filter((c) => !taken.has(c))]));
  for (const e of given) (out[e.status] ??= []).unshift(e.fill);
  return out;
}

/** The state a fill shows, against the sheet's colours (legend first). */
export function stateOfFill(fill: string | undefined, colours: ColourTable): Status | undefined {
  return fill === undefined ? undefined : statusFromFill(fill, colours);
}

/** A date in a header ("Milestone (RAG) - 21/01/20") as ISO; a two-digit year is this century's. */
export function headerDate(header: string): string | undefined {
  const m = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\s*\)?\s*$/.exec(header);
  if (!m) return undefined;
  const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const mo = Number(m[2]);
  const d = Number(m[1]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).getUTCDate() !== d ? undefined : iso;
}

const LEAD_IN = /\b(?:by|from|due|in|end\s+of|by\s+the\s+end\s+of|by\s+end\s+of|completed?\s+by)\s*$/i;

/** A plan-on-a-page milestone cell → its milestones, each due at the end of the month its line ends on. */
export function milestonesOfText(text: string, asAt: string): Milestone[] {
  const out: Milestone[] = [];
  let pending: string[] = [];
  for (const raw of text.split(/\n+/)) {
    const line = raw.trim();
    if (line === '') continue;
    pending.push(line);
    const end = monthYearAtEnd(line, asAt);
    if (!end) continue;
    const joined = pending.join(' ');
    const at = joined.length - (line.length - end.index);
    let before = joined.slice(0, at).trimEnd();
    let when = end.words;
    const lead = LEAD_IN.exec(before);
    if (lead) {
      when = `${lead[0].trim()} ${when}`;
      before = before.slice(0, lead.index).trimEnd();
    }
    // "Apr 21 – Oct 22": the milestone runs to its end month.
    const range = /(?:^|\s)((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d{2,4})\s*[–—-]\s*$/i.exec(before);
    if (range) {
      when = `${range[1]} – ${when}`;
      before = before.slice(0, range.index).trimEnd();
    }
    out.push({ when, what: before.replace(/[\s.,;:–—-]+$/, ''), due: end.iso });
    pending = [];
  }
  if (pending.length > 0) out.push({ when: '', what: pending.join(' ') });
  return out;
}
