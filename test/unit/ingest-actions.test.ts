import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { handleFromBytes, readActionPlan, readOutcomesMap, readRecommendations, recommendationNumbers } from '../../src/ingest/index.js';
import { formatProblem } from '../../src/errors.js';
import { DEFAULT_RULES, periodEnds } from '../../src/model/index.js';
import { makeCalendar, scoreActions } from '../../src/score/index.js';
import { fileHandle, problemsFrom, textHandle } from '../helpers/read.js';

const asAt = '2017-02-24';

describe('the sample action plan (merged recommendation rows, deadlines in every form)', () => {
  it('reads each action under its recommendation', async () => {
    const plan = await readActionPlan(fileHandle('data/sample/action-plan.xlsx'), { sheet: 'Action Plan', asAt, columns: { status: ['RAG'] } });
    expect(plan.actions).toHaveLength(17);
    expect(plan.actions.map((a) => `${a.recommendation}:${a.no}`).slice(0, 4)).toEqual(['1:1.01', '1:1.02', '2:2.01', '2:2.02']);
    expect(plan.source).toMatchObject({ file: 'data/sample/action-plan.xlsx', sheet: 'Action Plan' });
  });

  it('keeps dates as dates and free-text deadlines as states', async () => {
    const plan = await readActionPlan(fileHandle('data/sample/action-plan.xlsx'), { sheet: 'Action Plan', asAt, columns: { status: ['RAG'] } });
    const d = Object.fromEntries(plan.actions.map((a) => [a.no, a.deadline]));
    expect(d['1.01']).toEqual({ text: 'Completed', state: 'complete' });
    expect(d['1.02']).toEqual({ text: 'March 2017', date: '2017-03-31' });
    expect(d['2.01']).toEqual({ text: '10/04/2017', date: '2017-04-10' }); // a real date cell
    expect(d['2.02']).toEqual({ text: '31/03/2017', date: '2017-03-31' });
    expect(d['3.01']).toEqual({ text: 'October2017', date: '2017-10-31' });
    expect(d['3.02']).toEqual({ text: 'Ongoing', state: 'ongoing' });
    expect(d['4.01']).toEqual({ text: 'In progress', state: 'in progress' });
    expect(d['4.02']).toEqual({ text: 'TBC', state: 'to be confirmed' });
    expect(d['8.02']).toEqual({ text: 'Depended upon above', state: 'dependent' });
    expect(d['5.01']).toEqual({ text: '09 Jan 2017', date: '2017-01-09' });
    const byNo = Object.fromEntries(plan.actions.map((a) => [a.no, a]));
    expect(byNo['1.01']!.statedStatus).toBe('blue');
    expect(byNo['8.02']!.statedStatus).toBeUndefined();
    expect(byNo['5.01']!.source.deadline).toEqual({ file: 'data/sample/action-plan.xlsx', sheet: 'Action Plan', cell: 'D17' });
  });

  it('reports bad deadlines, an ambiguous year and a duplicate No, all at once', async () => {
    const csv = [
      'No,Action,Deadline,Status',
      '1.01,Do a thing,soon,G',
      '1.02,Do another,03/04/17,A',
      '1.01,Again,31/03/2017,G',
      '1.03,Fourth,31/02/2017,Purple',
    ].join('\r\n');
    expect(await problemsFrom(() => readActionPlan(textHandle(csv, 'actions.csv'), { asAt }))).toEqual([
      'actions.csv › C2: found "soon" as deadline, expected a date (31/03/2017, 31 Mar 2017, March 2017) or a state (Completed, In progress, Ongoing, TBC, Dependent on …) [BadDate]',
      'actions.csv › C3: found "03/04/17" as deadline, expected a four-digit year (dd/mm/yyyy): a two-digit year is read only when the config sets dates.twoDigitYears [AmbiguousDate]',
      'actions.csv › A4: found action No "1.01" again (first at A2), expected each once [DuplicateKey]',
      'actions.csv › C5: found "31/02/2017" as deadline, expected a date (31/03/2017, 31 Mar 2017, March 2017) or a state (Completed, In progress, Ongoing, TBC, Dependent on …) [BadDate]',
      'actions.csv › D5: found "Purple", expected a RAG rating (R, A, G, B; Red, Amber, Green, Blue, Complete; On track, At risk, Off track) or a state of progress (Not started, In progress, On hold, Done) [UnknownRating]',
    ]);
  });
});

describe('an action plan as councils keep it (seed 001): one number over several lines, deadlines in words', () => {
  const csv = [
    'Subject,Lead,No,Summary,Actions,Deadline,Responsible,What does good look like?,Progress to date',
    'Recommendation 1: early help,MK,1.01,Strategy and plan,Write a strategy for early help,February 2018,Head of Early Help,,Drafted',
    ',,,,Agree an outcomes framework with partners,February 2018,,,',
    ',,1.02,Engage partners,Link with head teachers,October 2017,,Partners understand thresholds,',
    ',,1.02,,Link with health,September 2017,Health lead,,',
    ',,1.03,Thresholds,Roll out workshops,First phase August 2017,Head of Front Door,,Workshops started',
    ',,1.04,Champions,Train the champions,Phase One Completed Refresher Training September 2017,Systems lead,,Champions trained',
    ',,1.05,Corporate parenting,Share the pledge,September 2017,Head of Service,,To be launched at full council on 21 Sept Completed',
    ',,1.06,Forms,Mobile working,September 2017,Systems lead,,Initial meeting held to complete checked out forms within teams',
  ].join('\r\n');
  const read = () => readActionPlan(textHandle(csv, 'plan.csv'), { asAt: '2017-10-10' });

  it('makes one action of the lines under one number, blank or repeated, the responsible officer carried down', async () => {
    const plan = await read();
    expect(plan.actions.map((a) => [a.no, a.lines.length])).toEqual([['1.01', 2], ['1.02', 2], ['1.03', 1], ['1.04', 1], ['1.05', 1], ['1.06', 1]]);
    const [first, second] = plan.actions;
    expect(first!.lines.map((l) => [l.action, l.responsible, l.source.row.cell])).toEqual([
      ['Write a strategy for early help', 'Head of Early Help', 'C2'],
      ['Agree an outcomes framework with partners', 'Head of Early Help', 'C3'],
    ]);
    expect(second!.lines.map((l) => [l.action, l.deadline.date, l.responsible])).toEqual([
      ['Link with head teachers', '2017-10-31', ''],
      ['Link with health', '2017-09-30', 'Health lead'],
    ]);
    expect(plan.actions.every((a) => a.recommendation === '1')).toBe(true);
  });

  it('reads a deadline naming a month among other words as that month, with a warning that says how', async () => {
    const plan = await read();
    const byNo = Object.fromEntries(plan.actions.map((a) => [a.no, a]));
    expect(byNo['1.03']!.deadline).toEqual({ text: 'First phase August 2017', date: '2017-08-31', fromWords: true });
    expect(byNo['1.04']!.deadline).toEqual({ text: 'Phase One Completed Refresher Training September 2017', date: '2017-09-30', fromWords: true });
    expect(plan.warnings.map(formatProblem)).toEqual([
      'plan.csv › F6: found "First phase August 2017" as deadline, not a date or a state; read it as 31 August 2017, the end of the month it names [DeadlineReadAsMonth]',
      'plan.csv › F7: found "Phase One Completed Refresher Training September 2017" as deadline, not a date or a state; read it as 30 September 2017, the end of the month it names; it says part of the action is complete (“Phase One Completed”), so the action is rated on that date [DeadlineReadAsMonth]',
    ]);
  });

  it('rates a line complete when its progress says so, not when it merely holds the word', async () => {
    const plan = await read();
    const scored = scoreActions(plan.actions, '2017-10-10', makeCalendar(DEFAULT_RULES.workingDays), DEFAULT_RULES.actions);
    const byNo = Object.fromEntries(scored.actions.map((a) => [a.action.no, a]));
    expect(byNo['1.05']!.rating.status).toBe('blue');
    expect(byNo['1.06']!.rating.status).toBe('red');
    expect(byNo['1.02']!.rating.reason).toContain('line 2 of 2, “Link with health”');
    expect(scored.tally).toMatchObject({ total: 6, complete: 1, overdue: 4 }); // 1.02 (its second line), 1.03, 1.04, 1.06
  });

  it('still says a line with no number and no action above it is missing its number', async () => {
    const bad = ['No,Action,Deadline', ',Orphan line,March 2017', '1.01,Real action,March 2017'].join('\r\n');
    expect(await problemsFrom(() => readActionPlan(textHandle(bad, 'plan.csv'), { asAt }))).toEqual([
      'plan.csv › A2: found an empty action No, expected a number such as 1.01 (a line with no number continues the action above it) [ValueMissing]',
    ]);
  });
});

describe('a deadline in a date cell that shows only its month ("Mar-17")', () => {
  it('is read as the month it shows, due at its end, as the words "March 2017" are; a cell showing its day keeps its day', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getRow(1).values = ['No', 'Action', 'Deadline', 'RAG'];
    const formats = ['mmm-yy', 'mmmm yyyy', 'mm/yyyy', '[$-809]mmm\\-yy', 'dd/mm/yyyy', 'd-mmm-yy', 'mmm-yy hh:mm'];
    formats.forEach((f, i) => {
      ws.getRow(i + 2).values = [`1.0${i + 1}`, `Action ${i + 1}`, new Date(Date.UTC(2017, 2, 1)), 'G'];
      ws.getCell(`C${i + 2}`).numFmt = f;
    });
    const plan = await readActionPlan(handleFromBytes(Buffer.from(await wb.xlsx.writeBuffer()), 'plan.xlsx'), { asAt: '2017-03-15' });
    expect(plan.actions.map((a) => [a.deadline.text, a.deadline.date])).toEqual([
      ['March 2017', '2017-03-31'],
      ['March 2017', '2017-03-31'],
      ['March 2017', '2017-03-31'],
      ['March 2017', '2017-03-31'],
      ['01/03/2017', '2017-03-01'],
      ['01/03/2017', '2017-03-01'],
      ['01/03/2017', '2017-03-01'],
    ]);
    expect(plan.warnings).toEqual([]);
    // As at 15 March, "Mar-17" is due this month, not a fortnight overdue.
    const scored = scoreActions(plan.actions.slice(0, 1), '2017-03-15', makeCalendar(DEFAULT_RULES.workingDays), DEFAULT_RULES.actions);
    expect(scored.actions[0]!.rating.reason).toContain('31 March 2017');
    expect(scored.tally.overdue).toBe(0);
  });
});

describe('deadlines written as a quarter, a financial year or a season, as plans write them', () => {
  const csv = [
    'No,Action,Deadline,RAG',
    '1.01,Recruit social workers,Q3 2017/18,G',
    '1.02,Review thresholds,2018/19 Quarter 1,A',
    '1.03,Publish the strategy,End of 2017/18,G',
    '1.04,Train the champions,Autumn 2017,G',
    '1.05,Audit with schools,Spring term 2018,G',
    '1.06,Pilot in June 2017 then roll out in Q2 2018/19,"Pilot June 2017, roll out Q2 2018/19",G',
    '1.07,Report to the board,Q3 2017,G',
  ].join('\r\n');

  it('reads each as the last day of the period, with a warning naming the period', async () => {
    // A quarter of a calendar year is not read: which year's third quarter?
    expect(await problemsFrom(() => readActionPlan(textHandle(csv, 'plan.csv'), { asAt: '2017-10-10' }))).toEqual([
      'plan.csv › C8: found "Q3 2017" as deadline, expected a date (31/03/2017, 31 Mar 2017, March 2017) or a state (Completed, In progress, Ongoing, TBC, Dependent on …) [BadDate]',
    ]);
    const good = await readActionPlan(textHandle(csv.split('\r\n').slice(0, -1).join('\r\n'), 'plan.csv'), { asAt: '2017-10-10' });
    expect(good.actions.map((a) => [a.no, a.deadline.date])).toEqual([
      ['1.01', '2017-12-31'],
      ['1.02', '2018-06-30'],
      ['1.03', '2018-03-31'],
      ['1.04', '2017-11-30'],
      ['1.05', '2018-03-31'],
      ['1.06', '2018-09-30'],
    ]);
    expect(good.warnings.map(formatProblem)).toEqual([
      'plan.csv › C2: found "Q3 2017/18" as deadline, not a date or a state; read it as 31 December 2017, the end of Q3 of the financial year 2017/18 (October to December 2017) [DeadlineReadAsPeriod]',
      'plan.csv › C3: found "2018/19 Quarter 1" as deadline, not a date or a state; read it as 30 June 2018, the end of Q1 of the financial year 2018/19 (April to June 2018) [DeadlineReadAsPeriod]',
      'plan.csv › C4: found "End of 2017/18" as deadline, not a date or a state; read it as 31 March 2018, the end of the financial year 2017/18 (April 2017 to March 2018) [DeadlineReadAsPeriod]',
      'plan.csv › C5: found "Autumn 2017" as deadline, not a date or a state; read it as 30 November 2017, the end of autumn 2017 (September to November) [DeadlineReadAsPeriod]',
      'plan.csv › C6: found "Spring term 2018" as deadline, not a date or a state; read it as 31 March 2018, the end of the spring term 2018 (January to March) [DeadlineReadAsPeriod]',
      'plan.csv › C7: found "Pilot June 2017, roll out Q2 2018/19" as deadline, not a date or a state; read it as 30 September 2018, the end of Q2 of the financial year 2018/19 (July to September 2018) [DeadlineReadAsPeriod]',
    ]);
  });

  it('reads the periods a text names, and not what only looks like one', () => {
    const ends = (t: string): string[] => periodEnds(t).map((p) => p.iso);
    expect(ends('Qtr 4 of FY 2017-18')).toEqual(['2018-03-31']);
    expect(ends('Q1 17/18')).toEqual(['2017-06-30']);
    expect(ends('2017-2018')).toEqual(['2018-03-31']);
    expect(ends('Winter 2017')).toEqual(['2018-02-28']);
    expect(ends('Summer term 2018')).toEqual(['2018-07-31']);
    expect(ends('by 2019/20, reviewed each 2018/19 quarter')).toEqual(['2020-03-31', '2019-03-31']);
    // A week named by its first day (as councils write a deadline): read as its last day.
    expect(ends('w/c 14/10/2024')).toEqual(['2024-10-20']);
    expect(ends('Week commencing 28th October 2024')).toEqual(['2024-11-03']);
    expect(ends('W/B 30.12.2024')).toEqual(['2025-01-05']);
    expect(periodEnds('w/c 14/10/2024')[0]!.period).toBe('the week commencing 14 October 2024 (to 20 October 2024)');
    for (const t of ['Q3 2017', '2017-03', '2017/19', '31/03/2017', 'Review 2017-03-31', 'w/c 31/02/2024']) expect(ends(t), t).toEqual([]);
  });
});

describe('words alone in the No column (a theme heading, a note under the plan)', () => {
  it('are not an action: each is named (HeadingNotRead) and the actions around them are read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getRow(1).values = ['No', 'Action', 'Deadline', 'Responsible', 'Progress', 'Status'];
    ws.getRow(2).values = ['Theme: Leadership and governance'];
    ws.getRow(3).values = ['1.01', 'Write the strategy', 'March 2025', 'Head of Early Help', 'Drafted', 'G'];
    ws.getRow(4).values = ['1.02', 'Train the staff', 'June 2025', 'Head of Early Help', 'Not started', 'A'];
    ws.getRow(6).values = ['Note: deadlines as agreed at the Board'];
    const plan = await readActionPlan(handleFromBytes(Buffer.from(await wb.xlsx.writeBuffer()), 'plan.xlsx'), { asAt: '2025-01-10' });
    expect(plan.actions.map((a) => `${a.no} ${a.action}`)).toEqual(['1.01 Write the strategy', '1.02 Train the staff']);
    expect(plan.warnings.map(formatProblem)).toEqual([
      'plan.xlsx › Plan!A2: found "Theme: Leadership and governance" alone on its row in the No column: it is not an action number, so the row is read as a heading or a note between actions and is not printed [HeadingNotRead]',
      'plan.xlsx › Plan!A6: found "Note: deadlines as agreed at the Board" alone on its row in the No column: it is not an action number, so the row is read as a heading or a note between actions and is not printed [HeadingNotRead]',
    ]);
  });
});

describe('an action whose text runs on to the next row (typed there, or pasted from a Word table)', () => {
  it('carries the line above on, as a new line of its cell; after a blank row, the same text is a note, and said (NotesNotRead)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getRow(1).values = ['No', 'Action', 'Deadline', 'Responsible', 'Progress', 'Status'];
    ws.getRow(2).values = ['1.01', 'Write the early help strategy', 'March 2025', 'Head of Early Help', 'Drafted', 'G'];
    ws.getRow(3).values = [null, 'and publish it on the council website'];
    ws.getRow(4).values = [null, null, null, null, 'Second draft out for comment'];
    ws.getRow(5).values = ['1.02', 'Train the staff', 'June 2025', 'Head of Early Help', 'Not started', 'A'];
    ws.getRow(6).values = [null, 'Refresh the training', 'May 2026', null, null, 'G'];
    ws.getRow(7).values = [null, 'every year'];
    ws.getRow(9).values = [null, 'Updated by the PMO'];
    const plan = await readActionPlan(handleFromBytes(Buffer.from(await wb.xlsx.writeBuffer()), 'plan.xlsx'), { asAt: '2025-01-10' });
    expect(plan.actions.map((a) => [a.no, a.action, a.progress, a.lines.map((l) => [l.action, l.deadline.text, l.progress])])).toEqual([
      ['1.01', 'Write the early help strategy\nand publish it on the council website', 'Drafted\nSecond draft out for comment', [['Write the early help strategy\nand publish it on the council website', 'March 2025', 'Drafted\nSecond draft out for comment']]],
      ['1.02', 'Train the staff', 'Not started', [['Train the staff', 'June 2025', 'Not started'], ['Refresh the training\nevery year', 'May 2026', '']]],
    ]);
    expect(plan.warnings.map(formatProblem)).toEqual([
      `plan.xlsx › Plan!B9: found a row holding only one text and under no action's line (B9 "Updated by the PMO"), so it is read as a note or a heading and not printed [NotesNotRead]`,
    ]);
  });
});

describe('the outcomes map and recommendations', () => {
  it('carries each outcome down to its measures', async () => {
    const map = await readOutcomesMap(fileHandle('data/sample/outcomes.csv'));
    expect(map.outcomes).toHaveLength(8);
    const first = map.outcomes[0]!;
    expect(first.number).toBe('1');
    expect(first.title).toBe('A stable, skilled workforce with manageable caseloads');
    expect(first.measures.map((m) => m.text)).toEqual(['WF01', 'WF02', 'WF03', 'WF04']);
    expect(first.recommendations.map((r) => r.number)).toEqual(['2']);
    expect(map.outcomes[4]!.recommendations.map((r) => r.number)).toEqual(['3', '9', '11']);
  });
  it('reads a long-form map: the outcome on every row, its number in a column, recommendations as "2; 4; 9"', async () => {
    const csv = [
      'Outcome No,Outcome,Measure Name,Recommendation Nos',
      '1,Children are safe at home,Re-referrals within 12 months,2; 4; 9',
      '1,Children are safe at home,Child protection plans lasting 2 years or more,2; 4; 9',
      '2,Care leavers thrive,Care leavers in education or work,11 and 12',
      '2,Care leavers thrive,Care leavers in suitable accommodation,"11, 12"',
    ].join('\r\n');
    const map = await readOutcomesMap(textHandle(csv, 'outcomes.csv'));
    expect(map.outcomes.map((o) => [o.number, o.title, o.measures.map((m) => m.text), o.recommendations.map((r) => r.number)])).toEqual([
      ['1', 'Children are safe at home', ['Re-referrals within 12 months', 'Child protection plans lasting 2 years or more'], ['2', '4', '9']],
      ['2', 'Care leavers thrive', ['Care leavers in education or work', 'Care leavers in suitable accommodation'], ['11', '12']],
    ]);
  });
  it('reads the outcome on its first row only, or the same outcome repeated without a number column, as one outcome', async () => {
    const csv = ['Outcome,Measure,Recommendations', 'Safe at home,CP01,2', ',CP02,', 'Safe at home,CP03,4', 'Thriving care leavers,CL01,11'].join('\r\n');
    const map = await readOutcomesMap(textHandle(csv, 'outcomes.csv'));
    expect(map.outcomes.map((o) => [o.title, o.measures.map((m) => m.text).join(' '), o.recommendations.map((r) => r.number).join(' ')])).toEqual([
      ['Safe at home', 'CP01 CP02 CP03', '2 4'],
      ['Thriving care leavers', 'CL01', '11'],
    ]);
  });
  it('reads recommendation numbers however a cell writes them', () => {
    expect(recommendationNumbers('2, 4 and 9')).toEqual(['2', '4', '9']);
    expect(recommendationNumbers('2. Implement the workforce strategy by 2018')).toEqual(['2']);
    expect(recommendationNumbers('')).toEqual([]);
  });
  it('reads the recommendations list', async () => {
    const list = await readRecommendations(fileHandle('data/sample/recommendations.csv'));
    expect(list.recommendations).toHaveLength(13);
    expect(list.recommendations[11]).toMatchObject({ number: '12', origin: 'Inspection report, December 2016' });
    expect(list.recommendations[12]).toMatchObject({ number: '13', origin: 'Safeguarding Children Board review, January 2017' });
  });
});
