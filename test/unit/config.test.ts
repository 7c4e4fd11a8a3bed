import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMeetingConfig } from '../../src/config/index.js';
import { formatProblem, isPapersError, type Problem } from '../../src/errors.js';

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
    expect(m.items[0]!.tracker).toEqual({ path: '/project/data/sample/tracker.xlsx', display: 'data/sample/tracker.xlsx', sheet: 'SIP Summary' });
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
      'meetings/m.yaml:8 › items.0.tracker: found nothing, expected a file, e.g. { file: tracker.xlsx, sheet: SIP Summary } (this key is required) [ConfigInvalid]',
      'meetings/m.yaml:1: found unknown key "colour", expected only the keys documented in docs/CONFIG.md [ConfigInvalid]',
    ]);
  });

  it('reports broken YAML with its line', () => {
    expect(problemsOf('council: [unclosed\ncommittee: x\n')[0]).toMatch(/^meetings\/m\.yaml:\d+: could not read the YAML: .+ \[ConfigNotYaml\]$/);
  });
});
