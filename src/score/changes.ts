/**
 * What changed since the last paper, and the exceptions a paper must report. Pure.
 *
 * Every build saves a `Snapshot` of its scored model (ratings by item, KPI latest values) beside
 * its outputs; the next build compares with it. The comparison lists ratings that moved
 * (amber → red), items that are new or have closed (gone from the sources), and KPI values that
 * changed. Exceptions are every red, every worsened item, and every stated-vs-computed disagreement.
 */
import { isWorse, STATUS_WORD, type Changes, type Exception, type ItemKind, type Move, type Rating, type ScoredItem, type Snapshot, type SnapshotEntry } from '../model/index.js';

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

export function snapshotOf(item: string, scored: ScoredItem): Snapshot {
  const projects: Record<string, SnapshotEntry> = {};
  for (const w of scored.plan?.workstreams ?? []) for (const p of w.projects) projects[p.project.ref] = { title: p.project.title, status: p.rating.status };
  const actions: Record<string, SnapshotEntry> = {};
  for (const a of scored.actions?.actions ?? []) actions[a.action.no] = { title: a.action.action, status: a.rating.status };
  const kpis: Record<string, SnapshotEntry> = {};
  for (const k of scored.kpis) kpis[k.kpi.id] = { title: k.kpi.name, status: k.rating.status, value: k.latest?.value, period: k.latest?.period };
  return { format: 'committee-papers/snapshot@1', item, asAt: scored.asAt, projects: sorted(projects), actions: sorted(actions), kpis: sorted(kpis) };
}

export function changesSince(previous: Snapshot, now: Snapshot): Changes {
  const out: Changes = { since: previous.asAt, moved: [], added: [], closed: [], values: [] };
  const kinds: [ItemKind, 'projects' | 'actions' | 'kpis'][] = [['project', 'projects'], ['action', 'actions'], ['kpi', 'kpis']];
  for (const [kind, key] of kinds) {
    const before = previous[key];
    const after = now[key];
    for (const [id, e] of Object.entries(after)) {
      const was = before[id];
      if (!was) {
        out.added.push({ kind, id, title: e.title });
        continue;
      }
      if (was.status !== e.status) {
        out.moved.push({ kind, id, title: e.title, from: was.status, to: e.status, worse: isWorse(was.status, e.status), better: isWorse(e.status, was.status) });
      }
      if (kind === 'kpi' && (was.value !== e.value || was.period !== e.period)) {
        out.values.push({ id, title: e.title, from: { value: was.value, period: was.period }, to: { value: e.value, period: e.period } });
      }
    }
    for (const [id, e] of Object.entries(before)) if (!after[id]) out.closed.push({ kind, id, title: e.title });
  }
  return out;
}

export function exceptionsOf(scored: ScoredItem, changes: Changes | undefined, formatDate: (iso: string) => string): Exception[] {
  const worsened = new Map<string, Move>();
  for (const m of changes?.moved ?? []) if (m.worse) worsened.set(`${m.kind}:${m.id}`, m);
  const out: Exception[] = [];
  const consider = (kind: ItemKind, id: string, title: string, rating: Rating, disagrees: boolean, correctiveAction: string): void => {
    const why: Exception['why'] = [];
    if (rating.status === 'red') why.push('red');
    const move = worsened.get(`${kind}:${id}`);
    if (move) why.push('worsened');
    if (disagrees) why.push('disagrees');
    if (why.length === 0) return;
    const movement = move && changes ? `${STATUS_WORD[move.from]} → ${STATUS_WORD[move.to]} since ${formatDate(changes.since)}` : undefined;
    out.push({ kind, id, title, rating, why, movement, correctiveAction });
  };
  for (const w of scored.plan?.workstreams ?? []) for (const p of w.projects) consider('project', p.project.ref, p.project.title, p.rating, p.disagrees, p.project.commentary);
  for (const a of scored.actions?.actions ?? []) consider('action', a.action.no, a.action.action, a.rating, a.disagrees, a.action.progress);
  for (const k of scored.kpis) consider('kpi', k.kpi.id, k.kpi.name, k.rating, k.disagrees, k.kpi.commentary?.text ?? '');
  return out;
}
