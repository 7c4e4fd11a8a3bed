/**
 * The validation report: every error and warning found in a meeting's sources, as an HTML page
 * a democratic services officer can open. Pure.
 */
import Handlebars from 'handlebars';
import { formatLocation, type Problem } from '../errors.js';
import type { ScoredItemResult } from '../model/index.js';
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

/** What validate prints for each paper: "item 6: 46 projects — 4 red, 17 amber, 25 green, 0 blue, 0 not rated; 24 exceptions". */
export function itemSummary(number: string, scored: ScoredItemResult): string {
  const c = scored.plan.counts;
  const e = scored.exceptions.length;
  return `item ${number}: ${c.total} projects — ${c.red} red, ${c.amber} amber, ${c.green} green, ${c.blue} blue, ${c.grey + c.none} not rated; ${e} exception${e === 1 ? '' : 's'}`;
}
