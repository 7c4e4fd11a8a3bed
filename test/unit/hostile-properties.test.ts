/**
 * Property-based (fast-check): random strings — any Unicode, control characters, markup, Handlebars,
 * formulas — go into every text field of every source kind (meeting.yaml, the narrative's Markdown,
 * the tracker and action plan workbooks, the KPI definitions and return, outcomes and recommendations
 * CSVs), written as real files and read by the real pipeline up to the paper's HTML (everything but
 * Chromium). The build either succeeds with the text escaped — no markup of it in the HTML — or fails
 * with catalogued problems; never an unexpected error.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DEFAULT_TEMPLATES, loadMeeting, paperViewOf } from '../../src/pipeline/index.js';
import { nodeEffects } from '../../src/pipeline/index.js';
import { catalogue, isPapersError } from '../../src/errors.js';
import { compilePaper, loadTemplates } from '../../src/render/index.js';

const SAMPLE = path.resolve('data/sample');
const effects = nodeEffects({ log: () => {} });
const LURES = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{> paper}}', '{{{raw}}}', '=HYPERLINK("http://x")', '[x](javascript:alert(1))', '</td></tr></table>', '<!--', ']]>', '\u202e', '\u0000', '"\'`'];
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...LURES),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...LURES), fc.string({ maxLength: 10 })).map(([a, b, c]) => a + b + c),
);
// Mostly text with a word in front (so that, with fourteen fields, most runs are not refused for one
// empty required field and the escaping is exercised), sometimes the bare string (empty, blank, …).
const text = fc.oneof({ arbitrary: anyText.map((s) => `Text ${s}`), weight: 9 }, { arbitrary: anyText, weight: 1 });

async function workbook(file: string, sheet: string, cells: Record<string, string>, out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(SAMPLE, file));
  const ws = wb.getWorksheet(sheet)!;
  for (const [cell, value] of Object.entries(cells)) ws.getCell(cell).value = value;
  writeFileSync(out, Buffer.from(await wb.xlsx.writeBuffer()));
}

const csvWith = (file: string, edit: (rows: string[][]) => void): string => {
  const rows = parseCsv(readFileSync(path.join(SAMPLE, file), 'utf8').replace(/^\ufeff/, '')) as string[][];
  edit(rows);
  return stringify(rows);
};

interface Texts {
  council: string;
  committee: string;
  venue: string;
  title: string;
  paragraph: string;
  commentary: string;
  projectTitle: string;
  lead: string;
  milestone: string;
  action: string;
  progress: string;
  kpiName: string;
  outcome: string;
  recommendation: string;
  reportOf: string;
  summary: string;
  contactOfficer: string;
  responsible: string;
  goodLooksLike: string;
  recommendationSource: string;
  kpiUnit: string;
}

async function writeMeeting(dir: string, t: Texts): Promise<string> {
  await workbook('tracker.xlsx', 'SIP Summary', { E7: t.commentary, B8: t.projectTitle, C9: t.lead, F9: `03 Mar - ${t.milestone}` }, path.join(dir, 'tracker.xlsx'));
  await workbook('action-plan.xlsx', 'Action Plan', { C6: t.action, G6: t.progress, E6: t.responsible, F6: t.goodLooksLike }, path.join(dir, 'action-plan.xlsx'));
  // A unit is one of a few words: random text there is refused (BadChoice), which the property allows.
  writeFileSync(path.join(dir, 'kpi-definitions.csv'), csvWith('kpi-definitions.csv', (r) => void ((r[1]![1] = t.kpiName), (r[2]![2] = t.kpiUnit.startsWith('Text ') ? r[2]![2]! : t.kpiUnit))));
  writeFileSync(path.join(dir, 'recommendations.csv'), csvWith('recommendations.csv', (r) => void ((r[1]![1] = t.recommendation), (r[1]![2] = t.recommendationSource))));
  writeFileSync(path.join(dir, 'outcomes.csv'), csvWith('outcomes.csv', (r) => void (r[1]![0] = t.outcome)));
  const q = (v: string): string => JSON.stringify(v);
  const md = readFileSync(path.join(SAMPLE, 'papers/improvement-plan-update.md'), 'utf8')
    .replace(/\n## /, `\n${t.paragraph}\n\n## `)
    .replace(/^reportOf: .*$/m, `reportOf: ${q(t.reportOf)}`)
    .replace(/^summary: >\n(  .*\n)+/m, `summary: ${q(t.summary)}\n`)
    .replace(/^contactOfficer: .*$/m, `contactOfficer: ${q(t.contactOfficer)}`);
  writeFileSync(path.join(dir, 'paper.md'), md);
  writeFileSync(
    path.join(dir, 'meeting.yaml'),
    `council: ${q(t.council)}
committee: ${q(t.committee)}
start: 2017-03-13T14:00
venue: ${q(t.venue)}
asAt: 2017-02-24
items:
  - number: 6
    title: ${q(t.title)}
    narrative: paper.md
    tracker: { file: tracker.xlsx, sheet: SIP Summary }
    kpiDefinitions: { file: kpi-definitions.csv }
    kpis: { file: ${path.join(SAMPLE, 'kpis.csv')} }
    actions: { file: action-plan.xlsx, sheet: Action Plan, columns: { status: [RAG] } }
    outcomes: { file: outcomes.csv }
    recommendations: { file: recommendations.csv }
`,
  );
  return path.join(dir, 'meeting.yaml');
}

describe('random text in every field of every source kind', () => {
  it('is escaped in the paper, or refused with catalogued problems — never an unexpected error', async () => {
    const templates = await loadTemplates(DEFAULT_TEMPLATES, { readText: async (f) => readFileSync(f, 'utf8'), list: async (d) => (await import('node:fs/promises')).readdir(d) });
    const render = compilePaper(templates);
    let built = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record<Texts>({ council: text, committee: text, venue: text, title: text, paragraph: text, commentary: text, projectTitle: text, lead: text, milestone: text, action: text, progress: text, kpiName: text, outcome: text, recommendation: text, reportOf: text, summary: text, contactOfficer: text, responsible: text, goodLooksLike: text, recommendationSource: text, kpiUnit: text }),
        async (t) => {
          const dir = mkdtempSync(path.join(tmpdir(), 'papers-prop-'));
          const config = await writeMeeting(dir, t);
          let html: string;
          try {
            const loaded = await loadMeeting(config, { cwd: process.cwd() }, effects);
            const { view } = await paperViewOf(loaded.meeting, loaded.items[0]!);
            html = render(view);
          } catch (e) {
            if (!isPapersError(e)) throw e; // an unexpected error: the property fails with it
            for (const p of e.problems) expect(Object.keys(catalogue)).toContain(p.name);
            if (process.env.PROPERTY_DEBUG) console.log(e.problems.map((p) => `${p.name}: ${p.message}`).join("\n"));
            refused += 1;
            return;
          }
          built += 1;
          // The templates use none of these; any in the HTML would be text that became markup.
          expect(html).not.toMatch(/<script|<iframe|<img|<object|href="javascript:/i);
          // And markup in the paper's title is there, as text.
          if (t.title.includes('<script>alert(1)</script>')) expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40), seed: Number(process.env.PROPERTY_SEED ?? 20261123) },
    );
    // Both outcomes happen: most random text is simply shown; some (e.g. an empty title) is refused.
    console.log(`random text in every field: ${built} built, escaped; ${refused} refused with catalogued problems`);
    expect(built + refused).toBe(Number(process.env.PROPERTY_RUNS ?? 40));
    expect(built).toBeGreaterThan(0);
  }, 300_000);
});
