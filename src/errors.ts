/**
 * The error catalogue: every problem a user can cause, under a permanent name.
 *
 * Policy
 * - A *problem* is something wrong with the user's data or config. Stages collect problems rather
 *   than throwing at the first one, so a build reports every bad cell at once.
 * - A stage that has collected problems throws one `PapersError` holding all of them. The CLI prints
 *   one line per problem, no stack, and exits 1.
 * - Anything else that is thrown is a bug (or the machine's fault) and is reported as
 *   "Unexpected error", exit 70, with the stack only under --debug.
 * - Names are permanent: tests, docs and users' scripts may rely on them. Add, never rename.
 * - Messages say what was found, what was expected and, in the hint, what to do. No "Oops", no
 *   "Error:" prefix.
 * - The entries live in errors/: reading.ts (the files and config), running.ts (the build once they are read).
 */
import type { Entry } from './errors/entry.js';
import { readingProblems } from './errors/reading.js';
import { runningProblems } from './errors/running.js';

export { shown } from './errors/entry.js';

/** Where a problem is: a file, and inside it a sheet and cell, or a line. Kept apart from the message. */
export interface Location {
  file: string;
  sheet?: string;
  cell?: string;
  line?: number;
  /** A dotted path inside a structured file (YAML), e.g. `items.0.paper.tracker`. */
  path?: string;
}

export const catalogue = { ...readingProblems, ...runningProblems } as const;

export type ProblemName = keyof typeof catalogue;
type ArgsOf<N extends ProblemName> = Parameters<(typeof catalogue)[N]['message']>[0];

export interface Problem {
  name: ProblemName;
  location?: Location;
  message: string;
  hint?: string;
}

export function problem<N extends ProblemName>(name: N, args: ArgsOf<N>, location?: Location): Problem {
  const e = catalogue[name] as Entry<ArgsOf<N>>;
  const p: Problem = { name, message: e.message(args) };
  if (location) p.location = location;
  if (e.hint) p.hint = e.hint;
  return p;
}

/** `data/sample/tracker.xlsx › Tracker!D14`, `meeting.yaml › items.0.title`, `kpis.csv:12`. */
export function formatLocation(l: Location): string {
  let s = l.file;
  if (l.sheet !== undefined && l.cell !== undefined) s += ` › ${l.sheet}!${l.cell}`;
  else if (l.sheet !== undefined) s += ` › ${l.sheet}`;
  else if (l.cell !== undefined) s += ` › ${l.cell}`;
  if (l.line !== undefined) s += `:${l.line}`;
  if (l.path !== undefined && l.path !== '') s += ` › ${l.path}`;
  return s;
}

export function formatProblem(p: Problem): string {
  const where = p.location ? `${formatLocation(p.location)}: ` : '';
  return `${where}${p.message} [${p.name}]`;
}

/** A user-caused failure: one or more problems, printed without a stack. */
export class PapersError extends Error {
  readonly problems: Problem[];
  /** Warnings found alongside the errors, so a failed build still says everything it saw. */
  readonly warnings: Problem[];
  constructor(problems: Problem[], summary?: string, warnings: Problem[] = []) {
    super(summary ?? problems.map(formatProblem).join('\n'));
    this.name = 'PapersError';
    this.problems = problems;
    this.warnings = warnings;
  }
}

export function isPapersError(e: unknown): e is PapersError {
  return e instanceof PapersError;
}

/** Throw when any problems were collected; otherwise carry on. */
export function throwIfProblems(problems: Problem[], summary?: string): void {
  if (problems.length > 0) throw new PapersError(problems, summary);
}

/** Run a step that may report user problems; collect them and carry on with the next step. */
export async function collecting<T>(problems: Problem[], step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (e) {
    if (isPapersError(e)) {
      problems.push(...e.problems);
      return undefined;
    }
    throw e;
  }
}
