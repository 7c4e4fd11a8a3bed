/**
 * A tracker project written over several rows, as officers keep them: the REF, project and RAG cells merged
 * down (or left blank) beside a second row of commentary and milestones. Read as one project, with a REF
 * column or without one; never as a project with no title, nor as a heading.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { handleFromBytes, readTracker } from '../../src/ingest/index.js';
import { problemsFrom } from '../helpers/read.js';

type Row = string[];

/** A workbook of one sheet or more: title on row 1, header on row 3, the rows under it, and these ranges merged. */
async function workbook(sheets: { name: string; header: string[]; rows: Row[]; merge?: string[] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.getRow(1).values = ['Corporate Plan tracker'];
    ws.getRow(3).values = s.header;
    s.rows.forEach((cells, i) => {
      cells.forEach((c, j) => {
        if (c !== '') ws.getRow(4 + i).getCell(j + 1).value = c;
      });
    });
    for (const range of s.merge ?? []) ws.mergeCells(range);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const read = async (bytes: Buffer, options: { sheets?: 'all' } = {}) => readTracker(handleFromBytes(bytes, 'plan.xlsx'), { asAt: '2025-03-10', ...options });
const shape = (plan: Awaited<ReturnType<typeof read>>['plan']): unknown =>
  plan.workstreams.map((w) => [w.number, w.title, w.projects.map((p) => [p.ref, p.title, p.lead, p.statedStatus, p.commentary, p.milestones.map((m) => m.milestones.map((x) => `${x.when} ${x.what}`))])]);

const ROWS: Row[] = [
  ['New homes programme', 'J Smith', 'G', 'On plan', '09 Mar - Site start', '20 Apr - Planning'],
  ['', 'K Patel', '', 'Second phase agreed', '15 Mar - Tender', ''],
  ['Damp and mould', 'A Khan', 'A', 'Register late', '', '30 Apr - Launch'],
];
const EXPECTED = [
  ['New homes programme', 'J Smith / K Patel', 'green', 'On plan\nSecond phase agreed', [['09 Mar Site start', '15 Mar Tender'], ['20 Apr Planning']]],
  ['Damp and mould', 'A Khan', 'amber', 'Register late', [[], ['30 Apr Launch']]],
];

describe('a project over several rows', () => {
  it('with a REF column merged down: one project, its second row’s lead, commentary and milestones joined to the first’s', async () => {
    const bytes = await workbook([
      { name: 'Tracker', header: ['REF', 'Project', 'Lead', 'RAG', 'Commentary', 'March', 'April'], rows: [['1 Housing'], ['1.1', ...ROWS[0]!], ['', ...ROWS[1]!], ['1.2', ...ROWS[2]!]], merge: ['A5:A6', 'B5:B6', 'D5:D6'] },
    ]);
    const { plan, warnings } = await read(bytes);
    expect(shape(plan)).toEqual([['1', 'Housing', [['1.1', ...EXPECTED[0]!], ['1.2', ...EXPECTED[1]!]]]]);
    expect(plan.workstreams[0]!.projects[0]!.source.row.cell).toBe('A5');
    expect(warnings).toEqual([]);
  });

  it('with no REF column: the second row is not a heading nor a project with no title, and REFs stay in order', async () => {
    const bytes = await workbook([{ name: 'Tracker', header: ['Project', 'Lead', 'RAG', 'Commentary', 'March', 'April'], rows: [['1 Housing'], ...ROWS], merge: ['A5:A6', 'C5:C6'] }]);
    const { plan, warnings } = await read(bytes);
    expect(shape(plan)).toEqual([['1', 'Housing', [['1.1', ...EXPECTED[0]!], ['1.2', ...EXPECTED[1]!]]]]);
    expect(warnings).toEqual([]);
  });

  it('with no REF column, a second row holding only commentary still continues the project (a line alone past the project column is no heading)', async () => {
    const bytes = await workbook([
      { name: 'Tracker', header: ['Project', 'Lead', 'RAG', 'Commentary'], rows: [['1 Housing'], ['New homes programme', 'J Smith', 'G', 'On plan'], ['', '', '', 'Second phase agreed'], ['2 Economy'], ['High street fund', 'B Jones', 'R', 'Bid failed']] },
    ]);
    const { plan } = await read(bytes);
    expect(plan.workstreams.map((w) => [w.title, w.projects.map((p) => `${p.ref} ${p.commentary.replace('\n', ' | ')}`)])).toEqual([
      ['Housing', ['1.1 On plan | Second phase agreed']],
      ['Economy', ['2.1 Bid failed']],
    ]);
  });

  it('ends at a blank row: a line after it is not the project’s, and is refused as before', async () => {
    const bytes = await workbook([
      { name: 'Tracker', header: ['REF', 'Project', 'Lead', 'RAG', 'Commentary'], rows: [['1 Housing'], ['1.1', 'New homes programme', 'J Smith', 'G', 'On plan'], [], ['', '', 'K Patel', '', 'Second phase agreed']] },
    ]);
    expect(await problemsFrom(() => read(bytes))).toEqual([
      'plan.xlsx › Tracker!A7: found an empty REF, expected a REF such as 1.1 [ValueMissing]',
      'plan.xlsx › Tracker!B7: found an empty project title, expected the project’s name [ValueMissing]',
    ]);
  });

  it('under a refused project is not refused again, and the refusal is the project’s own', async () => {
    const bytes = await workbook([{ name: 'Tracker', header: ['Project', 'Lead', 'RAG', 'Commentary'], rows: [['1 Housing'], ['New homes programme', 'J Smith', 'Purple', 'On plan'], ['', '', '', 'Second phase agreed'], ['Damp and mould', 'A Khan', 'G', '']] }]);
    expect(await problemsFrom(() => read(bytes))).toEqual([
      'plan.xlsx › Tracker!C5: found "Purple", expected a RAG rating (R, A, G, B; Red, Amber, Green, Blue, Complete; On track, At risk, Off track) [UnknownRating]',
    ]);
  });

  it('with no REF column, a project with a rating but no title is refused once, without a made REF said twice', async () => {
    const bytes = await workbook([{ name: 'Tracker', header: ['Project', 'Lead', 'RAG'], rows: [['1 Housing'], ['New homes programme', 'J Smith', 'G'], ['', 'K Patel', 'A'], ['Damp and mould', 'A Khan', 'G']] }]);
    const problems = await problemsFrom(() => read(bytes));
    expect(problems).toEqual(['plan.xlsx › Tracker!A6: found an empty project title, expected the project’s name [ValueMissing]']);
  });
});

describe('several sheets with no REF column, each with its own headings', () => {
  it('keeps every heading with projects under it, and drops only a line alone with none', async () => {
    const sheet = (name: string, heading: string, project: string): { name: string; header: string[]; rows: Row[] } => ({
      name,
      header: ['Project', 'Lead', 'RAG'],
      rows: [[heading], [project, 'J Smith', 'G'], [], ['Figures as reported by leads']],
    });
    const bytes = await workbook([sheet('Housing', '1 Homes', 'New homes programme'), sheet('Economy', '2 Jobs', 'High street fund')]);
    const { plan, warnings } = await read(bytes, { sheets: 'all' });
    expect(plan.workstreams.map((w) => [w.number, w.title, w.projects.map((p) => `${p.ref} ${p.title}`)])).toEqual([
      ['1', 'Homes', ['1.1 New homes programme']],
      ['2', 'Jobs', ['2.1 High street fund']],
    ]);
    expect(warnings.map(formatProblem).map((w) => w.replace(/ alone on its row.*/, ''))).toEqual([
      'plan.xlsx › Housing!A7: found "Figures as reported by leads"',
      'plan.xlsx › Economy!A7: found "Figures as reported by leads"',
    ]);
  });
});

describe('a note under a tracker with a REF column, alone in the REF column', () => {
  it('is not read as a workstream of no projects (RowNotRead), while a numbered workstream with none yet stays', async () => {
    const bytes = await workbook([
      {
        name: 'Tracker',
        header: ['REF', 'Project', 'Lead', 'RAG', 'Commentary'],
        rows: [['1 Housing'], ['1.1', 'New homes programme', 'J Smith', 'G', 'On plan'], ['2 Early help (projects to be agreed)'], [''], ['Note: ratings are as reported by each lead']],
      },
    ]);
    const { plan, warnings } = await read(bytes);
    expect(plan.workstreams.map((w) => [w.number, w.title, w.projects.length])).toEqual([
      ['1', 'Housing', 1],
      ['2', 'Early help (projects to be agreed)', 0],
    ]);
    expect(warnings.map(formatProblem)).toEqual([
      'plan.xlsx › Tracker!A8: found "Note: ratings are as reported by each lead" alone on its row with no project under it, so it is not read: a line alone in the REF column with no workstream number is read as a workstream heading [RowNotRead]',
    ]);
  });
});
