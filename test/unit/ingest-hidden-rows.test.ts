/**
 * Rows a sheet hides, and text struck through (src/ingest/formula-cells.ts notes them as the XML streams past; exceljs's streaming
 * reader drops the attribute). Officers hide closed projects rather than delete them, and a hidden row may
 * hold what is not for publication: it is still read — the data is the data — but never without a word.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { handleFromBytes, readTracker } from '../../src/ingest/index.js';
import type { ColumnAudit } from '../../src/model/index.js';
import { fileHandle, problemsFrom } from '../helpers/read.js';

describe.each([
  ['saved by LibreOffice Calc (hidden="true")', 'test/fixtures/libreoffice/hidden-rows.xlsx'],
  ['written by exceljs (hidden="1")', 'test/fixtures/exceljs/hidden-rows.xlsx'],
])('a tracker with hidden rows, %s', (_, file) => {
  it('reads every project and warns about the two hidden rows with data, naming them', async () => {
    const audits: ColumnAudit[] = [];
    const { plan } = await readTracker(fileHandle(file), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => p.ref))).toEqual(['1.1', '1.2', '1.3', '1.4']);
    expect(audits.flatMap((a) => a.warnings).map(formatProblem)).toEqual([
      `${file} › Tracker!A6: found 2 hidden rows with data (rows 6, 9), which are read like the others: a paper shows what the sheet hides [RowsHidden]`,
    ]);
  });
});

describe('a tracker with no hidden rows', () => {
  it('gives no such warning', async () => {
    const audits: ColumnAudit[] = [];
    await readTracker(fileHandle('test/fixtures/libreoffice/tracker.xlsx'), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    expect(audits.flatMap((a) => a.warnings).filter((w) => w.name === 'RowsHidden')).toEqual([]);
  });
});

describe('a tracker with hidden columns (last month’s rating hidden beside this month’s, an old month of milestones)', () => {
  const workbook = async (): Promise<Buffer> => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tracker');
    ws.getRow(1).values = ['REF', 'Project', 'RAG', 'RAG', 'Commentary', 'January', 'March'];
    ws.getRow(2).values = ['1 Projects'];
    ws.getRow(3).values = ['1.1', 'Recruitment campaign', 'Red', 'Green', 'Back on track', '10 Jan - Advert out', '09 Mar - Interviews'];
    ws.getRow(4).values = ['1.2', 'Training programme', 'Green', 'Amber', 'Trainer off sick', '', '20 Mar - Second cohort'];
    ws.getColumn(3).hidden = true; // last month's rating
    ws.getColumn(6).hidden = true; // January's milestones
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('reads the rating the sheet shows, reads the hidden month like the others, and names both', async () => {
    const audits: ColumnAudit[] = [];
    const { plan } = await readTracker(handleFromBytes(await workbook(), 'tracker.xlsx'), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    expect(plan.workstreams[0]!.projects.map((p) => [p.ref, p.statedStatus, p.source.rating.cell])).toEqual([['1.1', 'green', 'D3'], ['1.2', 'amber', 'D4']]);
    expect(audits.flatMap((a) => a.warnings).map(formatProblem)).toEqual([
      'tracker.xlsx › Tracker!C1: found column "RAG", which is not read: it is as much the RAG column as D1 ("RAG"), which is read. If this one is, rename one of them: headed alike, no setting can tell them apart [ColumnAmbiguous]',
      'tracker.xlsx › Tracker!F1: found a hidden column that is read (F "January"), like the others: a paper shows what the sheet hides [ColumnsHidden]',
    ]);
  });
});

describe.each([
  ['saved by LibreOffice Calc', 'test/fixtures/libreoffice/struck-through.xlsx'],
  ['written by exceljs', 'test/fixtures/exceljs/struck-through.xlsx'],
])('a tracker with text struck through, %s', (_, file) => {
  it('reads it as written and warns, naming the cells struck through, as a whole (a milestone, a title) or in part (one milestone of two)', async () => {
    const audits: ColumnAudit[] = [];
    const { plan } = await readTracker(fileHandle(file), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => p.title))).toEqual(['Recruitment campaign', 'Training programme', 'Dropped project', 'Untouched project']);
    // D6 is a rich text struck through in part (one milestone of two): named too (src/ingest/shared-strings.ts).
    expect(audits.flatMap((a) => a.warnings).map(formatProblem)).toEqual([
      `${file} › Tracker!E5: found 3 cells struck through, in whole or in part (E5, D6, B7), read as if they were not: a strike-through is not a state this tool can read (done, or dropped?) [TextStruckThrough]`,
    ]);
  });
});

describe('a tracker read only down to its footer ("Accurate when produced on …") is still checked', () => {
  // The tracker reader stops at the footer, before the end of the sheet: the checks made at the end of
  // the sheet's rows must still be made for the rows read.
  const workbook = async (formula: boolean): Promise<Buffer> => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tracker');
    ws.getRow(1).values = ['REF', 'Project', 'RAG', 'Commentary'];
    ws.getRow(2).values = ['1 Projects'];
    ws.getRow(3).values = ['1.1', 'Open project', 'Green', 'On track'];
    ws.getRow(4).values = ['1.2', 'Closed project', 'Red', 'Not for publication'];
    ws.getRow(4).hidden = true;
    if (formula) ws.getCell('D3').value = { formula: 'UPPER("on track")' } as ExcelJS.CellFormulaValue;
    ws.getCell('A6').value = 'Accurate when produced on 24/02/2017';
    ws.getRow(8).values = ['1.3', 'Below the footer', 'Green'];
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('hidden rows above the footer are named', async () => {
    const audits: ColumnAudit[] = [];
    const { plan } = await readTracker(handleFromBytes(await workbook(false), 'tracker.xlsx'), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    expect(plan.footerAsAt).toBe('2017-02-24');
    expect(audits.flatMap((a) => a.warnings).map(formatProblem)).toEqual([
      'tracker.xlsx › Tracker!A4: found a hidden row with data (row 4), which is read like the others: a paper shows what the sheet hides [RowsHidden]',
    ]);
  });

  it('a formula with no saved result above the footer is refused', async () => {
    expect(await problemsFrom(() => readTracker(handleFromBytes(formulaBook!, 'tracker.xlsx'), { asAt: '2017-02-24' }))).toEqual([
      'tracker.xlsx › Tracker!D3: found the formula "=UPPER(\\"on track\\")" with no saved result, expected the value the spreadsheet shows [FormulaNotCalculated]',
    ]);
  });
  let formulaBook: Buffer | undefined;
  beforeAll(async () => {
    formulaBook = await workbook(true);
  });
});
