/**
 * Text in a column whose header cell is blank: a status column left untitled, a header merged over two columns
 * with the second one typed in, notes beside the table. Nothing reads it, so it never reaches the paper, and
 * that is said (ColumnWithoutHeader, src/ingest/table.ts) rather than left to be found by a councillor.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { handleFromBytes, readKpis, readTracker } from '../../src/ingest/index.js';
import type { ColumnAudit } from '../../src/model/index.js';
import { textHandle } from '../helpers/read.js';

const warningsOf = (audits: ColumnAudit[]): string[] => audits.flatMap((a) => a.warnings).filter((w) => w.name === 'ColumnWithoutHeader').map(formatProblem);

describe('a tracker with text in columns that have no header', () => {
  const workbook = async (): Promise<Buffer> => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tracker');
    ws.getRow(1).values = ['REF', 'Project', 'RAG', 'Commentary', null, 'Lead', null];
    ws.getRow(2).values = ['1 Projects']; // a workstream heading: no project, nothing said of it
    ws.getRow(3).values = ['1.1', 'Recruitment campaign', 'Red', 'Behind', 'Amber next month', 'J Smith', 'helper', null, 'see email of 3 March'];
    ws.getRow(4).values = ['1.2', 'Training programme', 'Green', 'On plan', 'Green', 'K Patel', 'helper'];
    ws.getRow(5).values = ['1.3', 'Foster carers', 'Amber', 'Fewer enquiries', null, 'L Jones', 'helper'];
    ws.getColumn(7).hidden = true; // a helper column the sheet hides: left alone
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('reads the projects as before and names each such column once, with its cells, the first quoted', async () => {
    const audits: ColumnAudit[] = [];
    const { plan } = await readTracker(handleFromBytes(await workbook(), 'tracker.xlsx'), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => [p.ref, p.lead, p.commentary]))).toEqual([
      ['1.1', 'J Smith', 'Behind'],
      ['1.2', 'K Patel', 'On plan'],
      ['1.3', 'L Jones', 'Fewer enquiries'],
    ]);
    expect(warningsOf(audits)).toEqual([
      'tracker.xlsx › Tracker!E3: found text in column E on 2 rows of the table (E3 "Amber next month", E4), but the column has no header (E1 is blank), so it is not read [ColumnWithoutHeader]',
      'tracker.xlsx › Tracker!I3: found text in column I on a row of the table (I3 "see email of 3 March"), but the column has no header (I1 is blank), so it is not read [ColumnWithoutHeader]',
    ]);
  });
});

describe('a KPI return (CSV) with a value after the last header', () => {
  const HEADER = 'Measure ID,Measure,Unit,Polarity,Target,Period,Value';
  it('names the column, and says nothing of a trailing empty field', async () => {
    const audits: ColumnAudit[] = [];
    const body = `${HEADER}\r\nK1,Caseload,number,lower,18,2017-01,20.5,\r\nK1,Caseload,number,lower,18,2017-02,19.9,estimated\r\n`;
    const set = await readKpis(textHandle(body, 'k.csv'), { audit: (a) => audits.push(a) });
    expect(set.kpis[0]!.values.map((v) => v.value)).toEqual([20.5, 19.9]);
    expect(warningsOf(audits)).toEqual(['k.csv › H3: found text in column H on a row of the table (H3 "estimated"), but the column has no header (H1 is blank), so it is not read [ColumnWithoutHeader]']);
  });
  it('counts every row but names only the first five cells', async () => {
    const audits: ColumnAudit[] = [];
    const rows = Array.from({ length: 8 }, (_, i) => `K1,Caseload,number,lower,18,2017-${String(i + 1).padStart(2, '0')},20,est.`);
    await readKpis(textHandle([HEADER, ...rows, ''].join('\r\n'), 'k.csv'), { audit: (a) => audits.push(a) });
    expect(warningsOf(audits)).toEqual(['k.csv › H2: found text in column H on 8 rows of the table (H2 "est.", H3, H4, H5, H6 and 3 more), but the column has no header (H1 is blank), so it is not read [ColumnWithoutHeader]']);
  });
  it('gives no such warning for a tidy return', async () => {
    const audits: ColumnAudit[] = [];
    await readKpis(textHandle(`${HEADER}\r\nK1,Caseload,number,lower,18,2017-01,20.5\r\n`, 'k.csv'), { audit: (a) => audits.push(a) });
    expect(warningsOf(audits)).toEqual([]);
  });
});
