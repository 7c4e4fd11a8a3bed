/**
 * DfE benchmarks from the real Explore Education Statistics files, checked against an independent
 * computation here: a plain line split of the CSV, our own filter, mean and median.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBenchmark, readNeighbours, readStatistics } from '../../src/ingest/index.js';
import { fileHandle, problemsFrom } from '../helpers/read.js';

const DIR = 'data/dfe-ees';
const SN = `${DIR}/sn_model_2025_wide.csv`;

function rowsOf(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v.replace(/^"|"$/g, '')])));
}

function expected(file: string, column: string, la: string, year: string) {
  const sn = rowsOf(SN).find((r) => r.old_la_code === la)!;
  const neighbours = Array.from({ length: 10 }, (_, i) => sn[`SN_${i + 1}`]);
  const rows = rowsOf(file).filter((r) => r.time_period === year);
  const num = (v: string | undefined) => (v !== undefined && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
  const values = neighbours.map((n) => num(rows.find((r) => r.geographic_level === 'Local authority' && r.old_la_code === n)?.[column])).filter((v): v is number => v !== undefined);
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return {
    own: num(rows.find((r) => r.geographic_level === 'Local authority' && r.old_la_code === la)?.[column]),
    england: num(rows.find((r) => r.geographic_level === 'National')?.[column]),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2,
    used: values.length,
  };
}

const cases = [
  ['885', `${DIR}/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv`, 'rereferral_percent', ['2016', '2025']],
  ['885', `${DIR}/d3_cpps_subsequent_plan_2013_to_2025.csv`, 'CPP_subsequent_percent', ['2016', '2025']],
  ['302', `${DIR}/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv`, 'rereferral_percent', ['2019', '2024']],
  ['302', `${DIR}/d3_cpps_subsequent_plan_2013_to_2025.csv`, 'CPP_subsequent_percent', ['2019', '2024']],
] as const;

describe.each(cases)('LA %s, %s › %s', (la, file, column, years) => {
  it.each(years)('agrees with an independent computation for %s', async (year) => {
    const neighbours = await readNeighbours(fileHandle(SN));
    const series = await readBenchmark(fileHandle(file), { la, column }, neighbours);
    const y = series.years.find((x) => x.period === year)!;
    const e = expected(file, column, la, year);
    expect(y.own).toBe(e.own);
    expect(y.england).toBe(e.england);
    expect(y.neighbours.mean).toBeCloseTo(e.mean, 10);
    expect(y.neighbours.median).toBe(e.median);
    expect(y.neighbours.used).toBe(e.used);
    expect(y.neighbours.of).toBe(10);
  });
});

describe('benchmarks', () => {
  it('names the authority and region, and counts suppressed neighbours out', async () => {
    const neighbours = await readNeighbours(fileHandle(SN));
    expect(neighbours.get('885')).toMatchObject({ name: 'Worcestershire', region: 'West Midlands' });
    const series = await readBenchmark(
      fileHandle(`${DIR}/la_care_leavers_accommodation_suitability.csv`),
      { la: '885', column: 'care_leaver_percent', where: { care_leaver_age: '17 to 18 years', breakdown: 'Accommodation considered suitable' } },
      neighbours,
    );
    const y2025 = series.years.find((y) => y.period === '2025')!;
    expect(y2025.own).toBeUndefined(); // "c" in the file: suppressed, never read as 0
    expect(y2025.region.name).toBe('West Midlands');
    expect(y2025.region.value).toBeTypeOf('number');
  });

  it('says what is wrong with a request', async () => {
    const neighbours = await readNeighbours(fileHandle(SN));
    const c1 = `${DIR}/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv`;
    expect(await problemsFrom(() => readBenchmark(fileHandle(c1), { la: '999', column: 'rereferral_percent' }, neighbours))).toEqual([
      `${c1}: found no local authority with old LA code "999", expected a code listed in the statistical-neighbour file (e.g. 885) [BenchmarkNotFound]`,
    ]);
    const [line] = await problemsFrom(() => readBenchmark(fileHandle(c1), { la: '885', column: 'rereferal_percent' }, neighbours));
    expect(line).toMatch(/found no column "rereferal_percent", expected one of .*rereferral_percent/);
    const cla = `${DIR}/cla_number_and_rate_per_10k_children.csv`;
    expect(await problemsFrom(() => readBenchmark(fileHandle(cla), { la: '885', column: 'rate_per_10000' }, neighbours))).toEqual([
      `${cla}: found several rows for England in 2025, expected one per authority and year: add a \`where\` filter choosing one value of "population_type" [BenchmarkAmbiguous]`,
    ]);
  });
});

describe('reading only the council’s and its neighbours’ rows', () => {
  const measures = [
    ['c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv', 'rereferral_percent', undefined],
    ['d3_cpps_subsequent_plan_2013_to_2025.csv', 'CPP_subsequent_percent', undefined],
    ['csww_indicators_2017_to_2025.csv', 'turnover_rate_fte', undefined],
    ['csww_indicators_2017_to_2025.csv', 'agency_rate_fte', undefined],
    ['cla_number_and_rate_per_10k_children.csv', 'rate_per_10000', { population_type: 'Children looked after on 31 March each year' }],
    ['la_cla_placement_stability.csv', 'children_percent', { cla_group: 'CLA on 31 March', placement_stability: 'With 3 or more placements during the year' }],
    ['la_care_leavers_accommodation_suitability.csv', 'care_leaver_percent', { care_leaver_age: '19 to 21 years', breakdown: 'Accommodation considered suitable' }],
  ] as const;
  const authoritiesOf = (neighbours: Awaited<ReturnType<typeof readNeighbours>>, la: string) => new Set([la, ...neighbours.get(la)!.neighbours]);

  it.each(['885', '302', '201'])('gives the same series as reading every row, for LA %s and every DfE file of the sample', async (la) => {
    const neighbours = await readNeighbours(fileHandle(SN));
    for (const [file, column, where] of measures) {
      const all = await readStatistics(fileHandle(`${DIR}/${file}`));
      const some = await readStatistics(fileHandle(`${DIR}/${file}`), { authorities: authoritiesOf(neighbours, la) });
      expect(some.rows.length, file).toBeLessThan(all.rows.length / 3);
      const request = { la, column, where: where as Record<string, string> | undefined };
      expect(await readBenchmark(some, request, neighbours), `${file} › ${column}`).toEqual(await readBenchmark(all, request, neighbours));
    }
  });

  it('reads a file with quotes, a quoted line break, CRLF and a byte-order mark the same way', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-dfe-'));
    const head = 'time_period,geographic_level,region_name,"old_la_code",la_name,note,value';
    const rows = [
      '2025,National,,,,"England, all",50',
      '2025,Regional,West Midlands,,,,48',
      '2025,Local authority,West Midlands,"885",Worcestershire,"quoted, code",41',
      '2025,Local authority,West Midlands,886,Kent,,43',
      '2025,Local authority,North East,999,Elsewhere,,99',
      '2025,Local authority,North East,"998","Elsewhere, too",,98',
    ];
    const plain = path.join(dir, 'plain.csv');
    writeFileSync(plain, `\uFEFF${[head, ...rows].join('\r\n')}\r\n`);
    const some = await readStatistics(fileHandle(plain), { authorities: new Set(['885', '886']) });
    expect(some.rows.map((r) => r[3])).toEqual(['', '', '885', '886']); // 999 and the quoted 998 skipped; the quoted 885 kept
    expect(some.rows[2]).toEqual((await readStatistics(fileHandle(plain))).rows[2]);
    // A quoted field over a line break: the whole file is parsed, and every row is there.
    const broken = path.join(dir, 'broken.csv');
    writeFileSync(broken, [head, ...rows.slice(0, 4), '2025,Local authority,North East,999,Elsewhere,"two\nlines",99'].join('\n'));
    const whole = await readStatistics(fileHandle(broken), { authorities: new Set(['885']) });
    expect(whole.rows).toHaveLength(5);
    expect(whole.rows[4]![5]).toBe('two\nlines');
  });
});
