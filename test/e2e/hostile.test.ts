/**
 * The hostile-input corpus (test/fixtures/hostile/, written by scripts/make-hostile.ts): every case is a
 * bad input — a zip bomb, macros, links out, an encrypted or truncated file, XML and YAML entity bombs,
 * paths out of the project, script and markup in every kind of text — with what must happen recorded
 * in its case.yaml. Each runs through the real `papers` command (in-process; the real Chromium prints
 * the cases that build) from a copy of its folder, so nothing it writes lands in the repository:
 * - a refused input: the exit code, every problem line exactly, no stack trace, and nothing written —
 *   no output folder, no lock, nothing new beside the config;
 * - text that must stay text: exit 0, the paper's HTML holds the text escaped and none of it as markup,
 *   and the CSV companions hold formulas neutralised;
 * - an included PDF made safe: exit 0, no active content anywhere in the pack (every object's text and
 *   every stream, inflated, searched), and the pack passes the PDF check.
 * The cases that build borrow one Chromium kept between them (print/shelf.ts), as `papers serve` builds
 * one upload after another: a case that disturbs it (a crash, a hang) is met by the printer's relaunch.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/main.js';
import { nodeEffects, PrinterShelf } from '../../src/pipeline/index.js';
import { ROOT, stackLines } from '../helpers/cli.js';
import type { HostileCase as Case } from '../helpers/hostile.js';
import { pdfObjectsText } from '../helpers/pdf.js';
import { checkPdf } from '../helpers/pdf-check.js';


const CORPUS = path.join(ROOT, 'test/fixtures/hostile');
const names = readdirSync(CORPUS).sort();
// Copies run under .tmp/ (git-ignored) at the same depth as the corpus, so their relative paths to data/ still hold.
const RUNS = path.join(ROOT, '.tmp', 'hostile');
mkdirSync(RUNS, { recursive: true });
const runDir = mkdtempSync(path.join(RUNS, 'run-'));
const printers = new PrinterShelf(nodeEffects().launchPrinter, { every: 100 });
afterAll(() => printers.close());

function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

it('holds at least 40 hostile inputs, each with its expected outcome', () => {
  expect(names.length).toBeGreaterThanOrEqual(40);
  for (const n of names) expect(existsSync(path.join(CORPUS, n, 'case.yaml')), n).toBe(true);
});

describe.each(names)('hostile input %s', (name) => {
  it('has the outcome its case.yaml records', async () => {
    const raw = readFileSync(path.join(CORPUS, name, 'case.yaml'), 'utf8');
    const caseDir = path.join(runDir, name);
    const shown = path.relative(ROOT, caseDir);
    const c = parse(raw.replaceAll('{caseAbs}', caseDir).replaceAll('{case}', shown).replaceAll('{root}', ROOT)) as Case;
    cpSync(path.join(CORPUS, name), caseDir, { recursive: true, verbatimSymlinks: true });
    const before = listAll(caseDir);
    const outParent = mkdtempSync(path.join(tmpdir(), 'papers-hostile-'));
    const out = path.join(outParent, 'out');
    const command = c.command ?? 'build';
    // A build makes the standard copy only: the large-print copy reads the same sources (once) and prints the same pack parts.
    const args = [command, path.join(shown, c.config ?? 'meeting.yaml'), ...(command === 'run' ? [] : ['--out', out]), ...(command === 'build' ? ['--no-large-print'] : []), ...(c.flags ?? [])];
    let stdout = '';
    let stderr = '';
    const t0 = Date.now();
    const code = await runCli(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), cwd: ROOT, effects: { launchPrinter: printers.borrow } });
    const seconds = (Date.now() - t0) / 1000;

    expect(stackLines(stderr), stderr).toEqual([]);
    expect(stderr).not.toMatch(/Unexpected error/);
    expect(code, stderr).toBe(c.exit);
    expect(seconds, 'seconds').toBeLessThan(60);
    for (const s of c.stderrHas ?? []) expect(stderr).toContain(s);
    if (c.exit === 1) {
      const problems = stderr.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  hint:')).map((l) => l.slice(2));
      expect(problems, stderr).toEqual(c.problems);
      expect(stderr).toContain('Nothing was written.');
      expect(stdout).toBe('');
      // Nothing written: no output folder, no lock or release beside it, nothing new in the case's folder.
      expect(readdirSync(outParent)).toEqual([]);
      expect(listAll(caseDir)).toEqual(before);
    }
    if (c.exit === 0) {
      const files = readdirSync(out);
      const html = readFileSync(path.join(out, files.find((f) => f === 'item-6.html')!), 'utf8');
      for (const s of c.html?.has ?? []) expect(html).toContain(s);
      for (const s of c.html?.hasNot ?? []) expect(html).not.toContain(s);
      const csv = files.filter((f) => f.endsWith('.csv')).map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
      for (const s of c.csv?.has ?? []) expect(csv).toContain(s);
      for (const s of c.csv?.hasNot ?? []) expect(csv).not.toContain(s);
      if (c.pack) {
        const pack = path.join(out, files.find((f) => f === 'pack.pdf')!);
        const text = await pdfObjectsText(pack);
        for (const s of c.pack.has ?? []) expect(text).toContain(s);
        for (const s of c.pack.hasNot ?? []) expect(text).not.toContain(s);
        expect(await checkPdf(pack)).toEqual([]);
      }
      if (c.names) expect(files.some((f) => new RegExp(c.names!).test(f)), files.join('\n')).toBe(true);
      // Every file published is inside the output folder, whatever the titles said.
      for (const f of stdout.split('\n').filter(Boolean)) expect(path.relative(out, f).startsWith('..'), f).toBe(false);
    }
  }, 120_000);
});
