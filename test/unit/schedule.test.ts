/** schedule.yaml: which monthly highlight reports, from which extracts, for which period. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderFor, parseScheduleConfig, sourcesFor } from '../../src/config/index.js';
import { formatProblem, isPapersError } from '../../src/errors.js';

const cwd = '/work/council';
const SCHEDULE = `council: Haverleigh County Council
plan: Children's Services Improvement Plan
board: Improvement Board
sources:
  tracker:
    file: extracts/{period}/tracker.xlsx
    sheet: SIP Summary
  kpiDefinitions: { file: kpi-definitions.csv }
  kpis:
    file: "extracts/{year}/{month}/kpis.csv"
reports:
  - plan
  - 1
  - workstream: 2
    sources:
      tracker:
        file: extracts/{period}/workstream-2.xlsx
`;

function problemsOf(source: string): string[] {
  try {
    parseScheduleConfig(source, 'schedules/monthly.yaml', { cwd });
  } catch (e) {
    if (isPapersError(e)) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

describe('schedule.yaml', () => {
  it('reads the reports and their extracts, with the period left to fill in', () => {
    const s = parseScheduleConfig(SCHEDULE, 'schedules/monthly.yaml', { cwd });
    expect(s.file.display).toBe(path.join('schedules', 'monthly.yaml'));
    expect(s.reports).not.toBe('all');
    const reports = s.reports as Exclude<typeof s.reports, 'all'>;
    expect(reports.map((r) => r.workstream)).toEqual(['plan', 1, 2]);
    const shared = sourcesFor(s, reports[1]!.sources, '2026-11', cwd);
    expect(shared.tracker).toMatchObject({ path: '/work/council/schedules/extracts/2026-11/tracker.xlsx', display: 'schedules/extracts/2026-11/tracker.xlsx', sheet: 'SIP Summary' });
    expect(shared.kpis?.display).toBe('schedules/extracts/2026/11/kpis.csv');
    expect(shared.kpiDefinitions?.display).toBe('schedules/kpi-definitions.csv');
    expect(shared.actions).toBeUndefined();
    // A report's own extract replaces the shared one; the others stay shared.
    const own = sourcesFor(s, reports[2]!.sources, '2026-11', cwd);
    expect(own.tracker.display).toBe('schedules/extracts/2026-11/workstream-2.xlsx');
    expect(own.tracker.sheet).toBeUndefined();
    expect(own.kpis?.display).toBe('schedules/extracts/2026/11/kpis.csv');
    expect(folderFor(s, s.out, '2026-11')).toBe('/work/council/schedules/output/highlight/2026-11');
    expect(folderFor(s, s.history, '2026-11')).toBe('/work/council/schedules/history');
  });

  it('takes every workstream and the plan when reports are not listed', () => {
    const s = parseScheduleConfig(SCHEDULE.replace(/reports:[\s\S]*$/, ''), 'monthly.yaml', { cwd });
    expect(s.reports).toBe('all');
    expect(s.rules.projects).toBeDefined(); // the default scoring rules
  });

  it('says what is wrong, where, all at once', () => {
    const problems = problemsOf(SCHEDULE.replace('board: Improvement Board\n', '').replace('  - 1\n', '  - one\n').replace('council:', 'councill:'));
    expect(problems).toEqual([
      'schedules/monthly.yaml:1 › council: found nothing, expected some text (this key is required) [ConfigInvalid]',
      'schedules/monthly.yaml:1 › board: found nothing, expected some text (this key is required) [ConfigInvalid]',
      'schedules/monthly.yaml:12 › reports.1: found "one", expected plan, a workstream number, or { workstream: 3, sources: … } [ConfigInvalid]',
      'schedules/monthly.yaml:1: found unknown key "councill", expected only the keys documented in docs/CONFIG.md (council, plan, board, sources, reports, out, history, workers, browser, scoring, limits, dates); the nearest to "councill" is "council" [ConfigInvalid]',
    ]);
  });
});
