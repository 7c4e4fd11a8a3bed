/**
 * A council's own tracker, not shaped like the sample: a project column headed in the plan's words, codes
 * for REFs (CP01), the RAG under a dated header ("Q2 RAG") and shown only by the cell's fill. What the
 * officer is told when the header is not found, and what is read once `columns:` names it.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { handleFromBytes, readTracker } from '../../src/ingest/index.js';
import { problemsFrom } from '../helpers/read.js';

const FILL = { red: 'FFFF0000', amber: 'FFFFC000', green: 'FF00B050' } as const;

/** A corporate plan's tracker: title, blank row, header on row 3, then a project a row. */
async function corporatePlan(header: string[], rows: (string | { fill: keyof typeof FILL })[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tracker');
  ws.getRow(1).values = ['Corporate Plan 2024/25 – Quarter 2 update'];
  ws.getRow(3).values = header;
  rows.forEach((cells, i) => {
    const row = ws.getRow(4 + i);
    cells.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      if (typeof c === 'string') cell.value = c;
      else cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[c.fill] } };
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = ['Ref', 'Priority', 'Action / Project', 'Lead Officer', 'End date', 'Q2 RAG', 'Q2 Update'];
const ROWS: (string | { fill: keyof typeof FILL })[][] = [
  ['CP01', 'Housing', 'Deliver 200 affordable homes', 'J Smith', '31/03/2025', { fill: 'green' }, '120 delivered'],
  ['CP02', 'Housing', 'Reduce use of temporary accommodation', 'K Patel', '31/03/2025', { fill: 'amber' }, 'Demand rising'],
  ['CP03', 'Economy', 'Town centre regeneration, phase 1', 'L Jones', '31/03/2026', { fill: 'red' }, 'Contractor delays'],
];

describe('a tracker whose project column is headed in the plan’s own words', () => {
  it('is told which row looks like the header, what it lacks, and the columns: line that reads it', async () => {
    const bytes = await corporatePlan(HEADER, ROWS);
    expect(await problemsFrom(() => readTracker(handleFromBytes(bytes, 'plan.xlsx'), { asAt: '2024-10-31' }))).toEqual([
      'plan.xlsx › Tracker: found no header row in the first 6 rows, expected a row holding a project column (Project, Workstream Detail, Project Title, Project Name) and at least one other known column. Row 3 has "Ref", "Lead Officer", "Q2 RAG" but no project column: if "Action / Project" holds the project, add columns: { title: ["Action / Project"] } to this source in meeting.yaml [HeaderNotFound]',
    ]);
  });

  it('with no header naming a project, is offered the row’s other columns', async () => {
    const bytes = await corporatePlan(['Ref', 'Commitment', 'Lead Officer', 'RAG'], [['CP01', 'Deliver 200 affordable homes', 'J Smith', 'G']]);
    expect(await problemsFrom(() => readTracker(handleFromBytes(bytes, 'plan.xlsx'), { asAt: '2024-10-31' }))).toEqual([
      'plan.xlsx › Tracker: found no header row in the first 4 rows, expected a row holding a project column (Project, Workstream Detail, Project Title, Project Name) and at least one other known column. Row 3 has "Ref", "Lead Officer", "RAG" but no project column: if one of its other columns ("Commitment") holds the project, add its header as columns: { title: ["…"] } to this source in meeting.yaml [HeaderNotFound]',
    ]);
  });

  it('with only the project column known, is told so, with the others it has', async () => {
    const bytes = await corporatePlan(['Project', 'Officer', 'Progress', 'Target date'], [['Deliver 200 affordable homes', 'J Smith', 'On track', '31/03/2025']]);
    expect(await problemsFrom(() => readTracker(handleFromBytes(bytes, 'plan.xlsx'), { asAt: '2024-10-31' }))).toEqual([
      'plan.xlsx › Tracker: found no header row in the first 4 rows, expected a row holding a project column (Project, Workstream Detail, Project Title, Project Name) and at least one other known column. Row 3 has the project column ("Project") but no other known column ("Officer", "Progress", "Target date"): if one of them is a known column under a name of the plan\'s own, add its header under columns: for this source in meeting.yaml [HeaderNotFound]',
    ]);
  });

  it('once named under columns:, is read with its codes as REFs and its RAG by fill under “Q2 RAG”', async () => {
    // Naming one column keeps every other column's shapes and fill reading ("Q2 RAG" is a RAG by its word).
    const bytes = await corporatePlan(HEADER, ROWS);
    const { plan, warnings } = await readTracker(handleFromBytes(bytes, 'plan.xlsx'), { asAt: '2024-10-31', columns: { title: ['Action / Project'], commentary: ['Q2 Update'] } });
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => [p.ref, p.title, p.lead, p.statedStatus, p.ratedBy, p.commentary]))).toEqual([
      ['CP01', 'Deliver 200 affordable homes', 'J Smith', 'green', 'fill', '120 delivered'],
      ['CP02', 'Reduce use of temporary accommodation', 'K Patel', 'amber', 'fill', 'Demand rising'],
      ['CP03', 'Town centre regeneration, phase 1', 'L Jones', 'red', 'fill', 'Contractor delays'],
    ]);
    expect(plan.workstreams[0]!.projects[2]!.source.rating).toEqual({ file: 'plan.xlsx', sheet: 'Tracker', cell: 'F6' });
    expect(warnings).toEqual([]);
  });
});

describe('REFs: 1.1 or the plan’s own codes, as the sheet’s first project has', () => {
  const read = async (refs: string[]): Promise<string[]> => {
    const bytes = await corporatePlan(['REF', 'Project', 'RAG'], refs.map((r, i) => [r, `Project ${i + 1}`, 'G']));
    try {
      const { plan } = await readTracker(handleFromBytes(bytes, 'plan.xlsx'), { asAt: '2024-10-31' });
      return plan.workstreams.flatMap((w) => w.projects.map((p) => p.ref));
    } catch {
      return problemsFrom(() => readTracker(handleFromBytes(bytes, 'plan.xlsx'), { asAt: '2024-10-31' }));
    }
  };

  it('reads codes (CP01, H2, HOU-03, A1.2, 12, 2a) when the first project has one', async () => {
    expect(await read(['CP01', 'H2', 'HOU-03', 'A1.2', '12', '2a', '1.5'])).toEqual(['CP01', 'H2', 'HOU-03', 'A1.2', '12', '2a', '1.5']);
  });

  it('refuses a code in a plan numbered 1.1, and words in a plan of codes, naming the form expected', async () => {
    expect(await read(['1.1', '1.2', '13'])).toEqual([
      'plan.xlsx › Tracker!A6: found "13" as REF, expected a REF such as 1.1 (workstream number, dot, project number) [BadRef]',
    ]);
    expect(await read(['CP01', 'CP 2', 'one.five'])).toEqual([
      'plan.xlsx › Tracker!A6: found "one.five" as REF, expected a code like the sheet\'s first project\'s, "CP01" (letters, then a number) [BadRef]',
    ]);
  });
});

describe('a tracker with no REF column and a RAG column of ratings', () => {
  /** The sample's tracker as an officer saves it without its REF column: each heading moved into the project column. */
  async function sampleWithoutRefs(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile('data/sample/tracker.xlsx');
    const ws = wb.getWorksheet('SIP Summary')!;
    const headings: [number, string][] = [];
    ws.eachRow((row, n) => {
      const a = row.getCell(1).value;
      if (typeof a === 'string' && /^\d+ /.test(a)) headings.push([n, a]);
    });
    for (const range of Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges)) ws.unMergeCells(range);
    for (const [n, heading] of headings) ws.getRow(n).getCell(2).value = heading;
    ws.spliceColumns(1, 1);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const shape = (plan: Awaited<ReturnType<typeof readTracker>>['plan']): unknown =>
    plan.workstreams.map((w) => [w.number, w.title, w.projects.map((p) => [p.ref, p.title, p.lead, p.statedStatus, p.ratedBy, p.commentary, p.milestones.map((m) => [m.month, m.milestones])])]);

  it('reads the sample without its REF column as the sample: its headings, ratings in words and by fill, and its months of milestones', async () => {
    const withRefs = await readTracker(handleFromBytes(await readFile('data/sample/tracker.xlsx'), 'tracker.xlsx'), { asAt: '2017-02-24' });
    const without = await readTracker(handleFromBytes(await sampleWithoutRefs(), 'tracker.xlsx'), { asAt: '2017-02-24' });
    expect(shape(without.plan)).toEqual(shape(withRefs.plan));
    expect(without.plan.workstreams).toHaveLength(8);
    expect(without.plan.months).toEqual(['March', 'April']);
    expect(without.plan.refsMade).toBe('the tracker has no REF column, so each project is numbered by its workstream and its place in it (1.3 is the third project of the first workstream)');
    expect(without.warnings).toEqual([]);
  });

  it('takes its words as ratings, refuses one that is not, and leaves a note under the table, said', async () => {
    const bytes = await corporatePlan(['Project', 'Lead', 'RAG', 'Commentary'], [
      ['Housing'],
      ['Deliver 200 affordable homes', 'J Smith', 'Green', '120 delivered'],
      ['Reduce use of temporary accommodation', 'K Patel', 'A', 'Demand rising'],
      ['Economy'],
      ['Town centre regeneration, phase 1', 'L Jones', 'Amberish', 'Contractor delays'],
    ]);
    expect(await problemsFrom(() => readTracker(handleFromBytes(bytes, 'plan.xlsx'), { asAt: '2024-10-31' }))).toEqual([
      'plan.xlsx › Tracker!C8: found "Amberish", expected a RAG rating (R, A, G, B; Red, Amber, Green, Blue, Complete; On track, At risk, Off track) [UnknownRating]',
    ]);
    const fixed = await corporatePlan(['Project', 'Lead', 'RAG', 'Commentary'], [
      ['Housing'],
      ['Deliver 200 affordable homes', 'J Smith', 'Green', '120 delivered'],
      ['Reduce use of temporary accommodation', 'K Patel', 'A', 'Demand rising'],
      ['Economy'],
      ['Town centre regeneration, phase 1', 'L Jones', { fill: 'red' }, 'Contractor delays'],
      [],
      ['Figures are as reported by the project leads.'],
    ]);
    const { plan, warnings } = await readTracker(handleFromBytes(fixed, 'plan.xlsx'), { asAt: '2024-10-31' });
    expect(plan.workstreams.map((w) => [w.number, w.title, w.projects.map((p) => `${p.ref} ${p.statedStatus} ${p.ratedBy}`)])).toEqual([
      ['1', 'Housing', ['1.1 green text', '1.2 amber text']],
      ['2', 'Economy', ['2.1 red fill']],
    ]);
    expect(plan.workstreams[0]!.projects[0]!.milestones).toEqual([]); // "Green" is a rating, not a milestone
    expect(warnings.map(formatProblem)).toEqual([
      'plan.xlsx › Tracker!A10: found "Figures are as reported by the project leads." alone on its row with no project under it, so it is not read: the tracker has no REF column, and a line alone is read as a workstream heading [RowNotRead]',
    ]);
  });
});

describe('a workstream column instead of heading rows', () => {
  it('puts each project in the workstream its row names (a blank cell: the one above), numbered in order or as written', async () => {
    const bytes = await corporatePlan(['Theme', 'Ref', 'Project', 'RAG'], [
      ['Housing', 'CP01', 'Deliver 200 affordable homes', 'G'],
      ['', 'CP02', 'Reduce use of temporary accommodation', 'A'],
      ['Economy', 'CP03', 'Town centre regeneration, phase 1', 'R'],
      ['Housing', 'CP04', 'Empty homes back into use', 'G'],
    ]);
    const { plan } = await readTracker(handleFromBytes(bytes, 'plan.xlsx'), { asAt: '2024-10-31' });
    expect(plan.workstreams.map((w) => [w.number, w.title, w.projects.map((p) => p.ref).join(' '), w.source.cell])).toEqual([
      ['1', 'Housing', 'CP01 CP02 CP04', 'A4'],
      ['2', 'Economy', 'CP03', 'A6'],
    ]);
  });

  it('with no REF column either, makes each REF from the workstream named and the project’s place in it', async () => {
    const bytes = await corporatePlan(['Project', 'Lead', 'RAG', 'Corporate Priority'], [
      ['Deliver 200 affordable homes', 'J Smith', 'G', '2 Homes'],
      ['Town centre regeneration, phase 1', 'L Jones', 'R', '3 Economy'],
      ['Reduce use of temporary accommodation', 'K Patel', 'A', '2 Homes'],
    ]);
    const { plan } = await readTracker(handleFromBytes(bytes, 'plan.xlsx'), { asAt: '2024-10-31' });
    expect(plan.workstreams.map((w) => [w.number, w.title, w.projects.map((p) => `${p.ref} ${p.statedStatus}`)])).toEqual([
      ['2', 'Homes', ['2.1 green', '2.2 amber']],
      ['3', 'Economy', ['3.1 red']],
    ]);
  });
});
