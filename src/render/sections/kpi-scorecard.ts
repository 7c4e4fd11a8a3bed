/**
 * The KPI scorecard, from a KPI return (and its definitions): each measure's latest value, target and
 * rating, its direction of travel against the figure before and a year before, England and statistical-neighbour
 * figures with their year (DfE, cited) and a benchmark rating, the reason for every rating that is not
 * green, and a trend chart of the last 12 months per measure with the trend in words.
 */
import { isSuppression, type Direction, type ScoredItemResult, type SourceFile } from '../../model/index.js';
import { notGreen, ratingCell, sourceView, src, type RatingCellView, type ReasonView } from '../cells.js';
import { formatLongDate, formatPeriod, formatValue, UNIT_LABEL } from '../format.js';
import { appendix, extractLine, type AppendixView, type SectionKindDef } from './section.js';

export interface KpiTableView extends AppendixView {
  asAtMonth: string;
  /** "Latest month", or "Latest period" when a measure's latest figure is a quarter's or a year's. */
  latestHeading: string;
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
  /** Said when the return states ratings of its own that differ ('' for the usual heading). */
  reasonsHeading: string;
  /** A trend chart of the last 12 months for each measure with figures, with its words. */
  charts: { id: string; name: string; svg: string; captionId: string; words: string }[];
  /** True when any measure has a national benchmark. */
  hasBenchmarks: boolean;
  benchmarkNote: string;
}

const POLARITY = { higher: 'Higher is better', lower: 'Lower is better', band: 'Within a band', none: 'Contextual' } as const;
const directionText = (d: Direction | undefined): string => (d ? d.text : '–');

/** The DfE files the scorecard's benchmarks come from, once each. */
function benchmarkFiles(scored: ScoredItemResult): SourceFile[] {
  return [...new Map([...scored.benchmarkYears.values()].map((b) => [b.series.source.file, b.series.source])).values()];
}

export const kpiScorecard: SectionKindDef<KpiTableView> = {
  kind: 'kpi-scorecard',
  title: 'KPI scorecard',
  partial: 'kpi-scorecard',
  view({ scored, sources, charts }, number) {
    const first = [...scored.benchmarkYears.values()][0];
    return {
      ...appendix(number, this.title),
      asAtMonth: formatPeriod(scored.asAt.slice(0, 7)),
      latestHeading: scored.kpis.some((k) => k.latest?.label !== undefined) ? 'Latest period' : 'Latest month',
      rows: scored.kpis.map(({ kpi, latest, previous, rating, shortTerm, longTerm, benchmark }) => {
        const b = scored.benchmarkYears.get(kpi.id);
        const year = b?.year;
        const fmt = (v: number | undefined): string => (v === undefined ? 'suppressed' : formatValue(v, kpi.unit));
        const value = (v: { value: number | undefined; suppressed?: string } | undefined): string => (!v ? '–' : v.value !== undefined ? formatValue(v.value, kpi.unit) : `${isSuppression(v.suppressed) ? 'suppressed' : 'no figure'} (${v.suppressed ?? '–'})`);
        return {
          id: kpi.id,
          name: kpi.name,
          unit: UNIT_LABEL[kpi.unit],
          polarity: POLARITY[kpi.polarity],
          latestPeriod: latest ? (latest.label ?? formatPeriod(latest.period)) : 'No data',
          latest: value(latest),
          latestSource: latest ? src(latest.source) : '',
          previous: value(previous),
          previousSource: previous ? src(previous.source) : '',
          target: kpi.polarity === 'band' && kpi.band ? `${formatValue(kpi.band.low, kpi.unit)} to ${formatValue(kpi.band.high, kpi.unit)}` : kpi.target === undefined ? 'None set' : formatValue(kpi.target, kpi.unit),
          rating: ratingCell(rating, latest?.source),
          shortTerm: directionText(shortTerm),
          longTerm: directionText(longTerm),
          england: !b ? '' : year ? `${fmt(year.england)} (${year.label})` : 'not yet published',
          neighbours: !b ? '' : year ? `${fmt(year.neighbours.mean)} (${year.label}, mean of ${year.neighbours.used} of ${year.neighbours.of})` : 'not yet published',
          benchmark: benchmark ? ratingCell(benchmark, undefined) : undefined,
        };
      }),
      reasons: scored.kpis.flatMap((k) => {
        const out: ReasonView[] = [];
        if (notGreen(k.rating) || k.statedOtherwise) out.push({ id: k.kpi.id, title: k.kpi.name, rating: ratingCell(k.rating, k.latest?.source) });
        if (k.benchmark && notGreen(k.benchmark)) out.push({ id: k.kpi.id, title: `${k.kpi.name} – against benchmarks`, rating: ratingCell(k.benchmark, undefined) });
        return out;
      }),
      reasonsHeading: scored.kpis.some((k) => k.statedOtherwise) ? 'Why each rating other than green, or other than the return states, was given' : '',
      charts: scored.kpis.flatMap((k) => {
        const c = charts.get(k.kpi.id);
        return c ? [{ id: k.kpi.id, name: k.kpi.name, svg: c.svg, captionId: c.captionId, words: c.words }] : [];
      }),
      hasBenchmarks: scored.benchmarkYears.size > 0,
      benchmarkNote: first
        ? `England and statistical-neighbour figures: Department for Education, Explore Education Statistics, Open Government Licence v3.0; statistical neighbours of ${first.series.la.name} (${first.series.la.code}), the latest year up to ${Number(scored.asAt.slice(0, 4)) - 1}, as a paper dated ${formatLongDate(scored.asAt)} could quote.`
        : '',
      sources: [sourceView(sources.kpis!), ...benchmarkFiles(scored).map((b) => sourceView(b))],
    };
  },
  table(k) {
    return {
      columns: ['id', 'measure', 'unit', 'polarity', 'latest month', 'latest', 'target', 'rating', 'reason', 'short term', 'long term', 'england', 'statistical neighbours', 'against benchmarks', 'latest source'],
      rows: k.rows.map((r) => ({
        id: r.id,
        measure: r.name,
        unit: r.unit,
        polarity: r.polarity,
        'latest month': r.latestPeriod,
        latest: r.latest,
        target: r.target,
        rating: r.rating.label,
        reason: r.rating.reason,
        'short term': r.shortTerm,
        'long term': r.longTerm,
        england: r.england,
        'statistical neighbours': r.neighbours,
        'against benchmarks': r.benchmark ? `${r.benchmark.label}: ${r.benchmark.reason}` : '',
        'latest source': r.latestSource,
      })),
    };
  },
  background({ scored, sources }, number) {
    return [extractLine(sources.kpis!, number), ...benchmarkFiles(scored).map((b) => `National statistics for Appendix ${number}: ${b.file} (Department for Education, Open Government Licence v3.0)`)];
  },
};
