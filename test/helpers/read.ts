import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { formatProblem, isPapersError } from '../../src/errors.js';
import { readTracker, type TrackerRead } from '../../src/ingest/index.js';

export function fileInput(display: string): { bytes: Buffer; display: string; sha256: string } {
  const bytes = readFileSync(display);
  return { bytes, display, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export function trackerAt(display: string, sheet?: string): Promise<TrackerRead> {
  return readTracker({ ...fileInput(display), sheet });
}

/** The formatted problems a step throws (fails the test when it does not throw them). */
export async function problemsFrom(step: () => unknown): Promise<string[]> {
  try {
    await step();
  } catch (e) {
    if (isPapersError(e)) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected problems, but the step succeeded');
}
