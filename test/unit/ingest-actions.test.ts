import { describe, expect, it } from 'vitest';
import { readActionPlan, readOutcomesMap, readRecommendations, recommendationNumbers } from '../../src/ingest/index.js';
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
      'actions.csv › D5: found "Purple", expected a RAG rating (R, A, G, B or Red, Amber, Green, Blue, Complete) [UnknownRating]',
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
