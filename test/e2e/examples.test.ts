/**
 * Every example meeting builds where a council would keep it: copied to a folder outside this repository,
 * built by the real `papers` with nothing of ours in the environment (no PAPERS_CHROMIUM: the browser is
 * found in code). Each paper's PDF is read back (tagged, titled, its sections' text), every PDF passes the
 * in-house PDF check (test/helpers/pdf-check.ts), a second build gives the same bytes, and the paper's
 * HTML passes axe-core in the real Chromium. The sample (data/) is copied with its DfE files, as a council copies a
 * folder of extracts.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck } from '../helpers/axe.js';
import { papersInAsync, ROOT, stackLines, type CliRun } from '../helpers/cli.js';
import { pdfinfo, pdftotext } from '../helpers/pdf.js';
import { checkPdf } from '../helpers/pdf-check.js';
import { meetingBaseName } from '../../src/assemble/index.js';
import { parseMeetingConfig } from '../../src/config/index.js';

interface Example {
  /** The folder copied (relative to the repository), and the config inside the copy. */
  copy: string;
  config: string;
  /** Text the paper's PDF must hold, in order of its sections. */
  holds: string[];
  /** Warnings the build prints (deadlines read from words in the Cabinet plan). */
  warnings?: number;
}

const EXAMPLES: Record<string, Example> = {
  'the sample agenda pack': { copy: 'data', config: 'sample/meeting.yaml', holds: ['Appendix 1 – RAG summary sheet', 'Appendix 2 – KPI scorecard', 'Appendix 3 – Outcomes, measures and recommendations', 'Appendix 4 – Action plan', 'Appendix 5 – Exceptions', 'Appendix 6 – How ratings are calculated'] },
  'a Cabinet action-plan paper': { copy: 'examples/cabinet-action-plan', config: 'meeting.yaml', holds: ['Of the 60 actions in the plan', 'Appendix 1 – Action plan', 'Fewer children need to come into or stay in care', 'Appendix 2 – Exceptions', 'Appendix 3 – How ratings are calculated'], warnings: 2 },
  'a performance report': { copy: 'examples/performance-report', config: 'meeting.yaml', holds: ['Of the 13 measures in the scorecard', 'Appendix 1 – KPI scorecard', 'Trends over the last 12 months', 'Appendix 2 – Exceptions'] },
  'an outcomes paper': { copy: 'examples/outcomes-paper', config: 'meeting.yaml', holds: ['The outcomes map sets out 8 outcomes', 'Appendix 1 – Outcomes, measures and recommendations'] },
  'an improvement board’s SIP paper': { copy: 'examples/improvement-board', config: 'meeting.yaml', holds: ['Of the 47 projects in the plan, 21 are rated green, 18 amber and 8 red', 'Appendix 1 – RAG summary sheet', 'Appendix 2 – Outcomes, measures and recommendations', 'Appendix 3 – Exceptions'] },
  'an agenda with exempt items': { copy: 'examples/exempt-item', config: 'meeting.yaml', holds: ['The outcomes map sets out 8 outcomes', 'Appendix 1 – Outcomes, measures and recommendations'] },
  'a paper on plans on a page': { copy: 'examples/plans-on-a-page', config: 'meeting.yaml', holds: ['Of the 12 projects in the plan, 5 are rated green, 3 amber, 3 red and 1 blue', 'Appendix 1 – RAG summary sheet', 'Family Front Door and Partnerships', 'Appendix 2 – Exceptions', 'In a plan on a page each milestone’s state is the colour of its cell'] },
};

let browser: Browser;
const built = new Map<string, { dir: string; run: CliRun; again: CliRun }>();
beforeAll(async () => {
  // Each example built twice (into out/ and out-again/, to compare bytes), two builds at a time.
  const jobs = Object.entries(EXAMPLES).map(([name, ex]) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-example-'));
    cpSync(path.join(ROOT, ex.copy), dir, { recursive: true });
    return { name, dir, config: ex.config };
  });
  const queue = jobs.flatMap((j) => [{ j, out: 'out' }, { j, out: 'out-again' }]);
  const runs = new Map<string, CliRun>();
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) runs.set(`${next.j.name}\u0000${next.out}`, await papersInAsync(next.j.dir, ['build', next.j.config, '--out', next.out]));
  };
  await Promise.all([worker(), worker()]);
  for (const j of jobs) built.set(j.name, { dir: j.dir, run: runs.get(`${j.name}\u0000out`)!, again: runs.get(`${j.name}\u0000out-again`)! });
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--disable-dev-shm-usage', '--disable-gpu', ...(root ? ['--no-sandbox'] : [])] });
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

describe.each(Object.keys(EXAMPLES))('%s, copied to a folder of its own', (name) => {
  const out = (): string => path.join(built.get(name)!.dir, 'out');
  const paper = (ext: '.pdf' | '.html'): string => path.join(out(), readdirSync(out()).find((f) => /^item-[^.]+$/.test(f.slice(0, -ext.length)) && !f.includes('-large-print') && f.endsWith(ext))!);

  it('builds with nothing set in the environment: exit 0, no stack, a paper and a pack', () => {
    const { run } = built.get(name)!;
    expect(run.code, run.stderr).toBe(0);
    expect(stackLines(run.stderr)).toEqual([]);
    const w = EXAMPLES[name]!.warnings ?? 0;
    expect(run.stderr).toMatch(new RegExp(`^Built 1 paper, \\d+ pages, \\d+ in large print${w ? ` \\(${w} warnings\\)` : ''} in [\\d.]+ s → out/$`, 'm'));
    expect(run.stderr.split('\n').filter((l) => l.startsWith('warning: '))).toHaveLength(w);
    expect(readdirSync(out())).toEqual(expect.arrayContaining(['pack.pdf', 'large-print-pack.pdf', paper('.pdf').replace(/\.pdf$/, '-large-print.pdf').split('/').at(-1)]));
  });

  it('is a tagged PDF holding its sections, in order', () => {
    const info = pdfinfo(paper('.pdf'));
    expect(info.Tagged).toBe('yes');
    expect(Number(info.Pages)).toBeGreaterThan(2);
    const text = pdftotext(paper('.pdf')).replace(/\s+/g, ' ');
    let at = 0;
    for (const h of EXAMPLES[name]!.holds) {
      const i = text.indexOf(h, at);
      expect(i, `"${h}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = i;
    }
  });

  it('publishes only PDFs that pass the PDF check (XMP with pdfuaid, /Lang, DisplayDocTitle, Marked, no loose text, Figures with /Alt, Tables with TH)', async () => {
    const pdfs = readdirSync(out()).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(4); // the paper and the pack, each in large print too
    for (const f of pdfs) expect(await checkPdf(path.join(out(), f)), f).toEqual([]);
  });

  it('publishes no path longer than 120 characters below the output folder, release folders included', () => {
    // A council's default: output/<meeting>/… , which is a link to output/.<meeting>.releases/<pid>-<8 hex>/….
    const ex = EXAMPLES[name]!;
    const meeting = parseMeetingConfig(readFileSync(path.join(built.get(name)!.dir, ex.config), 'utf8'), ex.config, { cwd: built.get(name)!.dir });
    const base = meetingBaseName(meeting);
    const longest = readdirSync(out())
      .flatMap((f) => [path.join(base, f), path.join(`.${base}.releases`, '4194304-0123abcd', f)])
      .sort((a, b) => b.length - a.length)[0]!;
    expect(longest.length, longest).toBeLessThanOrEqual(120);
  });

  it('gives the same bytes, every file, when built again (the manifest: all but when and how long the build took)', () => {
    const { dir, again } = built.get(name)!;
    expect(again.code, again.stderr).toBe(0);
    const files = readdirSync(out()).sort();
    expect(readdirSync(path.join(dir, 'out-again')).sort()).toEqual(files);
    const timeless = (f: string): string => JSON.stringify(JSON.parse(readFileSync(f, 'utf8'), (k, v: unknown) => (k === 'builtAt' || k === 'ms' || k === 'seconds' ? undefined : v)));
    for (const f of files) {
      const [a, b] = [path.join(out(), f), path.join(dir, 'out-again', f)];
      if (f.endsWith('manifest.json')) expect(timeless(b), f).toBe(timeless(a));
      else expect(readFileSync(b).equals(readFileSync(a)), f).toBe(true);
    }
  });

  it('passes axe-core’s WCAG 2.1 AA rules in Chromium', async () => {
    const r = await axeCheck(browser, readFileSync(paper('.html'), 'utf8'), 'print');
    expect(r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    expect(r.passes.length).toBeGreaterThan(10);
  });
});
