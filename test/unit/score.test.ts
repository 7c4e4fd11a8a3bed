import { describe, expect, it } from 'vitest';
import type { Plan, Project, Status } from '../../src/model/index.js';
import { countRatings, rateProject, scorePlan, snapshotKpis } from '../../src/score/index.js';
import { loadSample } from '../helpers/sample.js';

const at = (cell: string) => ({ file: 't.xlsx', sheet: 'S', cell });
function project(ref: string, statedStatus: Status | undefined): Project {
  return { ref, title: `P ${ref}`, lead: '', statedStatus, ratedBy: 'text', commentary: '', milestones: [], source: { row: at('A1'), rating: at('D1'), commentary: at('E1') } };
}
function plan(statuses: (Status | undefined)[][]): Plan {
  return {
    title: 'Plan',
    months: [],
    footerAsAt: undefined,
    source: { file: 't.xlsx', sheet: 'S', sha256: 'x', bytes: 1 },
    workstreams: statuses.map((list, i) => ({
      number: String(i + 1),
      title: `W${i + 1}`,
      source: at('A1'),
      projects: list.map((s, j) => project(`${i + 1}.${j + 1}`, s)),
    })),
  };
}

describe('project ratings', () => {
  it('keep the stated RAG, with the cell as the reason', () => {
    expect(rateProject(project('1.1', 'amber'))).toEqual({ status: 'amber', reason: 'Amber as stated in the tracker (t.xlsx › S!D1)' });
  });
  it('say when the rating is shown only by the cell’s colour', () => {
    expect(rateProject({ ...project('3.1', 'red'), ratedBy: 'fill' })).toEqual({
      status: 'red',
      reason: 'Red, shown by the RAG cell’s colour in the tracker (t.xlsx › S!D1)',
    });
  });
  it('show a blank RAG as grey, not rated, and say why', () => {
    expect(rateProject(project('1.1', undefined))).toEqual({ status: 'grey', reason: 'Not rated: the RAG cell is empty (t.xlsx › S!D1)' });
  });
});

describe('counts', () => {
  it('per workstream and in total', () => {
    const scored = scorePlan(plan([['red', 'green', 'green'], ['amber', undefined], ['blue']]), '2017-02-24');
    expect(scored.workstreams.map((w) => w.counts)).toEqual([
      { red: 1, amber: 0, green: 2, blue: 0, grey: 0, total: 3 },
      { red: 0, amber: 1, green: 0, blue: 0, grey: 1, total: 2 },
      { red: 0, amber: 0, green: 0, blue: 1, grey: 0, total: 1 },
    ]);
    expect(scored.counts).toEqual({ red: 1, amber: 1, green: 2, blue: 1, grey: 1, total: 6 });
  });
  it('of nothing is zero', () => {
    expect(countRatings([])).toEqual({ red: 0, amber: 0, green: 0, blue: 0, grey: 0, total: 0 });
  });
});

describe('the sample', () => {
  it('totals agree with the sum of the workstreams', async () => {
    const { items } = await loadSample();
    const scored = scorePlan(items[0]!.plan, '2017-02-24');
    expect(scored.counts).toEqual({ red: 4, amber: 17, green: 25, blue: 0, grey: 0, total: 46 });
  });
  it('KPI snapshots ignore months after the as-at date', async () => {
    const { items } = await loadSample();
    const set = items[0]!.kpis!;
    const feb = snapshotKpis(set, '2017-02-24').find((s) => s.kpi.id === 'PR01')!;
    expect([feb.latest?.period, feb.previous?.period, feb.series.length]).toEqual(['2017-02', '2017-01', 12]);
    const oct = snapshotKpis(set, '2016-10-10').find((s) => s.kpi.id === 'PR01')!;
    expect([oct.latest?.period, oct.previous?.period, oct.series.length]).toEqual(['2016-10', '2016-09', 8]);
  });
});
