/**
 * Outcomes → measures → recommendations, from an outcomes map (and the recommendations list): each
 * outcome with the measures that show whether it is being achieved (rated, when the paper has a KPI
 * return; as written otherwise) and the recommendations it answers; then the coverage check, as far as the
 * paper's sources allow: recommendations with no action, actions with no measure, measures not linked to
 * an outcome.
 */
import { countsView, ratingCell, sourceView, src, type CountsView, type RatingCellView } from '../cells.js';
import { appendix, extractLine, type AppendixView, type SectionKindDef } from './section.js';

export interface OutcomesView extends AppendixView {
  /** " (rated as in Appendix 2)", when there is a scorecard. */
  ratedAs: string;
  /** Measures are rated (the paper has a KPI return): each outcome shows its counts. */
  rated: boolean;
  rows: {
    number: string;
    title: string;
    source: string;
    counts: CountsView;
    /** A measure found in the KPI return, rated; or, not found there, as the map writes it. */
    measures: { id: string; name: string; rating: RatingCellView | undefined; source: string }[];
    recommendations: { number: string; text: string; source: string }[];
  }[];
  coverage: {
    /** Whether anything could be checked (an action plan or a KPI return beside the map). */
    checked: boolean;
    recommendationsWithoutAction: string[];
    actionsWithoutMeasure: string[];
    measuresWithoutOutcome: string[];
    /** "The map covers everything", or how many gaps it has. */
    summary: string;
    /** "The recommendations list has no recommendation 11 (it numbers them 1 to 14).", or ''. */
    missing: string;
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "The recommendations list has no recommendation 11, though its numbers run to 14: …". */
function missingText(missing: readonly string[], top: number): string {
  if (missing.length === 0) return '';
  const which = missing.length === 1 ? `recommendation ${missing[0]}` : `recommendations ${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  return `The recommendations list has no ${which}, though its numbers run to ${top}: check that none was left out.`;
}

export const outcomes: SectionKindDef<OutcomesView> = {
  kind: 'outcomes',
  title: 'Outcomes, measures and recommendations',
  partial: 'outcomes',
  view({ scored, sources, recommendations, numbers }, number) {
    const recText = new Map(recommendations.map((r) => [r.number, r.text]));
    const cov = scored.coverage!;
    const kpiNumber = numbers.get('kpi-scorecard');
    const rated = scored.kpis.length > 0 || sources.kpis !== undefined;
    const noAction = cov.recommendationsWithoutAction ?? [];
    const noMeasure = cov.actionsWithoutMeasure ?? [];
    const noOutcome = cov.measuresWithoutOutcome ?? [];
    const gaps = noAction.length + noMeasure.length + noOutcome.length;
    const checks = [
      cov.recommendationsWithoutAction && `${plural(noAction.length, 'recommendation')} with no action`,
      cov.actionsWithoutMeasure && `${plural(noMeasure.length, 'action')} with no measure`,
      cov.measuresWithoutOutcome && `${plural(noOutcome.length, 'measure')} not linked to an outcome`,
    ].filter((c): c is string => typeof c === 'string');
    const everything = cov.recommendationsWithoutAction && cov.actionsWithoutMeasure && cov.measuresWithoutOutcome;
    return {
      ...appendix(number, this.title),
      ratedAs: kpiNumber !== undefined ? ` (rated as in Appendix ${kpiNumber})` : '',
      rated,
      rows: scored.outcomes.map((o) => ({
        number: o.outcome.number,
        title: o.outcome.title,
        source: src(o.outcome.source),
        counts: countsView(o.counts),
        measures: o.measures.map(({ kpi: k, text, source }) => (k ? { id: k.kpi.id, name: k.kpi.name, rating: ratingCell(k.rating, k.latest?.source), source: src(k.kpi.source) } : { id: '', name: text, rating: undefined, source: src(source) })),
        recommendations: o.outcome.recommendations.map((r) => ({ number: r.number, text: recText.get(r.number) ?? '', source: src(r.source) })),
      })),
      coverage: {
        checked: checks.length > 0 || cov.missingRecommendations.length > 0,
        missing: missingText(cov.missingRecommendations, Math.max(0, ...recommendations.map((r) => Number(r.number)).filter(Number.isFinite))),
        recommendationsWithoutAction: noAction.map((r) => `Recommendation ${r.number}: ${r.text}`),
        actionsWithoutMeasure: noMeasure.map((a) => `Action ${a.no} (recommendation ${a.recommendation || 'not given'}): ${a.action}`),
        measuresWithoutOutcome: noOutcome.map((k) => `${k.id} ${k.name}`),
        summary:
          checks.length === 0
            ? ''
            : gaps === 0 && everything
            ? 'Every recommendation has an action, every action a measure that will show its effect, and every measure an outcome.'
            : gaps === 0
              ? `The map has no gap this paper’s sources can show: ${checks.join(', ')}.`
              : `The map has ${plural(gaps, 'gap')}: ${checks.join(', ')}.`,
      },
      sources: [sourceView(sources.outcomes!), ...(sources.recommendations ? [sourceView(sources.recommendations)] : [])],
    };
  },
  table(o) {
    return {
      columns: ['outcome', 'measure', 'measure rating', 'recommendations', 'outcome source'],
      rows: o.rows.flatMap((row) =>
        (row.measures.length > 0 ? row.measures : [undefined]).map((m) => ({
          outcome: `${row.number}. ${row.title}`,
          measure: m ? `${m.id ? `${m.id} ` : ''}${m.name}` : '',
          'measure rating': m?.rating ? m.rating.label : '',
          recommendations: row.recommendations.map((r) => r.number).join(', '),
          'outcome source': row.source,
        })),
      ),
    };
  },
  background({ sources }, number) {
    return [extractLine(sources.outcomes!, number), ...(sources.recommendations ? [extractLine(sources.recommendations, number)] : [])];
  },
};
