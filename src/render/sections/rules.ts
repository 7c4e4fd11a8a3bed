/**
 * "How ratings are calculated": the rules in force, in words, from the same `Rules` the scoring
 * uses, so the paper can never describe rules other than the ones applied — and only the rules that rate
 * something in this paper (a KPI report says nothing of project criteria). Pure.
 */
import type { Rules } from '../../model/index.js';
import { sourceView, type SourceView } from '../cells.js';
import { appendix, type AppendixView, type SectionKindDef } from './section.js';

export interface RuleSection {
  heading: string;
  points: string[];
}

const n = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** What a paper rates, and so which rules it explains. */
export interface Rated {
  projects: boolean;
  actions: boolean;
  kpis: boolean;
  benchmarks: boolean;
  /** Projects whose milestones' states are the colours of their cells (plans on a page). */
  plansOnAPage?: boolean;
  /** A KPI return that states ratings of its own (a RAG column). */
  statedKpis?: boolean;
}

const ALL: Rated = { projects: true, actions: true, kpis: true, benchmarks: true, plansOnAPage: true, statedKpis: true };

export function explainRules(rules: Rules, rated: Rated = ALL): RuleSection[] {
  const p = rules.projects;
  const critical = p.criteria.filter((c) => c.critical).map((c) => c.name.toLowerCase());
  const tol = rules.kpis.tolerance;
  const tolText = tol.kind === 'relative' ? `${+(tol.value * 100).toFixed(2)}% of the target` : `${tol.value} in the measure’s unit`;
  const wd = rules.workingDays;
  const sections: (RuleSection | false)[] = [
    rated.projects && {
      heading: 'Projects',
      points: [
        `RAG criteria: ${p.criteria.map((c) => c.name.toLowerCase() + (c.critical ? ' (critical)' : '')).join('; ')}. All in place: green; ${n(p.missingForAmber, 'criterion', 'criteria')} not in place: amber; ${n(p.missingForRed, 'criterion', 'criteria')} or more: red.${critical.length > 0 ? ` Without ${critical.join(' or ')} a project is red whatever else is in place.` : ''}`,
        `Milestones: a milestone due before the report’s as-at date and not marked done (✓ or “(done)”${rated.plansOnAPage ? ', or coloured as completed' : ''}) is overdue. ${n(p.overdueForAmber, 'overdue milestone')}: amber; ${p.overdueForRed} or more: red.`,
        'The rating shown is the one the tracker states. Where the rules, on evidence (criteria recorded, or a milestone missed), give a worse rating than the one stated, both are shown and the project is listed under exceptions; where they give a better one, it is only noted. With no stated rating the rules’ rating is used; with neither the project is grey.',
        `Milestones are judged at the date the tracker was produced (its “Accurate when produced on …”${rated.plansOnAPage ? ', or the date in the header of the milestone column' : ''}), when that is earlier than the report’s: a milestone due after the extract was made cannot be known to have been missed.`,
        rated.plansOnAPage && 'In a plan on a page each milestone’s state is the colour of its cell (read against the plan’s own legend first), and a project is shown by its worst milestone not yet completed.',
      ].filter((x): x is string => typeof x === 'string'),
    },
    rated.actions && {
      heading: 'Actions',
      points: [
        'Complete: blue, marked “completed late” when finished after its deadline. An action is complete when its status says so, a completion date is given, its deadline reads “Completed”, or its progress says it is done (“Complete”, “Completed”, “… completed”, “Done” — not “to be completed”).',
        'An action written over several lines is rated by its worst line not yet complete: red when any line is overdue, amber when any is due soon and not reported on track; it is complete only when every line is.',
        `Deadline passed and not complete: red, with the number of working days overdue. Due within ${rules.actions.dueSoonWorkingDays} working days and not reported on track: amber. Otherwise green. Where the plan states another rating, it is given with the rating’s reason.`,
        'No deadline: grey. A deadline written as “Ongoing”, “TBC” or “dependent on …” is reported as written, never as overdue. A deadline that is words naming a month (“First phase August 2017”) is read as the end of that month, and the build warns that it did.',
      ],
    },
    rated.kpis && {
      heading: 'Key performance indicators',
      points: [
        `Values are compared with their target as printed (to the decimal places shown). On or better than target: green; short of it by no more than ${tolText}: amber${rules.kpis.edge === 'amber' ? ' (a value exactly at that edge is amber)' : ' (a value exactly at that edge is red)'}; further: red. A band measure is green inside its band and rated on its distance from the nearer edge outside it.`,
        `No value, a suppressed value, or a base of fewer than ${rules.kpis.smallNumbers} (small numbers): grey. A contextual measure is not rated.`,
        'Direction of travel compares the latest value with the previous month and with the same month a year before: the arrow shows whether the figure rose or fell, and “better” or “worse” follows the measure’s polarity.',
        ...(rated.statedKpis ? ['The return’s own RAG column is not the rating: each measure is rated by the rules above from its figure, and where the return states another rating for the same figure it is given with the rating’s reason; one kinder than the rules’ is listed among the exceptions.'] : []),
        ...(rated.benchmarks ? ['Benchmarks: the council’s published figure for the latest year against England and the mean of its statistical neighbours (DfE). Better than both: green; one: amber; neither: red. The year is always named.'] : []),
      ],
    },
    rated.actions && {
      heading: 'Working days',
      points: [
        `Monday to Friday, less bank holidays in England and Wales (GOV.UK list bundled with the product)${wd.closures.length > 0 ? ` and ${n(wd.closures.length, 'council closure day')}` : ''}. Counting from one date to another ${wd.countStart ? 'includes' : 'excludes'} the first day and ${wd.countEnd ? 'includes' : 'excludes'} the last.`,
      ],
    },
  ];
  return sections.filter((s): s is RuleSection => s !== false);
}

export interface RulesView extends AppendixView {
  sections: RuleSection[];
}

export const rules: SectionKindDef<RulesView> = {
  kind: 'rules',
  title: 'How ratings are calculated',
  partial: 'rules',
  view({ meeting, scored, sources }, number) {
    const plansOnAPage = scored.plan?.plan.workstreams.some((w) => w.projects.some((p) => p.milestones.some((m) => m.milestones.some((x) => x.status !== undefined)))) ?? false;
    const rated = { projects: scored.plan !== undefined, actions: scored.actions !== undefined, kpis: sources.kpis !== undefined, benchmarks: scored.benchmarkYears.size > 0, plansOnAPage, statedKpis: scored.kpis.some((k) => k.kpi.stated !== undefined) };
    const cited: SourceView[] = sources.config ? [sourceView(sources.config)] : [];
    return { ...appendix(number, this.title), sections: explainRules(meeting.rules, rated), sources: cited };
  },
};
