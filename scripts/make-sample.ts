/**
 * Writes the sample extracts in data/sample/ and the spreadsheet fixtures in test/fixtures/, the
 * way an officer's tracker looks: title rows, a two-row header with "NEXT KEY MILESTONES" merged
 * over the month columns, workstream heading rows merged across the table, RAG cells coloured, a
 * footer giving the date the extract was produced, and the RAG criteria under it.
 *
 * Run on purpose (the outputs are committed): `npx tsx scripts/make-sample.ts`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { KPIS, PERIODS, PLAN_TITLE, WORKSTREAMS, type SampleWorkstream } from './sample-plan.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const FIXED = new Date(Date.UTC(2017, 1, 24, 9, 0, 0));
const FILL: Record<string, string> = { R: 'FFFF0000', A: 'FFFFC000', G: 'FF00B050' };

interface TrackerOptions {
  sheetName?: string;
  /** Edit the rows before writing: [ref, title, lead, rag, commentary, march, april]. */
  edit?: (rows: (string | undefined)[][]) => void;
  /** Header texts for A..G. */
  headers?: string[];
  footer?: string;
}

function projectRows(plan: SampleWorkstream[]): (string | undefined)[][] {
  const rows: (string | undefined)[][] = [];
  plan.forEach((ws, i) => {
    rows.push([`${i + 1} ${ws.title}`]);
    ws.projects.forEach((p, j) => {
      rows.push([`${i + 1}.${j + 1}`, p.title, p.lead, p.rag, p.commentary ?? '', p.march ?? '', p.april ?? '']);
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
  // Two-row header: A–E span rows 4–5; the milestones heading spans F–G, months under it.
  for (const c of ['A', 'B', 'C', 'D', 'E']) ws.mergeCells(`${c}4:${c}5`);
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

  const rows = projectRows(WORKSTREAMS);
  options.edit?.(rows);
  let r = 6;
  for (const row of rows) {
    const excelRow = ws.getRow(r);
    if (row.length === 1) {
      excelRow.getCell(1).value = row[0] ?? null;
      ws.mergeCells(`A${r}:G${r}`);
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
      const fill = FILL[String(rag.value ?? '').trim().toUpperCase()];
      if (fill) rag.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
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

/** A small deterministic random source (mulberry32), so the sample is the same every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function kpiCsv(): string {
  const rnd = random(20170224);
  const lines = ['Measure ID,Measure Name,Unit,Polarity,Target,Period,Value'];
  for (const k of KPIS) {
    PERIODS.forEach((period, i) => {
      const trend = k.start + ((k.end - k.start) * i) / (PERIODS.length - 1);
      const wobble = i === PERIODS.length - 1 ? 0 : (rnd() - 0.5) * 2 * k.noise;
      const value = (trend + wobble).toFixed(k.decimals);
      const name = k.name.includes(',') ? `"${k.name}"` : k.name;
      const unit = k.unit.includes(',') ? `"${k.unit}"` : k.unit;
      lines.push([k.id, name, unit, k.polarity, k.target ?? '', period, value].join(','));
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function main(): Promise<void> {
  const sample = path.join(root, 'data', 'sample');
  await writeTracker(path.join(sample, 'tracker.xlsx'));
  writeFileSync(path.join(sample, 'kpis.csv'), kpiCsv());

  // Bad inputs, each named after what is wrong with it.
  const bad = path.join(root, 'test', 'fixtures', 'bad');
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

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await main();
}
