/**
 * npm run bench, part five: what the queue costs. 300 highlight reports (the generated tracker of
 * bench/highlight.ts: 300 workstreams) built two ways, whole processes, alternated, medians of
 * BENCH_QUEUE_RUNS (3):
 * - in process: `papers run schedule.yaml --workers 2`;
 * - through Redis: `papers run schedule.yaml --queue` with two `papers worker` processes (started before,
 *   idle: each launches its Chromium with its first job, inside the time measured).
 * Target: the queue at least 0.9× the throughput in process. Redis is a redis-server of the bench's own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { median } from './stats.js';

const RUNS = Number(process.env.BENCH_QUEUE_RUNS ?? 3);
const REPORTS = 300;
const BIN = path.resolve('bin/papers.js');

const dir = mkdtempSync(path.join(tmpdir(), 'papers-queue-bench-'));
const book = new ExcelJS.Workbook();
const sheet = book.addWorksheet('SIP Summary');
sheet.addRow(['REF', 'PROJECT', 'LEAD', 'RAG', 'COMMENTARY', 'March', 'April']);
for (let w = 1; w <= REPORTS; w++) {
  sheet.addRow([`${w} Workstream number ${w}`]);
  for (let p = 1; p <= 3; p++) sheet.addRow([`${w}.${p}`, `Project ${p} of workstream ${w}`, `Lead ${p}`, ['G', 'A', 'R', 'G', 'B'][(w + p) % 5], p === 2 ? 'Commentary on progress this month' : '', `0${p} Mar - Milestone ${p}`, `1${p} Apr - Next step ${p}`]);
}
await book.xlsx.writeFile(path.join(dir, 'tracker.xlsx'));
for (const f of ['kpi-definitions.csv', 'kpis.csv']) copyFileSync(path.resolve('data/sample', f), path.join(dir, f));
const schedule = (name: string): string => {
  writeFileSync(
    path.join(dir, `${name}.yaml`),
    ['council: Bench Council', 'plan: Bench Improvement Plan', 'board: Improvement Board', 'sources:', '  tracker: { file: tracker.xlsx }', '  kpiDefinitions: { file: kpi-definitions.csv }', '  kpis: { file: kpis.csv }', 'reports:', ...Array.from({ length: REPORTS }, (_, i) => `  - ${i + 1}`), `out: out/${name}`, `history: history/${name}`, ''].join('\n'),
  );
  return `${name}.yaml`;
};

const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
const url = `redis://127.0.0.1:${port}/0`;
while (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG') await sleep(100);
const env = { ...process.env, TZ: 'Europe/London' };

function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`papers ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - t0;
}

const inProcess: number[] = [];
const queued: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    rmSync(path.join(dir, 'out'), { recursive: true, force: true });
    rmSync(path.join(dir, 'history'), { recursive: true, force: true });
    inProcess.push(timed(['run', schedule('here'), '--period', '2017-02', '--workers', '2']));
    spawnSync('redis-cli', ['-p', String(port), 'flushall']);
    const workers = [0, 1].map(() => spawn(process.execPath, [BIN, 'worker', '--queue', url], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] }));
    await Promise.all(workers.map((w) => new Promise((r) => w.stderr!.once('data', r)))); // each says it is taking jobs
    queued.push(timed(['run', schedule('queued'), '--period', '2017-02', '--queue', url]));
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
  }
} finally {
  redis.kill('SIGTERM');
}
const a = median(inProcess);
const b = median(queued);
console.log(`\nthe queue · ${REPORTS} highlight reports a run · whole processes · medians of ${RUNS}`);
console.log(`${'in process: papers run --workers 2'.padEnd(56)} ${(a / 1000).toFixed(1).padStart(7)} s   ${(a / REPORTS).toFixed(0).padStart(5)} ms a report`);
console.log(`${'through Redis: papers run --queue, 2 papers workers'.padEnd(56)} ${(b / 1000).toFixed(1).padStart(7)} s   ${(b / REPORTS).toFixed(0).padStart(5)} ms a report`);
console.log(`${'throughput, queue over in process'.padEnd(56)} ${(a / b).toFixed(2).padStart(7)} ×   (at least 0.9)`);
