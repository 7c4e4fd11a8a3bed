import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMeetingConfig } from '../../src/config/index.js';
import { formatProblem, isPapersError, type Problem } from '../../src/errors.js';
import { DEFAULT_RULES } from '../../src/model/index.js';
import { agendaFor, hasExempt } from '../../src/pipeline/meeting.js';

const cwd = '/project';

function problemsOf(yaml: string): string[] {
  try {
    parseMeetingConfig(yaml, 'meetings/m.yaml', { cwd });
  } catch (e) {
    if (isPapersError(e)) return e.problems.map((p: Problem) => formatProblem(p));
    throw e;
  }
  return [];
}

describe('meeting.yaml', () => {
  it('reads the sample and resolves paths relative to the config file', () => {
    const text = readFileSync('data/sample/meeting.yaml', 'utf8');
    const m = parseMeetingConfig(text, 'data/sample/meeting.yaml', { cwd });
    expect(m.committee).toBe('Children and Families Overview and Scrutiny Panel');
    expect(m.start).toBe('2017-03-13T14:00');
    expect(m.items).toHaveLength(1);
    expect(m.items[0]!.number).toBe('6');
    expect(m.items[0]!.tracker).toEqual({ path: '/project/data/sample/tracker.xlsx', display: 'data/sample/tracker.xlsx', sheet: 'SIP Summary', within: ['/project', '/project/data/sample'], namedIn: 'data/sample/meeting.yaml' });
    expect(m.items[0]!.narrative.display).toBe('data/sample/papers/improvement-plan-update.md');
  });

  it('reports every problem at once, each with its line and key', () => {
    const yaml = [
      'council: Haverleigh County Council', // 1
      'committee: ""', // 2
      'start: 13/03/2017 2pm', // 3
      'venue: County Hall', // 4
      'asAt: 2017-02-30x', // 5
      'colour: blue', // 6
      'items:', // 7
      '  - number: 6', // 8
      '    title: Update', // 9
      '    narrative: p.md', // 10
    ].join('\n');
    expect(problemsOf(yaml)).toEqual([
      'meetings/m.yaml:2 › committee: found "", expected some text [ConfigInvalid]',
      'meetings/m.yaml:3 › start: found "13/03/2017 2pm", expected a local date and time written YYYY-MM-DDTHH:MM [ConfigInvalid]',
      'meetings/m.yaml:5 › asAt: found "2017-02-30x", expected a date written YYYY-MM-DD [ConfigInvalid]',
      'meetings/m.yaml:8 › items.0: found an item with no source, expected at least one source for the paper’s sections: `tracker:`, `kpis:`, `actions:` or `outcomes:` [ConfigInvalid]',
      'meetings/m.yaml:1: found unknown key "colour", expected only the keys documented in docs/CONFIG.md (council, committee, start, venue, asAt, browser, dateOfIssue, limits, dates, scoring, style, membership, contacts, notices, declarations, pack, largePrint, items) [ConfigInvalid]',
    ]);
  });

  it('reports broken YAML with its line', () => {
    expect(problemsOf('council: [unclosed\ncommittee: x\n')[0]).toMatch(/^meetings\/m\.yaml:\d+: could not read the YAML: .+ \[ConfigNotYaml\]$/);
  });
});

describe('scoring rules in meeting.yaml', () => {
  const base = ['council: C', 'committee: K', 'start: 2017-03-13T14:00', 'venue: V', 'asAt: 2017-02-24', 'items:', '  - { number: 6, title: T, narrative: p.md, tracker: { file: t.xlsx } }'];
  it('default to the documented rules', () => {
    const m = parseMeetingConfig(base.join('\n'), 'm.yaml', { cwd });
    expect(m.rules).toEqual(DEFAULT_RULES);
  });
  it('lay what the config says over the defaults', () => {
    const yaml = [
      ...base,
      'scoring:',
      '  projects: { missingForRed: 3, criteria: [Scope agreed, { name: Funded, critical: true, aliases: [Funding in place] }], synonyms: { Slipping: amber } }',
      '  actions: { dueSoonWorkingDays: 10 }',
      '  kpis: { tolerance: { kind: absolute, value: 2 }, edge: red }',
      '  workingDays: { closures: [2017-12-27], countStart: true }',
    ].join('\n');
    const r = parseMeetingConfig(yaml, 'm.yaml', { cwd }).rules;
    expect(r.projects.missingForRed).toBe(3);
    expect(r.projects.missingForAmber).toBe(1);
    expect(r.projects.criteria).toEqual([
      { name: 'Scope agreed', critical: false, aliases: ['Scope agreed'] },
      { name: 'Funded', critical: true, aliases: ['Funding in place'] },
    ]);
    expect(r.projects.synonyms.slipping).toBe('amber');
    expect(r.projects.synonyms['on track/no issues']).toBe('green');
    expect(r.actions).toEqual({ dueSoonWorkingDays: 10, onTrackWords: DEFAULT_RULES.actions.onTrackWords });
    expect(r.kpis).toEqual({ tolerance: { kind: 'absolute', value: 2 }, edge: 'red', smallNumbers: 5 });
    expect(r.workingDays).toEqual({ region: 'england-and-wales', closures: ['2017-12-27'], countStart: true, countEnd: true });
  });
  it('report a bad rule with its line and key', () => {
    const yaml = [...base, 'scoring:', '  kpis: { edge: purple, smallNumbers: -1 }', '  workingDays: { closures: [27/12/2017] }'].join('\n');
    expect(problemsOf(yaml)).toEqual([
      'meetings/m.yaml:9 › scoring.kpis.edge: found "purple", expected amber or red [ConfigInvalid]',
      'meetings/m.yaml:9 › scoring.kpis.smallNumbers: found "-1", expected a whole number, 0 or more [ConfigInvalid]',
      'meetings/m.yaml:10 › scoring.workingDays.closures.0: found "27/12/2017", expected a date written YYYY-MM-DD [ConfigInvalid]',
    ]);
  });
});

describe('the agenda in meeting.yaml', () => {
  const head = ['council: C', 'committee: K', 'start: 2017-03-13T14:00', 'venue: V', 'asAt: 2017-02-24'];
  it('reads papers, included PDFs, standing items and items to follow, in order', () => {
    const yaml = [
      ...head,
      'items:',
      '  - { number: 1, title: Apologies, standing: true }',
      '  - { number: 4, title: Minutes, pdf: minutes.pdf }',
      '  - { number: 5, title: Later, toFollow: true }',
      '  - { number: 6, title: Paper, narrative: p.md, tracker: { file: t.xlsx } }',
    ].join('\n');
    const m = parseMeetingConfig(yaml, 'm/m.yaml', { cwd });
    expect(m.agenda.map((a) => `${a.number}:${a.kind}`)).toEqual(['1:standing', '4:pdf', '5:toFollow', '6:paper']);
    expect(m.items.map((i) => i.number)).toEqual(['6']);
    expect(m.agenda[1]).toMatchObject({ pdf: { path: '/project/m/minutes.pdf', display: 'm/minutes.pdf' } });
    expect(m.pack).toEqual({ blankPages: true });
  });
  it('reports a wrong key in any kind of item with its line', () => {
    const yaml = [...head, 'items:', '  - { number: 4, title: Minutes, pdf: minutes.pdf, pages: 3 }', '  - { number: 5, title: Later, toFollow: yes }'].join('\n');
    expect(problemsOf(yaml)).toEqual([
      'meetings/m.yaml:7 › items.0: found unknown key "pages", expected only the keys documented in docs/CONFIG.md (number, title, pdf, exempt) [ConfigInvalid]',
      'meetings/m.yaml:8 › items.1.toFollow: found "yes", expected true [ConfigInvalid]',
    ]);
  });
  it('names the keys a source’s `columns:` takes, and the nearest to a slip', () => {
    // An officer maps the plan's own headers by the column names in docs/CONFIG.md's tables: the project is `title`.
    const yaml = [
      ...head,
      'items:',
      '  - number: 3',
      '    title: Plan',
      '    narative: p.md',
      '    tracker: { file: t.xlsx, columns: { project: [Action / Project] } }',
      '    actions: { file: a.xlsx, columns: { deadlines: [Due] } }',
    ].join('\n');
    expect(problemsOf(yaml)).toEqual([
      'meetings/m.yaml:7 › items.0.narrative: found nothing, expected some text (this key is required) [ConfigInvalid]',
      'meetings/m.yaml:10 › items.0.tracker.columns: found unknown key "project", expected only the keys documented in docs/CONFIG.md (ref, title, lead, rating, commentary, outcome, measure, workstream) [ConfigInvalid]',
      'meetings/m.yaml:11 › items.0.actions.columns: found unknown key "deadlines", expected only the keys documented in docs/CONFIG.md (recommendation, no, summary, action, deadline, responsible, successMeasure, progress, status, completed); the nearest to "deadlines" is "deadline" [ConfigInvalid]',
      'meetings/m.yaml:7 › items.0: found unknown key "narative", expected only the keys documented in docs/CONFIG.md (number, title, narrative, tracker, kpis, kpiDefinitions, actions, outcomes, recommendations, benchmarks, previous, toFollow, exempt, sections); the nearest to "narative" is "narrative" [ConfigInvalid]',
    ]);
  });
  it('reads exempt items (a paper, an included PDF), and the public agenda shows each as its title and paragraph alone', () => {
    const yaml = [
      ...head,
      'items:',
      '  - { number: 4, title: Minutes, pdf: minutes.pdf, exempt: { paragraph: 1 } }',
      '  - { number: 5, title: Contract, narrative: p.md, actions: { file: a.csv }, exempt: { paragraph: 3 } }',
      '  - { number: 6, title: Paper, narrative: p.md, tracker: { file: t.xlsx } }',
    ].join('\n');
    const m = parseMeetingConfig(yaml, 'm/m.yaml', { cwd });
    expect(m.items.map((i) => [i.number, i.exempt])).toEqual([['5', { paragraph: 3 }], ['6', undefined]]);
    expect(hasExempt(m)).toBe(true);
    const open = agendaFor(m, false);
    expect(open.agenda).toEqual([
      { kind: 'exempt', number: '4', title: 'Minutes', exempt: { paragraph: 1 } },
      { kind: 'exempt', number: '5', title: 'Contract', exempt: { paragraph: 3 } },
      expect.objectContaining({ kind: 'paper', number: '6' }),
    ]);
    expect(open.items.map((i) => i.number)).toEqual(['6']); // the exempt paper's sources are not read
    expect(agendaFor(m, false, true).items.map((i) => i.number)).toEqual(['5', '6']);
    expect(m.largePrint).toBe(true);
  });
  it('reads an exempt appendix: the public copy reads the paper without that appendix’s source, and withholds what is made only from it', () => {
    const yaml = [
      ...head,
      'items:',
      '  - { number: 5, title: Plan, narrative: p.md, tracker: { file: t.xlsx }, actions: { file: a.csv }, outcomes: { file: o.csv }, recommendations: { file: r.csv }, exempt: { paragraph: 4, appendices: [action-plan] } }',
      '  - { number: 6, title: Workforce, narrative: p.md, actions: { file: a.csv }, recommendations: { file: r.csv }, exempt: { paragraph: 1, appendices: [action-plan] } }',
    ].join('\n');
    const m = parseMeetingConfig(yaml, 'm/m.yaml', { cwd });
    expect(m.items[0]!.exempt).toEqual({ paragraph: 4, appendices: ['action-plan'] });
    expect(hasExempt(m)).toBe(true);
    const [plan, workforce] = agendaFor(m, false).items;
    // Item 5 keeps its tracker (so its exceptions and rules stay public), loses its action plan.
    expect(plan).toMatchObject({ number: '5', exempt: undefined, actions: undefined, withheld: { paragraph: 4, appendices: ['action-plan'] } });
    expect(plan!.tracker).toBeDefined();
    expect(plan!.recommendations).toBeDefined(); // the outcomes appendix still uses them
    expect(plan!.sections).toEqual(['rag-summary', 'outcomes', 'action-plan', 'exceptions', 'rules']);
    // Item 6's exceptions and rules are made from its action plan alone: withheld with it.
    expect(workforce).toMatchObject({ actions: undefined, recommendations: undefined, withheld: { paragraph: 1, appendices: ['action-plan', 'exceptions', 'rules'] } });
    // The confidential copy reads everything.
    expect(agendaFor(m, false, true).items[0]).toBe(m.items[0]);
  });
  it('refuses an exempt appendix the paper does not have, or one made from other appendices', () => {
    const yaml = [
      ...head,
      'items:',
      '  - { number: 5, title: Plan, narrative: p.md, tracker: { file: t.xlsx }, exempt: { paragraph: 4, appendices: [action-plan] } }',
      '  - { number: 6, title: Plan, narrative: p.md, tracker: { file: t.xlsx }, exempt: { paragraph: 4, appendices: [exceptions] } }',
      '  - { number: 7, title: Minutes, pdf: minutes.pdf, exempt: { paragraph: 1, appendices: [outcomes] } }',
    ].join('\n');
    expect(problemsOf(yaml)).toEqual([
      'meetings/m.yaml:7 › items.0.exempt.appendices.0: found "action-plan", expected an appendix this paper has (rag-summary, exceptions, rules) [ConfigInvalid]',
      'meetings/m.yaml:8 › items.1.exempt.appendices.0: found "exceptions", expected an appendix made from a source of its own: rag-summary, kpi-scorecard, outcomes, action-plan [ConfigInvalid]',
      'meetings/m.yaml:9 › items.2.exempt: found unknown key "appendices", expected only the keys documented in docs/CONFIG.md (paragraph) [ConfigInvalid]',
    ]);
  });
  it('refuses an exempt paragraph that is not one of Schedule 12A’s seven', () => {
    const yaml = [...head, 'largePrint: no', 'items:', '  - { number: 4, title: Minutes, pdf: minutes.pdf, exempt: { paragraph: 8 } }', '  - { number: 5, title: Minutes, pdf: minutes.pdf, exempt: 3 }'].join('\n');
    expect(problemsOf(yaml)).toEqual([
      'meetings/m.yaml:6 › largePrint: found "no", expected true or false [ConfigInvalid]',
      'meetings/m.yaml:8 › items.0.exempt.paragraph: found "8", expected a paragraph of Schedule 12A, 1 to 7 [ConfigInvalid]',
      'meetings/m.yaml:9 › items.1.exempt: found "3", expected { paragraph: N }, N a paragraph of Schedule 12A (1 to 7) [ConfigInvalid]',
    ]);
  });
});
