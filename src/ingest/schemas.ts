/**
 * One zod schema per source kind: the contract of the record each reader returns once a row has been
 * mapped, read and checked. The readers word user problems themselves (each names its cell, the value
 * found and what was expected); these schemas state what a good record is, and every record a reader
 * returns is checked against its schema — a record that fails is a bug in the reader, not bad data.
 * (The tracker's records are checked by the tests on every fixture rather than at run time: a
 * 50,000-row tracker keeps its provenance and milestones lazy, and a check would make them eager.)
 * Column mappings for each kind are in the readers (`*_COLUMNS`) and in docs/CONFIG.md.
 */
import { z } from 'zod';

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const status = z.enum(['red', 'amber', 'green', 'blue', 'grey']);
const source = z.object({ file: z.string().min(1), sheet: z.string().optional(), cell: z.string().regex(/^[A-Z]{1,3}\d+$/) });

export const projectSchema = z.object({
  ref: z.string().regex(/^\d{1,3}\.\d{1,4}[a-z]?$/i),
  title: z.string().min(1),
  lead: z.string(),
  statedStatus: status.optional(),
  ratedBy: z.enum(['text', 'fill']),
  commentary: z.string(),
  milestones: z.array(z.object({ month: z.string().min(1), source })),
  source: z.object({ row: source, rating: source, commentary: source }),
});

export const kpiDefinitionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  unit: z.enum(['percent', 'number', 'days', 'rate per 10,000']),
  polarity: z.enum(['higher', 'lower', 'band', 'none']),
  target: z.number().finite().optional(),
  tolerance: z.object({ kind: z.enum(['relative', 'absolute']), value: z.number().finite().nonnegative() }).optional(),
  band: z.object({ low: z.number().finite(), high: z.number().finite() }).optional(),
  workstream: z.string().optional(),
  source,
});

export const actionSchema = z.object({
  no: z.string().min(1),
  recommendation: z.string(),
  outcome: z.string(),
  action: z.string().min(1),
  deadline: z.object({
    text: z.string(),
    date: iso.optional(),
    state: z.enum(['complete', 'in progress', 'ongoing', 'to be confirmed', 'dependent']).optional(),
  }),
  completedOn: iso.optional(),
  statedStatus: status.optional(),
  statedState: z.string().min(1).optional(),
  source: z.object({ row: source, deadline: source, status: source.optional() }),
});

export const outcomeSchema = z.object({
  number: z.string().min(1),
  title: z.string().min(1),
  measures: z.array(z.object({ text: z.string().min(1), source })),
  recommendations: z.array(z.object({ number: z.string().regex(/^\d+$/), source })),
  source,
});

export const recommendationSchema = z.object({
  number: z.string().regex(/^\d+[a-z]?$/i),
  text: z.string().min(1),
  origin: z.string(),
  source,
});

/** Check every record against its kind's schema; throws (a bug) naming the first record that fails. */
export function conform<T>(schema: z.ZodType, kind: string, records: readonly T[]): readonly T[] {
  for (const r of records) {
    const result = schema.safeParse(r);
    if (!result.success) throw new Error(`${kind} record does not match its schema: ${z.prettifyError(result.error)}`);
  }
  return records;
}
