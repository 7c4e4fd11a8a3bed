/**
 * Builds through the queue on a real Redis (Debian's redis-server) with real `papers worker` processes
 * and the real Chromium:
 *
 * - `papers run --queue` sends 40 highlight reports to two workers; one worker is SIGKILLed in the middle
 *   of a job (its Chromium with it). The other takes the killed job up when its lock lapses, every report
 *   is published once — one release of the period's folder, 80 files, each PDF whole — and the bytes are
 *   the bytes `papers run` makes in one process.
 * - The web app's queue on Redis: a job's lines reach whoever follows it, its outcome is kept; a job
 *   whose data is wrong fails at once (no retries) with every problem as its reason; one whose folder
 *   another build is writing is tried again once it is free.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolInfo } from '../../src/cli/main.js';
import { nodeEffects } from '../../src/pipeline/index.js';
import { lockFolder } from '../../src/publish/index.js';
import { openQueue, startWorker, type RunningWorker } from '../../src/queue/index.js';
import { RedisJobQueue, Store } from '../../src/web/index.js';
import type { JobEvent } from '../../src/web/jobs.js';
import { ROOT, stackLines } from '../helpers/cli.js';
import { pdfinfo } from '../helpers/pdf.js';
import { testRedis, type TestRedis } from '../helpers/redis.js';

const REPORTS = 40;
const SAMPLE = path.join(ROOT, 'data', 'sample');

/** A tracker of `n` workstreams of three projects, and a schedule asking for a report on each. */
async function scheduleOf(dir: string, n: number, name: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('SIP Summary');
  sheet.addRow(['REF', 'PROJECT', 'LEAD', 'RAG', 'COMMENTARY', 'March', 'April']);
  for (let w = 1; w <= n; w++) {
    sheet.addRow([`${w} Workstream number ${w}`]);
    for (let p = 1; p <= 3; p++) sheet.addRow([`${w}.${p}`, `Project ${p} of workstream ${w}`, `Lead ${p}`, ['G', 'A', 'R'][(w + p) % 3], p === 2 ? `Commentary ${w}.${p}` : '', `0${p} Mar - Milestone ${p}`, `1${p} Apr - Next step ${p}`]);
  }
  await book.xlsx.writeFile(path.join(dir, `${name}.xlsx`));
  for (const f of ['kpi-definitions.csv', 'kpis.csv']) copyFileSync(path.join(SAMPLE, f), path.join(dir, f));
  const file = path.join(dir, `${name}.yaml`);
  const lines = ['council: Queue Council', 'plan: Queue Improvement Plan', 'board: Improvement Board', 'sources:', `  tracker: { file: ${name}.xlsx }`, '  kpiDefinitions: { file: kpi-definitions.csv }', '  kpis: { file: kpis.csv }', 'reports:', ...Array.from({ length: n }, (_, i) => `  - ${i + 1}`), `out: out/${name}/{period}`, `history: history/${name}`, ''];
  writeFileSync(file, lines.join('\n'));
  return file;
}

interface WorkerProcess {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

function worker(dir: string, url: string): WorkerProcess {
  // Its own process group, so that a kill takes its Chromium with it, as a lost machine would.
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'papers.js'), 'worker', '--queue', url, '--lock-seconds', '2'], { cwd: dir, detached: true, env: { ...process.env, TZ: 'Europe/London' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  child.stderr!.on('data', (b: Buffer) => (text += b.toString('utf8')));
  return { child, log: () => text, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

function run(dir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'papers.js'), ...args], { cwd: dir, env: { ...process.env, TZ: 'Europe/London' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const started = (log: string): string[] => [...log.matchAll(/started (report-[0-9a-f]+)/g)].map((m) => m[1]!);

describe('papers run --queue: 40 reports, two workers, one killed mid-job', () => {
  let redis: TestRedis;
  let dir: string;
  let killedJob: string;
  let a: WorkerProcess;
  let b: WorkerProcess;
  let result: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    redis = await testRedis(1);
    dir = mkdtempSync(path.join(tmpdir(), 'papers-queue-'));
    await scheduleOf(dir, REPORTS, 'monthly');
    a = worker(dir, redis.url);
    b = worker(dir, redis.url);
    const running = run(dir, ['run', 'monthly.yaml', '--period', '2017-02', '--queue', redis.url, '--json']);
    // Killed as it starts its third report: in the middle of a job, with reports before and after it.
    killedJob = await new Promise<string>((resolve) => {
      const look = setInterval(() => {
        const mine = started(a.log());
        if (mine.length >= 3) {
          clearInterval(look);
          process.kill(-a.child.pid!, 'SIGKILL');
          resolve(mine[2]!);
        }
      }, 5);
    });
    result = await running;
  }, 300_000);

  afterAll(async () => {
    for (const w of [a, b]) if (w && w.child.exitCode === null && w.child.signalCode === null) process.kill(-w.child.pid!, 'SIGKILL');
    await redis?.stop();
  });

  it('publishes every report, and the run exits 0', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(stackLines(result.stderr)).toEqual([]);
    const summary = JSON.parse(result.stdout) as { built: { report: string }[]; failed: unknown[] };
    expect(summary.failed).toEqual([]);
    expect(summary.built).toHaveLength(REPORTS);
    expect(result.stderr).toContain(`${REPORTS} reports sent to the queue`);
    expect(result.stderr).toContain(`${REPORTS} of ${REPORTS} highlight reports built for 2017-02`);
  });

  it('had the killed job taken up by the other worker, and retried', async () => {
    expect(a.child.signalCode).toBe('SIGKILL');
    expect(b.log()).toMatch(new RegExp(`started ${killedJob}: .* \\(attempt [2-9]\\)`));
    expect(b.log()).toContain(`done ${killedJob}`);
    const handle = await openQueue(redis.url);
    try {
      const job = await Job.fromId(handle.queue, killedJob);
      expect(await job!.getState()).toBe('completed');
      expect(job!.stalledCounter).toBeGreaterThanOrEqual(1);
      expect(job!.attemptsStarted).toBeGreaterThanOrEqual(2);
      // Every report ran to the end exactly as often as it was sent: 40 completed jobs, none failed.
      expect(await handle.queue.getJobCountByTypes('completed')).toBe(REPORTS);
      expect(await handle.queue.getJobCountByTypes('failed')).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('publishes the period once: one release, each report once, every PDF whole', () => {
    const out = path.join(dir, 'out', 'monthly', '2017-02');
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(REPORTS * 2);
    expect(new Set(files.map((f) => f.replace(/\.(pdf|html)$/, ''))).size).toBe(REPORTS);
    expect(readdirSync(path.join(dir, 'out', 'monthly', '.2017-02.releases'))).toHaveLength(1);
    for (const f of files.filter((n) => n.endsWith('.pdf'))) {
      const info = pdfinfo(path.join(out, f)); // poppler reads it whole: pages, tags
      expect(Number(info.Pages), f).toBeGreaterThanOrEqual(1);
      expect(info.Tagged, f).toBe('yes');
      expect(readFileSync(path.join(out, f)).subarray(-6).toString('latin1'), f).toMatch(/%%EOF\s*$/);
    }
    const model = JSON.parse(readFileSync(path.join(dir, 'history', 'monthly', '2017-02', 'model.json'), 'utf8')) as { reports: Record<string, unknown> };
    expect(Object.keys(model.reports)).toHaveLength(REPORTS);
  });

  it('makes the same bytes as `papers run` in one process', async () => {
    const here = await run(dir, ['run', 'monthly.yaml', '--period', '2017-02', '--out', 'in-process', '--workers', '2']);
    expect(here.code, here.stderr).toBe(0);
    const out = path.join(dir, 'out', 'monthly', '2017-02');
    for (const f of readdirSync(out)) expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(dir, 'in-process', f))), f).toBe(true);
  }, 180_000);

  it('the other worker stops cleanly when told to', async () => {
    process.kill(b.child.pid!, 'SIGTERM');
    expect(await b.exited).toBe(0);
    expect(b.log()).toContain('stopping: letting the jobs under way finish');
  });
});

describe("the web app's queue on Redis", () => {
  let redis: TestRedis;
  let dir: string;
  let store: Store;
  let queue: RedisJobQueue;
  let running: RunningWorker;
  /** Chromiums the worker launched. */
  let launches = 0;

  beforeAll(async () => {
    redis = await testRedis(2);
    dir = mkdtempSync(path.join(tmpdir(), 'papers-queue-web-'));
    await scheduleOf(dir, 2, 'small');
    store = new Store(path.join(dir, 'app.sqlite'));
    queue = await RedisJobQueue.open(redis.url, store, Date.now);
    const launchPrinter = nodeEffects().launchPrinter;
    running = await startWorker({ url: redis.url, tool: toolInfo(), log: () => undefined, effects: { launchPrinter: (o) => ((launches += 1), launchPrinter(o)) } });
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await queue?.close();
    store?.close();
    await redis?.stop();
  });

  const until = (id: string): Promise<JobEvent[]> =>
    new Promise((resolve) => {
      const seen: JobEvent[] = [];
      const stop = queue.follow(id, (e) => {
        seen.push(e);
        if (e.type === 'end') {
          stop();
          resolve(seen);
        }
      });
    });

  it('tells the page each line as the worker logs it, and keeps the outcome', async () => {
    const ended = until('run-small-2017-02');
    const job = queue.add('run-small-2017-02', { kind: 'run', target: 'small', title: 'Highlight reports for 2017-02', config: path.join(dir, 'small.yaml'), cwd: dir, period: '2017-02' }, 'editor1');
    expect(job.state).toBe('queued');
    const events = await ended;
    expect(events.some((e) => e.type === 'state' && e.state === 'running')).toBe(true);
    const lines = events.flatMap((e) => (e.type === 'line' ? [e.line] : []));
    expect(lines).toContain('run small.yaml for February 2017 (as at 2017-02-28)');
    expect(lines.some((l) => /^built workstream-2 → 2017-02-highlight-workstream-2-/.test(l))).toBe(true);
    const kept = store.job('run-small-2017-02')!;
    expect(kept.state).toBe('done');
    expect(kept.log).toEqual(lines);
    expect(kept.attempts).toBe(1);
    expect(kept.result!.lines[0]).toMatch(/^2 of 2 highlight reports built for 2017-02/);
    expect(kept.result!.files.filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
  }, 120_000);

  it('tries a job again, rather than failing it, while another build is writing its folder', async () => {
    // Held by this process, as by a build still under way (most often the job's own earlier attempt).
    const held = await lockFolder(path.join(dir, 'out', 'small', '2017-03'), new Date());
    const ended = until('run-small-2017-03');
    queue.add('run-small-2017-03', { kind: 'run', target: 'small', title: 'Highlight reports for 2017-03', config: path.join(dir, 'small.yaml'), cwd: dir, period: '2017-03' }, 'editor1');
    const handle = await openQueue(redis.url);
    try {
      for (let made = 0; made < 1; await new Promise((r) => setTimeout(r, 100))) made = (await Job.fromId(handle.queue, 'run-small-2017-03'))?.attemptsMade ?? 0;
      await held.release();
      await ended;
      const kept = store.job('run-small-2017-03')!;
      expect(kept.state, kept.result?.lines.join('\n')).toBe('done');
      expect(kept.attempts).toBe(2);
      expect(kept.log[0]).toBe(`another build (process ${process.pid}, started ${kept.log[0]!.match(/started (\S+)\)/)![1]}) is writing ${path.join(dir, 'out', 'small', '2017-03')}, expected no other build of it to be running [BuildLocked] (to be tried again shortly)`);
      expect(kept.result!.lines[0]).toMatch(/^2 of 2 highlight reports built for 2017-03/);
      const job = (await Job.fromId(handle.queue, 'run-small-2017-03'))!;
      expect([await job.getState(), job.attemptsStarted, job.stalledCounter]).toEqual(['completed', 2, 0]);
    } finally {
      await handle.close();
    }
  }, 120_000);

  it("builds a meeting again after a data fix on the worker's kept Chromium, launching none", async () => {
    const meeting = path.join(dir, 'outcomes-paper');
    cpSync(path.join(ROOT, 'examples', 'outcomes-paper'), meeting, { recursive: true });
    const build = { kind: 'build' as const, target: 'outcomes', title: 'Outcomes paper', config: path.join(meeting, 'meeting.yaml'), cwd: meeting, item: undefined };
    let ended = until('build-outcomes-1');
    queue.add('build-outcomes-1', build, 'editor1');
    await ended;
    expect(store.job('build-outcomes-1')!.state).toBe('done');
    const before = launches;
    const recommendations = path.join(meeting, 'recommendations.csv');
    writeFileSync(recommendations, readFileSync(recommendations, 'utf8').replace('meet their statutory duties', 'meet their statutory duties, fixed'));
    ended = until('build-outcomes-2');
    queue.add('build-outcomes-2', build, 'editor1');
    await ended;
    const fixed = store.job('build-outcomes-2')!;
    expect(fixed.state).toBe('done');
    expect(fixed.result!.lines[0]).toMatch(/^Built 1 paper, 4 pages, in [\d.]+ s\.$/);
    expect(launches).toBe(before);
  }, 120_000);

  it('fails a job whose config is wrong at once, with the problem as its reason, and does not retry it', async () => {
    const ended = until('run-missing-2017-02');
    queue.add('run-missing-2017-02', { kind: 'run', target: 'missing', title: 'A schedule that is not there', config: path.join(dir, 'missing.yaml'), cwd: dir, period: '2017-02' }, 'editor1');
    await ended;
    const kept = store.job('run-missing-2017-02')!;
    expect(kept.state).toBe('failed');
    expect(kept.result!.lines.join('\n')).toContain('[ConfigNotFound]');
    const handle = await openQueue(redis.url);
    try {
      expect((await Job.fromId(handle.queue, 'run-missing-2017-02'))!.attemptsMade).toBe(1);
    } finally {
      await handle.close();
    }
  }, 60_000);
});
