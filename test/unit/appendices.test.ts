/**
 * The parts of the paper made from data: the coverage check, trend words, appendix tables as CSV
 * and JSON, the council's style, and the report's fixed structure.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { paperViewOf } from '../../src/pipeline/index.js';
import { parseMeetingConfig } from '../../src/config/index.js';
import type { Kpi } from '../../src/model/index.js';
import { appendixTables, inertCell, splitNextSteps, styleCss, tableCsv, tableJson, tickOf, trendCharts, trendWords } from '../../src/render/index.js';
import { checkCoverage } from '../../src/score/index.js';
import { loadSample } from '../helpers/sample.js';
import { contrast, textOn } from '../../src/model/index.js';

describe('the coverage check (outcomes → measures → recommendations)', () => {
  it('finds the sample’s recommendation that no action answers', async () => {
    const { items } = await loadSample();
    const it0 = items[0]!;
    const c = checkCoverage({ recommendations: it0.recommendations!.recommendations, actions: it0.actions!.actions, outcomes: it0.outcomes!.outcomes, kpis: it0.kpis!.kpis });
    expect(c.recommendationsWithoutAction!.map((r) => r.number)).toEqual(['13']);
    expect(c.actionsWithoutMeasure).toEqual([]);
    expect(c.measuresWithoutOutcome).toEqual([]);
  });
  it('finds actions with no measure and measures with no outcome', async () => {
    const { items } = await loadSample();
    const it0 = items[0]!;
    // Drop the outcome that links recommendation 6 and measures PM01–PM03.
    const outcomes = it0.outcomes!.outcomes.filter((o) => !o.recommendations.some((r) => r.number === '6'));
    const c = checkCoverage({ recommendations: it0.recommendations!.recommendations, actions: it0.actions!.actions, outcomes, kpis: it0.kpis!.kpis });
    expect(c.actionsWithoutMeasure!.map((a) => a.no)).toEqual(['6.01']);
    expect(c.measuresWithoutOutcome!.map((k) => k.id)).toEqual(['PM01', 'PM02', 'PM03']);
  });
});

describe('trend charts', () => {
  const kpi: Kpi = { id: 'K1', name: 'Visits on time', unit: 'percent', polarity: 'higher', target: 90, values: [], source: { file: 'k.csv', cell: 'A2' } };
  const v = (period: string, value: number | undefined) => ({ period, value, source: { file: 'k.csv', cell: 'C2' } });
  it('state the trend in words', () => {
    expect(trendWords(kpi, [v('2017-01', 80), v('2017-02', 92), v('2017-03', 85)])).toBe(
      'K1 Visits on time: rose from 80.0% in Jan 2017 to 85.0% in Mar 2017; lowest 80.0% (Jan 2017), highest 92.0% (Feb 2017); target 90.0%, met in 1 of 3 months.',
    );
    expect(trendWords(kpi, [v('2017-01', 80), v('2017-02', undefined)])).toBe('K1 Visits on time: 80.0% in Jan 2017, the only month with a figure; target 90.0%, met in 0 of 1 months; 1 month suppressed or without a figure.');
  });
  it('name a quarterly return’s figures by their quarters, and chart its last 12 months: four quarters, not twelve', async () => {
    const q = (period: string, label: string, value: number) => ({ ...v(period, value), label });
    const quarters = [q('2015-03', 'Q4 2014/15', 70), q('2015-06', 'Q1 2015/16', 71), q('2015-09', 'Q2 2015/16', 72), q('2015-12', 'Q3 2015/16', 73), q('2016-03', 'Q4 2015/16', 74), q('2016-06', 'Q1 2016/17', 88), q('2016-09', 'Q2 2016/17', 91), q('2016-12', 'Q3 2016/17', 86), q('2017-03', 'Q4 2016/17', 92)];
    const snap = [{ kpi, latest: quarters.at(-1), previous: quarters.at(-2), series: quarters, rating: { status: 'green' as const, reason: '' }, disagrees: false, statedOtherwise: false, shortTerm: undefined, longTerm: undefined, benchmark: undefined }];
    expect((await trendCharts(snap)).get('K1')!.words).toBe(
      'K1 Visits on time: rose from 88.0% in Q1 2016/17 to 92.0% in Q4 2016/17; lowest 86.0% (Q3 2016/17), highest 92.0% (Q4 2016/17); target 90.0%, met in 2 of 4 periods.',
    );
    // Its x axis names the four quarters, not the months they end in.
    const ticks = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!).filter((t) => !/^[\d.,%]+$/.test(t));
    expect(ticks((await trendCharts(snap)).get('K1')!.svg)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(ticks((await trendCharts([{ ...snap[0]!, series: [v('2016-11', 80), v('2016-12', 81), v('2017-01', 82)] }])).get('K1')!.svg)).toEqual(['Nov', 'Dec', 'Jan']);
    expect(tickOf({ period: '2019-09', label: 'Jul–Sep 2019' })).toBe('Jul–Sep');
    expect(tickOf({ period: '2019-01', label: 'Nov 2018–Jan 2019' })).toBe('Nov–Jan');
    expect(tickOf({ period: '2020-03', label: '2019/20' })).toBe('2019/20');
    // A month missing is not made up by an older one: the chart reaches 12 months back from its latest figure.
    const gap = [v('2016-01', 60), ...['2016-03', '2016-04', '2016-05', '2016-06', '2016-07', '2016-08', '2016-09', '2016-10', '2016-11', '2016-12', '2017-01'].map((p) => v(p, 80))];
    expect((await trendCharts([{ ...snap[0]!, series: gap }])).get('K1')!.words).toMatch(/^K1 Visits on time: was unchanged from 80\.0% in Mar 2016 to 80\.0% in Jan 2017;.* met in 0 of 11 months\.$/);
  });
  it('are SVG images labelled by their caption (the trend in words), the same bytes every time', async () => {
    const snap = [{ kpi, latest: undefined, previous: undefined, series: [v('2017-01', 80), v('2017-02', 92)], rating: { status: 'green' as const, reason: '' }, disagrees: false, statedOtherwise: false, shortTerm: undefined, longTerm: undefined, benchmark: undefined }];
    const a = (await trendCharts(snap)).get('K1')!;
    const b = (await trendCharts(snap)).get('K1')!;
    expect(a.svg).toBe(b.svg);
    expect(a.svg).toMatch(/^<svg role="img" aria-labelledby="trend-words-4b31" focusable="false" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(a.captionId).toBe('trend-words-4b31');
    expect(a.svg).not.toMatch(/<script|<image|href=|<foreignObject/i);
  });
  it('come out the same whatever was drawn before, in whatever order, however many at once', async () => {
    // Each shape's view is kept and given each chart's data in turn: nothing of one chart may show in the next.
    const loaded = await loadSample();
    const { scored } = await paperViewOf(loaded.meeting, loaded.items[0]!);
    const kpis = scored.kpis;
    const inOrder = await trendCharts(kpis);
    const reversed = await trendCharts([...kpis].reverse());
    const [odd, even] = await Promise.all([trendCharts(kpis.filter((_, i) => i % 2 === 1)), trendCharts(kpis.filter((_, i) => i % 2 === 0).reverse())]);
    expect(inOrder.size).toBe(24);
    for (const [id, chart] of inOrder) {
      expect(reversed.get(id)!.svg, id).toBe(chart.svg);
      expect((odd.get(id) ?? even.get(id))!.svg, id).toBe(chart.svg);
    }
    // The charts differ from one another (their data is not stuck on the first).
    expect(new Set([...inOrder.values()].map((c) => c.svg)).size).toBe(24);
  });
});

describe('appendix tables beside the PDF', () => {
  it('hold the rows the paper prints, with their cells, as CSV and JSON', async () => {
    const loaded = await loadSample();
    const { view } = await paperViewOf(loaded.meeting, loaded.items[0]!);
    const tables = appendixTables(view);
    expect(tables.map((t) => t.name)).toEqual(['appendix-1-rag-summary-sheet', 'appendix-2-kpi-scorecard', 'appendix-3-outcomes-measures-and-recommendations', 'appendix-4-action-plan', 'appendix-5-exceptions']);
    const rag = tables[0]!;
    const csv = tableCsv(rag);
    expect(csv.startsWith('\ufeffworkstream,ref,project,lead,rating,reason,commentary,March milestones,April milestones,rating source\r\n')).toBe(true);
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(46);
    expect(rows[0]).toMatchObject({ ref: '1.1', rating: 'Green', 'rating source': 'data/sample/tracker.xlsx › SIP Summary!D7' });
    expect(JSON.parse(tableJson(rag)).rows).toEqual(rag.rows);
  });
  it('write a cell a spreadsheet would run as a formula as text', () => {
    expect(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', 'Fine', '−3.8 points'].map(inertCell)).toEqual(["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", 'Fine', '−3.8 points']);
  });
});

describe('the council’s style', () => {
  const base = ['council: C', 'committee: K', 'start: 2017-03-13T14:00', 'venue: V', 'asAt: 2017-02-24', 'items:', '  - { number: 6, title: T, narrative: p.md, tracker: { file: t.xlsx } }'];
  it('lays colours and a font over the house style, with readable text on every fill', () => {
    const m = parseMeetingConfig([...base, 'style: { colours: { red: "B10E1E", amber: F47738, accent: 005EA5 }, font: "Arial, sans-serif" }'].join('\n'), 'm.yaml', { cwd: '/p' });
    const css = styleCss(m.style);
    expect(css).toBe(':root { --red: #b10e1e; --red-text: #ffffff; --amber: #f47738; --amber-text: #0b0c0c; --accent: #005ea5; --font: Arial, sans-serif, "Liberation Sans", Arial, sans-serif; }');
    expect(contrast('#b10e1e', textOn('#b10e1e').text)).toBeGreaterThanOrEqual(4.5);
  });
  it('refuses a rating colour no text can be read on, and a font that is not a font list', () => {
    expect(() => parseMeetingConfig([...base, 'style: { colours: { amber: "777777" }, font: "x; } body { display: none" }'].join('\n'), 'm.yaml', { cwd: '/p' })).toThrow(
      /style\.colours\.amber: found "777777", expected a colour on which black or white text reaches 4\.5:1 \(this one reaches 4\.48:1\)[\s\S]*style\.font: found .*expected a font family list/,
    );
  });
});

describe('the report’s structure', () => {
  it('moves the author’s Next steps after the implications', () => {
    expect(splitNextSteps('## Background\n\nA.\n\n## Next steps\n\nB.\n\n## Other\n\nC.\n')).toEqual({ main: '## Background\n\nA.\n\n## Other\n\nC.\n', nextSteps: 'B.' });
    expect(splitNextSteps('## Background\n\nA.\n')).toEqual({ main: '## Background\n\nA.\n', nextSteps: '' });
  });
  it('numbers paragraphs consecutively through glance, exceptions, implications and next steps', async () => {
    const loaded = await loadSample();
    const { view } = await paperViewOf(loaded.meeting, loaded.items[0]!);
    const numbers = [
      ...view.glance.map((g) => g.number),
      view.exceptionsPara!.number,
      ...view.implications.flatMap((i) => [...i.html.matchAll(/para-no">(\d+)\./g)].map((m) => Number(m[1]))),
      ...[...view.nextStepsHtml.matchAll(/para-no">(\d+)\./g)].map((m) => Number(m[1])),
    ];
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => numbers[0]! + i));
    expect(view.implications.map((i) => i.heading)).toEqual(['Financial implications', 'Legal implications', 'Equality implications', 'Risk implications', 'Safeguarding implications']);
    expect(view.particulars).toEqual([
      { label: 'Report of', value: 'The Director of Children\'s Services' },
      { label: 'Contact officer', value: 'Jo Whitfield, Improvement Programme Manager, 01632 960 233' },
      { label: 'Wards affected', value: 'All' },
      { label: 'Key decision', value: 'No' },
    ]);
  });
});
