/**
 * The validation report: every error and warning found in a meeting's sources, as an HTML page
 * a democratic services officer can open. Pure.
 */
import Handlebars from 'handlebars';
import { formatLocation, type Problem } from '../errors.js';
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
