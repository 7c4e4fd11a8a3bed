/**
 * The RAG summary sheet (landscape), from a project tracker: ratings by workstream with totals and
 * percentages of the rated, then every project by workstream with REF, lead, a coloured and lettered RAG
 * cell, commentary and next key milestones by month, "Accurate when produced on …", and the reason for
 * every rating that is not green.
 */
import { countsView, LETTER, notGreen, ratingCell, sourceView, src, type CountsView, type RatingCellView, type ReasonView } from '../cells.js';
import { STATUS_LABEL } from '../../model/index.js';
import { formatShortDate } from '../format.js';
import { appendix, extractLine, type AppendixView, type SectionKindDef } from './section.js';

export interface RagSummaryView extends AppendixView {
  planTitle: string;
  /** The milestone columns' headings: "March milestones", or "Milestones" for a plan on a page's one column. */
  months: string[];
  /** How REFs were made, when the tracker has none. */
  refsMade: string;
  /** Columns in the project table: REF, project, RAG, commentary and one per month. */
  columnCount: number;
  workstreams: {
    number: string;
    title: string;
    /** As headed in the paper: "1 Support and Develop Our Workforce"; "Projects" for a list with no workstreams. */
    name: string;
    source: string;
    counts: CountsView;
    projects: {
      ref: string;
      title: string;
      lead: string;
      rating: RatingCellView;
      commentary: string;
      commentarySource: string;
      /** The outcome the project serves and how it is measured (plans on a page). */
      outcome: string;
      measure: string;
      months: { month: string; source: string; milestones: { when: string; what: string; state?: { status: string; letter: string; label: string } }[] }[];
    }[];
  }[];
  totals: CountsView;
  showBlue: boolean;
  showGrey: boolean;
  accurateWhen: string;
  /** " (Appendix 6)": where the rules are, when the paper has them. */
  rulesAppendix: string;
  /** Every rating other than green, with its reason. */
  reasons: ReasonView[];
}

export const ragSummary: SectionKindDef<RagSummaryView> = {
  kind: 'rag-summary',
  title: 'RAG summary sheet',
  partial: 'rag-summary',
  view({ scored, numbers }, number) {
    const sp = scored.plan!;
    const plan = sp.plan;
    const rules = numbers.get('rules');
    return {
      ...appendix(number, this.title),
      planTitle: plan.title,
      months: plan.months.map((m) => (m === '' ? 'Milestones' : `${m} milestones`)),
      refsMade: plan.refsMade ?? '',
      columnCount: 4 + plan.months.length,
      workstreams: sp.workstreams.map((w) => ({
        number: w.workstream.number,
        title: w.workstream.title,
        name: w.workstream.title === '' ? 'Projects' : `${w.workstream.number} ${w.workstream.title}`,
        source: src(w.workstream.source),
        counts: countsView(w.counts),
        projects: w.projects.map(({ project, rating }) => ({
          ref: project.ref,
          title: project.title,
          lead: project.lead,
          rating: ratingCell(rating, project.source.rating),
          commentary: project.commentary,
          commentarySource: src(project.source.commentary),
          outcome: project.outcome ?? '',
          measure: project.measure ?? '',
          months: project.milestones.map((m) => ({
            month: m.month,
            source: src(m.source),
            milestones: m.milestones.map((x) => ({ when: x.when, what: x.what, ...(x.status ? { state: { status: x.status, letter: LETTER[x.status], label: STATUS_LABEL[x.status] } } : {}) })),
          })),
        })),
      })),
      totals: countsView(sp.counts),
      showBlue: sp.counts.blue > 0,
      showGrey: sp.counts.grey + sp.counts.none > 0,
      accurateWhen: formatShortDate(plan.footerAsAt ?? scored.asAt),
      rulesAppendix: rules !== undefined ? ` (Appendix ${rules})` : '',
      reasons: sp.workstreams.flatMap((w) => w.projects.filter((p) => notGreen(p.rating) || p.disagrees).map((p) => ({ id: p.project.ref, title: p.project.title, rating: ratingCell(p.rating, p.project.source.rating) }))),
      sources: [sourceView(plan.source, plan.footerAsAt)],
    };
  },
  table(rag) {
    return {
      columns: ['workstream', 'ref', 'project', 'lead', 'rating', 'reason', 'commentary', ...rag.months, 'rating source'],
      rows: rag.workstreams.flatMap((w) =>
        w.projects.map((p) => ({
          workstream: w.name,
          ref: p.ref,
          project: p.title,
          lead: p.lead,
          rating: p.rating.label,
          reason: p.rating.reason,
          commentary: p.commentary,
          ...Object.fromEntries(p.months.map((m, i) => [rag.months[i]!, m.milestones.map((x) => `${x.state ? `[${x.state.label}] ` : ''}${x.when ? `${x.when} - ${x.what}` : x.what}`).join('; ')])),
          'rating source': p.rating.source,
        })),
      ),
    };
  },
  background({ scored }, number) {
    return [extractLine(scored.plan!.plan.source, number)];
  },
};
