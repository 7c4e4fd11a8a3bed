/**
 * The snapshot the last paper's build saved (`*.snapshot.json`), for "changes since the last paper".
 * Checked by a zod schema: a snapshot that is not one is a clear error naming the key, not a crash.
 */
import { z } from 'zod';
import { PapersError, problem, shown } from '../errors.js';
import type { Snapshot } from '../model/index.js';

const status = z.enum(['red', 'amber', 'green', 'blue', 'grey', 'none']);
const entry = z.object({ title: z.string(), status, value: z.number().optional(), period: z.string().regex(/^\d{4}-\d{2}$/).optional() }).strict();

export const snapshotSchema = z
  .object({
    format: z.literal('committee-papers/snapshot@1'),
    item: z.string(),
    asAt: z.iso.date(),
    projects: z.record(z.string(), entry),
    actions: z.record(z.string(), entry),
    kpis: z.record(z.string(), entry),
  })
  .strict();

export function readSnapshot(bytes: Buffer, display: string): Snapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new PapersError([problem('SnapshotInvalid', { found: `text that is not JSON (${e instanceof Error ? e.message : String(e)})`, expected: 'a snapshot written by papers build' }, { file: display })]);
  }
  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PapersError(
      parsed.error.issues.map((issue) => {
        let found: unknown = raw;
        for (const k of issue.path) found = (found as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey];
        return problem('SnapshotInvalid', { found: found === undefined ? 'nothing' : shown(typeof found === 'object' ? JSON.stringify(found) : found), expected: issue.message }, { file: display, path: issue.path.map(String).join('.') });
      }),
    );
  }
  return parsed.data as Snapshot;
}
