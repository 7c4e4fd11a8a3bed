/**
 * The latest position of each KPI: latest value, the value before it, and the movement.
 * Pure. Ratings against target, direction of travel and benchmarks come with the scoring issue.
 */
import type { Kpi, KpiSet, KpiValue } from '../model/index.js';

export interface KpiSnapshot {
  kpi: Kpi;
  latest: KpiValue | undefined;
  previous: KpiValue | undefined;
  /** Values up to and including the as-at month, oldest first. */
  series: KpiValue[];
}

/** Snapshot of every KPI as at a date: values after the as-at month are ignored. */
export function snapshotKpis(set: KpiSet, asAt: string): KpiSnapshot[] {
  const lastMonth = asAt.slice(0, 7);
  return set.kpis.map((kpi) => {
    const series = kpi.values.filter((v) => v.period <= lastMonth);
    return { kpi, latest: series[series.length - 1], previous: series[series.length - 2], series };
  });
}
