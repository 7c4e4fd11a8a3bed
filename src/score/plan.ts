/**
 * Ratings for the projects of a plan, and the counts the RAG summary sheet shows.
 *
 * Pure: values in, values out; no clock (the as-at date is an argument), no I/O.
 *
 * Rules (rules.ts, printed in the paper):
 * - Criteria (seed 000): every criterion in place → green; `missingForAmber` missing → amber;
 *   `missingForRed` or more → red; a critical criterion missing → red whatever else. Applied when the
 *   tracker records every criterion for the project (Y/N columns).
 * - Milestones: a milestone due before the as-at date and not marked done is overdue;
 *   `overdueForAmber` → amber, `overdueForRed` → red, none → green.
 * - The computed rating is the worse of the two. The stated RAG is kept when there is one; when the
 *   computed one is worse (the rules had evidence: criteria recorded, or a milestone missed), both are
 *   shown and the project is an exception; when it is better, it is only noted. With no stated RAG the
 *   computed one is used; with neither, grey.
 * - Milestones are judged at the extract's own date when it has one (its footer), not a later report date.
 * - A project stated complete (blue) is not rated on its milestones; a milestone coloured as completed is done.
 */
import { formatLocation } from '../errors.js';
import { addCounts, countRatings, emptyCounts, formatIsoDate, isWorse, STATUS_WORD, worst, type ComputedRating, type Milestone, type Plan, type Project, type ProjectRules, type ScoredPlan, type ScoredProject, type Status } from '../model/index.js';

/** A milestone marked done in its text: "✓", "(done)", "[complete]"… */
const DONE = /✓|✔|[([](?:done|complete|completed|achieved)[)\]]/i;

/** Done: marked so in its text, or its cell coloured as completed (a plan on a page). */
export function isDone(m: Milestone): boolean {
  return m.status === 'blue' || DONE.test(m.what) || DONE.test(m.when);
}

export function overdueMilestones(project: Project, asAt: string): Milestone[] {
  const out: Milestone[] = [];
  for (const month of project.milestones) {
    for (const m of month.milestones) if (m.due !== undefined && m.due < asAt && !isDone(m)) out.push(m);
  }
  return out;
}

const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function criteriaRating(project: Project, rules: ProjectRules): ComputedRating['criteria'] {
  const record = project.criteria;
  if (!record || rules.criteria.length === 0) return undefined;
  if (rules.criteria.some((c) => record[c.name] === undefined)) return undefined;
  const missing = rules.criteria.filter((c) => record[c.name] === false);
  const names = missing.map((c) => c.name.toLowerCase());
  const critical = missing.filter((c) => c.critical);
  if (critical.length > 0) {
    return { status: 'red', missing: names, reason: `${list(critical.map((c) => c.name.toLowerCase()))} not in place (critical)${missing.length > critical.length ? `, with ${list(names.filter((n) => !critical.some((c) => c.name.toLowerCase() === n)))}` : ''}` };
  }
  if (missing.length === 0) return { status: 'green', missing: [], reason: `all ${rules.criteria.length} criteria in place` };
  const status: Status = missing.length >= rules.missingForRed ? 'red' : missing.length >= rules.missingForAmber ? 'amber' : 'green';
  return { status, missing: names, reason: `${plural(missing.length, 'criterion', 'criteria')} not in place (${list(names)})` };
}

export function milestoneRating(project: Project, asAt: string, rules: ProjectRules): ComputedRating['milestones'] {
  const dated = project.milestones.some((m) => m.milestones.some((x) => x.due !== undefined));
  if (!dated) return undefined;
  const overdue = overdueMilestones(project, asAt);
  const n = overdue.length;
  const status: Status = n >= rules.overdueForRed ? 'red' : n >= rules.overdueForAmber ? 'amber' : 'green';
  const when = formatIsoDate(asAt);
  const reason =
    n === 0
      ? `no milestone overdue at ${when}`
      : `${plural(n, 'milestone')} overdue at ${when} (${list(overdue.map((m) => `“${m.when} – ${m.what}”`))})`;
  return { status, overdue, reason };
}

export function computeProject(project: Project, asAt: string, rules: ProjectRules): ComputedRating | undefined {
  const criteria = criteriaRating(project, rules);
  const milestones = project.statedStatus === 'blue' ? undefined : milestoneRating(project, asAt, rules);
  const verdicts = [criteria, milestones].filter((v): v is NonNullable<typeof v> => v !== undefined);
  const status = worst(verdicts.map((v) => v.status));
  if (status === undefined) return undefined;
  const reason = verdicts.map((v) => v.reason).join('; ');
  return { status, reason, criteria, milestones };
}

export function rateProject(project: Project, asAt: string, rules: ProjectRules): ScoredProject {
  const where = formatLocation(project.source.rating);
  const computed = computeProject(project, asAt, rules);
  const stated = project.statedStatus;
  if (stated === undefined) {
    if (computed) return { project, rating: { status: computed.status, reason: `${STATUS_WORD[computed.status]}, computed (the RAG cell is empty, ${where}): ${computed.reason}` }, computed, disagrees: false };
    return { project, rating: { status: 'grey', reason: `No data: the RAG cell is empty (${where}) and the tracker gives nothing to compute a rating from` }, computed, disagrees: false };
  }
  const byMilestone = project.milestones.some((m) => m.milestones.some((x) => x.status !== undefined));
  const how =
    project.ratedBy !== 'fill'
      ? `as stated in the tracker (${where})`
      : byMilestone
        ? `shown by its milestones’ colours in the tracker (${where}: the worst not yet completed)`
        : `shown by the RAG cell’s colour in the tracker (${where})`;
  if (!computed || stated === 'blue') return { project, rating: { status: stated, reason: `${STATUS_WORD[stated]} ${how}` }, computed, disagrees: false };
  // Only optimism is an exception: the rules rating it worse than stated, on evidence (criteria recorded, or
  // a milestone missed — a rating worse than green from milestones means one was). A stated amber or red the
  // rules cannot confirm ("no milestone overdue") is noted, not contradicted.
  const disagrees = isWorse(stated, computed.status);
  const reason =
    computed.status === stated
      ? `${STATUS_WORD[stated]} ${how}, as the rules give: ${computed.reason}`
      : disagrees
        ? `${STATUS_WORD[stated]} ${how}; the rules give ${STATUS_WORD[computed.status]}: ${computed.reason}`
        : `${STATUS_WORD[stated]} ${how}; the rules alone would give ${STATUS_WORD[computed.status]} (${computed.reason})`;
  return { project, rating: { status: stated, reason }, computed, disagrees };
}

/**
 * The plan's projects rated. Milestones are judged at the extract's own date (its footer's "Accurate when
 * produced on …"), when it has one earlier than the report's: a milestone due after the extract was made
 * cannot be known missed.
 */
export function scorePlan(plan: Plan, asAt: string, rules: ProjectRules): ScoredPlan {
  const judgedAt = plan.footerAsAt !== undefined && plan.footerAsAt < asAt ? plan.footerAsAt : asAt;
  const workstreams = plan.workstreams.map((workstream) => {
    const projects = workstream.projects.map((project) => rateProject(project, judgedAt, rules));
    return { workstream, projects, counts: countRatings(projects.map((p) => p.rating)) };
  });
  const counts = workstreams.reduce((acc, w) => addCounts(acc, w.counts), emptyCounts());
  return { plan, asAt, workstreams, counts };
}

