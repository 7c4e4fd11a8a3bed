/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Accessibility of the sample paper, checked by axe-core (WCAG 2.0 and 2.1, levels A and AA) in the
 * real Chromium, on the HTML `papers build` wrote — the standard and the large-print versions — and
 * every PDF written (those and the highlight reports) by the in-house PDF check.
 * The page is loaded with JavaScript on and its CSP bypassed only so that axe itself can run.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, type AxeResult } from '../helpers/axe.js';
import { papers } from '../helpers/cli.js';
import { checkPdf } from '../helpers/pdf-check.js';
import { sampleScheduleIn } from '../helpers/sample.js';

const PAPER = 'item-6';
let browser: Browser;
let out: string;
beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'papers-axe-'));
  expect(papers(['build', 'data/sample/meeting.yaml', '--out', out]).code).toBe(0); // the standard and the large-print copies
  expect(papers(['run', sampleScheduleIn(out), '--period', '2017-02']).code).toBe(0);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  browser = await puppeteer.launch({ executablePath: puppeteer.executablePath(), headless: true, args: ['--disable-dev-shm-usage', '--disable-gpu', ...(root ? ['--no-sandbox'] : [])] });
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

const axe = (file: string, media: 'screen' | 'print') => axeCheck(browser, readFileSync(file, 'utf8'), media);

describe('the PDFs', () => {
  it('every one — the paper, its large print, the pack and the month’s highlight reports — passes the PDF check', async () => {
    const pdfs = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pdf') && !f.split(path.sep).some((p) => p.startsWith('.')));
    expect(pdfs).toEqual(expect.arrayContaining(['item-6.pdf', 'item-6-large-print.pdf', 'pack.pdf', 'large-print-pack.pdf']));
    expect(pdfs.filter((f) => f.includes('highlight')).length).toBeGreaterThan(0);
    for (const f of pdfs) expect(await checkPdf(path.join(out, f)), f).toEqual([]);
  }, 120_000);
});

/** Text and background colour of every rating cell and chip, as Chromium computes them, and their contrast. */
async function ratingContrasts(file: string): Promise<{ className: string; text: string; ratio: number }[]> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(true);
    await page.emulateMediaType('print');
    await page.setBypassCSP(true);
    await page.setContent(readFileSync(file, 'utf8'), { waitUntil: 'load' });
    return await page.evaluate(() => {
      const rgb = (c: string): number[] => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const lum = (c: number[]): number => {
        const [r, g, b] = c.map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      return [...document.querySelectorAll<HTMLElement>('.rag, .rag-chip')].map((el) => {
        const s = getComputedStyle(el);
        const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))].sort((x, y) => y - x) as [number, number];
        return { className: el.className, text: el.textContent ?? '', ratio: (a + 0.05) / (b + 0.05) };
      });
    });
  } finally {
    await page.close();
  }
}

const summary = (r: AxeResult): string[] => r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')}: ${v.nodes[0]?.failureSummary}`);

describe('axe-core on the sample paper (WCAG 2.1 AA rules, real Chromium)', () => {
  it('finds violations when there are some (the harness is not blind)', async () => {
    const broken = readFileSync(path.join(out, `${PAPER}.html`), 'utf8')
      .replace('<html lang="en-GB">', '<html>')
      .replace('.rag-amber { background: var(--amber); color: var(--amber-text); }', '.rag-amber { background: var(--amber); color: #ffffff; }');
    const file = path.join(out, 'broken.html');
    (await import('node:fs')).writeFileSync(file, broken);
    const ids = (await axe(file, 'print')).violations.map((v) => v.id).sort();
    expect(ids).toEqual(['html-has-lang']);
    // axe leaves one-letter cells "incomplete" (too short to judge), so rating fills are measured here.
    const low = (await ratingContrasts(file)).filter((c) => c.ratio < 4.5);
    expect(low.length).toBeGreaterThan(0);
    expect(new Set(low.map((c) => c.className))).toEqual(new Set(['rag rag-amber', 'rag-chip rag-amber']));
  }, 120_000);

  it.each([`${PAPER}.html`, `${PAPER}-large-print.html`])('%s: every rating fill keeps a 4.5:1 contrast with its text', async (file) => {
    const all = await ratingContrasts(path.join(out, file));
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all.map((c) => c.className.split(' ').pop()))).toEqual(new Set(['rag-red', 'rag-amber', 'rag-green', 'rag-blue', 'rag-grey', 'rag-none']));
    expect(all.filter((c) => c.ratio < 4.5)).toEqual([]);
  }, 120_000);

  const PAPER_RULES = ['color-contrast', 'html-has-lang', 'document-title', 'th-has-data-cells', 'list', 'definition-list'];
  const REPORT_RULES = ['color-contrast', 'html-has-lang', 'document-title', 'th-has-data-cells'];
  it.each([
    ['the paper, on screen', `${PAPER}.html`, 'screen', PAPER_RULES],
    ['the paper, as printed', `${PAPER}.html`, 'print', PAPER_RULES],
    ['the large-print paper, as printed', `${PAPER}-large-print.html`, 'print', PAPER_RULES],
    ['the plan’s highlight report, as printed', 'reports/2017-02/2017-02-highlight-plan.html', 'print', REPORT_RULES],
    ['a workstream’s highlight report, on screen', 'reports/2017-02/2017-02-highlight-workstream-2-raise-the-standard-of-practice.html', 'screen', REPORT_RULES],
  ] as const)('%s: zero violations', async (_, file, media, rules) => {
    const r = await axe(path.join(out, file), media);
    expect(summary(r)).toEqual([]);
    // It really checked: contrast, table headers, headings, language and names were among the passes.
    const passed = new Set(r.passes.map((p) => p.id));
    for (const rule of rules) expect(passed, rule).toContain(rule);
  }, 120_000);
});
