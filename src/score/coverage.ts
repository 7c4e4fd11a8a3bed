/**
 * The coverage check of the outcomes map (seed 000, Appendix 4): does every inspection
 * recommendation have an action, every action a measure that will show its effect, and every
 * measure an outcome it serves? Pure.
 */
import type { Action, Coverage, Kpi, Outcome, Recommendation } from '../model/index.js';
import { kpiFor } from './rollup.js';

export function checkCoverage(input: {
  recommendations: readonly Recommendation[];
  actions: readonly Action[];
  outcomes: readonly Outcome[];
  kpis: readonly Kpi[];
}): Coverage {
  const answered = new Set(input.actions.map((a) => a.recommendation));
  const snapshots = input.kpis.map((kpi) => ({ kpi }));
  const measured = new Set<string>(); // recommendation numbers linked to an outcome with a known measure
  const linked = new Set<string>(); // KPI IDs some outcome names
  for (const o of input.outcomes) {
    const found = o.measures.map((m) => kpiFor(m.text, snapshots)).filter((k) => k !== undefined);
    for (const k of found) linked.add(k.kpi.id);
    if (found.length > 0) for (const r of o.recommendations) measured.add(r.number);
  }
  return {
    recommendationsWithoutAction: input.recommendations.filter((r) => !answered.has(r.number)),
    actionsWithoutMeasure: input.actions.filter((a) => !measured.has(a.recommendation)),
    measuresWithoutOutcome: input.kpis.filter((k) => !linked.has(k.id)),
  };
}
