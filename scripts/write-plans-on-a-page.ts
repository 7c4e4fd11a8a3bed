/**
 * Writes examples/plans-on-a-page/plans.xlsx from scripts/example-plans-on-a-page.ts: a sheet per plan,
 * as seed 003 lays a plan on a page out. Run by scripts/make-examples.ts, which then has LibreOffice Calc
 * save the workbook again, as an officer's spreadsheet program would.
 */
import ExcelJS from 'exceljs';
import { EXTRACT_DATE, PLANS, STATE_COLOURS, STATE_LABELS, type PagePlan } from './example-plans-on-a-page.js';

const solid = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex}` } });
const STATES = ['green', 'amber', 'red', 'blue'] as const;

/** "21/01/20", as the plans' header writes the date they were last updated. */
const headerDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(2, 4)}`;

function colourOf(plan: PagePlan, state: (typeof STATES)[number]): string {
  return state === 'blue' && plan.completedColour ? plan.completedColour : STATE_COLOURS[state];
}

function writePlan(wb: ExcelJS.Workbook, plan: PagePlan): void {
  const ws = wb.addWorksheet(plan.sheet);
  ws.columns = [44, 40, 56, 36].map((width) => ({ width }));
  const title = ws.addRow([plan.title]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(title.number, 1, title.number, 4);
  ws.addRow([plan.lead]);
  ws.addRow([]);
  if (plan.legend === 'above') {
    // A swatch, and its label beside it.
    for (const state of STATES) {
      const row = ws.addRow([null, STATE_LABELS[state]]);
      row.getCell(1).fill = solid(colourOf(plan, state));
    }
    ws.addRow([]);
  }
  const head = ws.addRow(['Child Outcome', 'Project', `Milestone (RAG) - ${headerDate(EXTRACT_DATE)}`, 'Measure']);
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.eachCell((c) => (c.fill = solid('1F3864'))); // a navy header, as the plans have it
  for (const p of plan.projects) {
    const first = ws.rowCount + 1;
    p.milestones.forEach(([text, state], i) => {
      const row = ws.addRow(i === 0 ? [p.outcome, p.project, text, p.measure] : [null, null, text, null]);
      row.alignment = { wrapText: true, vertical: 'top' };
      row.getCell(3).fill = solid(colourOf(plan, state));
    });
    const last = ws.rowCount;
    // The project (its outcome and measure too) merged down over its milestone rows.
    if (last > first) for (const col of [1, 2, 4]) ws.mergeCells(first, col, last, col);
  }
  if (plan.legend === 'below') {
    ws.addRow([]);
    const row = ws.addRow(STATES.map((s) => `● ${STATE_LABELS[s]}`));
    STATES.forEach((s, i) => (row.getCell(i + 1).fill = solid(colourOf(plan, s))));
  }
}

export async function writePlansOnAPage(file: string, created: Date): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Haverleigh County Council Children’s Social Care';
  wb.created = created;
  wb.modified = created;
  for (const plan of PLANS) writePlan(wb, plan);
  await wb.xlsx.writeFile(file);
}
