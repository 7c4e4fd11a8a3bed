/**
 * Ratings for the projects of a plan, and the counts the RAG summary sheet shows.
 *
 * Pure: values in, values out; no clock (the as-at date is an argument), no I/O.
 * Policy (this stage, for now): a project's rating is the RAG its tracker states, with the cell it
 * came from as the reason; a blank RAG is grey, "not rated". Computed ratings (criteria, overdue
 * milestones) and their disagreement with the stated RAG come with the scoring issue.
 */
import { formatLocation } from '../errors.js';
import type { Plan, Project, Rating, Status, Workstream } from '../model/index.js';
import { STATUSES } from '../model/index.js';

export type Counts = Record<Status, number> & { total: number };

export interface ScoredProject {
  project: Project;
  rating: Rating;
}

export interface ScoredWorkstream {
  workstream: Workstream;
  projects: ScoredProject[];
  counts: Counts;
}

export interface ScoredPlan {
  plan: Plan;
  asAt: string;
  workstreams: ScoredWorkstream[];
  counts: Counts;
}

export const STATUS_LABEL: Record<Status, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  blue: 'Blue (complete)',
  grey: 'Grey (not rated)',
};

export function emptyCounts(): Counts {
  return { red: 0, amber: 0, green: 0, blue: 0, grey: 0, total: 0 };
}

export function countRatings(ratings: readonly Rating[]): Counts {
  const c = emptyCounts();
  for (const r of ratings) {
    c[r.status] += 1;
    c.total += 1;
  }
  return c;
}

export function addCounts(a: Counts, b: Counts): Counts {
  const c = emptyCounts();
  for (const s of STATUSES) c[s] = a[s] + b[s];
  c.total = a.total + b.total;
  return c;
}

export function rateProject(project: Project): Rating {
  const where = formatLocation(project.source.rating);
  if (project.statedStatus === undefined) {
    return { status: 'grey', reason: `Not rated: the RAG cell is empty (${where})` };
  }
  const label = STATUS_LABEL[project.statedStatus];
  const reason =
    project.ratedBy === 'fill'
      ? `${label}, shown by the RAG cell’s colour in the tracker (${where})`
      : `${label} as stated in the tracker (${where})`;
  return { status: project.statedStatus, reason };
}

export function scorePlan(plan: Plan, asAt: string): ScoredPlan {
  const workstreams = plan.workstreams.map((workstream) => {
    const projects = workstream.projects.map((project) => ({ project, rating: rateProject(project) }));
    return { workstream, projects, counts: countRatings(projects.map((p) => p.rating)) };
  });
  const counts = workstreams.reduce((acc, w) => addCounts(acc, w.counts), emptyCounts());
  return { plan, asAt, workstreams, counts };
}
