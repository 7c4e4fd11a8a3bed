/**
 * What a build remembers of a paper for the next one ("changes since the last paper"): each item's
 * rating, and each KPI's latest value, as plain JSON in a stable key order.
 */
import type { Status } from './types.js';

export type ItemKind = 'project' | 'action' | 'kpi';

export interface SnapshotEntry {
  title: string;
  status: Status;
  /** KPIs: the latest value and its period. */
  value?: number | undefined;
  period?: string | undefined;
}

/** What a build remembers for the next: plain JSON, stable key order. */
export interface Snapshot {
  format: 'committee-papers/snapshot@1';
  item: string;
  asAt: string;
  projects: Record<string, SnapshotEntry>;
  actions: Record<string, SnapshotEntry>;
  kpis: Record<string, SnapshotEntry>;
}
