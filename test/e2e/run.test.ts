/**
 * `papers run`: a period's monthly highlight reports from the sample schedule, for two consecutive
 * months — the second shows what changed since the first — and a schedule in which one workstream's
 * extract is broken: the other reports are published, the exit code says some failed, and the summary
 * names the broken file and cell. The real command, the real Chromium, the PDFs read back.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEffects } from '../../src/pipeline/index.js';
import { runSchedule } from '../../src/pipeline/index.js';
import { toolInfo } from '../../src/cli/main.js';
import { papers, ROOT, stackLines, type CliRun } from '../helpers/cli.js';
import { pdfinfo, pdftotext } from '../helpers/pdf.js';
import { sampleScheduleIn } from '../helpers/sample.js';

const SAMPLE = path.join(ROOT, 'data', 'sample');
const TOOL = toolInfo();

const schedule = (dir: string): string => sampleScheduleIn(dir);

describe('papers run: two consecutive months of the sample', () => {
  let dir: string;
  let january: CliRun;
  let february: CliRun;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'papers-run-'));
    const file = schedule(dir);
    january = papers(['run', file, '--period', '2017-01']);
    february = papers(['run', file, '--period', '2017-02', '--json']);
  }, 240_000);

  it('builds the plan report and one per workstream, each month, and exits 0', () => {
    expect(january.code, january.stderr).toBe(0);
    expect(february.code, february.stderr).toBe(0);
    for (const period of ['2017-01', '2017-02']) {
      const pdfs = readdirSync(path.join(dir, 'reports', period)).filter((f) => f.endsWith('.pdf'));
      expect(pdfs).toHaveLength(9); // the plan and 8 workstreams
      expect(pdfs).toContain(`${period}-highlight-plan.pdf`);
      for (const pdf of pdfs) expect(pdfinfo(path.join(dir, 'reports', period, pdf)).Tagged).toBe('yes');
    }
    expect(stackLines(january.stderr)).toEqual([]);
  });

  it('shows in February what changed since January (project 2.3 went from amber to red)', () => {
    const ws2 = (period: string): string => path.join(dir, 'reports', period, `${period}-highlight-workstream-2-raise-the-standard-of-practice.pdf`);
    const feb = pdftotext(ws2('2017-02')).replace(/\s+/g, ' ');
    expect(feb).toContain('Highlight report, February 2017: Workstream 2: Raise the Standard of Practice');
    expect(feb).toContain('Project 2.3 Practice Model Implementation: Amber → Red (worse)');
    expect(feb).toMatch(/January 2017 0 3 4 0 0 7/); // last month's counts beside this month's
    const jan = pdftotext(ws2('2017-01')).replace(/\s+/g, ' ');
    expect(jan).toContain('There is no report for December 2016 to compare with');
    expect(jan).not.toContain('Amber → Red');
  });

  it('keeps each month’s model in history and a log of each run', () => {
    for (const period of ['2017-01', '2017-02']) {
      const h = JSON.parse(readFileSync(path.join(dir, 'history', period, 'model.json'), 'utf8')) as { period: string; reports: Record<string, { projects: Record<string, { status: string }> }> };
      expect(h.period).toBe(period);
      expect(Object.keys(h.reports)).toHaveLength(9);
      expect(readdirSync(path.join(dir, 'history', period)).some((f) => /^run-.*\.log$/.test(f))).toBe(true);
    }
    const feb = JSON.parse(readFileSync(path.join(dir, 'history', '2017-02', 'model.json'), 'utf8')) as { reports: Record<string, { projects: Record<string, { status: string }> }> };
    expect(feb.reports['workstream-2']!.projects['2.3']!.status).toBe('red');
  });

  it('prints a machine-readable summary with --json', () => {
    const summary = JSON.parse(february.stdout) as { period: string; built: { report: string; pages: number }[]; failed: unknown[]; log: string };
    expect(summary.period).toBe('2017-02');
    expect(summary.built.map((b) => b.report)).toEqual(['plan', ...Array.from({ length: 8 }, (_, i) => `workstream-${i + 1}`)]);
    expect(summary.failed).toEqual([]);
    expect(existsSync(summary.log)).toBe(true);
  });

  it('gives the same bytes with one worker as with two', () => {
    const solo = mkdtempSync(path.join(tmpdir(), 'papers-run-solo-'));
    cpSync(path.join(dir, 'history', '2017-01'), path.join(solo, 'history', '2017-01'), { recursive: true });
    const r = papers(['run', sampleScheduleIn(solo), '--period', '2017-02', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(path.join(dir, 'reports', '2017-02')).sort();
    expect(readdirSync(path.join(solo, 'reports', '2017-02')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(path.join(solo, 'reports', '2017-02', f)).equals(readFileSync(path.join(dir, 'reports', '2017-02', f))), f).toBe(true);
  }, 120_000);

  it('gives the same bytes when each worker relaunches its browser every 2 reports (and memory is collected every 4)', async () => {
    const recycled = mkdtempSync(path.join(tmpdir(), 'papers-run-recycled-'));
    cpSync(path.join(dir, 'history', '2017-01'), path.join(recycled, 'history', '2017-01'), { recursive: true });
    let launched = 0;
    let closed = 0;
    let collections = 0;
    const real = nodeEffects({ log: () => {} });
    const effects = nodeEffects({
      log: () => {},
      launchPrinter: async (options) => {
        launched += 1;
        const printer = await real.launchPrinter(options);
        return { ...printer, version: printer.version, print: (html) => printer.print(html), close: async () => { closed += 1; await printer.close(); } };
      },
      collectGarbage: () => {
        collections += 1;
        real.collectGarbage!(); // V8's own collection, made available at run time
      },
    });
    const result = await runSchedule(sampleScheduleIn(recycled), { cwd: ROOT, tool: TOOL, period: '2017-02', workers: 2, recycleEvery: 2, collectEvery: 4 }, effects);
    expect(collections).toBe(2); // after the 4th and the 8th of 9 reports
    expect(result.reports.filter((r) => !r.built)).toEqual([]);
    // 9 reports between two workers, a browser every 2 reports: at least 5 launches, every one closed.
    expect(launched).toBeGreaterThanOrEqual(5);
    expect(closed).toBe(launched);
    const files = readdirSync(path.join(dir, 'reports', '2017-02')).sort();
    expect(readdirSync(path.join(recycled, 'reports', '2017-02')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(path.join(recycled, 'reports', '2017-02', f)).equals(readFileSync(path.join(dir, 'reports', '2017-02', f))), f).toBe(true);
  }, 120_000);

  it('re-runs a month without touching the other', () => {
    const before = readFileSync(path.join(dir, 'history', '2017-01', 'model.json'));
    const again = papers(['run', path.join(dir, 'schedule.yaml'), '--period', '2017-02']);
    expect(again.code).toBe(0);
    expect(readFileSync(path.join(dir, 'history', '2017-01', 'model.json')).equals(before)).toBe(true);
  }, 120_000);
});

describe('papers run: one workstream’s extract is broken', () => {
  it('publishes the other reports, exits 3 and names the broken file and cell', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-run-bad-'));
    const broken = path.join(ROOT, 'test', 'fixtures', 'bad', 'tracker-unknown-rating', 'tracker.xlsx');
    const file = schedule(dir);
    // Workstream 3 sends its own tracker this month, with "Amberish" in a RAG cell.
    const text = readFileSync(file, 'utf8') + `reports:\n  - plan\n  - 1\n  - 2\n  - workstream: 3\n    sources:\n      tracker:\n        file: ${broken}\n        sheet: SIP Summary\n`;
    writeFileSync(file, text);
    const r = papers(['run', file, '--period', '2017-02', '--json']);
    expect(r.code, r.stderr).toBe(3);
    const summary = JSON.parse(r.stdout) as { built: { report: string }[]; failed: { report: string; problems: string[] }[] };
    expect(summary.built.map((b) => b.report)).toEqual(['plan', 'workstream-1', 'workstream-2']);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]!.report).toBe('workstream-3');
    expect(summary.failed[0]!.problems.join('\n')).toMatch(/tracker-unknown-rating\/tracker\.xlsx › SIP Summary!D9: found "Amberish", expected a RAG rating/);
    expect(r.stderr).toContain('Not built: workstream-3');
    expect(r.stderr).toContain('3 of 4 highlight reports built for 2017-02');
    expect(readdirSync(path.join(dir, 'reports', '2017-02')).filter((f) => f.endsWith('.pdf'))).toHaveLength(3);
    expect(stackLines(r.stderr)).toEqual([]);
  }, 120_000);

  it('refuses a period that is not a month, as a usage error', () => {
    const r = papers(['run', path.join(SAMPLE, 'schedule.yaml'), '--period', '2017-13']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('found "2017-13", expected a month written YYYY-MM');
    const c = papers(['run', path.join(SAMPLE, 'schedule.yaml'), '--collect-every', 'often']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('found "often", expected a whole number from 0 (none) to 100000');
  });
});
