/**
 * The columns a project tracker may have, their built-in header aliases and shapes, and what they are
 * called in messages.
 */
import type { Columns } from './header.js';

export const TRACKER_COLUMNS = {
  ref: { required: false, aliases: ['REF', 'Ref No', 'Reference', 'Project Ref'] },
  title: { required: true, aliases: ['Project', 'Workstream Detail', 'Project Title', 'Project Name'] },
  lead: { required: false, aliases: ['Lead', 'Project Lead', 'Lead Officer', 'Owner'] },
  // The state: a RAG column, or a column named for it ("Milestone (RAG) - 21/01/20") whose cells' fills are
  // the states of the milestones written in them.
  rating: {
    required: true,
    aliases: ['RAG', 'RAG Status', 'Status', 'Rating'],
    patterns: [/\bRAG\b/i, /\bmilestones?\b.*\b(?:status|rating|state)\b/i],
    readsFill: true,
  },
  commentary: { required: false, aliases: ['Commentary', 'Comments', 'Comment', 'Update'] },
  outcome: { required: false, aliases: ['Child Outcome', 'Outcome', 'Outcomes', 'Outcome for Children'] },
  measure: { required: false, aliases: ['Measure', 'Measures', 'How We Will Measure', 'Measure of Success', 'Success Measure'] },
  // The workstream a project belongs to, written on its row (blank: the one above), when the plan has no heading rows.
  workstream: { required: false, aliases: ['Workstream', 'Workstream Name', 'Theme', 'Priority Area', 'Strategic Priority', 'Corporate Priority', 'Programme'] },
} as const satisfies Columns<string>;
export type TrackerField = keyof typeof TRACKER_COLUMNS;

/** A tracker column: a known field, or the Y/N column of RAG criterion n. */
export type TrackerColumn = TrackerField | `criterion ${number}`;

export const DESCRIBE: Record<TrackerField, string> = {
  ref: 'REF',
  title: 'project',
  lead: 'lead',
  rating: 'RAG',
  commentary: 'commentary',
  outcome: 'outcome',
  measure: 'measure',
  workstream: 'workstream',
};

/** A rating column that holds milestones, its cells' fills their states: "Milestone (RAG) - 21/01/20". */
export function holdsMilestones(header: string | undefined): boolean {
  return header !== undefined && /\bmilestones?\b/i.test(header);
}
