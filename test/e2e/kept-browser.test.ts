/**
 * A Chromium kept between builds (print/shelf.ts), as `papers serve`, `papers worker` and `papers build
 * --watch` keep theirs, with the real browser: the builds after the first launch none, print the same bytes
 * as a build with a browser of its own, and an author's fix is printed by the kept browser.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMeeting, nodeEffects, PrinterShelf } from '../../src/pipeline/index.js';
import { InProcessQueue, Store } from '../../src/web/index.js';
import { ROOT } from '../helpers/cli.js';
import { pdftotext } from '../helpers/pdf.js';

const tool = { name: 'committee-papers', version: 'test' };
const published = (dir: string): string[] => readdirSync(dir).filter((f) => !f.startsWith('.')).sort();

describe('a Chromium kept between builds', () => {
  it('prints the next builds without a launch, byte for byte as a browser of their own would, and prints a fix at once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-kept-'));
    cpSync(path.join(ROOT, 'examples', 'outcomes-paper'), dir, { recursive: true });
    const config = path.join(dir, 'meeting.yaml');
    const lines: string[] = [];
    const own = nodeEffects({ log: () => undefined });
    let launches = 0;
    const shelf = new PrinterShelf(
      (options) => {
        launches += 1;
        return own.launchPrinter(options);
      },
      { every: 100 },
    );
    const kept = nodeEffects({ log: (line) => lines.push(line), launchPrinter: shelf.borrow });
    try {
      const alone = await buildMeeting(config, { cwd: dir, outDir: path.join(dir, 'alone'), tool }, own);
      const first = await buildMeeting(config, { cwd: dir, outDir: path.join(dir, 'kept-1'), tool }, kept);
      const second = await buildMeeting(config, { cwd: dir, outDir: path.join(dir, 'kept-2'), tool }, kept);
      expect(launches).toBe(1);
      expect(shelf.open).toBe(1);
      expect(second.papers.length).toBeGreaterThan(0);
      const files = published(alone.outDir);
      expect(files).toContain('pack.pdf');
      expect(published(first.outDir)).toEqual(files);
      expect(published(second.outDir)).toEqual(files);
      // Everything but the manifests, which record when the build ran and how long each step took.
      for (const f of files.filter((x) => !x.endsWith('manifest.json'))) {
        const bytes = readFileSync(path.join(alone.outDir, f));
        expect(readFileSync(path.join(first.outDir, f)).equals(bytes), `kept-1/${f}`).toBe(true);
        expect(readFileSync(path.join(second.outDir, f)).equals(bytes), `kept-2/${f}`).toBe(true);
      }

      // An author fixes a cell: the paper is printed again by the kept browser.
      const recommendations = path.join(dir, 'recommendations.csv');
      const text = readFileSync(recommendations, 'utf8');
      writeFileSync(recommendations, text.replace('meet their statutory duties', 'meet their statutory duties KEPTBROWSERFIX'));
      const fixed = await buildMeeting(config, { cwd: dir, outDir: path.join(dir, 'kept-2'), tool }, kept);
      expect(launches).toBe(1);
      expect(fixed.papers).toHaveLength(1);
      expect(pdftotext(path.join(fixed.outDir, fixed.papers[0]!.files.pdf))).toContain('KEPTBROWSERFIX');
      expect(lines.filter((l) => /Chromium failed/.test(l))).toEqual([]);
    } finally {
      await shelf.close();
    }
    expect(shelf.open).toBe(0);
  });
});

describe("the web app's own queue", () => {
  it('builds a meeting again after a data fix on the Chromium it kept, and closes it with the queue', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-kept-web-'));
    cpSync(path.join(ROOT, 'examples', 'outcomes-paper'), dir, { recursive: true });
    const store = new Store(path.join(dir, 'app.sqlite'));
    const launchPrinter = nodeEffects().launchPrinter;
    let launched = 0;
    let closed = 0;
    const queue = new InProcessQueue({
      store,
      tool,
      now: Date.now,
      effects: {
        launchPrinter: async (o) => {
          launched += 1;
          const p = await launchPrinter(o);
          return {
            version: p.version,
            get connected() {
              return p.connected;
            },
            print: (html) => p.print(html),
            close: () => ((closed += 1), p.close()),
          };
        },
      },
    });
    const ended = (id: string): Promise<void> =>
      new Promise((resolve) => {
        const stop = queue.follow(id, (e) => e.type === 'end' && (stop(), resolve()));
      });
    const spec = { kind: 'build' as const, target: 'outcomes', title: 'Outcomes paper', config: path.join(dir, 'meeting.yaml'), cwd: dir, item: undefined };
    try {
      let done = ended('b1');
      queue.add('b1', spec, 'editor1');
      await done;
      const recommendations = path.join(dir, 'recommendations.csv');
      writeFileSync(recommendations, readFileSync(recommendations, 'utf8').replace('meet their statutory duties', 'meet their statutory duties, fixed'));
      done = ended('b2');
      queue.add('b2', spec, 'editor1');
      await done;
      expect(store.job('b1')!.state).toBe('done');
      expect(store.job('b2')!.result!.lines[0]).toMatch(/^Built 1 paper, 4 pages, in [\d.]+ s\.$/);
      expect([launched, closed]).toEqual([1, 0]);
    } finally {
      await queue.close();
      store.close();
    }
    expect([launched, closed]).toEqual([1, 1]);
  }, 120_000);
});

/** The Chromium processes a process started (its children). */
const chromiumsOf = (pid: number): string[] =>
  spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((l) => /chrom/i.test(l));

describe('papers build --watch', () => {
  it('builds again when a source is saved, says what is wrong in a bad save without publishing it, and stops cleanly on Ctrl+C', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-watch-'));
    cpSync(path.join(ROOT, 'examples', 'outcomes-paper'), dir, { recursive: true });
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'papers.js'), 'build', 'meeting.yaml', '--watch', '--no-large-print'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    /** Waits until stderr holds `text` `times` times. */
    const seen = async (text: string, times: number): Promise<void> => {
      for (let waited = 0; err.split(text).length - 1 < times; waited += 100) {
        if (waited > 90_000) throw new Error(`waited for ${times} × "${text}"; stderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const recommendations = path.join(dir, 'recommendations.csv');
    const original = readFileSync(recommendations, 'utf8');
    try {
      await seen('Watching 4 files for changes (press Ctrl+C to stop).', 1);
      const folder = path.join(dir, 'output', readdirSync(path.join(dir, 'output')).find((f) => !f.startsWith('.'))!);
      const paper = path.join(folder, 'item-3.pdf');
      expect(pdftotext(paper)).not.toContain('WATCHEDFIX');

      // A fix, saved: the paper is built again, with the kept browser.
      writeFileSync(recommendations, original.replace('meet their statutory duties', 'meet their statutory duties WATCHEDFIX'));
      await seen('Watching 4 files', 2);
      expect(err).toContain('Changed: recommendations.csv. Building again.');
      expect(pdftotext(paper)).toContain('WATCHEDFIX');
      const published = readFileSync(paper);

      // A bad save: its problem, with its cell; nothing published; still watching.
      writeFileSync(recommendations, original.replace(/^(\uFEFF?No,Recommendation,Source\r?\n)1,/, '$1one,'));
      await seen('Watching 4 files', 3);
      expect(err).toContain('recommendations.csv › A2: found "one" as recommendation number, expected a number [NotANumber]');
      expect(err).toContain('Nothing was written.');
      expect(readFileSync(paper).equals(published)).toBe(true);

      // Put right: built again.
      writeFileSync(recommendations, original);
      await seen('Watching 4 files', 4);
      expect(pdftotext(paper)).not.toContain('WATCHEDFIX');
      expect(err.match(/^Built 1 paper/gm)).toHaveLength(3);
      expect(err).not.toMatch(/Chromium failed|Unexpected error/);
      expect(chromiumsOf(child.pid!).length).toBeGreaterThan(0); // kept open between builds

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(err.trimEnd().split('\n').at(-1)).toBe('Stopped watching.');
      expect(chromiumsOf(child.pid!)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});
