import { describe, expect, it } from 'vitest';
import { headerKey, monthOfHeader, parseStatus, splitMilestones, tidy, PLAN_ON_A_PAGE } from '../../src/model/index.js';

describe('parseStatus', () => {
  it.each([
    ['R', 'red'], ['r', 'red'], ['Red', 'red'], [' RED ', 'red'],
    ['A', 'amber'], ['Amber', 'amber'], ['G', 'green'], ['green', 'green'],
    ['B', 'blue'], ['Blue', 'blue'], ['Complete', 'blue'], ['Completed', 'blue'],
    ['\u00a0G\u00a0', 'green'],
  ])('reads %j as %s', (text, status) => {
    expect(parseStatus(text)).toBe(status);
  });
  it('gives null for a blank cell and undefined for anything else', () => {
    expect(parseStatus('')).toBeNull();
    expect(parseStatus('   ')).toBeNull();
    expect(parseStatus('Amberish')).toBeUndefined();
    expect(parseStatus('R/A')).toBeUndefined();
  });
  it('reads the everyday on track / at risk / off track among the default labels, and no progress word as a rating', () => {
    expect(['On track', 'At risk', 'OFF TRACK', 'Off  track'].map((t) => parseStatus(t, PLAN_ON_A_PAGE))).toEqual(['green', 'amber', 'red', 'red']);
    expect(['Not started', 'In progress'].map((t) => parseStatus(t, PLAN_ON_A_PAGE))).toEqual([undefined, undefined]);
  });
});

describe('tidy', () => {
  it('turns non-breaking spaces into spaces, collapses runs and trims', () => {
    expect(tidy('\u00a0Social\u00a0 Work  Plan ')).toBe('Social Work Plan');
    expect(tidy('line one \r\n  line two')).toBe('line one\nline two');
  });
});

describe('splitMilestones', () => {
  it('splits several dated milestones written in one cell', () => {
    expect(splitMilestones('09 Mar - End to end meeting 21 Mar - Campaign launched\n10 Apr - Site live')).toEqual([
      { when: '09 Mar', what: 'End to end meeting' },
      { when: '21 Mar', what: 'Campaign launched' },
      { when: '10 Apr', what: 'Site live' },
    ]);
  });
  it('keeps TBC and undated text', () => {
    expect(splitMilestones('TBC - Scoping session')).toEqual([{ when: 'TBC', what: 'Scoping session' }]);
    expect(splitMilestones('Awaiting a date')).toEqual([{ when: '', what: 'Awaiting a date' }]);
    expect(splitMilestones('')).toEqual([]);
  });
});

describe('headers', () => {
  it('matches month headings however they are written', () => {
    expect(monthOfHeader('March')).toBe('March');
    expect(monthOfHeader('apr')).toBe('April');
    expect(monthOfHeader('Next key milestones – Sept')).toBe('September');
    expect(monthOfHeader('Commentary')).toBeUndefined();
  });
  it('normalises header text for matching', () => {
    expect(headerKey('  Ref\u00a0No. ')).toBe('ref no');
    expect(headerKey('RAG_Status')).toBe('rag status');
  });
});

describe('parseStatus with the plan-on-a-page labels (seed 003)', () => {
  it.each([
    ['On track/No issues', 'green'],
    ['On track / No issues', 'green'],
    ['Possibility of Missing Deadlines/Minor Issues', 'amber'],
    ['Missed Deadline/Major Issues', 'red'],
    ['Completed', 'blue'],
  ] as const)('%s → %s', (text, status) => {
    expect(parseStatus(text, PLAN_ON_A_PAGE)).toBe(status);
  });
  it('without the table they are not ratings', () => {
    expect(parseStatus('On track/No issues')).toBeUndefined();
  });
});
