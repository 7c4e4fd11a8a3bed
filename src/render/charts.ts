/**
 * KPI trend charts: Vega-Lite specifications compiled and drawn to SVG by Vega in Node (no browser,
 * no canvas, nothing loaded: the data is inline), each with a text alternative that states the trend
 * in words. Pure in effect: the same series always gives the same SVG bytes.
 *
 * Policy: the SVG is an image (`role="img"`) whose text alternative is its caption, the trend in words,
 * printed under it, so colour and shape are never the only carriers of the trend; in the tagged PDF it
 * is a Figure with that /Alt, and its axis labels are inside the Figure, not loose text. Charts
 * hold only figures and month and period names made by this program (no spreadsheet text), which is why the
 * template may insert their SVG as markup.
 */
import type { TopLevelSpec } from 'vega-lite';
import { displayed, formatMonth, formatValue, monthsBefore, type Kpi, type KpiSnapshot, type KpiValue } from '../model/index.js';

export interface TrendChart {
  id: string;
  /** Inline SVG markup: an image labelled by the caption whose id is `captionId`. */
  svg: string;
  /** The id of the caption (the trend in words) that labels the chart. */
  captionId: string;
  /** The trend in words: the chart's text alternative, printed as its caption. */
  words: string;
}

export interface ChartOptions {
  /** How many months back from its latest figure a chart reaches (default 12). */
  periods?: number;
  /** Text size in CSS pixels (default 10; large print 16). */
  fontSize?: number;
  /** Drawing size in CSS pixels (default 230 × 90). */
  width?: number;
  height?: number;
}

const INK = '#0b0c0c';
const LINE = '#1d70b8';
const TARGET = '#505a5f';

/** "Rose from 70.1% in Mar 2016 to 86.2% in Feb 2017; lowest 68.2% (Apr 2016) …". */
export function trendWords(kpi: Kpi, series: readonly KpiValue[]): string {
  const known = series.filter((v): v is KpiValue & { value: number } => v.value !== undefined);
  const name = `${kpi.id} ${kpi.name}`;
  if (known.length === 0) return `${name}: no figures to chart.`;
  const f = (v: number): string => formatValue(v, kpi.unit);
  // A quarter's or a year's figure ("Q3 2016/17") is named as the return names it, and counted as a period.
  const when = (v: KpiValue): string => v.label ?? formatMonth(v.period);
  const unit = series.some((v) => v.label !== undefined) ? 'period' : 'month';
  const first = known[0]!;
  const last = known[known.length - 1]!;
  const a = displayed(first.value, kpi.unit);
  const b = displayed(last.value, kpi.unit);
  const moved = b > a ? 'rose' : b < a ? 'fell' : 'was unchanged';
  const parts: string[] = [];
  if (known.length === 1) parts.push(`${f(last.value)} in ${when(last)}, the only ${unit} with a figure`);
  else parts.push(`${moved} from ${f(first.value)} in ${when(first)} to ${f(last.value)} in ${when(last)}`);
  if (known.length > 2) {
    const lo = known.reduce((m, v) => (v.value < m.value ? v : m));
    const hi = known.reduce((m, v) => (v.value > m.value ? v : m));
    parts.push(`lowest ${f(lo.value)} (${when(lo)}), highest ${f(hi.value)} (${when(hi)})`);
  }
  if (kpi.polarity === 'band' && kpi.band) {
    const inBand = known.filter((v) => v.value >= kpi.band!.low && v.value <= kpi.band!.high).length;
    parts.push(`within the band of ${f(kpi.band.low)} to ${f(kpi.band.high)} in ${inBand} of ${known.length} ${unit}s`);
  } else if (kpi.target !== undefined && kpi.polarity !== 'none') {
    const t = displayed(kpi.target, kpi.unit);
    const met = known.filter((v) => (kpi.polarity === 'higher' ? displayed(v.value, kpi.unit) >= t : displayed(v.value, kpi.unit) <= t)).length;
    parts.push(`target ${f(kpi.target)}, met in ${met} of ${known.length} ${unit}s`);
  }
  const gaps = series.length - known.length;
  if (gaps > 0) parts.push(`${gaps} ${unit}${gaps === 1 ? '' : 's'} suppressed or without a figure`);
  return `${name}: ${parts.join('; ')}.`;
}

/** What a chart's specification depends on besides its data: its kind of reference, and the drawing options. */
type Shape = { reference: 'band' | 'target' | 'none' } & Required<ChartOptions>;

/**
 * What the x axis says under a figure: the month's initials for a monthly figure ("2017-02" → "Feb"), and
 * for a quarter's or a year's the name the return gives it without its year ("Q3 2016/17" → "Q3",
 * "Jul–Sep 2019" → "Jul–Sep", "2019/20" as it is). Made here, from the period and from a label this
 * program wrote (ingest/kpi-fields.ts), never from spreadsheet text; no date parsing, no time zone.
 */
export function tickOf(v: Pick<KpiValue, 'period' | 'label'>): string {
  if (v.label === undefined) return MONTH_INITIALS[Number(v.period.slice(5, 7)) - 1] ?? v.period;
  return v.label.replace(/\s\d{4}(?:\/\d{2})?/g, '') || v.label;
}
const MONTH_INITIALS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Each point's x is its period and then its tick ("2017-02 Feb"): the axis is in the periods' order and
 * shows the tick alone.
 */
const TICK_LABEL = 'slice(datum.value, 8)';
const xOf = (v: KpiValue): string => `${v.period} ${tickOf(v)}`;

/**
 * The specification of every chart of one shape, with named data (`series`, and `reference` for the band
 * or the target line) given when the chart is drawn: compiled once, not once per chart.
 */
function specOf(shape: Shape): TopLevelSpec {
  const x = { field: 'period', type: 'ordinal' as const, sort: 'ascending' as const, axis: { title: null, labelExpr: TICK_LABEL, labelAngle: 0 } };
  const layers: object[] = [];
  if (shape.reference === 'band') {
    layers.push({ data: { name: 'reference' }, mark: { type: 'rect', color: '#cce2d8', opacity: 0.7 }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } });
  } else if (shape.reference === 'target') {
    layers.push({ data: { name: 'reference' }, mark: { type: 'rule', color: TARGET, strokeDash: [4, 3], strokeWidth: 1.2 }, encoding: { y: { field: 'target', type: 'quantitative' } } });
  }
  layers.push({
    data: { name: 'series' },
    mark: { type: 'line', color: LINE, strokeWidth: 2, point: { filled: true, size: 18, color: LINE } },
    encoding: { x, y: { field: 'value', type: 'quantitative', scale: { zero: false }, axis: { title: null, tickCount: 4 } } },
  });
  return {
    width: shape.width,
    height: shape.height,
    background: 'white',
    padding: 4,
    layer: layers,
    config: {
      aria: false,
      font: 'Liberation Sans, Arial, sans-serif',
      axis: { labelFontSize: shape.fontSize, labelColor: INK, domainColor: TARGET, tickColor: TARGET, gridColor: '#e5e5e5' },
      view: { stroke: null },
    },
  } as TopLevelSpec;
}

/**
 * Vega and Vega-Lite are loaded on first use: they are large, and a command that draws no chart
 * (validate, or the ingest stage alone) should not carry them in memory.
 */
let libraries: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
/**
 * Each shape's view: its specification compiled by Vega-Lite and parsed by Vega, and the dataflow Vega
 * builds from that, made once and given each chart's data in turn (most of a chart's time when made per
 * chart). Charts of one shape are drawn one at a time (`turn`): a view holds one chart's data at once.
 */
const views = new Map<string, { view: import('vega').View; turn: Promise<unknown> }>();

/**
 * Charts already drawn in this process, by everything their SVG depends on (shape, series, band or
 * target): the same chart again (the confidential copy's public papers, a month's highlight reports that
 * share a measure, a paper rebuilt after a fix elsewhere in its data) is not drawn again. Bounded: emptied
 * when it holds `DRAWN_MAX` charts.
 */
const drawn = new Map<string, Promise<string>>();
const DRAWN_MAX = 5000;

function draw(kpi: Kpi, series: readonly KpiValue[], o: Required<ChartOptions>): Promise<string> {
  const reference = kpi.polarity === 'band' && kpi.band ? 'band' : kpi.target !== undefined && kpi.polarity !== 'none' ? 'target' : 'none';
  const shape: Shape = { reference, ...o };
  const key = JSON.stringify([shape, series.map((v) => [xOf(v), v.value ?? null]), reference === 'band' ? [kpi.band!.low, kpi.band!.high] : reference === 'target' ? kpi.target : null]);
  let svg = drawn.get(key);
  if (!svg) {
    if (drawn.size >= DRAWN_MAX) drawn.clear();
    drawn.set(key, (svg = drawAnew(kpi, series, shape)));
    svg.catch(() => drawn.delete(key)); // a failure is not remembered
  }
  return svg;
}

async function drawAnew(kpi: Kpi, series: readonly KpiValue[], shape: Shape): Promise<string> {
  const [vega, vl] = await (libraries ??= Promise.all([import('vega'), import('vega-lite')]));
  const { reference } = shape;
  const key = JSON.stringify(shape);
  let slot = views.get(key);
  if (!slot) {
    const runtime = vega.parse(vl.compile(specOf(shape)).spec);
    views.set(key, (slot = { view: new vega.View(runtime, { renderer: 'none', loader: vega.loader({ mode: 'file', baseURL: 'about:blank' }) }), turn: Promise.resolve() }));
  }
  const { view } = slot;
  const drawing = slot.turn.then(async () => {
    // Emptied first, so that no mark (an axis tick, a point) is kept from the chart before: the SVG's
    // elements then come in the order a fresh view gives them, whatever was drawn before this chart.
    view.data('series', []);
    if (reference !== 'none') view.data('reference', []);
    await view.runAsync();
    view.data('series', series.map((v) => ({ period: xOf(v), value: v.value ?? null })));
    if (reference === 'band') view.data('reference', [{ low: kpi.band!.low, high: kpi.band!.high }]);
    if (reference === 'target') view.data('reference', [{ target: kpi.target }]);
    // The padding around the plot is worked out again for this chart's axis labels, not kept from the last.
    view.resize();
    // Vega gives its mark groups ARIA roles of their own even with `aria: false`; the chart is one image
    // labelled by its caption, so they go (an image's parts are not read one by one).
    return (await view.toSVG()).replace(/\s(?:role|aria-roledescription)="[^"]*"/g, '');
  });
  slot.turn = drawing.catch(() => undefined);
  return drawing;
}

/**
 * One trend chart per measure with at least one figure: its figures of the `periods` months to its latest
 * (twelve points for a monthly return, four for a quarterly one; a month missing is not made up by an
 * older one, as the heading says "the last 12 months").
 */
export async function trendCharts(kpis: readonly KpiSnapshot[], options: ChartOptions = {}): Promise<Map<string, TrendChart>> {
  const o: Required<ChartOptions> = { periods: options.periods ?? 12, fontSize: options.fontSize ?? 10, width: options.width ?? 230, height: options.height ?? 90 };
  const out = new Map<string, TrendChart>();
  for (const k of kpis) {
    const latest = k.series.at(-1)?.period;
    const series = latest === undefined ? [] : k.series.filter((v) => v.period > monthsBefore(latest, o.periods));
    if (!series.some((v) => v.value !== undefined)) continue;
    // The caption's id is the measure's ID in hex, never as typed (spreadsheet text): the SVG is markup.
    const captionId = `trend-words-${Buffer.from(k.kpi.id, 'utf8').toString('hex')}`;
    const svg = (await draw(k.kpi, series, o)).replace(/^<svg /, `<svg role="img" aria-labelledby="${captionId}" focusable="false" `);
    out.set(k.kpi.id, { id: k.kpi.id, svg, captionId, words: trendWords(k.kpi, series) });
  }
  return out;
}
