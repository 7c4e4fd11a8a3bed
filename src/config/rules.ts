/**
 * The `scoring:` block of meeting.yaml → `Rules` (src/score/rules.ts). Every key is optional; what is
 * left out keeps its documented default (DEFAULT_RULES, docs/CONFIG.md "Scoring rules").
 */
import { z } from 'zod';
import { DEFAULT_RULES, type Criterion, type Rules } from '../model/index.js';

const isoDate = z.iso.date({ error: 'a date written YYYY-MM-DD' });
const text = z.string({ error: 'some text' }).trim().min(1, { error: 'some text' });
const status = z.enum(['red', 'amber', 'green', 'blue', 'grey'], { error: 'one of red, amber, green, blue, grey' });
const count = z.number({ error: 'a whole number' }).int({ error: 'a whole number' }).min(0, { error: 'a whole number, 0 or more' });

const criterion = z.union(
  [
    text.transform((name): Criterion => ({ name, critical: false, aliases: [name] })),
    z
      .object({ name: text, critical: z.boolean().default(false), aliases: z.array(text).optional() })
      .strict()
      .transform((c): Criterion => ({ name: c.name, critical: c.critical, aliases: c.aliases ?? [c.name] })),
  ],
  { error: 'a criterion: its name, or { name, critical: true, aliases: [header texts] }' },
);

export const scoringSchema = z
  .object({
    projects: z
      .object({
        criteria: z.array(criterion).optional(), // default: the five criteria of seed 000, clear scope critical
        missingForAmber: count.optional(), // default 1
        missingForRed: count.optional(), // default 2
        overdueForAmber: count.optional(), // default 1
        overdueForRed: count.optional(), // default 2
        synonyms: z.record(z.string(), status).optional(), // extra rating words, added to the plan-on-a-page labels
      })
      .strict()
      .optional(),
    actions: z
      .object({
        dueSoonWorkingDays: count.optional(), // default 20
        onTrackWords: z.array(text).optional(), // default: on track, on target, green, no issues
      })
      .strict()
      .optional(),
    kpis: z
      .object({
        tolerance: z
          .object({ kind: z.enum(['relative', 'absolute'], { error: 'relative or absolute' }), value: z.number().min(0) })
          .strict()
          .optional(), // default { kind: relative, value: 0.05 }
        edge: z.enum(['amber', 'red'], { error: 'amber or red' }).optional(), // default amber
        smallNumbers: count.optional(), // default 5; 0 turns it off
      })
      .strict()
      .optional(),
    workingDays: z
      .object({
        closures: z.array(isoDate).optional(), // council closure days; default none
        countStart: z.boolean().optional(), // default false (start day excluded)
        countEnd: z.boolean().optional(), // default true (end day included)
      })
      .strict()
      .optional(),
  })
  .strict();

export type RawScoring = z.infer<typeof scoringSchema>;

/** The rules in force: the defaults, with what the config says laid over them. */
export function resolveRules(raw: RawScoring | undefined): Rules {
  const d = DEFAULT_RULES;
  const r = raw ?? {};
  const synonyms = { ...d.projects.synonyms };
  for (const [k, v] of Object.entries(r.projects?.synonyms ?? {})) synonyms[k.trim().toLowerCase()] = v;
  return {
    projects: {
      criteria: r.projects?.criteria ?? d.projects.criteria,
      missingForAmber: r.projects?.missingForAmber ?? d.projects.missingForAmber,
      missingForRed: r.projects?.missingForRed ?? d.projects.missingForRed,
      overdueForAmber: r.projects?.overdueForAmber ?? d.projects.overdueForAmber,
      overdueForRed: r.projects?.overdueForRed ?? d.projects.overdueForRed,
      synonyms,
    },
    actions: {
      dueSoonWorkingDays: r.actions?.dueSoonWorkingDays ?? d.actions.dueSoonWorkingDays,
      onTrackWords: r.actions?.onTrackWords ?? d.actions.onTrackWords,
    },
    kpis: {
      tolerance: r.kpis?.tolerance ?? d.kpis.tolerance,
      edge: r.kpis?.edge ?? d.kpis.edge,
      smallNumbers: r.kpis?.smallNumbers ?? d.kpis.smallNumbers,
    },
    workingDays: {
      region: 'england-and-wales',
      closures: r.workingDays?.closures ?? d.workingDays.closures,
      countStart: r.workingDays?.countStart ?? d.workingDays.countStart,
      countEnd: r.workingDays?.countEnd ?? d.workingDays.countEnd,
    },
  };
}
