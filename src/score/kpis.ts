/**
 * KPIs: the latest position, its rating against target, its direction of travel and its rating
 * against the national benchmarks. Pure; the as-at date is an argument.
 *
 * Rules (rules.ts, printed in the paper):
 * - Values and targets are compared as printed (at the unit's display precision), so a member never
 *   sees "90.0% against a target of 90%" rated amber.
 * - Higher is better: at or above target → green; short of it by no more than the tolerance → amber;
 *   further → red. Lower is better mirrors it. A band: inside (edges included) → green; outside by no
 *   more than the tolerance → amber; further → red. The tolerance is relative (a fraction of the
 *   target, or of the band's nearer edge) or absolute (in the unit); a value exactly at the tolerance
 *   edge is amber or red as `edge` says. A zero target leaves a relative tolerance no room.
 * - No value for the as-at month's series → grey; a suppressed value → grey with its code; a
 *   denominator under `smallNumbers` → grey "small numbers"; no target → grey; polarity none →
 *   not rated (a contextual measure).
 * - Direction of travel against the previous period and the same month a year before: the arrow
 *   follows the figure (↑ ↓ →, at display precision), "better"/"worse" follows the polarity.
 * - Benchmarks: the council's own published figure for the benchmark's latest year against England
 *   and the statistical neighbours' mean: better than both → green, one → amber, neither → red.
 */
import { formatLocation } from '../errors.js';
import { decimalsFor, displayed, isSuppression, isWorse, severity, formatDifference, monthsBefore, roundTo, formatMonth, formatValue, STATUS_WORD, type BenchmarkRating, type BenchmarkSeries, type BenchmarkYear, type Direction, type Kpi, type KpiRules, type KpiSet, type KpiSnapshot, type KpiValue, type Rating, type Status, type Unit } from '../model/index.js';

type Tolerance = KpiRules['tolerance'];

const TOLERANCE_WORDS = (tol: Tolerance, unit: Unit): string =>
  tol.kind === 'relative' ? `the ${+(tol.value * 100).toFixed(2)}% tolerance` : `the tolerance of ${formatDifference(tol.value, unit).replace(/^[+±]/, '')}`;

/** How far from target is still amber, in the unit. */
function toleranceOf(reference: number, tol: Tolerance): number {
  return tol.kind === 'relative' ? Math.abs(reference) * tol.value : tol.value;
}

/**
 * Rate a shortfall beyond the good side: none → green; up to the tolerance → amber; beyond → red.
 * The shortfall is between figures as printed; the tolerance is exact. Both are rounded to 9 places
 * only to shed binary noise (15.8 − 15 is 0.8000000000000007 in floating point).
 */
function byShortfall(shortfall: number, tolerance: number, rules: KpiRules): Status {
  const s = roundTo(shortfall, 9);
  const t = roundTo(tolerance, 9);
  if (s <= 0) return 'green';
  if (s < t || (s === t && rules.edge === 'amber')) return 'amber';
  return 'red';
}

export function rateValue(kpi: Kpi, latest: KpiValue | undefined, asAtMonth: string, rules: KpiRules): Rating {
  const unit = kpi.unit;
  if (kpi.polarity === 'none') return { status: 'none', reason: 'Not rated: a contextual measure, with no better direction' };
  if (latest === undefined) return { status: 'grey', reason: `No data: no value up to ${formatMonth(asAtMonth)}` };
  const when = latest.label ?? formatMonth(latest.period); // "Q3 2016/17" for a quarter's figure
  if (latest.value === undefined) {
    if (!isSuppression(latest.suppressed)) return { status: 'grey', reason: `No data: the ${when} figure is given as “${latest.suppressed}”` };
    return { status: 'grey', reason: `No data: the ${when} figure is suppressed${latest.suppressed ? ` (“${latest.suppressed}”)` : ''}` };
  }
  if (rules.smallNumbers > 0 && latest.denominator !== undefined && latest.denominator < rules.smallNumbers) {
    return { status: 'grey', reason: `Small numbers: ${formatValue(latest.value, unit)} of a base of ${latest.denominator} in ${when} (fewer than ${rules.smallNumbers}), not rated` };
  }
  const value = displayed(latest.value, unit);
  const shown = formatValue(latest.value, unit);
  const tol: Tolerance = kpi.tolerance ?? rules.tolerance; // the measure's own, else the rules'

  if (kpi.polarity === 'band') {
    const band = kpi.band;
    if (!band) return { status: 'grey', reason: 'No target: a band measure with no band set' };
    const low = displayed(band.low, unit);
    const high = displayed(band.high, unit);
    const range = `the band ${formatValue(band.low, unit)} to ${formatValue(band.high, unit)}`;
    if (value >= low && value <= high) return { status: 'green', reason: `Green: ${shown} in ${when}, within ${range}` };
    const edge = value < low ? low : high;
    const shortfall = Math.abs(value - edge);
    const status = byShortfall(shortfall, toleranceOf(edge, tol), rules);
    const side = value < low ? 'below' : 'above';
    return { status, reason: `${STATUS_WORD[status]}: ${shown} in ${when}, ${formatDifference(shortfall, unit).replace(/^\+/, '')} ${side} ${range} (${status === 'amber' ? 'within' : 'beyond'} ${TOLERANCE_WORDS(tol, unit)})` };
  }

  if (kpi.target === undefined) return { status: 'grey', reason: `No target: ${shown} in ${when}, with no target to rate it against` };
  const target = displayed(kpi.target, unit);
  const better = kpi.polarity === 'higher' ? value - target : target - value;
  const tolerance = toleranceOf(kpi.target, tol);
  const status = byShortfall(-better, tolerance, rules);
  const diff = formatDifference(value - target, unit, Math.max(decimalsFor(unit, latest.value), decimalsFor(unit, kpi.target)));
  const against = `${shown} in ${when} against a target of ${formatValue(kpi.target, unit)}`;
  if (status === 'green') {
    const where = displayed(better, unit) === 0 ? 'exactly on target' : kpi.polarity === 'higher' ? 'above target' : 'below target, as wanted';
    return { status, reason: `Green: ${against} (${diff}, ${where})` };
  }
  const zero = target === 0 && tol.kind === 'relative' ? '; a target of zero leaves a relative tolerance no room' : '';
  return { status, reason: `${STATUS_WORD[status]}: ${against} (${diff}, ${status === 'amber' ? 'within' : 'beyond'} ${TOLERANCE_WORDS(tol, unit)}${zero})` };
}

function distanceFromBand(kpi: Kpi, v: number): number {
  const band = kpi.band!;
  return v < band.low ? band.low - v : v > band.high ? v - band.high : 0;
}

export function direction(kpi: Kpi, from: KpiValue | undefined, to: KpiValue | undefined): Direction | undefined {
  if (!from || !to || from.value === undefined || to.value === undefined) return undefined;
  const a = displayed(from.value, kpi.unit);
  const b = displayed(to.value, kpi.unit);
  const arrow = b > a ? '↑' : b < a ? '↓' : '→';
  let judgement: Direction['judgement'];
  if (arrow === '→') judgement = 'no change';
  else if (kpi.polarity === 'higher') judgement = arrow === '↑' ? 'better' : 'worse';
  else if (kpi.polarity === 'lower') judgement = arrow === '↓' ? 'better' : 'worse';
  else if (kpi.polarity === 'band' && kpi.band) {
    const da = distanceFromBand(kpi, a);
    const db = distanceFromBand(kpi, b);
    judgement = db < da ? 'better' : db > da ? 'worse' : 'no change';
  }
  const words = judgement && judgement !== 'no change' ? ` ${judgement}` : arrow === '→' ? ' no change' : '';
  const places = Math.max(decimalsFor(kpi.unit, from.value), decimalsFor(kpi.unit, to.value));
  const text = `${arrow}${words}: ${formatDifference(b - a, kpi.unit, places)} on ${from.label ?? formatMonth(from.period)} (${formatValue(from.value, kpi.unit)})`;
  return { period: from.period, from: from.value, to: to.value, arrow, judgement, text };
}

/** Better than the comparator, by polarity; undefined when either is missing or there is no direction. */
function beats(kpi: Kpi, own: number, other: number | undefined): boolean | undefined {
  if (other === undefined) return undefined;
  const a = displayed(own, kpi.unit);
  const b = displayed(other, kpi.unit);
  if (kpi.polarity === 'higher') return a > b;
  if (kpi.polarity === 'lower') return a < b;
  if (kpi.polarity === 'band' && kpi.band) return distanceFromBand(kpi, a) < distanceFromBand(kpi, b);
  return undefined;
}

/** The latest benchmark year at or before `lastYear`, with England and neighbours' figures. */
export function rateBenchmark(kpi: Kpi, series: BenchmarkSeries, year: BenchmarkYear | undefined): BenchmarkRating | undefined {
  if (!year) return undefined;
  const label = year.label;
  if (kpi.polarity === 'none') return { status: 'none', year: label, reason: `Not rated against benchmarks: a contextual measure (${label})` };
  if (year.own === undefined) return { status: 'grey', year: label, reason: `No data: ${series.la.name}’s ${label} figure is suppressed or missing in the DfE file` };
  const e = beats(kpi, year.own, year.england);
  const n = beats(kpi, year.own, year.neighbours.mean);
  if (e === undefined && n === undefined) return { status: 'grey', year: label, reason: `No data: no England or statistical-neighbour figure for ${label}` };
  const wins = (e ? 1 : 0) + (n ? 1 : 0);
  const status: Status = wins === 2 ? 'green' : wins === 1 ? 'amber' : 'red';
  const f = (v: number | undefined): string => (v === undefined ? 'not published' : formatValue(v, kpi.unit));
  const word = (b: boolean | undefined): string => (b === undefined ? 'no comparison' : b ? 'better' : 'not better');
  const reason =
    `${STATUS_WORD[status]} in ${label}: ${f(year.own)} against England ${f(year.england)} (${word(e)}) and the statistical neighbours’ mean ` +
    `${f(year.neighbours.mean)} (${word(n)}; ${year.neighbours.used} of ${year.neighbours.of} neighbours published)`;
  return { status, year: label, reason };
}

/**
 * The rules' rating, with the return's own where it states another for the same figure: said in the reason,
 * and a disagreement (an exception) when the return's is the kinder, as a tracker's stated rating is.
 */
function withStated(kpi: Kpi, latest: KpiValue | undefined, rating: Rating): Pick<KpiSnapshot, 'rating' | 'disagrees' | 'statedOtherwise'> {
  const stated = kpi.stated;
  if (!stated || !latest || stated.period !== latest.period || stated.status === rating.status || severity(rating.status) === undefined) return { rating, disagrees: false, statedOtherwise: false };
  const reason = `${rating.reason}; the return states ${STATUS_WORD[stated.status]} (${formatLocation(stated.source)})`;
  return { rating: { ...rating, reason }, disagrees: isWorse(stated.status, rating.status), statedOtherwise: true };
}

/** Snapshot and rate every KPI as at a date: values after the as-at month are ignored. */
export function scoreKpis(
  set: KpiSet,
  asAt: string,
  rules: KpiRules,
  benchmarks: ReadonlyMap<string, { series: BenchmarkSeries; year: BenchmarkYear | undefined }> = new Map(),
): KpiSnapshot[] {
  const lastMonth = asAt.slice(0, 7);
  return set.kpis.map((kpi) => {
    const series = kpi.values.filter((v) => v.period <= lastMonth);
    const latest = series[series.length - 1];
    const previous = series[series.length - 2];
    const yearAgo = latest ? series.find((v) => v.period === monthsBefore(latest.period, 12)) : undefined;
    const b = benchmarks.get(kpi.id);
    return {
      kpi,
      latest,
      previous,
      series,
      ...withStated(kpi, latest, rateValue(kpi, latest, lastMonth, rules)),
      shortTerm: direction(kpi, previous, latest),
      longTerm: direction(kpi, yearAgo, latest),
      benchmark: b ? rateBenchmark(kpi, b.series, b.year) : undefined,
    };
  });
}

