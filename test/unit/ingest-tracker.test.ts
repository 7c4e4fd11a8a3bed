import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { handleFromBytes, readTracker } from '../../src/ingest/index.js';
import { problemsFrom, trackerAt } from '../helpers/read.js';

describe('the sample tracker (title rows, two-row merged header, merged workstream rows, footer)', () => {
  it('reads 8 workstreams and 46 projects in sheet order, past a repeated header', async () => {
    const { plan, warnings } = await trackerAt('data/sample/tracker.xlsx', 'SIP Summary');
    expect(warnings).toEqual([]);
    expect(plan.workstreams.map((w) => `${w.number} ${w.title}`)).toEqual([
      '1 Grow and Support Our Workforce',
      '2 Raise the Standard of Practice',
      '3 Learn and Improve Continuously',
      '4 Hear the Voice of the Child',
      '5 Right Help at the Right Time',
      '6 Better Outcomes for Children in Care',
      '7 Permanence Without Delay',
      '8 Early Help for Families',
    ]);
    const refs = plan.workstreams.flatMap((w) => w.projects.map((p) => p.ref));
    expect(refs).toHaveLength(46);
    expect(refs.slice(0, 8)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '2.1']);
    expect(refs.slice(23, 27)).toEqual(['5.1', '5.2', '5.3', '5.4']);
    expect(plan.months).toEqual(['March', 'April']);
    expect(plan.footerAsAt).toBe('2017-02-24');
    expect(plan.title).toBe("Children's Services Improvement Plan – RAG summary");
    expect(plan.source).toMatchObject({ file: 'data/sample/tracker.xlsx', sheet: 'SIP Summary' });
    expect(plan.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps each value’s cell and splits milestones that share a cell', async () => {
    const { plan } = await trackerAt('data/sample/tracker.xlsx');
    const p = plan.workstreams[0]!.projects[2]!;
    expect(p).toMatchObject({ ref: '1.3', title: 'Service Structure Redesign', lead: 'Tom Ellery', statedStatus: 'amber' });
    expect(p.source.rating).toEqual({ file: 'data/sample/tracker.xlsx', sheet: 'SIP Summary', cell: 'D9' });
    expect(plan.workstreams[0]!.projects[0]!.title).toBe('Social Work Workforce Plan'); // non-breaking spaces tidied
    const march = plan.workstreams[0]!.projects[1]!.milestones[0]!;
    expect(march.month).toBe('March');
    expect(march.source.cell).toBe('F8');
    expect(march.milestones).toEqual([
      { when: '14 Mar', what: 'Campaign microsite ready for review', due: '2017-03-14' },
      { when: '24 Mar', what: 'Open evening for applicants at County Hall', due: '2017-03-24' },
    ]);
  });

  it('reads a RAG shown only by the cell’s fill colour, and a RAG written as a word', async () => {
    const { plan } = await trackerAt('data/sample/tracker.xlsx');
    const ws3 = plan.workstreams[2]!.projects;
    expect(ws3.map((p) => [p.ref, p.statedStatus, p.ratedBy])).toEqual([
      ['3.1', 'amber', 'fill'],
      ['3.2', 'red', 'fill'],
      ['3.3', 'green', 'fill'],
      ['3.4', 'green', 'fill'],
    ]);
    expect(plan.workstreams[3]!.projects.map((p) => p.statedStatus)).toEqual(['amber', 'green', 'green', 'amber', 'green']);
  });
});

describe('bad trackers stop with one line per problem, naming file, sheet, cell and value', () => {
  it('a RAG that is not a rating', async () => {
    const f = 'test/fixtures/bad/tracker-unknown-rating/tracker.xlsx';
    expect(await problemsFrom(() => trackerAt(f))).toEqual([
      `${f} › SIP Summary!D9: found "Amberish", expected a RAG rating (R, A, G, B; Red, Amber, Green, Blue, Complete; On track, At risk, Off track) [UnknownRating]`,
      `${f} › SIP Summary!D18: found "Purple", expected a RAG rating (R, A, G, B; Red, Amber, Green, Blue, Complete; On track, At risk, Off track) [UnknownRating]`,
    ]);
  });

  it('a missing required column', async () => {
    const f = 'test/fixtures/bad/tracker-missing-rag-column/tracker.xlsx';
    expect(await problemsFrom(() => trackerAt(f))).toEqual([
      `${f} › SIP Summary!A4:F4: found headers "REF", "PROJECT", "LEAD", "PROGRESS", "COMMENTARY", "NEXT KEY MILESTONES", expected a RAG column (headed "RAG" or "RAG Status" or "Status" or "Rating") [ColumnMissing]`,
    ]);
  });

  it('a duplicate REF, a REF that is not one, and a project with no title — all at once', async () => {
    const f = 'test/fixtures/bad/tracker-bad-ref-and-duplicate/tracker.xlsx';
    expect(await problemsFrom(() => trackerAt(f))).toEqual([
      `${f} › SIP Summary!A8: found REF "1.1" again (first at A7), expected each REF once [DuplicateRef]`,
      `${f} › SIP Summary!A11: found "one.five" as REF, expected a REF such as 1.1 (workstream number, dot, project number) [BadRef]`,
      `${f} › SIP Summary!B12: found an empty project title, expected the project’s name [ValueMissing]`,
    ]);
  });

  it('a sheet that is not there, naming the sheets that are', async () => {
    expect(await problemsFrom(() => trackerAt('data/sample/tracker.xlsx', 'Tracker'))).toEqual([
      'data/sample/tracker.xlsx: found no sheet named "Tracker", expected one of "SIP Summary" [SheetNotFound]',
    ]);
  });

  it('a CSV named as the tracker is read as a table, and says what it lacks', async () => {
    expect(await problemsFrom(() => trackerAt('data/sample/kpis.csv'))).toEqual([
      'data/sample/kpis.csv: found no header row in the first 30 rows, expected a row holding a project column (Project, Workstream Detail, Project Title, Project Name) and at least one other known column [HeaderNotFound]',
    ]);
  });
});

describe('projects that are over, under a heading that says so', () => {
  /** The plan, then a second table under it (its header repeated), as officers keep finished projects. */
  async function workbook(closedHeading: string, sheets: Record<string, (string | undefined)[][]> = {}): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tracker');
    ws.getRow(1).values = ['Improvement plan tracker'];
    ws.getRow(3).values = ['REF', 'Project', 'Lead', 'RAG', 'Commentary'];
    ws.getRow(4).values = ['1 Workforce'];
    ws.getRow(5).values = ['1.1', 'Recruitment campaign', 'AB', 'Green', 'On track'];
    ws.getRow(6).values = ['1.2', 'Training programme', 'AB', 'Amber', 'Late'];
    ws.getRow(7).values = ['2 Practice'];
    ws.getRow(8).values = ['2.1', 'Case audits', 'CD', 'Red', 'Behind'];
    ws.getRow(11).values = [closedHeading];
    ws.getRow(12).values = ['REF', 'Project', 'Lead', 'RAG', 'Commentary'];
    ws.getRow(13).values = ['1.3', 'Pilot of new rota', 'AB', 'Complete', 'Closed in March'];
    ws.getRow(14).values = ['2.2', 'Practice standards', 'CD', 'Complete', 'Closed in April'];
    for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('a second table of closed projects is read as a workstream, and said, naming its heading and how many', async () => {
    const { plan, warnings } = await readTracker(handleFromBytes(await workbook('Closed projects'), 'tracker.xlsx'), { asAt: '2017-02-24' });
    expect(plan.workstreams.map((w) => [w.number, w.title, w.projects.map((p) => p.ref).join(' ')])).toEqual([
      ['1', 'Workforce', '1.1 1.2'],
      ['2', 'Practice', '2.1'],
      ['3', 'Closed projects', '1.3 2.2'],
    ]);
    expect(warnings.map(formatProblem)).toEqual([
      'tracker.xlsx › Tracker!A11: found a heading "Closed projects" over 2 projects, which are read as a workstream of the plan like the others: the paper shows them and counts their ratings [ClosedProjectsRead]',
    ]);
  });

  it('so is a numbered one, and a tab of them read with the others (sheets: all)', async () => {
    const tab = [['REF', 'Project', 'Lead', 'RAG'], ['9.1', 'Old helpline', 'EF', 'Complete']];
    const { warnings } = await readTracker(handleFromBytes(await workbook('3 Completed projects', { Archive: tab }), 'tracker.xlsx'), { asAt: '2017-02-24', sheets: 'all' });
    expect(warnings.map(formatProblem)).toEqual([
      'tracker.xlsx › Tracker!A11: found a heading "Completed projects" over 2 projects, which are read as a workstream of the plan like the others: the paper shows them and counts their ratings [ClosedProjectsRead]',
      'tracker.xlsx › Archive!A1: found a heading "Archive" over 1 project, which is read as a workstream of the plan like the others: the paper shows it and counts its rating [ClosedProjectsRead]',
    ]);
  });

  it('a heading that says nothing of the kind gives no warning', async () => {
    const { plan, warnings } = await readTracker(handleFromBytes(await workbook('Early help'), 'tracker.xlsx'), { asAt: '2017-02-24' });
    expect(plan.workstreams.map((w) => w.title)).toEqual(['Workforce', 'Practice', 'Early help']);
    expect(warnings).toEqual([]);
  });
});
