/**
 * A Chromium kept between builds (print/shelf.ts), as `papers serve` and `papers worker` keep theirs, with
 * the real browser: the builds after the first launch none, print the same bytes as a build with a browser
 * of its own, and an author's fix is printed by the kept browser.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMeeting, nodeEffects, PrinterShelf } from '../../src/pipeline/index.js';
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
