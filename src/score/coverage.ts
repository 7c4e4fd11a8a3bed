/**
 * The coverage check of the outcomes map (seed 000, Appendix 4): does every inspection
 * recommendation have an action, every action a measure that will show its effect, and every
 * measure an outcome it serves? Pure.
 */
import type { Action, Coverage, Kpi, Outcome, Recommendation } from '../model/index.js';
import { kpiFor } from './rollup.js';

/**
 * Each check only where the paper's sources allow it: with no action plan, nothing can be said of
 * recommendations without actions; with no KPI return, nothing of measures (undefined: not checked).
 */
export function checkCoverage(input: {
  recommendations: readonly Recommendation[];
  actions: readonly Action[] | undefined;
  outcomes: readonly Outcome[];
  kpis: readonly Kpi[] | undefined;
}): Coverage {
  const { actions, kpis } = input;
  const snapshots = (kpis ?? []).map((kpi) => ({ kpi }));
  const measured = new Set<string>(); // recommendation numbers linked to an outcome with a known measure
  const linked = new Set<string>(); // KPI IDs some outcome names
  for (const o of input.outcomes) {
    const found = o.measures.map((m) => kpiFor(m.text, snapshots)).filter((k) => k !== undefined);
    for (const k of found) linked.add(k.kpi.id);
    if (found.length > 0) for (const r of o.recommendations) measured.add(r.number);
  }
  const answered = new Set((actions ?? []).map((a) => a.recommendation));
  return {
    recommendationsWithoutAction: actions ? input.recommendations.filter((r) => !answered.has(r.number)) : undefined,
    actionsWithoutMeasure: actions && kpis ? actions.filter((a) => !measured.has(a.recommendation)) : undefined,
    measuresWithoutOutcome: kpis ? kpis.filter((k) => !linked.has(k.id)) : undefined,
    missingRecommendations: missingNumbers(input.recommendations.map((r) => r.number)),
  };
}

/** The whole numbers from 1 to the highest that a list of numbers skips ("1", "2", "4" → ["3"]). */
export function missingNumbers(numbers: readonly string[]): string[] {
  const have = new Set(numbers.filter((n) => /^\d+$/.test(n)).map(Number));
  const top = Math.max(0, ...have);
  return Array.from({ length: top }, (_, i) => i + 1).filter((n) => !have.has(n)).map(String);
}
