/** Highlight reports' scores: the overall rating rule, and a workstream narrowed out of the sample plan. */
import { describe, expect, it } from 'vitest';
import { overallRating, scoreHighlight } from '../../src/score/index.js';
import type { Status } from '../../src/model/index.js';
import { loadSample } from '../helpers/sample.js';
import { countRatings, DEFAULT_RULES } from '../../src/model/index.js';

const counts = (...s: Status[]) => countRatings(s.map((status) => ({ status, reason: '' })));

describe('the overall rating of a highlight report', () => {
  it.each([
    [counts('red', 'green', 'green', 'green'), 'red', '1 of 4 rated projects red (25%, 25% or more)'],
    [counts('red', 'green', 'green', 'green', 'green'), 'amber', '1 of 5 rated projects red (20%, under 25%)'],
    [counts('amber', 'green', 'green', 'green'), 'amber', '1 of 4 rated projects amber (25%, 25% or more)'],
    [counts('amber', 'green', 'green', 'green', 'blue'), 'green', '4 of 5 rated projects green or complete, 1 amber (20%)'],
    [counts('grey', 'none'), 'none', 'no project is rated (2 in all)'],
  ])('%o → %s', (c, status, reason) => {
    expect(overallRating(c)).toEqual({ status, reason });
  });
});

describe('a workstream’s highlight score', () => {
  it('holds only that workstream’s projects and KPIs, as at the period’s end', async () => {
    const loaded = await loadSample();
    const item = loaded.items[0]!;
    const score = scoreHighlight({ scope: { kind: 'workstream', number: '2', title: 'Raise the Standard of Practice' }, plan: item.plan!, kpis: item.kpis?.kpis ? item.kpis : undefined, actions: undefined, previous: undefined }, '2017-02-28', DEFAULT_RULES);
    expect(score.key).toBe('workstream-2');
    expect(score.scored.plan!.workstreams.map((w) => w.workstream.number)).toEqual(['2']);
    expect(score.scored.kpis.every((k) => k.kpi.workstream === '2')).toBe(true);
    expect(score.scored.kpis.length).toBeGreaterThan(0);
    expect(Object.keys(score.scored.snapshot.projects).every((ref) => ref.startsWith('2.'))).toBe(true);
    expect(score.previousCounts).toBeUndefined();
    expect(score.from).toBe('2017-02-01');
  });
});
