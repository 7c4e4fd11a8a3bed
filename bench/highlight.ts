/**
 * npm run bench, part four: monthly highlight reports in bulk. A generated tracker of 300 workstreams
 * (3 projects each, the sample's KPI return beside it) and a schedule asking for 300 workstream reports,
 * built by `runSchedule` in a fresh process each time (bench/highlight-worker.mjs, compiled dist/):
 * - 300 reports with 1 worker and with 2: the median time per report, and the speed-up of 2 over 1;
 * - peak memory (the Node process's maximum resident set) at 50 and at 300 reports, 2 workers.
 * Medians of BENCH_HIGHLIGHT_RUNS (3).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { median } from './stats.js';

const RUNS = Number(process.env.BENCH_HIGHLIGHT_RUNS ?? 3);
const WORKSTREAMS = 300;

const dir = mkdtempSync(path.join(tmpdir(), 'papers-highlight-bench-'));
const book = new ExcelJS.Workbook();
const sheet = book.addWorksheet('SIP Summary');
sheet.addRow(['REF', 'PROJECT', 'LEAD', 'RAG', 'COMMENTARY', 'March', 'April']);
const RAG = ['G', 'A', 'R', 'G', 'B'];
for (let w = 1; w <= WORKSTREAMS; w++) {
  sheet.addRow([`${w} Workstream number ${w}`]);
  for (let p = 1; p <= 3; p++) {
    sheet.addRow([`${w}.${p}`, `Project ${p} of workstream ${w}`, `Lead ${p}`, RAG[(w + p) % RAG.length], p === 2 ? 'Commentary on progress this month' : '', `0${p} Mar - Milestone ${p}`, `1${p} Apr - Next step ${p}`]);
  }
}
await book.xlsx.writeFile(path.join(dir, 'tracker.xlsx'));
const sample = path.resolve('data/sample');
const schedule = (n: number): string => {
  const file = path.join(dir, `schedule-${n}.yaml`);
  writeFileSync(
    file,
    [
      'council: Bench Council',
      'plan: Bench Improvement Plan',
      'board: Improvement Board',
      'sources:',
      `  tracker: { file: ${path.join(dir, 'tracker.xlsx')} }`,
      `  kpiDefinitions: { file: ${path.join(sample, 'kpi-definitions.csv')} }`,
      `  kpis: { file: ${path.join(sample, 'kpis.csv')} }`,
      'reports:',
      ...Array.from({ length: n }, (_, i) => `  - ${i + 1}`),
      `out: ${path.join(dir, `out-${n}`)}`,
      `history: ${path.join(dir, `history-${n}`)}`,
      '',
    ].join('\n'),
  );
  return file;
};

function measure(n: number, workers: number): { reports: number; ms: number; maxRssMb: number } {
  const r = spawnSync(process.execPath, ['bench/highlight-worker.mjs', schedule(n), String(workers)], { encoding: 'utf8', env: { ...process.env, TZ: 'Europe/London' } });
  if (r.status !== 0) throw new Error(`highlight worker failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { reports: number; ms: number; maxRssMb: number };
}

const one: number[] = [];
const two: number[] = [];
const mem50: number[] = [];
const mem300: number[] = [];
for (let i = 0; i < RUNS; i++) {
  // Alternated, so that the machine's swings fall on both sides alike.
  one.push(measure(WORKSTREAMS, 1).ms);
  const t = measure(WORKSTREAMS, 2);
  two.push(t.ms);
  mem300.push(t.maxRssMb);
  mem50.push(measure(50, 2).maxRssMb);
}
const a = median(one);
const b = median(two);
console.log(`\nhighlight reports · ${WORKSTREAMS} reports a run · medians of ${RUNS}`);
console.log(`${'300 reports, 1 worker'.padEnd(56)} ${(a / 1000).toFixed(1).padStart(7)} s   ${(a / WORKSTREAMS).toFixed(0).padStart(5)} ms a report`);
console.log(`${'300 reports, 2 workers'.padEnd(56)} ${(b / 1000).toFixed(1).padStart(7)} s   ${(b / WORKSTREAMS).toFixed(0).padStart(5)} ms a report`);
console.log(`${'speed-up, 2 workers over 1'.padEnd(56)} ${(a / b).toFixed(2).padStart(7)} ×   (at least 1.6)`);
console.log(`${'peak memory (Node), 50 reports'.padEnd(56)} ${median(mem50).toFixed(0).padStart(7)} MB`);
console.log(`${'peak memory (Node), 300 reports'.padEnd(56)} ${median(mem300).toFixed(0).padStart(7)} MB`);
console.log(`${'growth from 50 to 300 reports'.padEnd(56)} ${(((median(mem300) / median(mem50)) - 1) * 100).toFixed(0).padStart(7)} %   (under 20)`);
