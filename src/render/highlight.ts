/**
 * HighlightScore → HighlightView: what a monthly highlight report shows, as display strings. Pure.
 * The template is templates/highlight.hbs; rating cells and counts look as in the paper's appendices.
 */
import { formatLocation } from '../errors.js';
import { formatValue, STATUS_LABEL, type HighlightScore, type Status } from '../model/index.js';
import { formatLongDate, formatShortDate } from './format.js';
import { countsView, ratingCell, type CountsView, type RatingCellView } from './cells.js';

export interface HighlightView {
  documentTitle: string;
  council: string;
  board: string;
  plan: string;
  /** "Workstream 3: Quality and practice" or "The whole plan". */
  scopeTitle: string;
  isPlan: boolean;
  period: string;
  asAt: string;
  overall: RatingCellView;
  counts: CountsView;
  previous: { period: string; counts: CountsView } | undefined;
  /** "No report for December 2026 to compare with": said, not failed. */
  noPrevious: string | undefined;
  projects: { ref: string; title: string; lead: string; rating: RatingCellView; commentary: string; commentarySource: string; was: string }[];
  due: { ref: string; when: string; what: string }[];
  missed: { ref: string; when: string; what: string }[];
  kpis: { id: string; name: string; value: string; period: string; target: string; rating: RatingCellView; month: string; year: string }[];
  exceptions: { ref: string; title: string; rating: RatingCellView; why: string; action: string }[];
  changes: string[];
  styleCss: string;
}

export interface HighlightContext {
  council: string;
  board: string;
  plan: string;
  /** "November 2026", and the previous period's label. */
  period: string;
  previousPeriod: string;
  styleCss: string;
}

const WHY: Record<string, string> = { red: 'red', worsened: 'worse since last month', disagrees: 'the rules rate it worse than stated' };

export function highlightView(score: HighlightScore, ctx: HighlightContext): HighlightView {
  const scopeTitle = score.scope.kind === 'plan' ? 'The whole plan' : `Workstream ${score.scope.number}: ${score.scope.title}`;
  const previousStatus = new Map<string, Status>();
  const changes = score.scored.changes;
  for (const m of changes?.moved ?? []) if (m.kind === 'project') previousStatus.set(m.id, m.from);
  const projects = score.plan.workstreams.flatMap((w) =>
    w.projects.map((p) => ({
      ref: p.project.ref,
      title: p.project.title,
      lead: p.project.lead,
      rating: ratingCell(p.rating, p.project.source.rating),
      commentary: p.project.commentary,
      commentarySource: formatLocation(p.project.source.commentary),
      was: previousStatus.has(p.project.ref) ? `was ${STATUS_LABEL[previousStatus.get(p.project.ref)!]}` : '',
    })),
  );
  const dated = (d: HighlightScore['due'][number]): { ref: string; when: string; what: string } => ({ ref: d.project.ref, when: formatShortDate(d.milestone.due!), what: d.milestone.what });
  const kpis = score.scored.kpis.map((k) => ({
    id: k.kpi.id,
    name: k.kpi.name,
    value: k.latest?.value !== undefined ? formatValue(k.latest.value, k.kpi.unit) : '–',
    period: k.latest?.period ?? '',
    target: k.kpi.target !== undefined ? formatValue(k.kpi.target, k.kpi.unit) : '–',
    rating: ratingCell(k.rating, k.latest?.source),
    month: k.shortTerm?.text ?? '–',
    year: k.longTerm?.text ?? '–',
  }));
  const changeLines = changes
    ? [
        ...changes.moved.map((m) => `${m.kind === 'kpi' ? 'KPI' : m.kind === 'project' ? 'Project' : 'Action'} ${m.id} ${m.title}: ${STATUS_LABEL[m.from]} → ${STATUS_LABEL[m.to]}${m.worse ? ' (worse)' : m.better ? ' (better)' : ''}`),
        ...changes.added.map((a) => `New ${a.kind} ${a.id} ${a.title}`),
        ...changes.closed.map((a) => `No longer reported: ${a.kind} ${a.id} ${a.title}`),
      ]
    : [];
  return {
    documentTitle: `Highlight report, ${ctx.period} – ${scopeTitle} – ${ctx.plan}`,
    council: ctx.council,
    board: ctx.board,
    plan: ctx.plan,
    scopeTitle,
    isPlan: score.scope.kind === 'plan',
    period: ctx.period,
    asAt: formatLongDate(score.asAt),
    overall: ratingCell(score.overall, undefined),
    counts: countsView(score.plan.counts),
    previous: score.previousCounts ? { period: ctx.previousPeriod, counts: countsView(score.previousCounts) } : undefined,
    noPrevious: score.previousCounts ? undefined : `There is no report for ${ctx.previousPeriod} to compare with, so nothing is shown as changed.`,
    projects,
    due: score.due.map(dated),
    missed: score.missed.map(dated),
    kpis,
    exceptions: score.scored.exceptions.map((e) => ({ ref: e.id, title: e.title, rating: ratingCell(e.rating, undefined), why: e.why.map((w) => WHY[w] ?? w).join('; ') + (e.movement ? ` (${e.movement})` : ''), action: e.correctiveAction })),
    changes: changeLines,
    styleCss: ctx.styleCss,
  };
}
