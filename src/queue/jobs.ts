/**
 * What a job is and how one runs, wherever it runs: in the web app's own process (the in-process queue)
 * or in a `papers worker` taking jobs from Redis. A job builds a meeting (or one of its items), runs a
 * month of a schedule, or builds one highlight report of a month for `papers run --queue`.
 */
import path from 'node:path';
import { formatProblem, isPapersError } from '../errors.js';
import type { Tool } from '../model/index.js';
import { buildMeeting, nodeEffects, runSchedule, type Effects, type ReportJob, type RunCache } from '../pipeline/index.js';

export interface BuildSpec {
  kind: 'build';
  /** The meeting's id in the app. */
  target: string;
  title: string;
  config: string;
  cwd: string;
  item: string | undefined;
}

export interface RunSpec {
  kind: 'run';
  target: string;
  title: string;
  config: string;
  cwd: string;
  period: string;
}

/** One highlight report of a month, sent by `papers run --queue`. */
export interface ReportSpec extends ReportJob {
  kind: 'report';
  target: string;
  title: string;
}

export type JobSpec = BuildSpec | RunSpec | ReportSpec;

/** What a job made: the files published (names) and lines to show. */
export interface JobOutcome {
  lines: string[];
  files: string[];
}

export interface JobContext {
  tool: Tool;
  /** The effects a job runs with (its log is the job's). */
  effects?: Partial<Effects> | undefined;
  /** Kept between jobs by a long-lived worker. */
  cache?: RunCache | undefined;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Runs one job with its log going to `log`; throws with every problem when it cannot. */
export async function runJob(spec: JobSpec, context: JobContext, log: (line: string) => void): Promise<JobOutcome> {
  const effects = nodeEffects({ ...context.effects, log });
  if (spec.kind === 'build') {
    const r = await buildMeeting(spec.config, { cwd: spec.cwd, tool: context.tool, item: spec.item }, effects);
    const pages = r.papers.reduce((a, p) => a + p.pages, 0);
    return { lines: [`Built ${plural(r.papers.length, 'paper')}, ${pages} pages, in ${r.seconds.toFixed(1)} s.`, ...r.failed.map(formatProblem)], files: r.written.map((f) => path.basename(f)) };
  }
  const only = spec.kind === 'report' ? { key: spec.key, id: spec.id } : undefined;
  const options = { cwd: spec.cwd, tool: context.tool, period: spec.period, only, cache: context.cache };
  const r = await runSchedule(spec.config, spec.kind === 'report' ? { ...options, outDir: spec.outDir, allowOutside: spec.allowOutside, templatesDir: spec.templatesDir } : options, effects);
  const failed = r.reports.filter((x) => !x.built);
  const built = `${r.reports.length - failed.length} of ${plural(r.reports.length, 'highlight report')} built for ${r.period} in ${r.seconds.toFixed(1)} s.`;
  return { lines: [built, ...failed.flatMap((x) => x.problems.map((p) => `${x.key}: ${formatProblem(p)}`))], files: r.written.map((f) => path.basename(f)) };
}

/** Why a job failed, a line per problem (file › sheet!cell, found, expected). */
export function failureLines(e: unknown): string[] {
  if (isPapersError(e)) return e.problems.map(formatProblem);
  return [`Unexpected error — ${e instanceof Error ? e.message : String(e)}`];
}
