/**
 * Scored model + config + narrative → the view a paper template needs. Pure.
 *
 * Everything a template prints is decided here (numbering, labels, formatting, provenance), so the
 * templates only lay it out. Every figure drawn from a source carries `source`, printed as a
 * `data-source` attribute so it can be traced to its cell.
 */
import { formatLocation } from '../errors.js';
import { percentOf, ratedText, STATUS_LABEL, textOn, type Counts, type Direction, type ItemConfig, type MeetingConfig, type Narrative, type Rating, type Recommendation, type ScoredItemResult, type Source, type SourceFile, type Status } from '../model/index.js';
import { explainRules, type RuleSection } from './explain.js';
import {
  formatDayDate,
  formatLongDate,
  formatMeetingDateTime,
  formatPeriod,
  formatShortDate,
  formatValue,
  UNIT_LABEL,
} from './format.js';
import type { TrendChart } from './charts.js';
import { renderInline, renderNarrative } from './markdown.js';

const LETTER: Record<Status, string> = { red: 'R', amber: 'A', green: 'G', blue: 'B', grey: '–', none: 'N/A' };

export interface RatingCellView {
  status: Status;
  letter: string;
  label: string;
  reason: string;
  source: string;
}

export interface CountsView {
  red: number;
  amber: number;
  green: number;
  blue: number;
  grey: number;
  total: number;
  /** "41 of 47 rated", and each rated status's share of the rated. */
  rated: string;
  percent: { red: string; amber: string; green: string; blue: string };
}

/** A rating that is not green, with its reason, for the list under a table. */
export interface ReasonView {
  id: string;
  title: string;
  rating: RatingCellView;
}

export interface RagSummaryView {
  number: number;
  id: string;
  title: string;
  planTitle: string;
  months: string[];
  /** Columns in the project table: REF, project, RAG, commentary and one per month. */
  columnCount: number;
  workstreams: {
    number: string;
    title: string;
    source: string;
    counts: CountsView;
    projects: {
      ref: string;
      title: string;
      lead: string;
      rating: RatingCellView;
      commentary: string;
      commentarySource: string;
      months: { month: string; source: string; milestones: { when: string; what: string }[] }[];
    }[];
  }[];
  totals: CountsView;
  showBlue: boolean;
  showGrey: boolean;
  accurateWhen: string;
  /** Every rating other than green, with its reason. */
  reasons: ReasonView[];
  sources: SourceView[];
}

export interface KpiTableView {
  number: number;
  id: string;
  title: string;
  asAtMonth: string;
  rows: {
    id: string;
    name: string;
    unit: string;
    polarity: string;
    latestPeriod: string;
    latest: string;
    latestSource: string;
    previous: string;
    previousSource: string;
    target: string;
    rating: RatingCellView;
    shortTerm: string;
    longTerm: string;
    england: string;
    neighbours: string;
    benchmark: RatingCellView | undefined;
  }[];
  reasons: ReasonView[];
  /** A trend chart of the last 12 months for each measure with figures, with its words. */
  charts: { id: string; name: string; svg: string; words: string }[];
  /** True when any measure has a national benchmark. */
  hasBenchmarks: boolean;
  benchmarkNote: string;
  sources: SourceView[];
}

export interface SourceView {
  file: string;
  sheet: string | undefined;
  sha256: string;
  /** "extract dated 24/02/2017", when the extract says when it was produced. */
  dated: string;
}

export interface PaperView {
  lang: 'en-GB';
  /** Class on the root element: '' or 'large-print'. */
  printClass: string;
  /** The council's style over the house style: CSS custom properties made from checked config values only. */
  styleCss: string;
  /** The council's logo as a data: URL, and its text alternative. */
  logo: { src: string; alt: string } | undefined;
  documentTitle: string;
  council: string;
  committee: string;
  meetingDateTime: string;
  meetingDate: string;
  venue: string;
  itemNumber: string;
  title: string;
  reportOf: string;
  /** The report's particulars, as a council sets them under the title. */
  particulars: { label: string; value: string }[];
  summaryHtml: string;
  recommendationsNumber: number;
  recommendationsTo: string;
  recommendationsHtml: string[];
  bodyHtml: string;
  /** Numbered paragraphs of "Position at a glance". */
  glance: NumberedText[];
  ratingsSentence: string;
  /** The paragraph introducing the exceptions (their table is an appendix). */
  exceptionsPara: NumberedText;
  implications: { id: string; heading: string; html: string }[];
  nextStepsHtml: string;
  appendices: { number: number; id: string; title: string }[];
  contacts: string[];
  backgroundPapers: string[];
  dateOfIssue: string | undefined;
  rag: RagSummaryView;
  kpis: KpiTableView | undefined;
  outcomes: OutcomesView | undefined;
  actions: ActionPlanView | undefined;
  exceptions: ExceptionsView;
  changes: ChangesView | undefined;
  rules: RulesView;
}

export interface NumberedText {
  number: number;
  text: string;
}

export interface OutcomesView {
  number: number;
  id: string;
  title: string;
  /** " (rated as in Appendix 2)", when there is a scorecard. */
  ratedAs: string;
  rows: {
    number: string;
    title: string;
    source: string;
    counts: CountsView;
    measures: { id: string; name: string; rating: RatingCellView; source: string }[];
    recommendations: { number: string; text: string; source: string }[];
  }[];
  coverage: {
    recommendationsWithoutAction: string[];
    actionsWithoutMeasure: string[];
    measuresWithoutOutcome: string[];
    /** "The map covers everything", or how many gaps it has. */
    summary: string;
  };
  sources: SourceView[];
}

export interface ActionPlanView {
  number: number;
  id: string;
  title: string;
  asAt: string;
  recommendations: {
    number: string;
    text: string;
    counts: CountsView;
    actions: {
      no: string;
      action: string;
      deadline: string;
      deadlineSource: string;
      responsible: string;
      progress: string;
      rating: RatingCellView;
      /** "Overdue by 12 working days", in words as well as colour. */
      flag: string;
    }[];
  }[];
  totals: CountsView;
  reasons: ReasonView[];
  sources: SourceView[];
}

export interface ExceptionsView {
  number: number;
  id: string;
  title: string;
  sources: SourceView[];
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

export interface ChangesView {
  since: string;
  summary: string;
  moved: { kind: string; id: string; title: string; from: string; to: string; direction: string }[];
  added: string[];
  closed: string[];
  values: { id: string; title: string; from: string; to: string }[];
}

export interface RulesView {
  number: number;
  id: string;
  title: string;
  sections: RuleSection[];
  sources: SourceView[];
}

export interface PaperInputs {
  meeting: MeetingConfig;
  item: ItemConfig;
  narrative: Narrative;
  scored: ScoredItemResult;
  /** The item's other sources, for the appendices' provenance. */
  sources: {
    plan: SourceFile;
    kpis: SourceFile | undefined;
    actions: SourceFile | undefined;
    outcomes: SourceFile | undefined;
    recommendations: SourceFile | undefined;
    previous: string | undefined;
    /** The previous snapshot file, fingerprinted. */
    previousFile?: SourceFile | undefined;
    /** The meeting config, fingerprinted: the rules come from it. */
    config?: SourceFile | undefined;
  };
  /** The recommendations list, for the outcomes appendix. */
  recommendations: readonly Recommendation[];
  /** Trend charts by KPI ID (render/charts.ts). */
  charts: ReadonlyMap<string, TrendChart>;
  /** The large-print version. */
  largePrint?: boolean;
  /** The council's logo as a data: URL (read by the caller). */
  logo?: string | undefined;
}

const src = (s: Source): string => formatLocation(s);
const sourceView = (s: SourceFile, dated?: string): SourceView => ({ file: s.file, sheet: s.sheet, sha256: s.sha256, dated: dated ? `extract dated ${formatShortDate(dated)}` : '' });

export function countsView(c: Counts): CountsView {
  const pc = (st: Status): string => {
    const p = percentOf(c, st);
    return p === undefined ? '–' : `${p}%`;
  };
  return {
    red: c.red,
    amber: c.amber,
    green: c.green,
    blue: c.blue,
    grey: c.grey + c.none,
    total: c.total,
    rated: ratedText(c),
    percent: { red: pc('red'), amber: pc('amber'), green: pc('green'), blue: pc('blue') },
  };
}

export function ratingCell(rating: Rating, source: Source | undefined): RatingCellView {
  return { status: rating.status, letter: LETTER[rating.status], label: STATUS_LABEL[rating.status], reason: rating.reason, source: source ? src(source) : '' };
}

const directionText = (d: Direction | undefined): string => (d ? d.text : '–');

/** "Of the 45 projects in the plan, 24 are rated green, 17 amber and 4 red." */
export function ratingsSentence(c: Counts): string {
  const parts: string[] = [];
  const push = (n: number, word: string): void => {
    if (n > 0) parts.push(parts.length === 0 ? `${n} ${n === 1 ? 'is' : 'are'} rated ${word}` : `${n} ${word}`);
  };
  push(c.green, 'green');
  push(c.amber, 'amber');
  push(c.red, 'red');
  push(c.blue, 'blue (complete)');
  push(c.grey + c.none, 'grey (no data)');
  if (parts.length === 0) return 'The plan holds no projects.';
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]!;
  return `Of the ${c.total} ${c.total === 1 ? 'project' : 'projects'} in the plan, ${list}.`;
}

const KIND_WORD = { project: 'Project', action: 'Action', kpi: 'Measure' } as const;
const WHY_WORD = { red: 'rated red', worsened: 'worse since the last paper', disagrees: 'stated and computed ratings differ' } as const;

export function buildPaperView(input: PaperInputs): PaperView {
  const { meeting, item, narrative, scored } = input;
  const front = narrative.front;

  const summary = renderNarrative(front.summary, 1);
  const recommendationsNumber = summary.next;
  // The author's "Next steps" section, if any, goes after the implications, where reports put it.
  const { main, nextSteps } = splitNextSteps(narrative.body);
  const body = renderNarrative(main, recommendationsNumber + 1);

  const appendices: PaperView['appendices'] = [];
  const add = (title: string): number => {
    const number = appendices.length + 1;
    appendices.push({ number, id: `appendix-${number}`, title });
    return number;
  };
  const ragNumber = add('RAG summary sheet');
  const kpiNumber = input.sources.kpis ? add('KPI scorecard') : undefined;
  const outcomesNumber = scored.coverage && input.sources.outcomes ? add('Outcomes, measures and recommendations') : undefined;
  const actionNumber = scored.actions && input.sources.actions ? add('Action plan') : undefined;
  const exceptionsNumber = add('Exceptions');
  const rulesNumber = add('How ratings are calculated');

  const plan = scored.plan.plan;
  const accurateAsAt = plan.footerAsAt ?? scored.asAt;
  const notGreen = (r: Rating): boolean => r.status !== 'green';
  const rag: RagSummaryView = {
    number: ragNumber,
    id: `appendix-${ragNumber}`,
    title: 'RAG summary sheet',
    planTitle: plan.title,
    months: plan.months,
    columnCount: 4 + plan.months.length,
    workstreams: scored.plan.workstreams.map((w) => ({
      number: w.workstream.number,
      title: w.workstream.title,
      source: src(w.workstream.source),
      counts: countsView(w.counts),
      projects: w.projects.map(({ project, rating }) => ({
        ref: project.ref,
        title: project.title,
        lead: project.lead,
        rating: ratingCell(rating, project.source.rating),
        commentary: project.commentary,
        commentarySource: src(project.source.commentary),
        months: project.milestones.map((m) => ({ month: m.month, source: src(m.source), milestones: m.milestones })),
      })),
    })),
    totals: countsView(scored.plan.counts),
    showBlue: scored.plan.counts.blue > 0,
    showGrey: scored.plan.counts.grey + scored.plan.counts.none > 0,
    accurateWhen: formatShortDate(accurateAsAt),
    reasons: scored.plan.workstreams.flatMap((w) =>
      w.projects.filter((p) => notGreen(p.rating) || p.disagrees).map((p) => ({ id: p.project.ref, title: p.project.title, rating: ratingCell(p.rating, p.project.source.rating) })),
    ),
    sources: [sourceView(plan.source, plan.footerAsAt)],
  };

  let kpis: KpiTableView | undefined;
  const benchmarkSources = [...new Map([...scored.benchmarkYears.values()].map((b) => [b.series.source.file, b.series.source])).values()];
  if (input.sources.kpis && kpiNumber !== undefined) {
    const first = [...scored.benchmarkYears.values()][0];
    kpis = {
      number: kpiNumber,
      id: `appendix-${kpiNumber}`,
      title: 'KPI scorecard',
      asAtMonth: formatPeriod(scored.asAt.slice(0, 7)),
      rows: scored.kpis.map(({ kpi, latest, previous, rating, shortTerm, longTerm, benchmark }) => {
        const b = scored.benchmarkYears.get(kpi.id);
        const year = b?.year;
        const fmt = (v: number | undefined): string => (v === undefined ? 'suppressed' : formatValue(v, kpi.unit));
        const value = (v: { value: number | undefined; suppressed?: string } | undefined): string =>
          !v ? '–' : v.value !== undefined ? formatValue(v.value, kpi.unit) : `suppressed (${v.suppressed ?? '–'})`;
        const england = !b ? '' : year ? `${fmt(year.england)} (${year.label})` : 'not yet published';
        const neighbours = !b ? '' : year ? `${fmt(year.neighbours.mean)} (${year.label}, mean of ${year.neighbours.used} of ${year.neighbours.of})` : 'not yet published';
        return {
          id: kpi.id,
          name: kpi.name,
          unit: UNIT_LABEL[kpi.unit],
          polarity: { higher: 'Higher is better', lower: 'Lower is better', band: 'Within a band', none: 'Contextual' }[kpi.polarity],
          latestPeriod: latest ? formatPeriod(latest.period) : 'No data',
          latest: value(latest),
          latestSource: latest ? src(latest.source) : '',
          previous: value(previous),
          previousSource: previous ? src(previous.source) : '',
          target: kpi.polarity === 'band' && kpi.band ? `${formatValue(kpi.band.low, kpi.unit)} to ${formatValue(kpi.band.high, kpi.unit)}` : kpi.target === undefined ? 'None set' : formatValue(kpi.target, kpi.unit),
          rating: ratingCell(rating, latest?.source),
          shortTerm: directionText(shortTerm),
          longTerm: directionText(longTerm),
          england,
          neighbours,
          benchmark: benchmark ? ratingCell(benchmark, undefined) : undefined,
        };
      }),
      reasons: scored.kpis.flatMap((k) => {
        const out: ReasonView[] = [];
        if (notGreen(k.rating)) out.push({ id: k.kpi.id, title: k.kpi.name, rating: ratingCell(k.rating, k.latest?.source) });
        if (k.benchmark && notGreen(k.benchmark)) out.push({ id: k.kpi.id, title: `${k.kpi.name} – against benchmarks`, rating: ratingCell(k.benchmark, undefined) });
        return out;
      }),
      charts: scored.kpis.flatMap((k) => {
        const c = input.charts.get(k.kpi.id);
        return c ? [{ id: k.kpi.id, name: k.kpi.name, svg: c.svg, words: c.words }] : [];
      }),
      hasBenchmarks: scored.benchmarkYears.size > 0,
      benchmarkNote: first
        ? `England and statistical-neighbour figures: Department for Education, Explore Education Statistics, Open Government Licence v3.0; statistical neighbours of ${first.series.la.name} (${first.series.la.code}), the latest year up to ${Number(scored.asAt.slice(0, 4)) - 1}, as a paper dated ${formatLongDate(scored.asAt)} could quote.`
        : '',
      sources: [sourceView(input.sources.kpis), ...benchmarkSources.map((b) => sourceView(b))],
    };
  }

  let actions: ActionPlanView | undefined;
  if (scored.actions && input.sources.actions && actionNumber !== undefined) {
    actions = {
      number: actionNumber,
      id: `appendix-${actionNumber}`,
      title: 'Action plan',
      asAt: formatLongDate(scored.asAt),
      recommendations: scored.actions.byRecommendation.map((g) => ({
        number: g.recommendation,
        text: g.actions[0]?.action.summary ?? '',
        counts: countsView(g.counts),
        actions: g.actions.map((a) => ({
          no: a.action.no,
          action: a.action.action,
          deadline: a.action.deadline.text || '–',
          deadlineSource: src(a.action.source.deadline),
          responsible: a.action.responsible,
          progress: a.action.progress,
          rating: ratingCell(a.rating, a.action.source.status ?? a.action.source.deadline),
          flag: a.overdue ? `Overdue by ${a.workingDays} working day${a.workingDays === 1 ? '' : 's'}` : a.completedLate ? 'Completed late' : '',
        })),
      })),
      totals: countsView(scored.actions.counts),
      reasons: scored.actions.actions
        .filter((a) => notGreen(a.rating) && a.rating.status !== 'blue')
        .map((a) => ({ id: a.action.no, title: a.action.action, rating: ratingCell(a.rating, a.action.source.deadline) })),
      sources: [sourceView(input.sources.actions)],
    };
  }

  let outcomes: OutcomesView | undefined;
  if (scored.coverage && input.sources.outcomes && outcomesNumber !== undefined) {
    const recText = new Map(input.recommendations.map((r) => [r.number, r.text]));
    const cov = scored.coverage;
    const gaps = cov.recommendationsWithoutAction.length + cov.actionsWithoutMeasure.length + cov.measuresWithoutOutcome.length;
    outcomes = {
      number: outcomesNumber,
      id: `appendix-${outcomesNumber}`,
      title: 'Outcomes, measures and recommendations',
      ratedAs: kpiNumber !== undefined ? ` (rated as in Appendix ${kpiNumber})` : '',
      rows: scored.outcomes.map((o) => ({
        number: o.outcome.number,
        title: o.outcome.title,
        source: src(o.outcome.source),
        counts: countsView(o.counts),
        measures: o.kpis.map((k) => ({ id: k.kpi.id, name: k.kpi.name, rating: ratingCell(k.rating, k.latest?.source), source: src(k.kpi.source) })),
        recommendations: o.outcome.recommendations.map((r) => ({ number: r.number, text: recText.get(r.number) ?? '', source: src(r.source) })),
      })),
      coverage: {
        recommendationsWithoutAction: cov.recommendationsWithoutAction.map((r) => `Recommendation ${r.number}: ${r.text}`),
        actionsWithoutMeasure: cov.actionsWithoutMeasure.map((a) => `Action ${a.no} (recommendation ${a.recommendation || 'not given'}): ${a.action}`),
        measuresWithoutOutcome: cov.measuresWithoutOutcome.map((k) => `${k.id} ${k.name}`),
        summary:
          gaps === 0
            ? 'Every recommendation has an action, every action a measure that will show its effect, and every measure an outcome.'
            : `The map has ${gaps} gap${gaps === 1 ? '' : 's'}: ${cov.recommendationsWithoutAction.length} recommendation${cov.recommendationsWithoutAction.length === 1 ? '' : 's'} with no action, ${cov.actionsWithoutMeasure.length} action${cov.actionsWithoutMeasure.length === 1 ? '' : 's'} with no measure, ${cov.measuresWithoutOutcome.length} measure${cov.measuresWithoutOutcome.length === 1 ? '' : 's'} not linked to an outcome.`,
      },
      sources: [sourceView(input.sources.outcomes), ...(input.sources.recommendations ? [sourceView(input.sources.recommendations)] : [])],
    };
  }

  const exceptions: ExceptionsView = {
    number: exceptionsNumber,
    id: `appendix-${exceptionsNumber}`,
    title: 'Exceptions',
    sources: [
      sourceView(plan.source, plan.footerAsAt),
      ...(input.sources.kpis ? [sourceView(input.sources.kpis)] : []),
      ...(input.sources.actions ? [sourceView(input.sources.actions)] : []),
      ...(input.sources.previousFile ? [sourceView(input.sources.previousFile, scored.changes?.since)] : []),
    ],
    intro:
      scored.exceptions.length === 0
        ? 'There are no exceptions: nothing is rated red, nothing has worsened since the last paper, and every stated rating agrees with the rules.'
        : `${scored.exceptions.length} item${scored.exceptions.length === 1 ? ' needs' : 's need'} the ${meetingBody(front.recommendationsTo)}’s attention: every item rated red, every item worse than in the last paper, and every item whose stated rating differs from the one the rules give. Appendix ${exceptionsNumber} lists them, each with the reason for its rating and the corrective action reported.`,
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

  let changes: ChangesView | undefined;
  if (scored.changes) {
    const c = scored.changes;
    const worse = c.moved.filter((m) => m.worse).length;
    changes = {
      since: formatLongDate(c.since),
      summary: `Since the last paper (as at ${formatLongDate(c.since)}): ${c.moved.length} rating${c.moved.length === 1 ? '' : 's'} changed (${worse} worse), ${c.added.length} new item${c.added.length === 1 ? '' : 's'}, ${c.closed.length} closed, ${c.values.length} KPI value${c.values.length === 1 ? '' : 's'} changed.`,
      moved: c.moved.map((m) => ({ kind: KIND_WORD[m.kind], id: m.id, title: m.title, from: STATUS_LABEL[m.from], to: STATUS_LABEL[m.to], direction: m.worse ? 'Worse' : m.better ? 'Better' : 'Changed' })),
      added: c.added.map((a) => `${KIND_WORD[a.kind]} ${a.id} ${a.title}`),
      closed: c.closed.map((a) => `${KIND_WORD[a.kind]} ${a.id} ${a.title}`),
      values: c.values.map((v) => {
        const k = scored.kpis.find((x) => x.kpi.id === v.id);
        const f = (x: { value: number | undefined; period: string | undefined }): string =>
          x.value === undefined || !k ? '–' : `${formatValue(x.value, k.kpi.unit)}${x.period ? ` (${formatPeriod(x.period)})` : ''}`;
        return { id: v.id, title: v.title, from: f(v.from), to: f(v.to) };
      }),
    };
  }

  const rules: RulesView = {
    number: rulesNumber,
    id: `appendix-${rulesNumber}`,
    title: 'How ratings are calculated',
    sections: explainRules(meeting.rules),
    sources: input.sources.config ? [sourceView(input.sources.config)] : [],
  };

  const extract = (s: SourceFile, appendix: number): string =>
    `Data extract for Appendix ${appendix}: ${s.file}${s.sheet ? `, sheet “${s.sheet}”` : ''}`;
  const dataSources = [
    extract(plan.source, ragNumber),
    ...(input.sources.kpis && kpiNumber !== undefined ? [extract(input.sources.kpis, kpiNumber)] : []),
    ...benchmarkSources.map((b) => `National statistics for Appendix ${kpiNumber}: ${b.file} (Department for Education, Open Government Licence v3.0)`),
    ...(input.sources.outcomes && outcomesNumber !== undefined ? [extract(input.sources.outcomes, outcomesNumber)] : []),
    ...(input.sources.recommendations && outcomesNumber !== undefined ? [extract(input.sources.recommendations, outcomesNumber)] : []),
    ...(input.sources.actions && actionNumber !== undefined ? [extract(input.sources.actions, actionNumber)] : []),
    ...(input.sources.previous ? [`Ratings as at the last paper: ${input.sources.previous}`] : []),
  ];

  // Paragraphs are numbered consecutively across every section of the paper.
  let n = body.next;
  const glance: NumberedText[] = [{ number: n++, text: ratingsSentence(scored.plan.counts) }];
  if (changes) glance.push({ number: n++, text: changes.summary });
  const exceptionsPara: NumberedText = { number: n++, text: exceptions.intro };
  const implications = IMPLICATIONS.map(([key, heading]) => {
    const r = renderNarrative(front.implications[key] ?? 'None identified.', n);
    n = r.next;
    return { id: `implications-${key}`, heading, html: r.html };
  });
  const next = renderNarrative(nextSteps, n);

  return {
    lang: 'en-GB',
    printClass: input.largePrint ? 'large-print' : '',
    styleCss: styleCss(meeting.style),
    logo: input.logo ? { src: input.logo, alt: `${meeting.council} logo` } : undefined,
    documentTitle: `${item.title}${input.largePrint ? ' (large print)' : ''} – ${meeting.committee}, ${formatLongDate(meeting.start)}`,
    council: meeting.council,
    committee: meeting.committee,
    meetingDateTime: formatMeetingDateTime(meeting.start),
    meetingDate: formatLongDate(meeting.start),
    venue: meeting.venue,
    itemNumber: item.number,
    title: item.title,
    reportOf: front.reportOf,
    particulars: [
      { label: 'Report of', value: front.reportOf.replace(/^Report of (the )?/i, (_m, the: string | undefined) => (the ? 'The ' : '')) },
      ...(front.contactOfficer ? [{ label: 'Contact officer', value: front.contactOfficer }] : []),
      { label: 'Wards affected', value: front.wards },
      { label: 'Key decision', value: front.keyDecision ? 'Yes' : 'No' },
    ],
    summaryHtml: summary.html,
    recommendationsNumber,
    recommendationsTo: front.recommendationsTo,
    recommendationsHtml: front.recommendations.map((r) => renderInline(r)),
    bodyHtml: body.html,
    glance,
    ratingsSentence: ratingsSentence(scored.plan.counts),
    exceptionsPara,
    implications,
    nextStepsHtml: next.html,
    appendices,
    contacts: front.contacts,
    backgroundPapers: [...front.backgroundPapers, ...dataSources],
    dateOfIssue: meeting.dateOfIssue ? formatDayDate(meeting.dateOfIssue) : undefined,
    rag,
    kpis,
    outcomes,
    actions,
    exceptions,
    changes,
    rules,
  };
}

const IMPLICATIONS = [
  ['financial', 'Financial implications'],
  ['legal', 'Legal implications'],
  ['equality', 'Equality implications'],
  ['risk', 'Risk implications'],
  ['safeguarding', 'Safeguarding implications'],
] as const;

/** "the Panel" → "Panel". */
function meetingBody(to: string): string {
  return to.replace(/^the\s+/i, '');
}

/** The body's "Next steps" section (a heading of that name to the end), split off. */
export function splitNextSteps(markdown: string): { main: string; nextSteps: string } {
  const m = /^#{1,2}[ \t]+Next steps[ \t]*$/im.exec(markdown);
  if (!m) return { main: markdown, nextSteps: '' };
  const rest = markdown.slice(m.index + m[0].length);
  const following = /^#{1,2}[ \t]+\S/m.exec(rest);
  const end = following ? m.index + m[0].length + following.index : markdown.length;
  return { main: markdown.slice(0, m.index) + markdown.slice(end), nextSteps: markdown.slice(m.index + m[0].length, end).trim() };
}

/** CSS custom properties for the council's colours and font, with readable text on each fill. */
export function styleCss(style: MeetingConfig['style']): string {
  const lines: string[] = [];
  for (const status of ['red', 'amber', 'green', 'blue', 'grey'] as const) {
    const fill = style.colours[status];
    if (fill) lines.push(`--${status}: ${fill};`, `--${status}-text: ${textOn(fill).text};`);
  }
  if (style.colours.accent) lines.push(`--accent: ${style.colours.accent};`);
  if (style.font) lines.push(`--font: ${style.font}, "Liberation Sans", Arial, sans-serif;`);
  return lines.length === 0 ? '' : `:root { ${lines.join(' ')} }`;
}
