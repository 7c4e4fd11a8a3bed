import { readFileSync } from 'node:fs';
import { formatProblem, isPapersError } from '../../src/errors.js';
import { handleFromBytes, readTracker, type SourceHandle, type TrackerRead } from '../../src/ingest/index.js';
import { withoutFormulas, type SheetFindings } from '../../src/ingest/formula-cells.js';

export function fileHandle(display: string): SourceHandle {
  return handleFromBytes(readFileSync(display), display);
}

export function textHandle(text: string | Buffer, display = 'kpis.csv'): SourceHandle {
  return handleFromBytes(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), display);
}

export function trackerAt(display: string, sheet?: string, asAt = '2017-02-24'): Promise<TrackerRead> {
  return readTracker(fileHandle(display), { sheet, asAt });
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

/** The bytes in chunks of `size`, as a part streams out of a zip. */
export async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** A worksheet part passed through `withoutFormulas` in chunks of `size` bytes, as the text that comes out. */
export async function rewrittenInChunks(sheet: Buffer, size: number): Promise<string> {
  const out: Buffer[] = [];
  const found: SheetFindings = { cells: [], count: 0 };
  for await (const c of withoutFormulas(inChunks(sheet, size), found)) out.push(c);
  return Buffer.concat(out).toString('utf8');
}
