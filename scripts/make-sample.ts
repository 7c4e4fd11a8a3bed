/**
 * Writes the sample extracts in data/sample/ and the spreadsheet fixtures in test/fixtures/, the
 * way an officer's tracker looks: title rows, a two-row header with "NEXT KEY MILESTONES" merged
 * over the month columns, workstream heading rows merged across the table, RAG cells coloured, a
 * footer giving the date the extract was produced, and the RAG criteria under it.
 *
 * Run on purpose (the outputs are committed): `npx tsx scripts/make-sample.ts`. exceljs stamps the
 * zip entries with the time, so regenerated workbooks differ in bytes (and SHA-256, which the golden
 * HTML shows) even when their content does not: commit them only when the content changed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ACTIONS, KPIS, OUTCOMES, PERIODS, PLAN_TITLE, RECOMMENDATIONS, WORKSTREAMS, type SampleWorkstream } from './sample-plan.js';
import { seededRandom } from '../test/helpers/random.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const FIXED = new Date(Date.UTC(2017, 1, 24, 9, 0, 0));
const FILL: Record<string, string> = { R: 'FFFF0000', A: 'FFFFC000', G: 'FF00B050', B: 'FF0070C0' };

const HEADER_AGAIN = '\u0000header';

interface TrackerOptions {
  sheetName?: string;
  /** Workstreams whose RAG cells carry only a fill colour, no letter. */
  colourOnly?: string[];
  /** Workstreams whose RAG is written as a word ("Amber"). */
  ratingWords?: string[];
  /** Repeat the header row above these workstreams, as a tracker printed over pages does. */
  headerAgainBefore?: string[];
  /** Edit the rows before writing: [ref, title, lead, rag, commentary, march, april]. */
  edit?: (rows: (string | undefined)[][]) => void;
  /** Header texts for A..G. */
  headers?: string[];
  footer?: string;
  /** Add the five RAG criteria columns (H–L), Y/N per project. */
  criteria?: boolean;
}

export const CRITERIA = ['Clear Scope', 'Clear Resource Requirements', 'Resource Allocated', 'Project Plan Developed', 'Ambitious Delivery Timescales'];

/**
 * The criteria an officer records for a project: consistent with its stated RAG (green: all in place;
 * amber: one missing; red: two, or no clear scope), except a few that, as in life, disagree.
 */
export function criteriaFor(ref: string, rag: string): string[] {
  const n = Number(ref.split('.')[1]);
  const all = ['Y', 'Y', 'Y', 'Y', 'Y'];
  const disagree: Record<string, string[]> = {
    '1.3': ['Y', 'Y', 'N', 'N', 'Y'], // stated amber; two criteria missing → the rules give red
    '2.2': ['N', 'Y', 'Y', 'Y', 'Y'], // stated amber; no clear scope (critical) → the rules give red
    '5.3': ['Y', 'Y', 'Y', 'Y', 'Y'], // all in place, as its stated green says
    '6.4': ['Y', 'Y', 'N', 'Y', 'Y'], // one missing, as its stated amber says
  };
  if (disagree[ref]) return disagree[ref]!;
  if (rag === 'G') return all;
  if (rag === 'A') return all.map((v, i) => (i === 1 + (n % 4) ? 'N' : v));
  return all.map((v, i) => (i === 2 || i === 3 + (n % 2) ? 'N' : v));
}

function projectRows(plan: SampleWorkstream[], headerAgainBefore: string[] = []): (string | undefined)[][] {
  const rows: (string | undefined)[][] = [];
  plan.forEach((ws, i) => {
    if (headerAgainBefore.includes(String(i + 1))) rows.push([HEADER_AGAIN]);
    rows.push([`${i + 1} ${ws.title}`]);
    ws.projects.forEach((p, j) => {
      // Officers' text often carries non-breaking spaces (pasted from Word or email).
      const title = j === 0 ? p.title.replace(/ /g, '\u00a0') : p.title;
      rows.push([`${i + 1}.${j + 1}`, title, p.lead, p.rag, p.commentary ?? '', p.march ?? '', p.april ?? '']);
    });
  });
  return rows;
}

export async function writeTracker(file: string, options: TrackerOptions = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Haverleigh County Council Performance Team';
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet(options.sheetName ?? 'SIP Summary', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true },
  });
  ws.columns = [
    { width: 7 }, { width: 38 }, { width: 16 }, { width: 6 }, { width: 40 }, { width: 40 }, { width: 40 },
    ...(options.criteria ? CRITERIA.map(() => ({ width: 11 })) : []),
  ];
  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
  };

  ws.getCell('A1').value = "Haverleigh County Council – Children's Services";
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells('A1:G1');
  ws.getCell('A2').value = PLAN_TITLE;
  ws.getCell('A2').font = { bold: true, size: 12 };
  ws.mergeCells('A2:G2');

  const headers = options.headers ?? ['REF', 'PROJECT', 'LEAD', 'RAG', 'COMMENTARY', 'NEXT KEY MILESTONES', ''];
  headers.forEach((h, i) => {
    const cell = ws.getRow(4).getCell(i + 1);
    cell.value = h;
  });
  if (options.criteria) CRITERIA.forEach((h, i) => (ws.getRow(4).getCell(8 + i).value = h));
  // Two-row header: A–E (and the criteria H–L) span rows 4–5; the milestones heading spans F–G, months under it.
  for (const c of ['A', 'B', 'C', 'D', 'E', ...(options.criteria ? ['H', 'I', 'J', 'K', 'L'] : [])]) ws.mergeCells(`${c}4:${c}5`);
  ws.mergeCells('F4:G4');
  ws.getCell('F5').value = 'March';
  ws.getCell('G5').value = 'April';
  for (const r of [4, 5]) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.border = border;
    });
  }

  const rows = projectRows(WORKSTREAMS, options.headerAgainBefore);
  options.edit?.(rows);
  const colourOnly = new Set(options.colourOnly ?? []);
  const words: Record<string, string> = { R: 'Red', A: 'Amber', G: 'Green' };
  let r = 6;
  for (const row of rows) {
    const excelRow = ws.getRow(r);
    if (row.length === 1 && row[0] === HEADER_AGAIN) {
      ['REF', 'PROJECT', 'LEAD', 'RAG', 'COMMENTARY', 'MARCH', 'APRIL', ...(options.criteria ? CRITERIA : [])].forEach((h, i) => {
        const cell = excelRow.getCell(i + 1);
        cell.value = h;
        cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } };
      });
    } else if (row.length === 1) {
      excelRow.getCell(1).value = row[0] ?? null;
      ws.mergeCells(`A${r}:${options.criteria ? 'L' : 'G'}${r}`);
      excelRow.getCell(1).font = { bold: true };
      excelRow.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    } else {
      row.forEach((v, i) => {
        const cell = excelRow.getCell(i + 1);
        cell.value = v === undefined || v === '' ? null : v;
        cell.alignment = { vertical: 'top', wrapText: true };
        cell.border = border;
      });
      const rag = excelRow.getCell(4);
      const letter = String(rag.value ?? '').trim().toUpperCase();
      if (options.criteria) {
        criteriaFor(String(row[0] ?? ''), letter).forEach((v, i) => {
          const cell = excelRow.getCell(8 + i);
          cell.value = v;
          cell.alignment = { vertical: 'middle', horizontal: 'center' };
          cell.border = border;
        });
      }
      const fill = FILL[letter];
      if (fill) rag.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      const ref = String(row[0] ?? '');
      if (colourOnly.has(ref.split('.')[0]!)) rag.value = null; // the colour is the only rating
      else if (options.ratingWords?.includes(ref.split('.')[0]!) && words[letter]) rag.value = words[letter]!;
      rag.alignment = { vertical: 'middle', horizontal: 'center' };
    }
    r += 1;
  }
  r += 1;
  ws.getCell(`A${r}`).value = options.footer ?? 'Accurate when produced on 24/02/2017';
  ws.getCell(`A${r}`).font = { italic: true };
  r += 2;
  for (const line of [
    'RAG criteria: clear scope (critical), clear resource requirements, resource allocated, project plan developed, ambitious delivery timescales.',
    'Green: all criteria in place. Amber: one not in place. Red: two or more not in place, or no clear scope.',
  ]) {
    ws.getCell(`A${r}`).value = line;
    r += 1;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
}


const csvField = (v: string | number): string => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
/** CSV as Excel saves it on a UK desktop: byte-order mark, CRLF line ends. */
const excelCsv = (rows: (string | number)[][]): string => `\ufeff${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;

export function kpiDefinitionsCsv(): string {
  const owner: Record<string, string> = { WF: '1', PR: '2', QA: '3', CP: '5', CN: '5', LA: '6', CL: '6', PM: '7' };
  return excelCsv([
    ['Measure ID', 'Measure Name', 'Unit', 'Polarity', 'Target', 'Tolerance', 'Band Low', 'Band High', 'Workstream'],
    ...KPIS.map((k) => [
      k.id,
      k.name,
      k.unit,
      k.polarity,
      k.target ?? '',
      k.target === undefined && !k.band ? '' : '5%',
      k.band?.[0] ?? '',
      k.band?.[1] ?? '',
      owner[k.id.slice(0, 2)] ?? '',
    ]),
  ]);
}

/** The monthly return: ID, period, value, and numerator/denominator where the measure is a percentage. */
export function kpiCsv(): string {
  const rnd = seededRandom(20170224);
  const rows: (string | number)[][] = [['Measure ID', 'Period', 'Value', 'Numerator', 'Denominator']];
  for (const k of KPIS) {
    PERIODS.forEach((period, i) => {
      const trend = k.start + ((k.end - k.start) * i) / (PERIODS.length - 1);
      const wobble = i === PERIODS.length - 1 ? 0 : (rnd() - 0.5) * 2 * k.noise;
      const value = Number((trend + wobble).toFixed(k.decimals));
      const code = k.suppressed?.[period];
      if (code !== undefined) {
        rows.push([k.id, period, code, '', '']);
      } else if (k.smallBase !== undefined && i === PERIODS.length - 1) {
        rows.push([k.id, period, ((1 / k.smallBase) * 100).toFixed(k.decimals), 1, k.smallBase]);
      } else if (k.unit === '%') {
        const denominator = 150 + Math.floor(rnd() * 100);
        rows.push([k.id, period, value.toFixed(k.decimals), Math.round((value / 100) * denominator), denominator]);
      } else {
        rows.push([k.id, period, value.toFixed(k.decimals), '', '']);
      }
    });
  }
  return excelCsv(rows);
}

export function outcomesCsv(): string {
  const rows: (string | number)[][] = [['Outcome', 'Measure', 'Recommendations']];
  OUTCOMES.forEach((o, i) => {
    o.measures.forEach((m, j) => {
      // As officers lay it out: the outcome only on its first row, recommendations beside it.
      rows.push([j === 0 ? `Outcome ${i + 1} - ${o.title}` : '', m, j === 0 ? o.recs.join(', ') : '']);
    });
  });
  return excelCsv(rows);
}

export function recommendationsCsv(): string {
  return excelCsv([
    ['No', 'Recommendation', 'Source'],
    ...RECOMMENDATIONS.map((r, i) => [i + 1, r, i < 12 ? 'Inspection report, December 2016' : 'Safeguarding Children Board review, January 2017']),
  ]);
}

/** The action plan workbook: merged recommendation rows, deadlines in every form officers use. */
export async function writeActionPlan(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet('Action Plan');
  ws.columns = [{ width: 7 }, { width: 16 }, { width: 40 }, { width: 16 }, { width: 20 }, { width: 30 }, { width: 30 }, { width: 8 }];
  ws.getCell('A1').value = 'Improvement Action Plan – response to the inspection of December 2016';
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.mergeCells('A1:H1');
  const header = ['No', 'Summary', 'Action', 'Deadline', 'Responsible Officer', 'What good looks like', 'Progress to date', 'RAG'];
  header.forEach((h, i) => {
    const c = ws.getRow(3).getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
  });
  let r = 4;
  let rec = 0;
  for (const a of ACTIONS) {
    if (a.rec !== rec) {
      rec = a.rec;
      ws.getCell(`A${r}`).value = `Recommendation ${rec}: ${RECOMMENDATIONS[rec - 1]}`;
      ws.getCell(`A${r}`).font = { bold: true };
      ws.mergeCells(`A${r}:H${r}`);
      r += 1;
    }
    const row = ws.getRow(r);
    [a.no, a.summary, a.action, a.deadline, a.responsible, a.good, a.progress, a.status].forEach((v, i) => {
      row.getCell(i + 1).value = v === '' ? null : v;
    });
    if (a.deadline instanceof Date) row.getCell(4).numFmt = 'dd/mm/yyyy';
    const fill = FILL[a.status];
    if (fill) row.getCell(8).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    r += 1;
  }
  await wb.xlsx.writeFile(file);
}

async function main(): Promise<void> {
  const sample = path.join(root, 'data', 'sample');
  await writeTracker(path.join(sample, 'tracker.xlsx'), { colourOnly: ['3'], ratingWords: ['4'], headerAgainBefore: ['5'], criteria: true });
  writeFileSync(path.join(sample, 'kpis.csv'), kpiCsv());
  writeFileSync(path.join(sample, 'kpi-definitions.csv'), kpiDefinitionsCsv());
  writeFileSync(path.join(sample, 'outcomes.csv'), outcomesCsv());
  writeFileSync(path.join(sample, 'recommendations.csv'), recommendationsCsv());
  await writeActionPlan(path.join(sample, 'action-plan.xlsx'));
  await writeMinutes(path.join(sample, 'minutes-2017-01-23.pdf'));
  await writePreviousSnapshot(path.join(sample, 'meeting.yaml'), path.join(sample, 'previous', 'item-6.snapshot.json'));

  await writeQuirks(path.join(root, 'test', 'fixtures', 'exceljs', 'quirks.xlsx'));
  await writeFormulas(path.join(root, 'test', 'fixtures', 'exceljs', 'formulas.xlsx'));
  await writeHiddenRows(path.join(root, 'test', 'fixtures', 'exceljs', 'hidden-rows.xlsx'));
  await writeStruckThrough(path.join(root, 'test', 'fixtures', 'exceljs', 'struck-through.xlsx'));

  // Bad inputs, each named after what is wrong with it.
  const bad = path.join(root, 'test', 'fixtures', 'bad');
  const empty = new ExcelJS.Workbook();
  empty.created = FIXED;
  empty.modified = FIXED;
  empty.addWorksheet('Notes').getCell('A1').value = 'The tracker is on the next sheet';
  empty.addWorksheet('SIP Summary');
  await empty.xlsx.writeFile(path.join(bad, 'workbook-empty-sheet', 'tracker.xlsx'));
  await writeTracker(path.join(bad, 'tracker-unknown-rating', 'tracker.xlsx'), {
    edit: (rows) => {
      rows[3]![3] = 'Amberish'; // 1.3
      rows[12]![3] = 'Purple'; // 2.4
    },
  });
  await writeTracker(path.join(bad, 'tracker-missing-rag-column', 'tracker.xlsx'), {
    headers: ['REF', 'PROJECT', 'LEAD', 'PROGRESS', 'COMMENTARY', 'NEXT KEY MILESTONES', ''],
  });
  await writeTracker(path.join(bad, 'tracker-bad-ref-and-duplicate', 'tracker.xlsx'), {
    edit: (rows) => {
      rows[2]![0] = '1.1'; // duplicate of the row above
      rows[5]![0] = 'one.five';
      rows[6]![1] = '';
    },
  });
}

/**
 * The minutes of the Panel's last meeting, as democratic services publish them: an existing PDF the
 * agenda pack includes as it is (item 4). Two pages, invented, written with pdf-lib (fixed dates).
 */
export async function writeMinutes(file: string): Promise<void> {
  const { PDFDocument } = await import('pdf-lib');
  const fontkit = (await import('@pdf-lib/fontkit')).default;
  const { readFileSync } = await import('node:fs');
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle('Minutes of the Children and Families Overview and Scrutiny Panel, 23 January 2017');
  doc.setAuthor('Haverleigh County Council');
  doc.setProducer('committee-papers make-sample');
  doc.setCreator('committee-papers make-sample');
  doc.setCreationDate(FIXED);
  doc.setModificationDate(FIXED);
  // Fonts embedded, as an accessible PDF's must be (Debian's fonts-liberation2).
  const dir = '/usr/share/fonts/truetype/liberation2';
  const font = await doc.embedFont(readFileSync(`${dir}/LiberationSans-Regular.ttf`), { subset: true });
  const bold = await doc.embedFont(readFileSync(`${dir}/LiberationSans-Bold.ttf`), { subset: true });
  const pages = [
    [
      ['MINUTES', bold, 14],
      ['Children and Families Overview and Scrutiny Panel', bold, 12],
      ['Monday, 23 January 2017, 2.00 pm, Council Chamber, County Hall, Haverleigh', font, 10],
      ['', font, 10],
      ['Present: Councillor R. Hale (Chair), Councillor S. Patel (Vice-Chair), Councillors', font, 10],
      ['M. Brennan, D. Clarke, J. Evans, K. Okonjo, P. Wright; Mrs A. Lewis (co-opted).', font, 10],
      ['', font, 10],
      ['1. Apologies and named substitutes', bold, 11],
      ['Apologies were received from Councillor T. Morgan.', font, 10],
      ['2. Declarations of interest', bold, 11],
      ['None were declared.', font, 10],
      ['3. Ofsted inspection of children\'s services', bold, 11],
      ['The Director presented the inspection report. The Panel asked to receive a regular', font, 10],
      ['update on the Improvement Plan, with a rating of each project\'s progress.', font, 10],
    ],
    [
      ['4. Work programme', bold, 11],
      ['The Panel agreed its work programme for the rest of the year, including an update on', font, 10],
      ['the Improvement Plan at its March meeting.', font, 10],
      ['', font, 10],
      ['The meeting ended at 4.10 pm.', font, 10],
      ['', font, 10],
      ['Chair ....................................................', font, 10],
    ],
  ] as const;
  for (const [i, lines] of pages.entries()) {
    const page = doc.addPage([595.28, 841.89]);
    let y = 780;
    for (const [text, f, size] of lines) {
      page.drawText(text, { x: 60, y, size, font: f });
      y -= size * 1.8;
    }
    page.drawText(`Minutes, 23 January 2017 – page ${i + 1} of ${pages.length}`, { x: 60, y: 40, size: 8, font });
  }
  writeFileSync(file, await doc.save({ useObjectStreams: false }));
}

/**
 * "Last month's paper": the snapshot a build as at 27 January 2017 would have saved, from the same
 * extracts (so KPI values are January's), with the differences a month makes: two projects were
 * better then, one was worse, the newest project was not yet in the plan, and one project has since
 * closed. The sample's meeting.yaml points `previous:` at it, so the sample paper shows changes.
 */
export async function writePreviousSnapshot(meetingYaml: string, file: string): Promise<void> {
  const { loadMeeting, scoreLoadedItem } = await import('../src/pipeline/index.js');
  const { nodeEffects } = await import('../src/pipeline/index.js');
  mkdirSync(path.dirname(file), { recursive: true });
  // A placeholder so the meeting loads (it names this file as its previous snapshot).
  writeFileSync(file, JSON.stringify({ format: 'committee-papers/snapshot@1', item: '6', asAt: '2017-01-27', projects: {}, actions: {}, kpis: {} }));
  const effects = { ...nodeEffects(), log: () => undefined };
  const loaded = await loadMeeting(meetingYaml, { cwd: root, asAt: '2017-01-27' }, effects);
  const snapshot = scoreLoadedItem(loaded.meeting, loaded.items[0]!).snapshot;
  const projects = Object.entries(snapshot.projects);
  const firstWith = (status: string, skip = 0) => projects.filter(([, e]) => e.status === status)[skip]!;
  firstWith('red')[1].status = 'amber';
  firstWith('amber')[1].status = 'green';
  firstWith('green', 2)[1].status = 'amber';
  const [newest] = projects[projects.length - 1]!;
  delete snapshot.projects[newest];
  snapshot.projects['4.6'] = { title: 'Independent Visitor Scheme Relaunch', status: 'blue' };
  snapshot.projects = Object.fromEntries(Object.entries(snapshot.projects).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
  writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`);
}

/** A workbook of the quirks exceljs can write: formulas with cached results, rich text, date cells. */
export async function writeQuirks(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet('Tracker');
  ws.getCell('A1').value = 'Quirks tracker';
  ['REF', 'Project', 'RAG', 'Commentary', 'Updated'].forEach((h, i) => (ws.getRow(3).getCell(i + 1).value = h));
  ws.getCell('A4').value = '1 Formulas and rich text';
  ws.getCell('A5').value = '1.1';
  ws.getCell('B5').value = { richText: [{ text: 'Rich ', font: { bold: true } }, { text: 'text title' }] };
  ws.getCell('C5').value = { formula: 'IF(2>1,"A","R")', result: 'A' };
  ws.getCell('D5').value = { richText: [{ text: 'Commentary with ' }, { text: 'bold', font: { bold: true } }, { text: '\u00a0and a non-breaking space' }] };
  ws.getCell('E5').value = new Date(Date.UTC(2017, 1, 20));
  ws.getCell('E5').numFmt = 'dd/mm/yyyy';
  ws.getCell('A6').value = '1.2';
  ws.getCell('B6').value = { formula: '"Formula "&"title"', result: 'Formula title' };
  ws.getCell('C6').value = 'Green';
  ws.getCell('A7').value = '1.3';
  ws.getCell('B7').value = 'Colour only';
  ws.getCell('C7').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
  await wb.xlsx.writeFile(file);
}

/**
 * An action plan whose cells are formulas, written without results (as a program that does not
 * calculate writes them): test/fixtures/exceljs/formulas.xlsx. scripts/make-libreoffice-fixtures.sh
 * re-saves it with LibreOffice Calc, which calculates them and saves each result with its type.
 */
export async function writeFormulas(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet('Action Plan');
  ws.getCell('A1').value = 'Formulas action plan';
  ['No', 'Summary', 'Action', 'Deadline', 'Responsible Officer', 'Progress to date', 'RAG', 'Done', 'Weeks'].forEach((h, i) => (ws.getRow(3).getCell(i + 1).value = h));
  const rows: [string, string, string, string, string, string][] = [
    // No, deadline, progress, RAG, done, weeks
    ['1.01', 'DATE(2017,3,31)', 'IF(1>2,"Started","")', 'IF(1>2,"Red","Green")', '1>0', '2*3'],
    ['1.02', 'DATE(2017,1,31)+0', 'NA()', '"Amber"', '1>2', '1/0'],
  ];
  rows.forEach(([no, deadline, progress, rag, done, weeks], i) => {
    const r = ws.getRow(4 + i);
    r.getCell(1).value = no;
    r.getCell(2).value = `Summary of action ${no}`;
    r.getCell(3).value = `What action ${no} does`;
    r.getCell(4).value = { formula: deadline } as ExcelJS.CellFormulaValue;
    r.getCell(4).numFmt = 'dd/mm/yyyy';
    r.getCell(5).value = 'A. N. Officer';
    r.getCell(6).value = { formula: progress } as ExcelJS.CellFormulaValue;
    r.getCell(7).value = { formula: rag } as ExcelJS.CellFormulaValue;
    r.getCell(8).value = { formula: done } as ExcelJS.CellFormulaValue;
    r.getCell(9).value = { formula: weeks } as ExcelJS.CellFormulaValue;
  });
  await wb.xlsx.writeFile(file);
}

/**
 * A tracker with rows hidden, as officers hide closed projects rather than delete them:
 * test/fixtures/exceljs/hidden-rows.xlsx (re-saved by LibreOffice Calc into test/fixtures/libreoffice/).
 */
export async function writeHiddenRows(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet('Tracker');
  ws.getCell('A1').value = 'Hidden rows tracker';
  ['REF', 'Project', 'RAG', 'Commentary'].forEach((h, i) => (ws.getRow(3).getCell(i + 1).value = h));
  const rows = [['1 Open and closed projects'], ['1.1', 'Open project', 'Green'], ['1.2', 'Closed project, hidden', 'Red', 'Not for publication'], ['1.3', 'Another open project', 'Amber'], [], ['1.4', 'Another closed project, hidden', 'Green']];
  rows.forEach((values, i) => {
    const r = ws.getRow(4 + i);
    values.forEach((v, c) => (r.getCell(c + 1).value = v));
  });
  for (const n of [6, 8, 9]) ws.getRow(n).hidden = true; // 8 is empty: hidden, but holds nothing
  await wb.xlsx.writeFile(file);
}

/**
 * A tracker where officers struck through what is done or dropped: a whole milestone cell, part of a
 * commentary (rich text), and a project's title: test/fixtures/exceljs/struck-through.xlsx (re-saved by
 * LibreOffice Calc into test/fixtures/libreoffice/).
 */
export async function writeStruckThrough(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet('Tracker');
  ws.getCell('A1').value = 'Struck-through tracker';
  ['REF', 'Project', 'RAG', 'Commentary', 'March'].forEach((h, i) => (ws.getRow(3).getCell(i + 1).value = h));
  ws.getCell('A4').value = '1 Projects';
  ws.getRow(5).values = ['1.1', 'Recruitment campaign', 'Green', null, '09 Mar - Launch the campaign'];
  ws.getCell('E5').font = { strike: true };
  ws.getRow(6).values = ['1.2', 'Training programme', 'Amber'];
  ws.getCell('D6').value = { richText: [{ text: 'Venue booked. ', font: { strike: true } }, { text: 'Dates to be agreed.' }] };
  ws.getRow(7).values = ['1.3', 'Dropped project', 'Red'];
  ws.getCell('B7').font = { strike: true };
  ws.getRow(8).values = ['1.4', 'Untouched project', 'Green', 'On track', '20 Mar - Report'];
  await wb.xlsx.writeFile(file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await main();
}
