/**
 * Chromium faults: the real `papers build` loses its real Chromium in the middle of a batch — killed
 * (a crash) or stopped (a hang) — and still publishes every paper and the pack, having relaunched the
 * browser and printed the interrupted paper again. A document that fails even in a new browser is a
 * PrintFailure, and the printer goes on with the next one.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchPrinter, PrintFailure } from '../../src/print/index.js';
import { ROOT } from '../helpers/cli.js';
import { manyPapersMeeting } from '../helpers/sample.js';

/** The Chromium main process the build launched (puppeteer starts it as a child of node). */
function browserOf(pid: number): number {
  const children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' });
  const line = children.split('\n').find((l) => /chromium|chrome/.test(l));
  if (!line) throw new Error(`no Chromium under process ${pid}: ${children}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/** Runs `papers build` and sends `signal` to its Chromium once `after` items have printed. */
function buildWithFault(config: string, out: string, after: number, signal: NodeJS.Signals, env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; victim: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'papers.js'), 'build', config, '--no-large-print', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'Europe/London', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let victim = 0;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr += d;
      const printed = stderr.match(/^print item \d+ →/gm)?.length ?? 0;
      if (!victim && printed >= after) {
        victim = browserOf(child.pid!);
        process.kill(victim, signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, victim }));
  });
}

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
}

function expectComplete(out: string, papers: number): void {
  const files = readdirSync(out);
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
    items: { number: string; pages: number }[];
    outputs: { file: string; pages?: number }[];
  };
  expect(manifest.items).toHaveLength(papers);
  const pdfs = files.filter((f) => /^item-\d+\.pdf$/.test(f));
  expect(pdfs).toHaveLength(papers);
  for (const f of pdfs) expect(pdfPages(path.join(out, f))).toBe(manifest.outputs.find((o) => o.file === f)!.pages);
  const pack = files.find((f) => f === 'pack.pdf')!;
  expect(pdfPages(path.join(out, pack))).toBe(manifest.outputs.find((o) => o.file === pack)!.pages);
  expect(manifest.items.map((i) => i.number)).toEqual(Array.from({ length: papers }, (_, i) => String(6 + i)));
}

describe('Chromium faults during a batch', () => {
  it('Chromium killed (SIGKILL) during a 20-paper batch: relaunched, and the batch completes with all 20 papers and the pack', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-fault-'));
    const out = path.join(dir, 'out');
    const run = await buildWithFault(manyPapersMeeting(dir, 20), out, 8, 'SIGKILL');
    expect(run.victim, run.stderr).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/Chromium failed \(.+\): relaunched, printing the document again/);
    expect(run.stderr).toMatch(/^Built 20 papers/m);
    expect(run.code).toBe(0);
    expectComplete(out, 20);
  }, 300_000);

  it('Chromium hung (SIGSTOP) mid-batch: the document times out, the browser is killed and relaunched, the batch completes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-fault-'));
    const out = path.join(dir, 'out');
    const run = await buildWithFault(manyPapersMeeting(dir, 4), out, 2, 'SIGSTOP', { PAPERS_PRINT_TIMEOUT_MS: '8000' });
    expect(run.victim, run.stderr).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/Chromium failed \(printing one document took longer than 8 s\): relaunched/);
    expect(run.code).toBe(0);
    expectComplete(out, 4);
    // The stopped browser was killed, not left behind.
    expect(() => process.kill(run.victim, 0)).toThrow();
  }, 300_000);

  it('a document that fails in a new browser too is a PrintFailure, and the next document still prints', async () => {
    const relaunches: string[] = [];
    const printer = await launchPrinter({ timeoutMs: 3_000, onRelaunch: (r) => relaunches.push(r) });
    try {
      const huge = `<!doctype html><html lang="en"><body>${'<p>line of a very long document</p>'.repeat(60_000)}</body></html>`;
      const failed = await printer.print(huge).then(() => undefined, (e: unknown) => e);
      expect(failed).toBeInstanceOf(PrintFailure);
      expect((failed as PrintFailure).reason).toMatch(/took longer than 3 s/);
      expect(relaunches).toHaveLength(1);
      const ok = await printer.print('<!doctype html><html lang="en"><body><p>Next document</p></body></html>');
      expect(Buffer.from(ok.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await printer.close();
    }
  }, 120_000);
});
