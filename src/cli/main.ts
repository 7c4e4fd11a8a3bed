/**
 * The `papers` command. `runCli` is the testable core: it parses arguments, calls the programmatic
 * core, prints, and returns an exit code. `main` is the process shell and the only `process.exit`.
 *
 * Exit codes: 0 built · 1 bad data or config (clean messages, nothing written) · 2 usage error ·
 * 3 some reports (`run`) or papers (`build`) could not be built, the others were published · 70 unexpected error (a bug: run with
 * --debug for the stack).
 */
import { readFileSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import path from 'node:path';
import { formatProblem, isPapersError, type Problem } from '../errors.js';
import { isoOf, parsePeriod, type Tool } from '../model/index.js';
import type { Effects } from '../pipeline/index.js';

/**
 * The pipeline (and with it exceljs, puppeteer, pdf-lib, Vega…: about a second of loading) is loaded by
 * the commands that use it, not by `papers --help`, `--version` or a usage error.
 */
type Pipeline = typeof import('../pipeline/index.js');
let loaded: Pipeline | undefined;
async function pipeline(): Promise<Pipeline> {
  loaded ??= await import('../pipeline/index.js');
  return loaded;
}
import { QUEUE_OPTION_HELP, queueFanOut, queueUrl, usageChecked, workerCommand } from './queue.js';
import { serveCommand, userCommand } from './serve.js';
import { optimiseLater } from './tiering.js';

export const EXIT = { OK: 0, DATA: 1, USAGE: 2, SOME_FAILED: 3, BUG: 70 } as const;

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: `run` shows a progress bar instead of a line per report. */
  isTTY?: boolean;
  cwd: string;
  effects?: Partial<Effects>;
  /** `papers serve`: runs `close` when the server should stop (default: on SIGINT or SIGTERM). */
  untilStopped?: (close: () => Promise<void>) => Promise<void>;
}

/** Waits for Ctrl+C or SIGTERM, then closes. */
function untilSignal(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      close().then(resolve, reject);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function toolInfo(): Tool {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** `--as-at 2017-10-10`: a real calendar date, or a usage error naming what was found. */
function asAtDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const iso = m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (!iso) throw new InvalidArgumentError(`found "${value}", expected a date written YYYY-MM-DD, e.g. 2017-10-10.`);
  return iso;
}

/** `--period 2026-11`: a month, or a usage error naming what was found. */
function periodArg(value: string): string {
  const p = parsePeriod(value);
  if (!p) throw new InvalidArgumentError(`found "${value}", expected a month written YYYY-MM, e.g. 2026-11.`);
  return p;
}

/** `--workers 2`: a whole number from 1 to 16. */
function workersArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new InvalidArgumentError(`found "${value}", expected a whole number from 1 to 16.`);
  return n;
}

/** `--collect-every 50`: a whole number from 0 (none) to 100,000. */
function collectArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new InvalidArgumentError(`found "${value}", expected a whole number from 0 (none) to 100000.`);
  return n;
}

const EXAMPLES = `
Examples:
  $ papers build data/sample/meeting.yaml              build the sample into output/
  $ papers build meetings/2017-03-13.yaml --out public  build a meeting into public/
  $ papers validate data/sample/meeting.yaml           check the data without printing
  $ papers run data/sample/schedule.yaml --period 2017-02   the month's highlight reports
  $ papers serve --root /srv/meetings                  the web app on http://127.0.0.1:8080/

Exit codes: 0 built, 1 bad data or config, 2 usage error, 3 some reports (run) or papers (build) not built, the rest published, 70 unexpected error.`;

function printProblems(io: CliIO, problems: Problem[], written: boolean): void {
  const n = problems.length;
  // A locked folder is not a problem in the data: say what it is, and that waiting is the fix.
  const locked = problems.every((p) => p.name === 'BuildLocked');
  io.err(locked ? 'Cannot build: another build is writing the output folder.\n' : `Cannot build: ${n} problem${n === 1 ? '' : 's'} in the data or config.\n`);
  for (const p of problems) io.err(`  ${formatProblem(p)}\n`);
  printHints(io, problems);
  if (!written) io.err(locked ? 'Nothing was written.\n' : 'Nothing was written. Fix the problems above and run the command again.\n');
}

/** Each problem's hint (what to do), once however many problems share it. */
function printHints(io: CliIO, problems: Problem[]): void {
  const hints = [...new Set(problems.map((p) => p.hint).filter((h): h is string => Boolean(h)))];
  for (const h of hints) io.err(`  hint: ${h}\n`);
}

function printWarnings(io: CliIO, warnings: Problem[]): void {
  for (const w of warnings) io.err(`warning: ${formatProblem(w)}\n`);
}

/** `papers build`: a meeting's papers and pack. */
function buildCommand(program: Command, cx: Context): void {
  program
    .command('build')
    .description("build a meeting's papers (HTML and PDF) from its meeting.yaml")
    .argument('<meeting.yaml>', 'the meeting config')
    .option('-o, --out <dir>', 'the folder to publish into (default output/<meeting>); it is replaced whole, or not at all')
    .option('--as-at <date>', "score as at this date (YYYY-MM-DD) instead of the config's asAt", asAtDate)
    .option('--no-large-print', "skip the large-print copy of each paper and of the pack (built by default, no text under 16pt, named …-large-print; or set largePrint: false in meeting.yaml)")
    .option('--supplement', 'build only the to-follow items whose papers now exist, as a supplementary pack; the main pack is left as published')
    .option('--item <number>', 'rebuild this item even if nothing it depends on changed (unchanged items are always reused)')
    .option('--allow-outside', "let the config name files outside the working directory and the config's folder")
    .option('--strict', 'treat warnings in the sources (a deadline read from the month it names, an empty RAG cell…) as errors')
    .option('--watch', 'after building, build again each time a file the meeting reads changes (one Chromium kept open), until Ctrl+C')
    .option('--debug', 'show the stack of unexpected errors')
    .addHelpText(
      'after',
      '\nExamples:\n  $ papers build data/sample/meeting.yaml --watch\n  $ papers build data/sample/meeting.yaml --out public/2017-03-13\n  $ papers build data/sample/meeting.yaml --as-at 2017-10-10 --out output/re-scored\n  $ papers build data/sample/meeting.yaml --no-large-print',
    )
    .action(async (config: string, opts: { out?: string; asAt?: string; largePrint?: boolean; supplement?: boolean; item?: string; allowOutside?: boolean; strict?: boolean; watch?: boolean; debug?: boolean }) => {
      if (opts.debug) cx.debug = true;
      // commander sets largePrint true unless --no-large-print: only `false` is the user's word (else meeting.yaml decides)
      const { buildMeeting, meetingFiles } = await pipeline();
      const build = async (effects: Effects): Promise<void> => {
        const result = await buildMeeting(config, { cwd: cx.io.cwd, outDir: opts.out, tool: cx.tool, asAt: opts.asAt, largePrint: opts.largePrint === false ? false : undefined, supplement: opts.supplement, item: opts.item, allowOutside: opts.allowOutside, strict: opts.strict }, effects);
        printBuilt(cx, result);
      };
      if (!opts.watch) {
        await build(await cx.effects());
        return;
      }
      const { watchBuild } = await import('./watch.js');
      const effects = await cx.effects();
      const files = (): Promise<string[]> => meetingFiles(config, { cwd: cx.io.cwd, allowOutside: opts.allowOutside }, effects);
      await watchBuild({ cwd: cx.io.cwd, config, effects, build, files, failed: (e) => printFailure(cx, e), err: (t) => cx.io.err(t), untilStopped: cx.io.untilStopped ?? untilSignal });
      cx.code = EXIT.OK;
    });
}

/** What a build made: its warnings, a line of totals, the files written (stdout), any paper not printed. */
function printBuilt(cx: Context, result: Awaited<ReturnType<Pipeline['buildMeeting']>>): void {
  printWarnings(cx.io, result.warnings);
  const pages = result.papers.reduce((a, p) => a + p.pages, 0);
  const w = result.warnings.length;
  cx.io.err(
    `Built ${result.papers.length} paper${result.papers.length === 1 ? '' : 's'}, ${pages} pages` +
      `${result.largePrintPages !== undefined ? `, ${result.largePrintPages} in large print` : ''}` +
      `${w ? ` (${w} warning${w === 1 ? '' : 's'})` : ''} in ${result.seconds.toFixed(1)} s → ${path.relative(cx.io.cwd, result.outDir) || '.'}/\n`,
  );
  if (result.confidentialDir) cx.io.err(`Confidential copy, with the exempt items (NOT FOR PUBLICATION) → ${path.relative(cx.io.cwd, result.confidentialDir) || '.'}/\n`);
  for (const f of result.written) cx.io.out(`${f}\n`);
  if (result.failed.length > 0) {
    cx.io.err(`Not built: ${result.failed.length} paper${result.failed.length === 1 ? '' : 's'} Chromium could not print; the pack was not rebuilt.\n`);
    for (const p of result.failed) cx.io.err(`  ${formatProblem(p)}\n`);
    cx.io.err(`  hint: ${result.failed[0]!.hint}\n`);
    cx.code = EXIT.SOME_FAILED;
  }
}

/** `papers validate`: every source checked, and a report. */
function validateCommand(program: Command, cx: Context): void {
  program
    .command('validate')
    .description('check every source of a meeting without rendering; writes an HTML validation report')
    .argument('<meeting.yaml>', 'the meeting config')
    .option('-o, --out <dir>', 'folder for the validation report (default output/<meeting>)')
    .option('--as-at <date>', "check as at this date (YYYY-MM-DD) instead of the config's asAt", asAtDate)
    .option('--allow-outside', "let the config name files outside the working directory and the config's folder")
    .option('--strict', 'treat warnings in the sources as errors')
    .option('--debug', 'show the stack of unexpected errors')
    .action(async (config: string, opts: { out?: string; asAt?: string; allowOutside?: boolean; strict?: boolean; debug?: boolean }) => {
      if (opts.debug) cx.debug = true;
      const { validateMeeting } = await pipeline();
      const v = await validateMeeting(config, { cwd: cx.io.cwd, outDir: opts.out, asAt: opts.asAt, allowOutside: opts.allowOutside, strict: opts.strict }, await cx.effects());
      for (const line of v.columns) cx.io.out(`${line}\n`);
      for (const p of v.errors) cx.io.err(`  ${formatProblem(p)}\n`);
      printHints(cx.io, v.errors);
      printWarnings(cx.io, v.warnings);
      for (const line of v.summaries) cx.io.out(`${line}\n`);
      const e = v.errors.length;
      const w = v.warnings.length;
      const confidential = v.confidentialReport ? `; with the exempt items (not for publication): ${path.relative(cx.io.cwd, v.confidentialReport) || v.confidentialReport}` : '';
      cx.io.err(`${e ? 'Invalid' : 'Valid'}: ${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}. Report: ${path.relative(cx.io.cwd, v.report) || v.report}${confidential}\n`);
      cx.code = e > 0 ? EXIT.DATA : EXIT.OK;
    });
}

/** `papers run`: a month's highlight reports. */
function runCommand(program: Command, cx: Context): void {
  program
    .command('run')
    .description("build a period's monthly highlight reports (the plan and each workstream) from a schedule.yaml")
    .argument('<schedule.yaml>', 'the schedule: which reports, from which extracts')
    .option('--period <YYYY-MM>', 'the month to report on (default: the latest complete month, Europe/London)', periodArg)
    .option('-o, --out <dir>', "output folder instead of the schedule's `out`")
    .option('--json', 'print a machine-readable summary on stdout')
    .option('--workers <n>', "reports built at once (default: the schedule's workers, else one per core)", workersArg)
    .option('--collect-every <n>', 'reports between full garbage collections, keeping memory level over a long run (default 50; 0 for none)', collectArg)
    .option('--allow-outside', "let the schedule name extracts and folders outside the working directory and the schedule's folder")
    .option('--queue [url]', QUEUE_OPTION_HELP)
    .option('--debug', 'show the stack of unexpected errors')
    .addHelpText('after', '\nExamples:\n  $ papers run data/sample/schedule.yaml --period 2017-02\n  $ papers run schedules/monthly.yaml --json   (cron: the latest complete month)\n  $ papers run schedules/monthly.yaml --queue redis://127.0.0.1:6379   (one job a report, for `papers worker`s)\n\nExit codes: 0 every report built, 3 some failed (the rest were published), 1 the schedule itself is wrong.')
    .action(async (config: string, opts: { period?: string; out?: string; json?: boolean; workers?: number; collectEvery?: number; allowOutside?: boolean; queue?: string | boolean; debug?: boolean }, cmd: Command) => {
      if (opts.debug) cx.debug = true;
      const url = usageChecked(cmd, () => queueUrl(opts.queue));
      // On a terminal, a progress bar (every line still goes to the run's log file); otherwise a line each.
      const bar = cx.io.isTTY ? new SingleBar({ format: 'highlight reports [{bar}] {value}/{total} {report}', hideCursor: true, stream: process.stderr }, Presets.shades_classic) : undefined;
      const { nodeEffects, runSchedule } = await pipeline();
      const quiet = bar ? nodeEffects({ ...cx.io.effects, log: () => {} }) : await cx.effects();
      const queue = url ? await queueFanOut(url, (line) => (bar ? undefined : quiet.log(line))) : undefined;
      let result: Awaited<ReturnType<Pipeline['runSchedule']>>;
      try {
        result = await runSchedule(
          config,
          {
            cwd: cx.io.cwd,
            tool: cx.tool,
            period: opts.period,
            outDir: opts.out,
            allowOutside: opts.allowOutside,
            workers: opts.workers,
            collectEvery: opts.collectEvery,
            fanOut: queue?.fanOut,
            onProgress: (done, total, outcome) => {
              if (!bar) return;
              if (done === 1) bar.start(total, 0, { report: '' });
              bar.update(done, { report: `${outcome.built ? '' : 'FAILED '}${outcome.key}` });
            },
          },
          quiet,
        );
      } finally {
        bar?.stop();
        await queue?.close();
      }
      const failed = result.reports.filter((r) => !r.built);
      if (opts.json) {
        const summary = {
          period: result.period,
          asAt: result.asAt,
          built: result.reports.filter((r) => r.built).map((r) => ({ report: r.key, title: r.title, pages: r.pages, files: r.files })),
          failed: failed.map((r) => ({ report: r.key, problems: r.problems.map(formatProblem) })),
          written: result.written,
          log: result.log,
          seconds: Number(result.seconds.toFixed(2)),
        };
        cx.io.out(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
      for (const f of result.written) cx.io.out(`${f}\n`);
      }
      for (const r of failed) {
        cx.io.err(`Not built: ${r.key}\n`);
        for (const p of r.problems) cx.io.err(`  ${formatProblem(p)}\n`);
      }
      cx.io.err(`${result.reports.length - failed.length} of ${result.reports.length} highlight reports built for ${result.period} in ${result.seconds.toFixed(1)} s. Log: ${path.relative(cx.io.cwd, result.log) || result.log}\n`);
      cx.code = failed.length > 0 ? EXIT.SOME_FAILED : EXIT.OK;
    });
}

/** A command that stopped: its problems in the data (exit 1), or an unexpected error (exit 70, a bug). */
function printFailure(cx: Context, e: unknown): void {
  if (isPapersError(e)) {
    printWarnings(cx.io, e.warnings);
    printProblems(cx.io, e.problems, false);
    cx.code = EXIT.DATA;
    return;
  }
  cx.io.err(`Unexpected error — ${e instanceof Error ? e.message : String(e)}\n`);
  if (cx.debug && e instanceof Error && e.stack) cx.io.err(`${e.stack}\n`);
  else cx.io.err('Run again with --debug for the stack, and report it with the command you ran.\n');
  cx.code = EXIT.BUG;
}

/** What every subcommand shares: where it prints, the tool, the effects, and the exit code it sets. */
interface Context {
  io: CliIO;
  tool: Tool;
  /** The node effects, the pipeline loaded on first use. */
  effects(): Promise<Effects>;
  code: number;
  debug: boolean;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const tool = toolInfo();
  let effects: Effects | undefined;
  const cx: Context = {
    io,
    tool,
    effects: async () => (effects ??= (await pipeline()).nodeEffects({ log: (line) => io.err(`${line}\n`), ...io.effects })),
    code: EXIT.OK,
    debug: argv.includes('--debug'),
  };

  const program = new Command()
    .name('papers')
    .description('Committee papers and agenda packs, HTML and accessible PDF, from council spreadsheets.')
    .version(tool.version, '-V, --version')
    .showHelpAfterError('(run papers --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .addHelpText('after', EXAMPLES);

  buildCommand(program, cx);
  validateCommand(program, cx);
  runCommand(program, cx);
  serveCommand(program, cx, io.untilStopped ?? untilSignal);
  userCommand(program, cx);
  workerCommand(program, cx, io.untilStopped ?? untilSignal);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return cx.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      const ok = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(e.code);
      cx.code = ok ? EXIT.OK : EXIT.USAGE;
    } else printFailure(cx, e);
  }
  return cx.code;
}

/** The process shell: the only place that exits. */
export async function main(argv: string[]): Promise<void> {
  process.env.TZ = 'Europe/London';
  optimiseLater(); // before the pipeline is loaded (./tiering.ts)
  const code = await runCli(argv, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY === true,
  });
  process.exitCode = code;
}
