/**
 * Scored model + config + narrative → the view a paper template needs. Pure.
 *
 * Everything a template prints is decided here (numbering, labels, formatting, provenance), so the
 * templates only lay it out. Every figure drawn from a source carries `source`, printed as a
 * `data-source` attribute so it can be traced to its cell.
 */
import { formatLocation } from '../errors.js';
import type { ItemConfig, MeetingConfig } from '../config/index.js';
import type { BenchmarkSeries, BenchmarkYear, Narrative } from '../ingest/index.js';
import type { Source, SourceFile, Status } from '../model/index.js';
import { STATUS_LABEL, type Counts, type KpiSnapshot, type ScoredPlan } from '../score/index.js';
import {
  formatDayDate,
  formatLongDate,
  formatMeetingDateTime,
  formatPeriod,
  formatShortDate,
  formatValue,
  UNIT_LABEL,
} from './format.js';
import { renderInline, renderNarrative } from './markdown.js';

const LETTER: Record<Status, string> = { red: 'R', amber: 'A', green: 'G', blue: 'B', grey: '–' };

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
    england: string;
    neighbours: string;
  }[];
  /** True when any measure has a national benchmark. */
  hasBenchmarks: boolean;
  benchmarkNote: string;
  sources: SourceView[];
}

export interface SourceView {
  file: string;
  sheet: string | undefined;
  sha256: string;
}

export interface PaperView {
  lang: 'en-GB';
  documentTitle: string;
  council: string;
  committee: string;
  meetingDateTime: string;
  meetingDate: string;
  venue: string;
  itemNumber: string;
  title: string;
  reportOf: string;
  summaryHtml: string;
  recommendationsNumber: number;
  recommendationsTo: string;
  recommendationsHtml: string[];
  bodyHtml: string;
  ratingsSentence: string;
  appendices: { number: number; id: string; title: string }[];
  contacts: string[];
  backgroundPapers: string[];
  dateOfIssue: string | undefined;
  rag: RagSummaryView;
  kpis: KpiTableView | undefined;
}

export interface PaperInputs {
  meeting: MeetingConfig;
  item: ItemConfig;
  narrative: Narrative;
  scored: ScoredPlan;
  kpis: { snapshots: KpiSnapshot[]; source: SourceFile; benchmarks: Map<string, BenchmarkSeries> } | undefined;
}

/** The benchmark year a paper as at `asAt` can fairly quote: the latest year ending before the as-at year. */
export function benchmarkYear(series: BenchmarkSeries, asAt: string): BenchmarkYear | undefined {
  const limit = Number(asAt.slice(0, 4)) - 1;
  const endYear = (p: string): number => (/^\d{6}$/.test(p) ? Number(p.slice(0, 2) + p.slice(4)) : Number(p.slice(0, 4)));
  return [...series.years].reverse().find((y) => endYear(y.period) <= limit);
}

const src = (s: Source): string => formatLocation(s);
const sourceView = (s: SourceFile): SourceView => ({ file: s.file, sheet: s.sheet, sha256: s.sha256 });

function countsView(c: Counts): CountsView {
  return { red: c.red, amber: c.amber, green: c.green, blue: c.blue, grey: c.grey, total: c.total };
}

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
  push(c.grey, 'grey (not rated)');
  if (parts.length === 0) return 'The plan holds no projects.';
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]!;
  return `Of the ${c.total} ${c.total === 1 ? 'project' : 'projects'} in the plan, ${list}.`;
}

export function buildPaperView(input: PaperInputs): PaperView {
  const { meeting, item, narrative, scored } = input;
  const front = narrative.front;

  const summary = renderNarrative(front.summary, 1);
  const recommendationsNumber = summary.next;
  const body = renderNarrative(narrative.body, recommendationsNumber + 1);

  const appendices: PaperView['appendices'] = [];
  const ragNumber = appendices.push({ number: 1, id: 'appendix-1', title: 'RAG summary sheet' });
  const kpiNumber = input.kpis
    ? appendices.push({ number: 2, id: 'appendix-2', title: 'Key performance indicators: latest values' })
    : undefined;

  const plan = scored.plan;
  const accurateAsAt = plan.footerAsAt ?? scored.asAt;
  const rag: RagSummaryView = {
    number: ragNumber,
    id: `appendix-${ragNumber}`,
    title: 'RAG summary sheet',
    planTitle: plan.title,
    months: plan.months,
    columnCount: 4 + plan.months.length,
    workstreams: scored.workstreams.map((w) => ({
      number: w.workstream.number,
      title: w.workstream.title,
      source: src(w.workstream.source),
      counts: countsView(w.counts),
      projects: w.projects.map(({ project, rating }) => ({
        ref: project.ref,
        title: project.title,
        lead: project.lead,
        rating: {
          status: rating.status,
          letter: LETTER[rating.status],
          label: STATUS_LABEL[rating.status],
          reason: rating.reason,
          source: src(project.source.rating),
        },
        commentary: project.commentary,
        commentarySource: src(project.source.commentary),
        months: project.milestones.map((m) => ({ month: m.month, source: src(m.source), milestones: m.milestones })),
      })),
    })),
    totals: countsView(scored.counts),
    showBlue: scored.counts.blue > 0,
    showGrey: scored.counts.grey > 0,
    accurateWhen: formatShortDate(accurateAsAt),
    sources: [sourceView(plan.source)],
  };

  let kpis: KpiTableView | undefined;
  if (input.kpis && kpiNumber !== undefined) {
    kpis = {
      number: kpiNumber,
      id: `appendix-${kpiNumber}`,
      title: 'Key performance indicators: latest values',
      asAtMonth: formatPeriod(scored.asAt.slice(0, 7)),
      rows: input.kpis.snapshots.map(({ kpi, latest, previous }) => {
        const series = input.kpis!.benchmarks.get(kpi.id);
        const year = series ? benchmarkYear(series, scored.asAt) : undefined;
        const fmt = (v: number | undefined): string => (v === undefined ? 'suppressed' : formatValue(v, kpi.unit));
        const england = !series ? '' : year ? `${fmt(year.england)} (${year.label})` : 'not yet published';
        const neighbours = !series
          ? ''
          : year
            ? `${fmt(year.neighbours.mean)} (${year.label}, mean of ${year.neighbours.used} of ${year.neighbours.of})`
            : 'not yet published';
        return {
        id: kpi.id,
        name: kpi.name,
        unit: UNIT_LABEL[kpi.unit],
        polarity: kpi.polarity === 'higher' ? 'Higher is better' : kpi.polarity === 'lower' ? 'Lower is better' : 'Contextual',
        latestPeriod: latest ? formatPeriod(latest.period) : 'No data',
        latest: latest ? formatValue(latest.value, kpi.unit) : '–',
        latestSource: latest ? src(latest.source) : '',
        previous: previous ? formatValue(previous.value, kpi.unit) : '–',
        previousSource: previous ? src(previous.source) : '',
        target: kpi.target === undefined ? 'None set' : formatValue(kpi.target, kpi.unit),
        england,
        neighbours,
        };
      }),
      hasBenchmarks: input.kpis.benchmarks.size > 0,
      benchmarkNote:
        input.kpis.benchmarks.size > 0
          ? `England and statistical-neighbour figures: Department for Education, Explore Education Statistics, Open Government Licence v3.0; statistical neighbours of ${[...input.kpis.benchmarks.values()][0]!.la.name} (${[...input.kpis.benchmarks.values()][0]!.la.code}), the latest year up to ${Number(scored.asAt.slice(0, 4)) - 1}, as a paper dated ${formatLongDate(scored.asAt)} could quote.`
          : '',
      sources: [sourceView(input.kpis.source), ...[...new Map([...input.kpis.benchmarks.values()].map((b) => [b.source.file, b.source])).values()].map(sourceView)],
    };
  }

  const extract = (s: SourceFile, appendix: number): string =>
    `Data extract for Appendix ${appendix}: ${s.file}${s.sheet ? `, sheet “${s.sheet}”` : ''}`;
  const dataSources = [
    extract(plan.source, ragNumber),
    ...(input.kpis && kpiNumber !== undefined ? [extract(input.kpis.source, kpiNumber)] : []),
  ];

  return {
    lang: 'en-GB',
    documentTitle: `${item.title} – ${meeting.committee}, ${formatLongDate(meeting.start)}`,
    council: meeting.council,
    committee: meeting.committee,
    meetingDateTime: formatMeetingDateTime(meeting.start),
    meetingDate: formatLongDate(meeting.start),
    venue: meeting.venue,
    itemNumber: item.number,
    title: item.title,
    reportOf: front.reportOf,
    summaryHtml: summary.html,
    recommendationsNumber,
    recommendationsTo: front.recommendationsTo,
    recommendationsHtml: front.recommendations.map((r) => renderInline(r)),
    bodyHtml: body.html,
    ratingsSentence: ratingsSentence(scored.counts),
    appendices,
    contacts: front.contacts,
    backgroundPapers: [...front.backgroundPapers, ...dataSources],
    dateOfIssue: meeting.dateOfIssue ? formatDayDate(meeting.dateOfIssue) : undefined,
    rag,
    kpis,
  };
}
