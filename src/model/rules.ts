/**
 * The rules ratings follow: what the council can read (they are printed in every paper under "How
 * ratings are calculated") and change (the `scoring:` block of meeting.yaml, see docs/CONFIG.md).
 * Every default here is the one documented there.
 */
import type { Status } from './types.js';

export interface Criterion {
  /** As printed: "Clear scope". */
  name: string;
  /** Missing a critical criterion makes the project red, whatever else is in place. */
  critical: boolean;
  /** Header texts of its tracker column. */
  aliases: string[];
}

export interface ProjectRules {
  /** RAG criteria, each a Y/N column in the tracker (seed 000). */
  criteria: Criterion[];
  /** Criteria missing for amber and for red: none missing → green. */
  missingForAmber: number;
  missingForRed: number;
  /** Overdue milestones (due before the as-at date, not marked done) for amber and for red. */
  overdueForAmber: number;
  overdueForRed: number;
  /** Extra words for stated ratings (plan-on-a-page labels), lower case → status. */
  synonyms: Record<string, Status>;
}

export interface ActionRules {
  /** An incomplete action due within this many working days, not reported on track, is amber. */
  dueSoonWorkingDays: number;
  /** Progress or status words that count as "reported on track". */
  onTrackWords: string[];
}

export interface KpiRules {
  /** How far short of target is still amber: relative (fraction of the target) or absolute (in the unit). */
  tolerance: { kind: 'relative' | 'absolute'; value: number };
  /** A value exactly at the tolerance edge is `amber` (the edge belongs to amber) or `red`. */
  edge: 'amber' | 'red';
  /** Denominators below this are "small numbers": grey, not rated. 0 turns the rule off. */
  smallNumbers: number;
}

export interface WorkingDayRules {
  /** Bank holidays: the bundled GOV.UK list for England and Wales. */
  region: 'england-and-wales';
  /** The council's own closure days (e.g. between Christmas and New Year), ISO dates. */
  closures: string[];
  /** Counting "working days from A to B": the start day excluded, the end day included, by default. */
  countStart: boolean;
  countEnd: boolean;
}

export interface Rules {
  projects: ProjectRules;
  actions: ActionRules;
  kpis: KpiRules;
  workingDays: WorkingDayRules;
}

/** The plan-on-a-page labels of seed 003 and their everyday variants. */
export const PLAN_ON_A_PAGE: Record<string, Status> = {
  'on track': 'green',
  'at risk': 'amber', // on track / at risk / off track: the same scale in everyday words
  'off track': 'red',
  'on track/no issues': 'green',
  'no issues': 'green',
  'possible slippage': 'amber',
  'possibility of missing deadlines': 'amber',
  'possibility of missing deadlines/minor issues': 'amber',
  'minor issues': 'amber',
  'missed deadline': 'red',
  'missed deadline/major issues': 'red',
  'major issues': 'red',
  completed: 'blue',
  complete: 'blue',
};

export const DEFAULT_CRITERIA: Criterion[] = [
  { name: 'Clear scope', critical: true, aliases: ['Clear Scope', 'Scope'] },
  { name: 'Clear resource requirements', critical: false, aliases: ['Clear Resource Requirements', 'Resource Requirements'] },
  { name: 'Resource allocated', critical: false, aliases: ['Resource Allocated', 'Resourced'] },
  { name: 'Project plan developed', critical: false, aliases: ['Project Plan Developed', 'Project Plan', 'Plan Developed'] },
  { name: 'Ambitious delivery timescales', critical: false, aliases: ['Ambitious Delivery Timescales', 'Ambitious Timescales', 'Pace'] },
];

export const DEFAULT_RULES: Rules = {
  projects: {
    criteria: DEFAULT_CRITERIA,
    missingForAmber: 1,
    missingForRed: 2,
    overdueForAmber: 1,
    overdueForRed: 2,
    synonyms: PLAN_ON_A_PAGE,
  },
  actions: {
    dueSoonWorkingDays: 20,
    onTrackWords: ['on track', 'on target', 'green', 'no issues'],
  },
  kpis: {
    tolerance: { kind: 'relative', value: 0.05 },
    edge: 'amber',
    smallNumbers: 5,
  },
  workingDays: {
    region: 'england-and-wales',
    closures: [],
    countStart: false,
    countEnd: true,
  },
};
