/**
 * No request leaves the print page. A meeting whose every kind of text is full of external URLs and
 * file:// links (as markup, CSS, Markdown links, images and autolinks) is built with the real Chromium
 * while every request Chromium attempts is recorded: the record holds only the document's own inline
 * assets, and a real HTTP server those URLs point at is never called. Then the printer itself is given
 * raw markup that does try to load things: each attempt is recorded as blocked, and still nothing
 * reaches the server.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMeeting, DEFAULT_TEMPLATES } from '../../src/pipeline/index.js';
import { formatProblem } from '../../src/errors.js';
import { nodeEffects } from '../../src/pipeline/index.js';
import { launchPrinter } from '../../src/print/index.js';

let server: Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('x');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Text that names outside resources every way a cell or paragraph could. */
const lures = (where: string): string =>
  [
    `<img src="${base}/${where}/img.png">`,
    `<link rel="stylesheet" href="${base}/${where}/style.css">`,
    `<div style="background:url(${base}/${where}/bg.png)">x</div>`,
    `<style>@import url(${base}/${where}/import.css);</style>`,
    `<iframe src="file:///etc/passwd"></iframe>`,
    `<a href="file:///etc/passwd">passwd</a>`,
    `<object data="${base}/${where}/object"></object>`,
    `${base}/${where}/bare-url file:///etc/shadow`,
  ].join(' ');

async function hostileMeeting(dir: string): Promise<string> {
  const sample = path.resolve('data/sample');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(sample, 'tracker.xlsx'));
  const ws = wb.getWorksheet('SIP Summary')!;
  ws.getCell('F7').value = lures('tracker-commentary');
  ws.getCell('C8').value = `Recruitment ${lures('tracker-title')}`;
  ws.getCell('G9').value = `03 Mar - ${lures('tracker-milestone')}`;
  writeFileSync(path.join(dir, 'tracker.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
  const defs = readFileSync(path.join(sample, 'kpi-definitions.csv'), 'utf8').replace('Average caseload per social worker', `"Caseload ${lures('kpi-name').replace(/"/g, '""').replace(/\n/g, ' ')}"`);
  writeFileSync(path.join(dir, 'kpi-definitions.csv'), defs);
  const md = readFileSync(path.join(sample, 'papers/improvement-plan-update.md'), 'utf8').replace(
    /\n## /,
    `\n${lures('markdown-raw')}\n\nSee [the plan](${base}/markdown/link), <${base}/markdown/autolink>, ![chart](${base}/markdown/image.png), [a file](file:///etc/passwd) and ![local](file:///etc/passwd).\n\n## `,
  );
  writeFileSync(path.join(dir, 'paper.md'), md);
  const yaml = `council: Haverleigh County Council
committee: "Panel ${lures('yaml').replace(/"/g, '\\"')}"
start: 2017-03-13T14:00
venue: Council Chamber
asAt: 2017-02-24
items:
  - number: 6
    title: Update on the Children's Services Improvement Plan
    narrative: paper.md
    tracker: { file: tracker.xlsx, sheet: SIP Summary }
    kpiDefinitions: { file: kpi-definitions.csv }
    kpis: { file: ${path.join(sample, 'kpis.csv')} }
    actions: { file: ${path.join(sample, 'action-plan.xlsx')}, sheet: Action Plan, columns: { status: [RAG] } }
    outcomes: { file: ${path.join(sample, 'outcomes.csv')} }
    recommendations: { file: ${path.join(sample, 'recommendations.csv')} }
`;
  writeFileSync(path.join(dir, 'meeting.yaml'), yaml);
  return path.join(dir, 'meeting.yaml');
}

describe('no request leaves the print page', () => {
  it('builds a meeting full of external URLs and file:// links: Chromium asked only for the build’s own assets, and the server heard nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-requests-'));
    const config = await hostileMeeting(dir);
    const recorded: string[] = [];
    const effects = nodeEffects({
      log: () => {},
      launchPrinter: async (options) => {
        const printer = await launchPrinter(options);
        return {
          version: printer.version,
          close: () => printer.close(),
          async print(html) {
            const r = await printer.print(html);
            recorded.push(...r.requests);
            return r;
          },
        };
      },
    });
    const result = await buildMeeting(config, { cwd: process.cwd(), outDir: path.join(dir, 'out'), tool: { name: 'committee-papers', version: 'test' } }, effects);
    expect(result.papers).toHaveLength(1);
    const html = readFileSync(path.join(result.outDir, result.papers[0]!.files.html), 'utf8');
    // The lures are in the paper, as text.
    expect(html).toContain(`&lt;img src&#x3D;&quot;${base}/tracker-commentary/img.png&quot;&gt;`);
    expect(html).toContain(`${base}/kpi-name/style.css`);
    expect(html).toContain(`[a file](file:///etc/passwd)`);
    // What Chromium asked for: only inline assets of the document itself, nothing by URL.
    expect(recorded.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
    expect(result.warnings.filter((w) => w.name === 'RequestBlocked')).toEqual([]);
    expect(hits).toEqual([]);
  }, 120_000);

  it('even a template that printed a cell raw (a bug) loads nothing: the page’s Content-Security-Policy stops it before any request', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-requests-'));
    const templates = path.join(dir, 'templates');
    cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
    const partial = path.join(templates, 'partials', 'rag-summary.hbs');
    writeFileSync(partial, readFileSync(partial, 'utf8').replace('{{#if commentary}}{{lines commentary}}{{else}}', '{{#if commentary}}{{{commentary}}}{{else}}'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile('data/sample/tracker.xlsx');
    wb.getWorksheet('SIP Summary')!.getCell('E9').value = `Timetable slipped <img src="${base}/template-bug.png">`;
    writeFileSync(path.join(dir, 'tracker.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const sample = path.resolve('data/sample');
    writeFileSync(path.join(dir, 'meeting.yaml'), `council: Haverleigh County Council\ncommittee: Panel\nstart: 2017-03-13T14:00\nvenue: Council Chamber\nasAt: 2017-02-24\nitems:\n  - number: 6\n    title: Update\n    narrative: ${path.join(sample, 'papers/improvement-plan-update.md')}\n    tracker: { file: tracker.xlsx, sheet: SIP Summary }\n`);
    const recorded: string[] = [];
    const effects = nodeEffects({
      log: () => {},
      launchPrinter: async (options) => {
        const printer = await launchPrinter(options);
        return { version: printer.version, close: () => printer.close(), print: async (html) => {
          const r = await printer.print(html);
          recorded.push(...r.requests);
          return r;
        } };
      },
    });
    const result = await buildMeeting(path.join(dir, 'meeting.yaml'), { cwd: process.cwd(), outDir: path.join(dir, 'out'), templatesDir: templates, tool: { name: 'committee-papers', version: 'test' } }, effects);
    // The bug took effect: the cell's markup is in the page as markup...
    expect(readFileSync(path.join(result.outDir, result.papers[0]!.files.html), 'utf8')).toContain(`<img src="${base}/template-bug.png">`);
    // ...and still nothing was asked for, let alone loaded. (Had a request been made, interception would
    // have blocked it and the RequestBlocked warning would name tracker.xlsx › SIP Summary!E9:
    // test/unit/provenance.test.ts.)
    expect(recorded.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
    expect(result.warnings.filter((w) => w.name === 'RequestBlocked').map(formatProblem)).toEqual([]);
    expect(hits).toEqual([]);
  }, 120_000);

  it('markup that does try to load things is blocked at the printer, every attempt recorded, and nothing reaches the server', async () => {
    const printer = await launchPrinter();
    try {
      const html = `<!doctype html><html lang="en"><head><link rel="stylesheet" href="${base}/raw/style.css"><style>@import url(${base}/raw/import.css); body { background: url(${base}/raw/bg.png) }</style></head><body><p>Text</p><img src="${base}/raw/img.png"><img src="file:///etc/passwd"><iframe src="file:///etc/hostname"></iframe><script src="${base}/raw/script.js"></script></body></html>`;
      const r = await printer.print(html);
      expect(Buffer.from(r.pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(r.blocked).toEqual(expect.arrayContaining([`${base}/raw/style.css`, `${base}/raw/import.css`, `${base}/raw/bg.png`, `${base}/raw/img.png`]));
      // file:// from the printed page is refused by Chromium itself ("Not allowed to load local
      // resource") before any request is made: it is neither requested nor loaded.
      expect(r.requests.filter((u) => u.startsWith('file:') && !r.blocked.includes(u))).toEqual([]);
      expect(r.requests.filter((u) => !r.blocked.includes(u) && !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
      expect(hits).toEqual([]);
    } finally {
      await printer.close();
    }
  }, 60_000);
});
