/**
 * Writes the data files of the example meetings in examples/ (their meeting.yaml and narratives are
 * written by hand):
 *
 * - cabinet-action-plan/: an inspection action plan as a workbook in the shape of seed 001 (no tracker);
 * - performance-report/: KPI definitions, a monthly return and DfE statistics trimmed to one council, its
 *   statistical neighbours, the regions and England (Open Government Licence v3.0);
 * - outcomes-paper/: an outcomes map in the shape of seed 000's last appendix, and the recommendations;
 * - improvement-board/: seed 000's RAG summary sheet (47 projects, no criteria columns) and its outcomes
 *   appendix as a workbook (each outcome merged down over its measures);
 * - plans-on-a-page/: seed 003's plans on a page, a sheet each (no REF column, states as fills, legends).
 *
 * Every workbook is then saved again by LibreOffice Calc (headless), as an officer's spreadsheet program
 * would save it: the examples are read as councils' files are, not as exceljs writes them. Needs
 * `apt-get install libreoffice-calc-nogui`.
 *
 * Run on purpose (the outputs are committed): `npx tsx scripts/make-examples.ts`. exceljs stamps zip
 * entries with the time, so a regenerated workbook differs in bytes even when its content does not:
 * commit it only when the content changed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { seededRandom } from '../test/helpers/random.js';
import { ACTION_LINES, ACTION_OUTCOMES, INSPECTION_RECOMMENDATIONS } from './example-action-plan.js';
import { MEASURES, OUTCOMES_MAP, SIP_RECOMMENDATIONS } from './example-measures.js';
import { writeSip } from './example-sip.js';
import { writePlansOnAPage } from './write-plans-on-a-page.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const examples = path.join(root, 'examples');
const FIXED = new Date(Date.UTC(2017, 8, 29, 9, 0, 0));
const csvCell = (v: string | number | undefined): string => {
  const t = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};
/** CSV as Excel saves it on a UK desktop: UTF-8 with a byte-order mark, CRLF line ends. */
const csv = (rows: (string | number | undefined)[][]): string => `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

/** Seed 001's layout: a title, the plan outcome as a section row above each group, a header row, then the actions. */
async function writeActionPlan(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Haverleigh County Council Children and Families';
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet('Action Plan');
  const header = ['Subject', 'No', 'Summary', 'Actions', 'Deadline', 'Responsible', 'What does good look like?', 'Progress to date (Sept 2017)'];
  ws.columns = [30, 7, 28, 40, 16, 22, 36, 40].map((width) => ({ width }));
  const title = ws.addRow(['Inspection of services for children in need of help and protection, children looked after and care leavers: action plan']);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(title.number, 1, title.number, header.length);
  ws.addRow([]);
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } }));
  const recText = new Map(INSPECTION_RECOMMENDATIONS);
  ACTION_LINES.forEach((lines, g) => {
    const section = ws.addRow([`Key business outcome: ${ACTION_OUTCOMES[g]!}`]);
    section.font = { bold: true };
    ws.mergeCells(section.number, 1, section.number, header.length);
    if (g > 0) ws.addRow(header).font = { bold: true }; // the header again under each section, as the seed's pages have it
    let n = 0;
    lines.forEach(([rec, summary, action, deadline, responsible, good, progress], i) => {
      const subject = rec === '' ? '' : `Inspection recommendation ${rec}: ${recText.get(rec)!}`;
      // An action's number on its first line only: the lines under it (the same summary, the same officer
      // responsible) leave it blank — 60 actions in 80 lines, about seed 001's 76 in 103.
      const continues = i > 0 && rec === '' && lines[i - 1]![1] === summary && lines[i - 1]![4] === responsible;
      if (!continues) n += 1;
      const row = ws.addRow([subject, continues ? '' : `${g + 1}.${String(n).padStart(2, '0')}`, continues ? '' : summary, action, deadline, responsible, continues ? '' : good, progress]);
      row.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  await wb.xlsx.writeFile(file);
}

/** A monthly series for the 13 months to September 2025, ending at the measure's latest value. */
function series(m: (typeof MEASURES)[number], seed: number): number[] {
  const rnd = seededRandom(seed);
  const out = [m.latest];
  for (let i = 1; i < 13; i++) {
    const step = (rnd() - 0.5) * m.wobble + m.drift;
    out.unshift(Math.max(0, out[0]! - step));
  }
  const places = m.unit === 'number' ? 1 : 1;
  return out.map((v) => Math.round(v * 10 ** places) / 10 ** places);
}

function writePerformance(dir: string): void {
  const months = Array.from({ length: 13 }, (_, i) => {
    const d = new Date(Date.UTC(2024, 8 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
  writeFileSync(
    path.join(dir, 'kpi-definitions.csv'),
    csv([['Measure ID', 'Measure Name', 'Unit', 'Polarity', 'Target', 'Tolerance', 'Band Low', 'Band High'], ...MEASURES.map((m) => [m.id, m.name, m.unit === 'percent' ? '%' : m.unit, m.polarity, m.target, m.tolerance, m.band?.[0], m.band?.[1]])]),
  );
  const rows: (string | number | undefined)[][] = [['Measure ID', 'Period', 'Value']];
  MEASURES.forEach((m, k) => series(m, 1700 + k).forEach((v, i) => rows.push([m.id, months[i]!, v])));
  writeFileSync(path.join(dir, 'kpis.csv'), csv(rows));
}

/** The DfE files, trimmed to England, the regions, one council and its statistical neighbours; each line as published. */
function trimDfe(to: string, la: string): void {
  const from = path.join(root, 'data', 'dfe-ees');
  mkdirSync(to, { recursive: true });
  const sn = readFileSync(path.join(from, 'sn_model_2025_wide.csv'), 'utf8');
  const snRows = parse(sn, { bom: true, columns: true }) as Record<string, string>[];
  const own = snRows.find((r) => r.old_la_code === la)!;
  const keep = new Set([la, ...Array.from({ length: 10 }, (_, i) => own[`SN_${i + 1}`]!)]);
  const lines = (file: string): string[] => readFileSync(path.join(from, file), 'utf8').split(/\r?\n/);
  const snLines = lines('sn_model_2025_wide.csv');
  writeFileSync(path.join(to, 'sn_model_2025_wide.csv'), [snLines[0], ...snLines.slice(1).filter((l) => keep.has(l.split(',')[0]!))].join('\n') + '\n');
  for (const file of ['c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv', 'd3_cpps_subsequent_plan_2013_to_2025.csv', 'csww_indicators_2017_to_2025.csv', 'cla_number_and_rate_per_10k_children.csv', 'la_cla_placement_stability.csv', 'la_care_leavers_accommodation_suitability.csv']) {
    const all = lines(file);
    const header = (parse(all[0]!, { bom: true }) as string[][])[0]!;
    const level = header.indexOf('geographic_level');
    const code = header.indexOf('old_la_code');
    const kept = all.slice(1).filter((line) => {
      if (line === '') return false;
      const f = (parse(line, { relax_column_count: true }) as string[][])[0]!;
      return f[level] !== 'Local authority' || keep.has(f[code]!);
    });
    writeFileSync(path.join(to, file), [all[0], ...kept].join('\n') + '\n');
  }
  writeFileSync(
    path.join(to, 'README.md'),
    `# National children's social care statistics (DfE), trimmed

Source: Department for Education, Explore Education Statistics. Contains public sector information
licensed under the [Open Government Licence v3.0](https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).

These are the files of \`data/dfe-ees/\` (taken unchanged from the public repository
\`dfe-analytical-services/CSC_outcomes_and_enablers\`, commit 2f5d11a, April 2026), keeping only the rows
for England, the regions, the local authority with old LA code ${la} and its ten statistical neighbours
(${[...keep].slice(1).join(', ')}), so that the example is small enough to copy. Each kept line is as published.
Written by \`scripts/make-examples.ts\`.
`,
  );
}

function writeOutcomes(dir: string): void {
  const rows: string[][] = [['Service Improvement Plan (SIP) Outcomes', 'SIP Outcome Measures', 'Ofsted Recommendations (January 2017 report)']];
  const recText = new Map(SIP_RECOMMENDATIONS);
  for (const o of OUTCOMES_MAP) {
    // A row per measure; a recommendation may stand on a row of its own below them (as in seed 000).
    for (let i = 0; i < Math.max(o.measures.length, o.recommendations.length); i++) {
      const rec = o.recommendations[i];
      rows.push([i === 0 ? `Outcome ${o.number} - ${o.title}` : '', o.measures[i] ?? '', rec === undefined ? '' : `${rec}. ${recText.get(rec)!}`]);
    }
  }
  writeFileSync(path.join(dir, 'outcomes.csv'), csv(rows));
  writeFileSync(path.join(dir, 'recommendations.csv'), csv([['No', 'Recommendation', 'Source'], ...SIP_RECOMMENDATIONS.map(([n, t]) => [String(n), t, 'Inspection report, January 2017'])]));
}

/** The workbook saved again by LibreOffice Calc, in place. */
function savedByCalc(file: string): void {
  const out = mkdtempSync(path.join(tmpdir(), 'calc-'));
  try {
    execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, file], { stdio: 'ignore' });
    copyFileSync(path.join(out, path.basename(file)), file);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Seed 000's outcomes appendix as a workbook: the outcome merged down over its measures, recommendations by text. */
async function writeOutcomesWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet('Outcomes');
  ws.columns = [50, 50, 60].map((width) => ({ width }));
  ws.addRow(['Appendix: SIP outcomes, measures and inspection recommendations']).font = { bold: true };
  ws.addRow(['SIP Outcomes', 'SIP Outcome Measures', 'Ofsted Recommendations']).font = { bold: true };
  const recText = new Map(SIP_RECOMMENDATIONS);
  for (const o of OUTCOMES_MAP) {
    const first = ws.rowCount + 1;
    const n = Math.max(o.measures.length, o.recommendations.length);
    for (let i = 0; i < n; i++) {
      const rec = o.recommendations[i];
      ws.addRow([i === 0 ? `Outcome ${o.number} - ${o.title}` : null, o.measures[i] ?? null, rec === undefined ? null : `${rec}. ${recText.get(rec)!}`]).alignment = { wrapText: true, vertical: 'top' };
    }
    if (n > 1) ws.mergeCells(first, 1, ws.rowCount, 1);
  }
  await wb.xlsx.writeFile(file);
}

const cabinet = path.join(examples, 'cabinet-action-plan');
mkdirSync(cabinet, { recursive: true });
await writeActionPlan(path.join(cabinet, 'action-plan.xlsx'));
savedByCalc(path.join(cabinet, 'action-plan.xlsx'));
writeFileSync(path.join(cabinet, 'recommendations.csv'), csv([['No', 'Recommendation', 'Source'], ...INSPECTION_RECOMMENDATIONS.map(([n, t]) => [String(n), t, 'Inspection report, July 2017'])]));

const performance = path.join(examples, 'performance-report');
mkdirSync(performance, { recursive: true });
writePerformance(performance);
trimDfe(path.join(performance, 'dfe'), '937');

const outcomesPaper = path.join(examples, 'outcomes-paper');
mkdirSync(outcomesPaper, { recursive: true });
writeOutcomes(outcomesPaper);

const board = path.join(examples, 'improvement-board');
mkdirSync(board, { recursive: true });
await writeSip(path.join(board, 'tracker.xlsx'), FIXED);
await writeOutcomesWorkbook(path.join(board, 'outcomes.xlsx'));
writeFileSync(path.join(board, 'recommendations.csv'), csv([['No', 'Recommendation', 'Source'], ...SIP_RECOMMENDATIONS.map(([n, t]) => [String(n), t, 'Inspection report, January 2017'])]));
for (const f of ['tracker.xlsx', 'outcomes.xlsx']) savedByCalc(path.join(board, f));

const pages = path.join(examples, 'plans-on-a-page');
mkdirSync(pages, { recursive: true });
await writePlansOnAPage(path.join(pages, 'plans.xlsx'), new Date(Date.UTC(2020, 0, 21, 9, 0, 0)));
savedByCalc(path.join(pages, 'plans.xlsx'));
console.log('examples written');
