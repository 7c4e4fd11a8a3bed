/**
 * Roll-ups: counts and percentages of each status per outcome (its measures' ratings), beside the
 * per-workstream and plan counts of plan.ts. Grey and not-rated items are counted but kept out of the
 * percentages' denominator ("41 of 47 rated"). Pure.
 */
import { countRatings, type Kpi, type KpiSnapshot, type Outcome, type OutcomeRollup } from '../model/index.js';

/** Find a measure by ID or by name, as outcomes maps write either. */
export function kpiFor<T extends { kpi: Kpi }>(text: string, kpis: readonly T[]): T | undefined {
  const t = text.trim().toLowerCase();
  return kpis.find((k) => k.kpi.id.toLowerCase() === t) ?? kpis.find((k) => k.kpi.name.toLowerCase() === t);
}

export function rollUpOutcomes(outcomes: readonly Outcome[], kpis: readonly KpiSnapshot[]): OutcomeRollup[] {
  return outcomes.map((outcome) => {
    const measures = outcome.measures.map((m) => ({ text: m.text, source: m.source, kpi: kpiFor(m.text, kpis) }));
    const found = measures.flatMap((m) => (m.kpi ? [m.kpi] : []));
    return { outcome, measures, kpis: found, counts: countRatings(found.map((k) => k.rating)) };
  });
}
