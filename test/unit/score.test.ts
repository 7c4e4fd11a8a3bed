/**
 * Scoring rules, table by table, with the boundaries that decide a colour; then the sample.
 * Every rule is checked through its public function with plain values: score is pure.
 */
import { describe, expect, it } from 'vitest';
import type { Kpi, KpiValue, Milestone, Plan, Project, Status } from '../../src/model/index.js';
import { makeCalendar, rateAction, rateProject, rateValue, saysComplete, scoreKpis, scorePlan } from '../../src/score/index.js';
import { type Action, countRatings, DEFAULT_RULES, percentOf, ratedText, type KpiRules, type Rules } from '../../src/model/index.js';

const at = (cell: string) => ({ file: 't.xlsx', sheet: 'S', cell });
const rules: Rules = DEFAULT_RULES;
const cal = makeCalendar(rules.workingDays);

function project(ref: string, statedStatus: Status | undefined, extra: Partial<Project> = {}): Project {
  return { ref, title: `P ${ref}`, lead: '', statedStatus, ratedBy: 'text', commentary: '', milestones: [], source: { row: at('A1'), rating: at('D1'), commentary: at('E1') }, ...extra };
}
const CRITERIA = rules.projects.criteria.map((c) => c.name);
/** Criteria record from Y/N letters in the default order: scope, requirements, allocated, plan, pace. */
const criteria = (yn: string): Record<string, boolean | undefined> =>
  Object.fromEntries(CRITERIA.map((name, i) => [name, yn[i] === 'Y' ? true : yn[i] === 'N' ? false : undefined]));
const ms2 = (when: string, due: string, what = 'Step'): Milestone => ({ when, what, due });
const months = (...ms: Milestone[]): Project['milestones'] => [{ month: 'March', milestones: ms, source: at('F1') }];

describe('projects: the criteria rule (seed 000)', () => {
  it.each([
    ['YYYYY', 'green', 'all 5 criteria in place'],
    ['YYNYY', 'amber', '1 criterion not in place (resource allocated)'],
    ['YNNYY', 'red', '2 criteria not in place (clear resource requirements and resource allocated)'],
    ['YNNNN', 'red', '4 criteria not in place'],
    ['NYYYY', 'red', 'clear scope not in place (critical)'],
    ['NYYYN', 'red', 'clear scope not in place (critical), with ambitious delivery timescales'],
  ] as const)('%s → %s', (yn, status, words) => {
    const p = rateProject(project('1.1', undefined, { criteria: criteria(yn) }), '2017-02-24', rules.projects);
    expect(p.rating.status).toBe(status);
    expect(p.rating.reason).toContain(words);
  });
  it('is not applied when a criterion is not recorded', () => {
    const p = rateProject(project('1.1', 'green', { criteria: criteria('YY YY') }), '2017-02-24', rules.projects);
    expect(p.computed).toBeUndefined();
    expect(p.rating).toEqual({ status: 'green', reason: 'Green as stated in the tracker (t.xlsx › S!D1)' });
  });
  it('follows configured thresholds and critical criteria', () => {
    const strict = { ...rules.projects, missingForRed: 1, criteria: rules.projects.criteria.map((c) => ({ ...c, critical: false })) };
    expect(rateProject(project('1.1', undefined, { criteria: criteria('YYNYY') }), '2017-02-24', strict).rating.status).toBe('red');
    expect(rateProject(project('1.1', undefined, { criteria: criteria('NYYYY') }), '2017-02-24', { ...strict, missingForRed: 2 }).rating.status).toBe('amber');
  });
});

describe('projects: the milestone rule, as at the report date', () => {
  const ms = (when: string, due: string, what = 'Step'): Milestone => ({ when, what, due });
  it.each([
    ['none overdue: due on the as-at date itself', [ms('24 Feb', '2017-02-24')], 'green', 'no milestone overdue at 24 February 2017'],
    ['one overdue', [ms('23 Feb', '2017-02-23', 'Board')], 'amber', '1 milestone overdue at 24 February 2017 (“23 Feb – Board”)'],
    ['two overdue', [ms('01 Feb', '2017-02-01'), ms('23 Feb', '2017-02-23')], 'red', '2 milestones overdue'],
    ['marked done is not overdue', [ms('01 Feb', '2017-02-01', 'Board ✓'), ms('02 Feb', '2017-02-02', 'Plan (done)')], 'green', 'no milestone overdue'],
  ] as const)('%s', (_, list, status, words) => {
    const p = rateProject(project('1.1', undefined, { milestones: months(...list) }), '2017-02-24', rules.projects);
    expect(p.rating.status).toBe(status);
    expect(p.rating.reason).toContain(words);
  });
  it('takes the worse of the criteria and milestone rules', () => {
    const p = rateProject(project('1.1', undefined, { criteria: criteria('YYYYY'), milestones: months(ms('01 Feb', '2017-02-01'), ms('02 Feb', '2017-02-02')) }), '2017-02-24', rules.projects);
    expect(p.rating.status).toBe('red');
  });
});

describe('projects: stated and computed', () => {
  const where = 't.xlsx › S!D1';
  it('keeps the stated rating, shows both and flags the disagreement', () => {
    const p = rateProject(project('1.1', 'green', { criteria: criteria('YNNYY') }), '2017-02-24', rules.projects);
    expect(p.rating.status).toBe('green');
    expect(p.disagrees).toBe(true);
    expect(p.computed?.status).toBe('red');
    expect(p.rating.reason).toBe(`Green as stated in the tracker (${where}); the rules give Red: 2 criteria not in place (clear resource requirements and resource allocated)`);
  });
  it('says when stated and computed agree', () => {
    const p = rateProject(project('1.1', 'amber', { criteria: criteria('YYNYY') }), '2017-02-24', rules.projects);
    expect([p.disagrees, p.rating.reason]).toEqual([false, `Amber as stated in the tracker (${where}), as the rules give: 1 criterion not in place (resource allocated)`]);
  });
  it('does not list a stated amber the rules cannot confirm (no criteria, no milestone missed) as an exception', () => {
    const p = rateProject(project('1.1', 'amber', { milestones: months(ms2('09 Mar', '2017-03-09')) }), '2017-02-24', rules.projects);
    expect(p.disagrees).toBe(false);
    expect(p.rating).toEqual({ status: 'amber', reason: `Amber as stated in the tracker (${where}); the rules alone would give Green (no milestone overdue at 24 February 2017)` });
  });
  it('lists a stated green as an exception when a milestone was missed (optimism, on evidence)', () => {
    const p = rateProject(project('1.1', 'green', { milestones: months(ms2('01 Feb', '2017-02-01')) }), '2017-02-24', rules.projects);
    expect([p.disagrees, p.computed?.status]).toEqual([true, 'amber']);
  });
  it('judges milestones at the extract’s own date (its footer), not a later report date', () => {
    const plan: Plan = {
      title: 'Plan',
      months: ['March'],
      footerAsAt: '2017-02-24',
      source: { file: 't.xlsx', sheet: 'S', sha256: 'x', bytes: 1 },
      workstreams: [{ number: '1', title: 'W', source: at('A1'), projects: [project('1.1', 'green', { milestones: months(ms2('09 Mar', '2017-03-09')) })] }],
    };
    const later = scorePlan(plan, '2017-04-10', rules.projects).workstreams[0]!.projects[0]!;
    expect([later.computed?.status, later.disagrees]).toEqual(['green', false]);
    expect(later.computed?.reason).toContain('no milestone overdue at 24 February 2017');
    const noFooter = scorePlan({ ...plan, footerAsAt: undefined }, '2017-04-10', rules.projects).workstreams[0]!.projects[0]!;
    expect([noFooter.computed?.status, noFooter.disagrees]).toEqual(['amber', true]);
  });
  it('names the cell colour when the rating is shown only by it', () => {
    expect(rateProject({ ...project('3.1', 'red'), ratedBy: 'fill' }, '2017-02-24', rules.projects).rating).toEqual({
      status: 'red',
      reason: `Red shown by the RAG cell’s colour in the tracker (${where})`,
    });
  });
  it('uses the computed rating when none is stated, and grey when there is neither', () => {
    expect(rateProject(project('1.1', undefined, { criteria: criteria('YYNYY') }), '2017-02-24', rules.projects).rating.status).toBe('amber');
    expect(rateProject(project('1.1', undefined), '2017-02-24', rules.projects).rating).toEqual({
      status: 'grey',
      reason: `No data: the RAG cell is empty (${where}) and the tracker gives nothing to compute a rating from`,
    });
  });
  it('does not rate a completed project on its milestones', () => {
    const p = rateProject(project('1.1', 'blue', { milestones: months({ when: '01 Feb', what: 'x', due: '2017-02-01' }) }), '2017-02-24', rules.projects);
    expect([p.rating.status, p.disagrees]).toEqual(['blue', false]);
  });
});

function action(deadline: Action['deadline'], extra: Partial<Action> = {}): Action {
  const a: Omit<Action, 'lines'> = {
    no: '1.01',
    recommendation: '1',
    outcome: '',
    summary: '',
    action: 'Do it',
    deadline,
    responsible: '',
    successMeasure: '',
    progress: '',
    statedStatus: undefined,
    source: { row: at('A5'), deadline: at('D5'), status: undefined },
    ...extra,
  };
  return { ...a, lines: [a] };
}

describe('actions', () => {
  const a = rules.actions;
  it.each([
    ['complete, on time', action({ text: '31/03/2017', date: '2017-03-31' }, { completedOn: '2017-03-30' }), '2017-04-10', 'blue', 'Complete on 30 March 2017, by the deadline of 31 March 2017'],
    ['complete, late', action({ text: '31/03/2017', date: '2017-03-31' }, { completedOn: '2017-04-04' }), '2017-04-10', 'blue', 'Complete, late: completed on 4 April 2017, 2 working days after the deadline of 31 March 2017'],
    ['"Completed" in the deadline cell', action({ text: 'Completed', state: 'complete' }), '2017-04-10', 'blue', 'Complete'],
    ['no deadline', action({ text: '' }), '2017-04-10', 'grey', 'No data: no deadline set'],
    ['"Ongoing"', action({ text: 'Ongoing', state: 'ongoing' }), '2017-04-10', 'grey', 'Ongoing: the deadline “Ongoing” gives no date to rate against'],
    ['"TBC"', action({ text: 'TBC', state: 'to be confirmed' }), '2017-04-10', 'grey', 'To be confirmed (TBC)'],
    ['"Depended upon above"', action({ text: 'Depended upon above', state: 'dependent' }), '2030-01-01', 'grey', 'Dependent on another action'],
    ['overdue', action({ text: '09 Jan 2017', date: '2017-01-09' }), '2017-02-24', 'red', 'Red: overdue by 34 working days (deadline 9 January 2017, not complete at 24 February 2017)'],
    ['due within 20 working days, not on track', action({ text: '28 February 2017', date: '2017-02-28' }), '2017-02-24', 'amber', 'Amber: due in 2 working days (28 February 2017), within 20 working days, and not reported on track'],
    ['due within 20 working days, on track', action({ text: '28 February 2017', date: '2017-02-28' }, { progress: 'On track: standards drafted' }), '2017-02-24', 'green', 'Green: due in 2 working days (28 February 2017), reported on track'],
    ['due later', action({ text: 'October2017', date: '2017-10-31' }), '2017-02-24', 'green', 'Green: due in 172 working days (31 October 2017)'],
    ['"March 2018" as at 31 March 2018 is due today, not overdue', action({ text: 'March 2018', date: '2018-03-31' }), '2018-03-31', 'amber', 'due today, 31 March 2018'],
    ['"March 2018" as at 1 April 2018 is overdue', action({ text: 'March 2018', date: '2018-03-31' }), '2018-04-03', 'red', 'overdue by 1 working day'],
  ] as const)('%s → %s', (_, act, asAt, status, words) => {
    const r = rateAction(act, asAt, cal, a);
    expect(r.rating.status).toBe(status);
    expect(r.rating.reason).toContain(words);
  });
  it('reports an "Ongoing" deadline by the plan’s own RAG when it has one', () => {
    const r = rateAction(action({ text: 'Ongoing', state: 'ongoing' }, { statedStatus: 'green', source: { row: at('A5'), deadline: at('D5'), status: at('H5') } }), '2017-02-24', cal, a);
    expect(r.rating).toEqual({ status: 'green', reason: 'Green as stated in the action plan (t.xlsx › S!H5); the deadline “Ongoing” gives no date to rate against' });
  });
  it('flags a stated RAG that differs from the rules', () => {
    const r = rateAction(action({ text: '09 Jan 2017', date: '2017-01-09' }, { statedStatus: 'green', source: { row: at('A5'), deadline: at('D5'), status: at('H5') } }), '2017-02-24', cal, a);
    expect([r.rating.status, r.disagrees]).toEqual(['red', true]);
    expect(r.rating.reason).toContain('the action plan states Green (t.xlsx › S!H5)');
  });
  it('the due-soon window is configurable, and its edge is inside it', () => {
    // 2017-02-24 (Fri) + 20 working days = 2017-03-24 (no bank holidays in between).
    expect(rateAction(action({ text: '', date: '2017-03-24' }), '2017-02-24', cal, a).rating.status).toBe('amber');
    expect(rateAction(action({ text: '', date: '2017-03-27' }), '2017-02-24', cal, a).rating.status).toBe('green');
    expect(rateAction(action({ text: '', date: '2017-03-27' }), '2017-02-24', cal, { ...a, dueSoonWorkingDays: 21 }).rating.status).toBe('amber');
  });
  it('counts working days across a bank holiday (Easter 2017)', () => {
    // Deadline Thu 13 Apr 2017; as at Tue 18 Apr: Good Friday 14th and Easter Monday 17th are not working days.
    const r = rateAction(action({ text: '13/04/2017', date: '2017-04-13' }), '2017-04-18', cal, a);
    expect(r.rating.reason).toContain('overdue by 1 working day');
  });
});

describe('an action’s progress text: a statement that it is complete (seed 001)', () => {
  it.each([
    'Complete',
    'Completed',
    'Done',
    'Action completed.',
    'To be launched at full council on 21 Sept Completed',
    'Completed Will need to ensure plans have improved',
    'Complete. The panel has agreed its data requirements; it is still to confirm its information needs.',
    'Completed September 2017',
    'Guidance refreshed and republished. Completed',
  ])('“%s” says it is complete', (text) => expect(saysComplete(text)).toBe(true));
  it.each([
    'Initial meeting held to look at options, developing mobile forms to complete checked out forms within teams. Expanding opportunities to use the system out of office.',
    'Refresher training will be completed in September',
    'to be completed by March',
    'not yet complete',
    'Complete the audit of under-tens',
    'First dip sample completed',
    'Phase One Completed',
    'Analysis completed, on-going intelligence to be included in performance reports.',
    'New induction process completed, the lead to check if performance management has been included.',
    'Pilot to be completed by the end of November',
    'Awaiting sign-off before it is complete',
    '',
  ])('“%s” does not', (text) => expect(saysComplete(text)).toBe(false));
  it('makes a line complete unless its stated RAG says otherwise', () => {
    const past = { text: 'September 2017', date: '2017-09-30' };
    expect(rateAction(action(past, { progress: 'Completed' }), '2017-10-10', cal, rules.actions).rating.status).toBe('blue');
    expect(rateAction(action(past, { progress: 'Completed', statedStatus: 'green' }), '2017-10-10', cal, rules.actions).rating.status).toBe('blue');
    expect(rateAction(action(past, { progress: 'Completed', statedStatus: 'red' }), '2017-10-10', cal, rules.actions).rating.status).toBe('red');
  });
});

describe('an action over several lines (seed 001)', () => {
  const line = (deadline: Action['deadline'], extra: Partial<Action> = {}): Action => action(deadline, extra);
  const many = (...lines: Action[]): Action => ({ ...lines[0]!, lines });
  const oct = { text: 'October 2017', date: '2017-10-31' };
  const sep = { text: 'September 2017', date: '2017-09-30' };
  it('is rated by its worst line not yet complete, and says which', () => {
    const r = rateAction(many(line(oct, { action: 'Link with schools' }), line(sep, { action: 'Link with health' }), line(oct, { action: 'Link with providers', progress: 'Completed' })), '2017-10-10', cal, rules.actions);
    expect(r.rating.status).toBe('red');
    expect(r.decidedBy).toBe(1);
    expect(r.rating.reason).toBe('Red: overdue by 7 working days (deadline 30 September 2017, not complete at 10 October 2017) — line 2 of 3, “Link with health”; 1 of 3 lines complete');
    expect(r.lines.map((l) => l.rating.status)).toEqual(['amber', 'red', 'blue']);
  });
  it('is complete only when every line is', () => {
    const r = rateAction(many(line(sep, { progress: 'Complete' }), line(oct, { progress: 'Done' })), '2017-10-10', cal, rules.actions);
    expect(r.rating).toEqual({ status: 'blue', reason: 'Complete: all 2 lines' });
    const open = rateAction(many(line(sep, { progress: 'Complete' }), line({ text: 'March 2018', date: '2018-03-31' })), '2017-10-10', cal, rules.actions);
    expect(open.rating.status).toBe('green');
  });
});

const kpi = (extra: Partial<Kpi> = {}): Kpi => ({ id: 'K1', name: 'Measure', unit: 'percent', polarity: 'higher', target: 90, values: [], source: at('A2'), ...extra });
const value = (v: number | undefined, extra: Partial<KpiValue> = {}): KpiValue => ({ period: '2017-02', value: v, source: at('C9'), ...extra });
const kpiRules: KpiRules = rules.kpis;

describe('KPIs against target', () => {
  // Higher is better, target 90%, relative tolerance 5% → amber down to 85.5%.
  it.each([
    [92, 'green', 'Green: 92.0% in Feb 2017 against a target of 90.0% (+2.0 points, above target)'],
    [90, 'green', 'exactly on target'],
    [89.96, 'green', '(±0.0 points, exactly on target)'], // 89.96 prints as 90.0%: compared as printed
    [89.9, 'amber', 'Amber: 89.9% in Feb 2017 against a target of 90.0% (−0.1 points, within the 5% tolerance)'],
    [85.5, 'amber', '(−4.5 points, within the 5% tolerance)'], // exactly at the tolerance edge: amber by default
    [85.4, 'red', 'Red: 85.4% in Feb 2017 against a target of 90.0% (−4.6 points, beyond the 5% tolerance)'],
  ] as const)('higher is better: %s%% → %s', (v, status, words) => {
    const r = rateValue(kpi(), value(v), '2017-02', kpiRules);
    expect(r.status).toBe(status);
    expect(r.reason).toContain(words);
  });
  it('names a quarter’s or a year’s figure by its own name, in the rating and the direction of travel', () => {
    const [q2, q3] = [value(88, { period: '2016-09', label: 'Q2 2016/17' }), value(92, { period: '2016-12', label: 'Q3 2016/17' })];
    expect(rateValue(kpi(), q3, '2017-02', kpiRules).reason).toBe('Green: 92.0% in Q3 2016/17 against a target of 90.0% (+2.0 points, above target)');
    const [scored] = scoreKpis({ kpis: [kpi({ values: [q2, q3] })], source: { file: 'k.csv', sha256: '', bytes: 0 } }, '2017-02-28', kpiRules);
    expect(scored!.shortTerm?.text).toBe('↑ better: +4.0 points on Q2 2016/17 (88.0%)');
  });
  it('the tolerance edge is red when the rules say so', () => {
    expect(rateValue(kpi(), value(85.5), '2017-02', { ...kpiRules, edge: 'red' }).status).toBe('red');
  });
  it.each([
    [14, 'green'],
    [15, 'green'],
    [15.7, 'amber'],
    [15.75, 'red'], // printed as 15.8%: 0.8 points over, beyond the 0.75 tolerance

  ] as const)('lower is better, target 15%%: %s → %s', (v, status) => {
    expect(rateValue(kpi({ polarity: 'lower', target: 15 }), value(v), '2017-02', kpiRules).status).toBe(status);
  });
  it('absolute tolerance, from the rules or from the measure itself', () => {
    expect(rateValue(kpi(), value(88), '2017-02', { ...kpiRules, tolerance: { kind: 'absolute', value: 2 } }).status).toBe('amber');
    expect(rateValue(kpi(), value(87.9), '2017-02', { ...kpiRules, tolerance: { kind: 'absolute', value: 2 } }).status).toBe('red');
    const own = rateValue(kpi({ tolerance: { kind: 'absolute', value: 5 } }), value(86), '2017-02', kpiRules);
    expect([own.status, own.reason.endsWith('within the tolerance of 5.0 points)')]).toEqual(['amber', true]);
  });
  it('a zero target leaves a relative tolerance no room', () => {
    const r = rateValue(kpi({ polarity: 'lower', target: 0, unit: 'number' }), value(1), '2017-02', kpiRules);
    expect(r).toEqual({ status: 'red', reason: 'Red: 1 in Feb 2017 against a target of 0 (+1, beyond the 5% tolerance; a target of zero leaves a relative tolerance no room)' });
    expect(rateValue(kpi({ polarity: 'lower', target: 0, unit: 'number' }), value(0), '2017-02', kpiRules).status).toBe('green');
  });
  it.each([
    ['inside the band', 40, 'green', 'Green: 40.0 in Feb 2017, within the band 38.0 to 46.0'],
    ['on its lower edge', 38, 'green', 'within the band'],
    ['just above it, within tolerance', 47.1, 'amber', 'Amber: 47.1 in Feb 2017, 1.1 per 10,000 above the band 38.0 to 46.0 (within the 5% tolerance)'],
    ['far below it', 30, 'red', 'below the band'],
  ] as const)('a band measure: %s', (_, v, status, words) => {
    const r = rateValue(kpi({ polarity: 'band', unit: 'rate per 10,000', target: undefined, band: { low: 38, high: 46 } }), value(v), '2017-02', kpiRules);
    expect(r.status).toBe(status);
    expect(r.reason).toContain(words);
  });
  it.each([
    ['no value', kpi(), undefined, 'grey', 'No data: no value up to Feb 2017'],
    ['a suppressed value', kpi(), value(undefined, { suppressed: 'c' }), 'grey', 'No data: the Feb 2017 figure is suppressed (“c”)'],
    ['small numbers', kpi(), value(25, { numerator: 1, denominator: 4 }), 'grey', 'Small numbers: 25.0% of a base of 4 in Feb 2017 (fewer than 5), not rated'],
    ['no target', kpi({ target: undefined }), value(50), 'grey', 'No target: 50.0% in Feb 2017, with no target to rate it against'],
    ['a contextual measure', kpi({ polarity: 'none' }), value(50), 'none', 'Not rated: a contextual measure, with no better direction'],
  ] as const)('%s → %s', (_, k, v, status, reason) => {
    expect(rateValue(k, v, '2017-02', kpiRules)).toEqual({ status, reason });
  });
  it('a base of exactly the small-numbers limit is rated', () => {
    expect(rateValue(kpi(), value(100, { numerator: 5, denominator: 5 }), '2017-02', kpiRules).status).toBe('green');
  });
});

describe('roll-ups', () => {
  const scored = (statuses: (Status | undefined)[][]): ReturnType<typeof scorePlan> => {
    const plan: Plan = {
      title: 'Plan',
      months: [],
      footerAsAt: undefined,
      source: { file: 't.xlsx', sheet: 'S', sha256: 'x', bytes: 1 },
      workstreams: statuses.map((list, i) => ({ number: String(i + 1), title: `W${i + 1}`, source: at('A1'), projects: list.map((s, j) => project(`${i + 1}.${j + 1}`, s)) })),
    };
    return scorePlan(plan, '2017-02-24', rules.projects);
  };
  it('count each status per workstream and in total; grey is counted but not rated', () => {
    const s = scored([['red', 'green', 'green'], ['amber', undefined], ['blue']]);
    expect(s.workstreams.map((w) => [w.counts.red, w.counts.amber, w.counts.green, w.counts.blue, w.counts.grey, w.counts.total, w.counts.rated])).toEqual([
      [1, 0, 2, 0, 0, 3, 3],
      [0, 1, 0, 0, 1, 2, 1],
      [0, 0, 0, 1, 0, 1, 1],
    ]);
    expect(ratedText(s.counts)).toBe('5 of 6 rated');
    expect([percentOf(s.counts, 'green'), percentOf(s.counts, 'red'), percentOf(s.counts, 'grey')]).toEqual([40, 20, undefined]);
  });
  it('of nothing is zero, with no percentage', () => {
    const c = countRatings([]);
    expect([c.total, c.rated, percentOf(c, 'green')]).toEqual([0, 0, undefined]);
  });
});
