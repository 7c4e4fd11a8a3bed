/**
 * Plans on a page and workbooks of several sheets, as councils keep them (seed 003's shape): no REF column,
 * a sheet a plan, the state only as a cell's fill (RGB, legacy palette or theme colour with a tint), a
 * legend above or under the table that may define the colours, projects merged down, "By Nov 19"
 * milestones. The example workbook was saved by LibreOffice Calc; the small ones are built here.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { DEFAULT_THEME, fillOf, themeColours, tinted } from '../../src/ingest/fills.js';
import { readTracker, type TrackerOptions } from '../../src/ingest/index.js';
import { monthYearAtEnd } from '../../src/model/index.js';
import { EXTRACT_DATE, PLANS } from '../../scripts/example-plans-on-a-page.js';
import { fileHandle, problemsFrom, textHandle } from '../helpers/read.js';

type Fill = { argb: string } | { theme: number; tint?: number } | { indexed: number };
const solid = (fg: Fill): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: fg as ExcelJS.Color });

async function workbook(build: (wb: ExcelJS.Workbook) => void, name = 'plan.xlsx'): Promise<ReturnType<typeof textHandle>> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return textHandle(Buffer.from(await wb.xlsx.writeBuffer()), name);
}

const read = (handle: ReturnType<typeof textHandle>, options: Partial<TrackerOptions> = {}) => readTracker(handle, { asAt: '2020-02-05', ...options });

describe('the plans-on-a-page example, saved by LibreOffice Calc', () => {
  const plans = () => read(fileHandle('examples/plans-on-a-page/plans.xlsx'), { sheets: 'all' });

  it('reads each sheet as a workstream named by its title row, never the lead or legend above it', async () => {
    const { plan, warnings } = await plans();
    expect(warnings).toEqual([]);
    expect(plan.workstreams.map((w) => w.title)).toEqual(PLANS.map((p) => p.title));
    expect(plan.title).toBe(''); // several plans: none names the whole
    expect(plan.source.sheet).toBe(PLANS.map((p) => p.sheet).join(', '));
  });

  it('makes refs per sheet (and says so), one project per merged block, the legend rows never projects', async () => {
    const { plan } = await plans();
    expect(plan.workstreams.map((w) => w.projects.map((p) => p.ref))).toEqual(PLANS.map((p, s) => p.projects.map((_, i) => `${s + 1}.${i + 1}`)));
    expect(plan.refsMade).toMatch(/no REF column/);
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => p.title))).toEqual(PLANS.flatMap((p) => p.projects.map((x) => x.project)));
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => [p.outcome, p.measure]))).toEqual(PLANS.flatMap((p) => p.projects.map((x) => [x.outcome, x.measure])));
  });

  it('reads each milestone’s state from its fill, against the plan’s own legend (purple "Completed" on Front Door)', async () => {
    const { plan } = await plans();
    const states = plan.workstreams.map((w) => w.projects.map((p) => p.milestones.flatMap((m) => m.milestones.map((x) => x.status))));
    expect(states).toEqual(PLANS.map((p) => p.projects.map((x) => x.milestones.map((m) => m[1]))));
    expect(PLANS.find((p) => p.sheet === 'Front Door')!.completedColour).toBe('7030A0');
    expect(states[1]!.flat()).toContain('blue');
  });

  it('takes the extract’s date from the "Milestone (RAG) - 21/01/20" header and each milestone’s month from its words', async () => {
    const { plan } = await plans();
    expect(plan.footerAsAt).toBe(EXTRACT_DATE);
    const first = plan.workstreams[0]!.projects[0]!.milestones.flatMap((m) => m.milestones);
    expect(first.map((m) => [m.when, m.due])).toEqual([
      ['By Nov 19', '2019-11-30'],
      ['By Dec 19', '2019-12-31'],
      ['By Mar 20', '2020-03-31'],
    ]);
  });
});

describe('a month and a two-digit year at the end of a milestone', () => {
  it('"Feb 20", "By Apr 20", "Apr 20 – Oct 20" in a 2020 plan are in 2020; "Dec 99" in a 2000 plan is 1999', () => {
    expect(monthYearAtEnd('Report agreed Feb 20', '2020-01-21')?.iso).toBe('2020-02-29');
    expect(monthYearAtEnd('Screening decisions audited By Apr 20', '2020-01-21')).toMatchObject({ iso: '2020-04-30', words: 'Apr 20' });
    expect(monthYearAtEnd('Pilot in two teams Apr 20 – Oct 20', '2020-01-21')?.iso).toBe('2020-10-31');
    expect(monthYearAtEnd('Year end Dec 99', '2000-01-10')?.iso).toBe('1999-12-31');
    expect(monthYearAtEnd('Guidance published September 2019', '2020-01-21')?.iso).toBe('2019-09-30');
    expect(monthYearAtEnd('Case recording shows the main worker', '2020-01-21')).toBeUndefined();
    expect(monthYearAtEnd('Review in Mar 45', '2020-01-21')).toBeUndefined(); // 2045: too far from the plan to be its year
  });
});

describe('fill colours however the workbook stores them', () => {
  // Excel rounds in its own HLS scale; one step in a channel is no difference a rating could turn on.
  const near = (hex: string, want: string): void => {
    const ch = (h: string): number[] => [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
    const [a, b] = [ch(hex), ch(want)];
    expect(a.map((v, i) => Math.abs(v - b[i]!)).every((d) => d <= 1), `${hex} near ${want}`).toBe(true);
  };
  it('lightens and darkens a theme colour as Excel’s picker does', () => {
    near(tinted('70AD47', 0.3999755851924192), 'A9D08E'); // Green, Accent 6, Lighter 40%
    near(tinted('70AD47', -0.249977111117893), '548235'); // Green, Accent 6, Darker 25%
    near(tinted('FFC000', 0.7999816888943144), 'FFF2CC'); // Gold, Accent 4, Lighter 80%
    expect(tinted('FFC000', 0)).toBe('FFC000');
  });
  it('reads the workbook’s own theme, and falls back to Office’s for a theme it cannot read', () => {
    const office2013 = '<a:theme><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="5B9BD5"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="4472C4"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme></a:themeElements></a:theme>';
    const theme = themeColours(office2013)!;
    expect(theme.slice(4, 10)).toEqual(['5B9BD5', 'ED7D31', 'A5A5A5', 'FFC000', '4472C4', '70AD47']);
    expect(theme[0]).toBe('FFFFFF');
    expect(themeColours('<a:theme/>')).toBeUndefined();
    const cell = (fg: Fill) => ({ fill: solid(fg) }) as unknown as ExcelJS.Cell;
    expect(fillOf(cell({ theme: 9 }), theme)).toBe('70AD47');
    near(fillOf(cell({ theme: 9, tint: 0.3999755851924192 }), theme)!, 'A9D08E');
    expect(fillOf(cell({ theme: 9 }))).toBe(DEFAULT_THEME[9]);
    expect(fillOf(cell({ indexed: 10 }))).toBe('FF0000');
    expect(fillOf(cell({ indexed: 64 }))).toBeUndefined(); // the "system" colour: no fill a person sees
    expect(fillOf(cell({ argb: 'FF00B050' }))).toBe('00B050');
  });

  it('rates a tracker whose RAG is only theme and palette fills, resolved against the workbook’s theme', async () => {
    // exceljs writes Office 2007's theme: accent3 is green 9BBB59, accent2 red C0504D.
    const handle = await workbook((wb) => {
      const ws = wb.addWorksheet('Tracker');
      ws.addRow(['REF', 'Project', 'RAG', 'Commentary']);
      const fills: Fill[] = [{ theme: 6 }, { theme: 5 }, { indexed: 10 }, { indexed: 51 }, { argb: 'FF00B050' }];
      fills.forEach((f, i) => {
        const row = ws.addRow([`1.${i + 1}`, `Project ${i + 1}`, '', '']);
        row.getCell(3).fill = solid(f);
      });
    });
    const { plan } = await read(handle);
    // A list with no workstream heading rows is one workstream, untitled (the paper heads it "Projects").
    expect(plan.workstreams.map((w) => [w.number, w.title])).toEqual([['1', '']]);
    expect(plan.workstreams[0]!.projects.map((p) => [p.ref, p.statedStatus, p.ratedBy])).toEqual([
      ['1.1', 'green', 'fill'],
      ['1.2', 'red', 'fill'],
      ['1.3', 'red', 'fill'],
      ['1.4', 'amber', 'fill'],
      ['1.5', 'green', 'fill'],
    ]);
  });
});

describe('a plan on a page built as officers build one', () => {
  /** Title, lead, header, two projects merged down, a legend under the table defining its own colours. */
  const page = (ws: ExcelJS.Worksheet, opts: { completed: string; title: string }): void => {
    ws.addRow([opts.title]);
    ws.addRow(['Lead: Head of Service']);
    ws.addRow([]);
    ws.addRow(['Child Outcome', 'Project', 'Milestone (RAG) - 21/01/20', 'Measure']);
    const rows: [string, string, string, string][] = [
      ['You feel safe', 'Front door redesign', 'Screening guidance agreed By Nov 19', opts.completed],
      ['', '', 'New screening team in place By Dec 19', 'FF0000'],
      ['', '', 'Every contact decided within a day By Apr 20', 'FFC000'],
      ['You are heard', 'Feedback from families', 'Survey launched By Sep 19', opts.completed],
      ['', '', 'Findings to the panel By Mar 20', '00B050'],
    ];
    for (const [o, p, m, colour] of rows) ws.addRow([o, p, m, o ? 'A measure' : '']).getCell(3).fill = solid({ argb: `FF${colour}` });
    ws.mergeCells('A5:A7');
    ws.mergeCells('B5:B7');
    ws.mergeCells('D5:D7');
    ws.mergeCells('A8:A9');
    ws.mergeCells('B8:B9');
    ws.addRow([]);
    const legend: [string, string][] = [[opts.completed, 'Completed'], ['00B050', 'On track/No Issues'], ['FFC000', 'Possibility of Missing Deadlines/Minor Issues'], ['FF0000', 'Missed Deadline/Major Issues']];
    const row = ws.addRow(legend.flatMap(([, label]) => ['', label]));
    legend.forEach(([colour], i) => (row.getCell(1 + i * 2).fill = solid({ argb: `FF${colour}` })));
  };

  it('a legend under the table defines "Completed" as purple: purple cells are completed, the legend is no project', async () => {
    const handle = await workbook((wb) => page(wb.addWorksheet('Front Door'), { completed: '7030A0', title: 'Family Front Door' }));
    const { plan, warnings } = await read(handle);
    expect(warnings).toEqual([]);
    const projects = plan.workstreams.flatMap((w) => w.projects);
    expect(projects.map((p) => [p.ref, p.title])).toEqual([
      ['1.1', 'Front door redesign'],
      ['1.2', 'Feedback from families'],
    ]);
    expect(projects.map((p) => p.milestones.flatMap((m) => m.milestones.map((x) => [x.when, x.status])))).toEqual([
      [
        ['By Nov 19', 'blue'],
        ['By Dec 19', 'red'],
        ['By Apr 20', 'amber'],
      ],
      [
        ['By Sep 19', 'blue'],
        ['By Mar 20', 'green'],
      ],
    ]);
    expect(projects.map((p) => p.statedStatus)).toEqual(['red', 'green']); // the worst milestone not yet completed
    expect(plan.footerAsAt).toBe('2020-01-21');
    expect(plan.title).toBe('Family Front Door');
  });

  it('sheets: all skips a sheet that is not a plan, and says so', async () => {
    const handle = await workbook((wb) => {
      wb.addWorksheet('Notes').addRow(['Updated monthly by the performance team']);
      page(wb.addWorksheet('Front Door'), { completed: '00B0F0', title: 'Family Front Door' });
    });
    const { plan, warnings } = await read(handle, { sheets: 'all' });
    expect(plan.workstreams.map((w) => [w.number, w.title, w.projects.length])).toEqual([['1', 'Family Front Door', 2]]);
    expect(warnings.map(formatProblem)).toEqual([
      'plan.xlsx › Notes: found no tracker header on sheet "Notes" (a row naming a project column and another known column), so it is not read [SheetSkipped]',
    ]);
  });

  it('sheets: all with no plan on any sheet is an error, not an empty paper', async () => {
    const handle = await workbook((wb) => {
      wb.addWorksheet('Notes').addRow(['Updated monthly']);
      wb.addWorksheet('Contacts').addRow(['Performance team', '01632 960 000']);
    });
    expect(await problemsFrom(() => read(handle, { sheets: 'all' }))).toEqual([
      'plan.xlsx: found no projects on any sheet (none has a tracker header), expected at least one [NoProjects]',
    ]);
  });
});

describe('a tracker with the months row repeated where the printed sheet breaks', () => {
  it('skips the repeated months row and the repeated header, and reads the projects under them', async () => {
    const handle = await workbook((wb) => {
      const ws = wb.addWorksheet('SIP');
      ws.addRow(['REF', 'Project', 'RAG', 'Commentary', 'Next key milestones']);
      ws.addRow(['', '', '', '', 'March', 'April']);
      ws.addRow(['1.1', 'Workforce plan', 'G', '', '09 Mar - Plan launched', '10 Apr - Pages live']);
      ws.addRow(['REF', 'Project', 'RAG', 'Commentary', 'Next key milestones']);
      ws.addRow(['', '', '', '', 'March', 'April']);
      ws.addRow(['1.2', 'Recruitment', 'A', 'Late', '21 Mar - Campaign launched', '']);
    });
    const { plan, warnings } = await read(handle, { asAt: '2017-02-24' });
    expect(warnings).toEqual([]);
    expect(plan.months).toEqual(['March', 'April']);
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => [p.ref, p.statedStatus]))).toEqual([
      ['1.1', 'green'],
      ['1.2', 'amber'],
    ]);
  });
});

describe('workstream heading rows', () => {
  it('a project above the first of several headings is still a mistake, named by its cell', async () => {
    const handle = await workbook((wb) => {
      const ws = wb.addWorksheet('SIP');
      ws.addRow(['REF', 'Project', 'RAG']);
      ws.addRow(['1.1', 'Workforce plan', 'G']);
      ws.addRow(['2 Improve Our Practice', '', '']);
      ws.addRow(['2.1', 'Practice standards', 'A']);
    });
    expect(await problemsFrom(() => read(handle))).toEqual([
      'plan.xlsx › SIP!A2: found project "1.1" above the first workstream heading, expected a workstream heading row first [RefOutsideWorkstream]',
    ]);
  });
});
