/**
 * The validation report: every error and warning found in a meeting's sources, as an HTML page
 * a democratic services officer can open. Pure.
 */
import Handlebars from 'handlebars';
import { formatLocation, type Problem } from '../errors.js';
import type { ColumnAudit } from '../model/index.js';
import { countRatings, type Counts, type ScoredItemResult } from '../model/index.js';
import type { Templates } from './paper.js';

export interface ValidationView {
  title: string;
  config: string;
  asAt: string;
  errors: Problem[];
  warnings: Problem[];
  read: { file: string; what: string }[];
  audits: ColumnAudit[];
}

/** One table's column audit as the rows a person reads: each header, what it was read as, how full. */
export function auditRows(a: ColumnAudit): { cell: string; header: string; readAs: string; note: string; ignored: boolean }[] {
  return a.columns.map((c) => {
    if (c.field !== undefined) {
      const n = a.filled[c.field] ?? 0;
      return { cell: c.cell, header: c.header, readAs: c.name ?? c.field, note: `filled on ${n} of ${a.rows} row${a.rows === 1 ? '' : 's'}${n === 0 && a.rows > 0 ? ' — empty' : ''}`, ignored: false };
    }
    if (c.heading) return { cell: c.cell, header: c.header, readAs: 'the heading over the months below', note: '', ignored: false };
    if (c.period !== undefined) return { cell: c.cell, header: c.header, readAs: `values for ${c.period}`, note: '', ignored: false };
    if (c.month !== undefined) return { cell: c.cell, header: c.header, readAs: `milestones for ${c.month}`, note: '', ignored: false };
    return { cell: c.cell, header: c.header, readAs: 'not read', note: c.ignored ?? '', ignored: true };
  });
}

/** `data/sample/tracker.xlsx › SIP Summary` (header row 4, 58 rows). */
export function auditTitle(a: ColumnAudit): string {
  const where = a.source.sheet !== undefined ? `${a.source.file} › ${a.source.sheet}` : a.source.file;
  return `${where} (header on row ${a.headerRow}, ${a.rows} row${a.rows === 1 ? '' : 's'} read)`;
}

/** What `papers validate` prints for one table: its title, a line per header cell, the optional fields it lacks. */
export function auditText(a: ColumnAudit): string[] {
  const lines = [`columns of ${auditTitle(a)}:`];
  for (const r of auditRows(a)) lines.push(`  ${r.cell.padEnd(5)} ${JSON.stringify(r.header)} → ${r.readAs}${r.note ? ` (${r.note})` : ''}`);
  if (a.absent.length > 0) lines.push(`  not in this table (optional): ${a.absent.join(', ')}`);
  return lines;
}

export function renderValidation(view: ValidationView, templates: Pick<Templates, 'validation' | 'css'>): string {
  const row = (p: Problem) => ({ where: p.location ? formatLocation(p.location) : '', message: p.message, name: p.name });
  const e = view.errors.length;
  const w = view.warnings.length;
  const verdict =
    e > 0
      ? `${e} error${e === 1 ? '' : 's'} and ${w} warning${w === 1 ? '' : 's'}: the papers cannot be built until the errors are fixed.`
      : `No errors${w ? `, ${w} warning${w === 1 ? '' : 's'}` : ''}: the papers can be built.`;
  return Handlebars.compile(templates.validation, { strict: true })({
    ...view,
    css: templates.css,
    errors: view.errors.map(row),
    warnings: view.warnings.map(row),
    audits: view.audits.map((a) => ({ title: auditTitle(a), rows: auditRows(a), absent: a.absent.join(', ') })),
    verdict,
    verdictClass: e > 0 ? 'bad' : 'good',
  });
}

/**
 * What validate prints for each paper, counting each thing it holds: "item 6: 46 projects — 4 red,
 * 17 amber, 25 green, 0 blue, 0 not rated; 17 actions — 5 complete, …; 24 measures — …; 24 exceptions".
 */
export function itemSummary(number: string, scored: ScoredItemResult): string {
  const parts: string[] = [];
  const rated = (c: Counts): string => `${c.red} red, ${c.amber} amber, ${c.green} green, ${c.blue} blue, ${c.grey + c.none} not rated`;
  if (scored.plan) parts.push(`${scored.plan.counts.total} projects — ${rated(scored.plan.counts)}`);
  if (scored.actions) {
    const t = scored.actions.tally;
    parts.push(`${t.total} action${t.total === 1 ? '' : 's'} — ${t.complete} complete, ${t.onTrack} on track, ${t.dueSoon} due soon, ${t.overdue} overdue, ${t.noDate} with no date`);
  }
  if (scored.kpis.length > 0) parts.push(`${scored.kpis.length} measure${scored.kpis.length === 1 ? '' : 's'} — ${rated(countRatings(scored.kpis.map((k) => k.rating)))}`);
  if (scored.outcomes.length > 0) parts.push(`${scored.outcomes.length} outcome${scored.outcomes.length === 1 ? '' : 's'}`);
  const e = scored.exceptions.length;
  return `item ${number}: ${[...parts, `${e} exception${e === 1 ? '' : 's'}`].join('; ')}`;
}
