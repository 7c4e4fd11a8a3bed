/**
 * "Changes since the published version", the note published beside a new version of a pack: which papers
 * were rebuilt, and what moved in each (ratings, KPI values, items new or no longer reported). Pure.
 */
import type { Changes, MeetingConfig } from '../model/index.js';
import { formatLongDate } from './format.js';

/** One rebuilt paper's part of the note; `changes` undefined when no earlier snapshot of it was published. */
export function paperChangeLines(item: { number: string; title: string }, changes: Changes | undefined): string[] {
  const lines = [`## Item ${item.number}: ${item.title}`, ''];
  if (!changes) return [...lines, '- Rebuilt; no earlier snapshot of it to compare with.', ''];
  const moved = changes.moved.map((m) => `- ${m.kind} ${m.id} ${m.title}: ${m.from} → ${m.to}`);
  const values = changes.values.map((v) => `- KPI ${v.id} ${v.title}: ${v.from.value ?? '–'} (${v.from.period ?? '–'}) → ${v.to.value ?? '–'} (${v.to.period ?? '–'})`);
  const added = changes.added.map((a) => `- new ${a.kind} ${a.id} ${a.title}`);
  const closed = changes.closed.map((a) => `- no longer reported: ${a.kind} ${a.id} ${a.title}`);
  const all = [...moved, ...values, ...added, ...closed];
  return [...lines, ...(all.length > 0 ? all : ['- Rebuilt; no rating or KPI value moved.']), ''];
}

/** The note: a heading, what it replaces (left as published), then each rebuilt paper's part. */
export function changesNote(meeting: Pick<MeetingConfig, 'committee' | 'start'>, parts: readonly string[][], replaces: string, version: number): string {
  const lines = [`# ${meeting.committee}, ${formatLongDate(meeting.start)}: agenda pack version ${version}`, '', `This version replaces ${replaces}, which is left as it was published.`, ''];
  for (const part of parts) lines.push(...part);
  return `${lines.join('\n')}\n`;
}
