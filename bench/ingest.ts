/**
 * Ingest throughput and memory: a 50,000-row messy tracker (.xlsx) and KPI returns of 100,000 and
 * 1,000,000 rows (.csv), each read by the full ingest and by the bare library on the same file
 * (exceljs's streaming reader; csv-parse), each run in a fresh process, medians of BENCH_RUNS (3).
 * Part of `npm run bench`.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

const RUNS = Number(process.env.BENCH_INGEST_RUNS ?? 3);
const DIR = path.join(tmpdir(), 'committee-papers-bench');
mkdirSync(DIR, { recursive: true });

/** A tracker as officers keep them, at scale: title rows, two-row merged header, workstream rows, colour-only RAG. */
async function writeTracker(file: string, projects: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('SIP Summary');
  ws.addRow(['Bench County Council – Improvement Plan']).commit();
  ws.addRow(['RAG summary']).commit();
  ws.addRow(['REF', 'PROJECT', 'LEAD', 'RAG', 'COMMENTARY', 'NEXT KEY MILESTONES', null]).commit();
  ws.addRow([null, null, null, null, null, 'March', 'April']).commit();
  const rags = ['G', 'A', 'R', 'Green', 'Amber', ''];
  const fills: Record<string, string> = { G: 'FF00B050', A: 'FFFFC000', R: 'FFFF0000' };
  let n = 0;
  for (let w = 1; n < projects; w++) {
    ws.addRow([`${w} Workstream number ${w}`]).commit();
    for (let p = 1; p <= 2500 && n < projects; p++, n++) {
      const rag = rags[n % rags.length]!;
      const row = ws.addRow([
        `${w}.${p}`,
        `Project ${w}.${p} with a realistic length of title`,
        'A. N. Officer',
        rag === '' ? null : rag,
        n % 3 === 0 ? 'Commentary on progress, risks and what the board is asked to note this month' : null,
        `0${(n % 9) + 1} Mar - First milestone for the month 2${(n % 8) + 1} Mar - Second milestone`,
        `1${n % 9} Apr - April milestone`,
      ]);
      const fill = fills[rag === '' ? 'A' : rag.charAt(0)];
      if (fill) row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      row.commit();
    }
  }
  ws.addRow([]).commit();
  ws.addRow(['Accurate when produced on 24/04/2023']).commit();
  ws.commit();
  await wb.commit();
}

/** A long-format KPI return: 1,000 measures, `rows / 1000` months each, ending April 2023. */
async function writeKpis(file: string, rows: number): Promise<void> {
  const measures = 1000;
  const months = rows / measures;
  const out = createWriteStream(file);
  const write = (s: string): Promise<void> => new Promise((res) => (out.write(s) ? res() : out.once('drain', () => res())));
  await write('\ufeffMeasure ID,Measure Name,Unit,Polarity,Target,Period,Value\r\n');
  const end = 2023 * 12 + 3; // April 2023
  for (let m = 0; m < measures; m++) {
    const id = `M${String(m).padStart(4, '0')}`;
    const unit = m % 2 ? '%' : 'number';
    let chunk = '';
    for (let i = 0; i < months; i++) {
      const idx = end - (months - 1) + i;
      const period = `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
      chunk += `${id},Measure ${m} of the return,${unit},${m % 3 ? 'higher' : 'lower'},${50 + (m % 40)},${period},${((m * 7 + i * 13) % 1000) / 10}\r\n`;
    }
    await write(chunk);
  }
  await new Promise<void>((res) => out.end(res));
}

interface Sample {
  rows: number;
  ms: number;
  maxRssMb: number;
}

function once(scenario: string, file: string, rows: number): Sample {
  const out = execFileSync(process.execPath, ['bench/ingest-worker.mjs', scenario, file], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_ROWS: String(rows), TZ: 'Europe/London' },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Sample;
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The bare library and the full ingest on the same file, run alternately (bare, full, bare, full …)
 * so that the machine's drift falls on both alike. Returns both medians and the median of the
 * per-pair ratios of rows per second.
 */
function pair(bareScenario: string, fullScenario: string, file: string, rows: number): { bare: Sample; full: Sample; ratio: number; best: number } {
  const bare: Sample[] = [];
  const full: Sample[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const b = once(bareScenario, file, rows);
    const f = once(fullScenario, file, rows);
    bare.push(b);
    full.push(f);
    ratios.push(f.rows / f.ms / (b.rows / b.ms));
  }
  const summary = (xs: Sample[]): Sample => ({ rows: xs[0]!.rows, ms: med(xs.map((x) => x.ms)), maxRssMb: med(xs.map((x) => x.maxRssMb)) });
  // Also the best run of each (noise on a shared machine only ever adds time): shown beside the medians.
  const fastest = (xs: Sample[]): Sample => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const best = fastest(full).rows / fastest(full).ms / (fastest(bare).rows / fastest(bare).ms);
  return { bare: summary(bare), full: summary(full), ratio: med(ratios), best };
}

export async function benchIngest(): Promise<void> {
  const tracker = path.join(DIR, 'tracker-50k.xlsx');
  const k100 = path.join(DIR, 'kpis-100k.csv');
  const k1m = path.join(DIR, 'kpis-1m.csv');
  if (!existsSync(tracker)) await writeTracker(tracker, 50_000);
  if (!existsSync(k100)) await writeKpis(k100, 100_000);
  if (!existsSync(k1m)) await writeKpis(k1m, 1_000_000);

  const rate = (s: Sample): number => s.rows / (s.ms / 1000);
  const line = (name: string, s: Sample): string =>
    `${name.padEnd(46)} ${String(s.rows).padStart(9)} rows ${Math.round(rate(s)).toLocaleString('en-GB').padStart(9)} rows/s ${s.maxRssMb.toFixed(0).padStart(6)} MB peak`;

  const x = pair('bare-xlsx', 'tracker', tracker, 50_000);
  const c100 = pair('bare-csv', 'kpis', k100, 100_000);
  const c1m = pair('bare-csv', 'kpis', k1m, 1_000_000);
  const [bareX, fullX, bare100, full100, bare1m, full1m] = [x.bare, x.full, c100.bare, c100.full, c1m.bare, c1m.full];

  const mb = (f: string): string => `${(statSync(f).size / 1048576).toFixed(1)} MB`;
  console.log(`\ningest · ${RUNS} alternating bare/full pairs, each run in a fresh process · tracker ${mb(tracker)}, KPI CSVs ${mb(k100)} and ${mb(k1m)}`);
  console.log(line('tracker .xlsx, bare exceljs streaming reader', bareX));
  console.log(line('tracker .xlsx, full ingest', fullX));
  console.log(line('KPI .csv 100k, bare csv-parse', bare100));
  console.log(line('KPI .csv 100k, full ingest', full100));
  console.log(line('KPI .csv 1M, bare csv-parse', bare1m));
  console.log(line('KPI .csv 1M, full ingest', full1m));
  const both = (a: Sample, b: Sample, p: { ratio: number; best: number }): string => `${(rate(a) / rate(b)).toFixed(2)} × of medians, ${p.ratio.toFixed(2)} × median of pairs, ${p.best.toFixed(2)} × best of each`;
  console.log(`${'tracker: full / bare rows per second'.padEnd(46)} ${both(fullX, bareX, x)}   (at least 0.8)`);
  console.log(`${'KPI 1M: full / bare rows per second'.padEnd(46)} ${both(full1m, bare1m, c1m)}   (at least 0.8)`);
  console.log(`${'KPI full ingest: peak memory 1M / 100k'.padEnd(46)} ${(full1m.maxRssMb / full100.maxRssMb).toFixed(2)} ×   (at most 1.5)`);
}
