/**
 * The exceptions: every item rated red, every item worse than in the last paper, and every item the
 * rules rate worse than its stated rating (on evidence) — each with the reason for its rating and the
 * corrective action reported; and the KPI values changed since the last paper.
 */
import { sourceView, ratingCell, type RatingCellView } from '../cells.js';
import { appendix, type AppendixView, type SectionKindDef } from './section.js';

export interface ExceptionsView extends AppendixView {
  /** The paragraph introducing them. */
  intro: string;
  rows: {
    kind: string;
    id: string;
    title: string;
    rating: RatingCellView;
    why: string;
    movement: string;
    correctiveAction: string;
  }[];
}

export const KIND_WORD = { project: 'Project', action: 'Action', kpi: 'Measure' } as const;
const WHY_WORD = { red: 'rated red', worsened: 'worse since the last paper', disagrees: 'the rules rate it worse than stated' } as const;

/** "the Panel" → "Panel". */
const meetingBody = (to: string): string => to.replace(/^the\s+/i, '');

export const exceptions: SectionKindDef<ExceptionsView> = {
  kind: 'exceptions',
  title: 'Exceptions',
  partial: 'exceptions',
  view({ scored, sources, narrative }, number) {
    const n = scored.exceptions.length;
    const plan = scored.plan?.plan;
    return {
      ...appendix(number, this.title),
      sources: [
        ...(plan ? [sourceView(plan.source, plan.footerAsAt)] : []),
        ...(sources.kpis ? [sourceView(sources.kpis)] : []),
        ...(sources.actions ? [sourceView(sources.actions)] : []),
        ...(sources.previousFile ? [sourceView(sources.previousFile, scored.changes?.since)] : []),
      ],
      intro:
        n === 0
          ? 'There are no exceptions: nothing is rated red, nothing has worsened since the last paper, and the rules rate nothing worse than stated.'
          : `${n} item${n === 1 ? ' needs' : 's need'} the ${meetingBody(narrative.front.recommendationsTo)}’s attention: every item rated red, every item worse than in the last paper, and every item the rules rate worse than its stated rating. Appendix ${number} lists them, each with the reason for its rating and the corrective action reported.`,
      rows: scored.exceptions.map((e) => ({
        kind: KIND_WORD[e.kind],
        id: e.id,
        title: e.title,
        rating: ratingCell(e.rating, undefined),
        why: e.why.map((w) => WHY_WORD[w]).join('; '),
        movement: e.movement ?? '',
        correctiveAction: e.correctiveAction || 'None supplied.',
      })),
    };
  },
  table(e) {
    return {
      columns: ['kind', 'id', 'title', 'rating', 'why', 'movement', 'reason', 'corrective action'],
      rows: e.rows.map((r) => ({ kind: r.kind, id: r.id, title: r.title, rating: r.rating.label, why: r.why, movement: r.movement, reason: r.rating.reason, 'corrective action': r.correctiveAction })),
    };
  },
};
