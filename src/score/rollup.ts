/**
 * Roll-ups: counts and percentages of each status per outcome (its measures' ratings), beside the
 * per-workstream and plan counts of plan.ts. Grey and not-rated items are counted but kept out of the
 * percentages' denominator ("41 of 47 rated"). Pure.
 */
import type { Outcome } from '../ingest/index.js';
import type { Kpi } from '../model/index.js';
import type { KpiSnapshot } from './kpis.js';
import { countRatings, type Counts } from './status.js';

export interface OutcomeRollup {
  outcome: Outcome;
  /** The measures found for it, in the map's order. */
  kpis: KpiSnapshot[];
  counts: Counts;
}

/** Find a measure by ID or by name, as outcomes maps write either. */
export function kpiFor<T extends { kpi: Kpi }>(text: string, kpis: readonly T[]): T | undefined {
  const t = text.trim().toLowerCase();
  return kpis.find((k) => k.kpi.id.toLowerCase() === t) ?? kpis.find((k) => k.kpi.name.toLowerCase() === t);
}

export function rollUpOutcomes(outcomes: readonly Outcome[], kpis: readonly KpiSnapshot[]): OutcomeRollup[] {
  return outcomes.map((outcome) => {
    const found = outcome.measures.map((m) => kpiFor(m.text, kpis)).filter((k): k is KpiSnapshot => k !== undefined);
    return { outcome, kpis: found, counts: countRatings(found.map((k) => k.rating)) };
  });
}
