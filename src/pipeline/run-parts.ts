/**
 * A period's run through a queue (`papers run --queue` and `papers worker`):
 *
 *   the run:  config → the reports, each with a hash of its inputs → those already built from the same
 *             inputs kept → the rest sent to the queue → each report's part read back → published
 *             together into the period's folder (one release) → history and log, as in one process
 *   a job:    the same stages for its one report → its files, outcome and snapshot published atomically
 *             into the report's own part folder (`<history>/.<period>.reports/<key>/`), never into the
 *             folder the run publishes
 *
 * So a worker killed mid-job leaves its part as it was (publishing is atomic); the job, taken up again by
 * another worker, writes the same bytes (builds are deterministic); and the period's folder is published
 * once, by the run, whole. A duplicate job, or a second run of the same period, is harmless for the same
 * reasons. Every worker must see the files at the same paths (one machine, or a shared filesystem).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sourcesFor, type ScheduledReport } from '../config/index.js';
import { formatProblem, PapersError, problem } from '../errors.js';
import { readSnapshot } from '../ingest/index.js';
import type { Snapshot, Tool } from '../model/index.js';
import type { Effects } from './effects.js';
import { filesNamed } from './run-cache.js';
import { buildReport, previousModel, readReports, readShared, recordRun, reportKey, type Done, type FanOut, type PartRequest, type PeriodRun, type ReportJob, type ReportOutcome, type RunOptions, type RunResult } from './run-report.js';

/** The file in a part folder that says what the report is and how it was built. */
const PART = 'report.json';

interface Part {
  format: 'committee-papers/report-part@1';
  /** The inputs' hash it was built from. */
  id: string;
  outcome: ReportOutcome;
  snapshot: Snapshot | undefined;
}

/** Where a queued report's worker publishes it, for the run to gather: beside the period's history. */
export const partDir = (historyDir: string, key: string): string => path.join(path.dirname(historyDir), `.${path.basename(historyDir)}.reports`, key);

/** A queue's job: one report built and published into its part folder. */
export async function runPart(run: PeriodRun, request: PartRequest, options: RunOptions, effects: Effects): Promise<RunResult> {
  const shared = await readShared(run, options, effects);
  const report = shared.reports.find((r) => reportKey(r) === request.key);
  if (!report) throw new PapersError([problem('ReportNotInSchedule', { found: request.key, expected: shared.reports.map(reportKey).join(', ') }, { file: run.schedule.file.display })]);
  const staging = await effects.stage(partDir(run.historyDir, request.key));
  const printer = await effects.launchPrinter({ browser: run.schedule.browser, onRelaunch: (reason) => effects.log(`Chromium failed (${reason}): relaunched, printing the report again`) });
  let done: Done;
  try {
    done = await buildReport(report, { run, shared, staging }, { next: () => Promise.resolve(printer) }, effects);
    const part: Part = { format: 'committee-papers/report-part@1', id: request.id, outcome: done.outcome, snapshot: done.snapshot };
    await staging.add([{ name: PART, bytes: Buffer.from(`${JSON.stringify(part, null, 2)}\n`, 'utf8') }]);
  } catch (e) {
    await staging.abort();
    throw e;
  } finally {
    await printer.close();
  }
  if (!done.outcome.built) effects.log(`FAILED ${done.outcome.key}: ${done.outcome.problems.map(formatProblem).join('; ')}`);
  const written = await staging.commit();
  return { period: run.period, asAt: run.asAt, reports: [done.outcome], written, log: '', seconds: (performance.now() - run.started) / 1000 };
}

/** The run: the reports not already built sent to the queue, then every part gathered and published at once. */
export async function runFannedOut(run: PeriodRun, fanOut: FanOut, options: RunOptions, effects: Effects): Promise<RunResult> {
  const shared = await readReports(run, options, effects); // the workers compile the templates and print
  const hash = inputsHasher(run, options, shared.tool, effects);
  const jobs: ReportJob[] = [];
  for (const report of shared.reports) {
    jobs.push({ key: reportKey(report), id: await hash(report), config: run.schedule.file.path, cwd: options.cwd, period: run.period, outDir: run.outDir, allowOutside: options.allowOutside, templatesDir: options.templatesDir });
  }
  const parts = new Map<string, Part>();
  for (const job of jobs) {
    const part = await readPart(run, job.key, effects);
    if (part?.id === job.id) parts.set(job.key, part);
  }
  const todo = jobs.filter((j) => !parts.has(j.key));
  run.log(`${todo.length} report${todo.length === 1 ? '' : 's'} sent to the queue${parts.size ? ` (${parts.size} already built from the same inputs)` : ''}`);
  let ended = parts.size;
  const failures = todo.length === 0 ? new Map<string, string | undefined>() : await fanOut(todo, (key, failure) => {
    ended += 1;
    options.onProgress?.(ended, jobs.length, { key, title: key, built: failure === undefined, files: [], pages: 0, problems: [] });
  });
  const staging = await effects.stage(run.outDir);
  const done: Done[] = [];
  try {
    for (const job of jobs) {
      const part = parts.get(job.key) ?? (await readPart(run, job.key, effects));
      const failure = failures.get(job.key) ?? (part?.id === job.id ? undefined : 'its job ended but its report is not there');
      const outcome: ReportOutcome = failure || !part ? { key: job.key, title: job.key, built: false, files: [], pages: 0, problems: [problem('ReportJobFailed', { report: job.key, reason: failure ?? 'no report' })] } : part.outcome;
      if (outcome.built) {
        const dir = partDir(run.historyDir, job.key);
        await staging.add(await Promise.all(outcome.files.map(async (name) => ({ name, bytes: await effects.readFile(path.join(dir, name)) }))));
      } else run.log(`FAILED ${outcome.key}: ${outcome.problems.map(formatProblem).join('; ')}`);
      done.push({ outcome, snapshot: outcome.built ? part?.snapshot : undefined });
    }
  } catch (e) {
    await staging.abort();
    throw e;
  }
  return recordRun(run, done, await staging.commit(), effects);
}

async function readPart(run: PeriodRun, key: string, effects: Effects): Promise<Part | undefined> {
  const file = path.join(partDir(run.historyDir, key), PART);
  let part: Part;
  try {
    part = JSON.parse((await effects.readFile(file)).toString('utf8')) as Part;
  } catch {
    return undefined;
  }
  if (part.format !== 'committee-papers/report-part@1') return undefined;
  if (part.snapshot) part.snapshot = readSnapshot(Buffer.from(JSON.stringify(part.snapshot)), file);
  return part;
}

/**
 * A report's inputs as one hash: the tool's code, the schedule, the period, the report, where it is
 * published, its extracts' bytes and the previous period's history. Each file is read once per run.
 */
function inputsHasher(run: PeriodRun, options: RunOptions, tool: Tool, effects: Effects): (report: ScheduledReport) => Promise<string> {
  const { schedule, period } = run;
  const bytes = new Map<string, Promise<string>>();
  const fileHash = (file: string): Promise<string> => {
    let got = bytes.get(file);
    if (!got) {
      got = effects.readFile(file).then((b) => createHash('sha256').update(b).digest('hex'), () => 'missing');
      bytes.set(file, got);
    }
    return got;
  };
  const previous = previousModel(run);
  return async (report) => {
    const refs = sourcesFor(schedule, report.sources, period, options.cwd, options.allowOutside === true);
    const files = [schedule.file.path, previous, ...filesNamed(refs)];
    const h = createHash('sha256').update(JSON.stringify([tool, period, reportKey(report), run.outDir, options.templatesDir ?? '', refs]));
    for (const f of files) h.update(`\u0000${f}\u0000${await fileHash(f)}`);
    return h.digest('hex').slice(0, 32);
  };
}
