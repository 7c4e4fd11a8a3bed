/**
 * The validation report: every error and warning found in a meeting's sources, as an HTML page
 * a democratic services officer can open. Pure.
 */
import Handlebars from 'handlebars';
import { formatLocation, type Problem } from '../errors.js';
import { countRatings, type Counts, type ScoredItemResult } from '../model/index.js';
import type { Templates } from './paper.js';

export interface ValidationView {
  title: string;
  config: string;
  asAt: string;
  errors: Problem[];
  warnings: Problem[];
  read: { file: string; what: string }[];
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
