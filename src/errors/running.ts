/**
 * The catalogue's entries for what stops a build once its data is read: the browser, the output folder,
 * the queue, what a printed page tried to load. Names are permanent (src/errors.ts).
 */
import { entry, q } from './entry.js';

export const runningProblems = {
  BrowserNotFound: entry<{ path: string; looked?: string[] }>({
    title: 'Chromium not found',
    message: (a) => (a.looked ? `found no Chromium, Chrome or Edge in any of ${a.looked.map(q).join(', ')}, expected one installed` : `no Chromium at ${a.path}, expected Debian's chromium package`),
    hint: 'Run `npm run setup` (it installs Chromium), or set PAPERS_CHROMIUM to the browser binary.',
  }),
  PrintFailed: entry<{ document: string; reason: string }>({
    title: 'Chromium could not print a document',
    message: (a) => `Chromium failed on ${a.document} twice, with a new browser the second time (${a.reason}), expected it to print; the other documents were still built`,
    hint: 'Run the same command again: what was published is kept and only what failed is printed again. If it fails again, run it with --debug and report it.',
  }),
  BuildLocked: entry<{ folder: string; pid: number; started: string; lock: string }>({
    title: 'Another build is writing this folder',
    message: (a) => `another build (process ${a.pid}, started ${a.started}) is writing ${a.folder}, expected no other build of it to be running`,
    hint: 'Wait for the other build to finish and run the command again. If no build is running, delete the lock file named in the message.',
  }),
  ReportNotInSchedule: entry<{ found: string; expected: string }>({
    title: 'Queued report not in the schedule',
    message: (a) => `a queue job asked for the ${a.found} report, expected one of ${a.expected}: the schedule or its tracker changed after the job was sent`,
    hint: 'Run the period again with `papers run --queue`: it sends the reports the schedule asks for now.',
  }),
  ReportJobFailed: entry<{ report: string; reason: string }>({
    title: 'A queued report was not built',
    message: (a) => `the ${a.report} report's job failed after its retries (${a.reason}), expected a worker to build it; the other reports were still published`,
    hint: 'Read the workers’ logs for the reason, then run the same period again: reports already built from the same inputs are kept and only this one is sent again.',
  }),
  QueueUnavailable: entry<{ url: string; reason: string }>({
    title: 'The queue cannot be reached',
    message: (a) => `could not reach Redis at ${a.url} (${a.reason}), expected a Redis server there for the build queue`,
    hint: 'Start Redis (Debian: `systemctl start redis-server`), or correct the address given to --queue or set in PAPERS_REDIS. Without them, builds run in this process.',
  }),
  IncludedPdfCleaned: entry<{ removed: string[] }>({
    title: 'Active content removed from an included PDF (warning)',
    message: (a) => `found active content, removed before the PDF goes into the pack: ${a.removed.join('; ')}`,
    hint: 'Nothing to do if the pages read right without it; a PDF saved by a word processor or "Microsoft Print to PDF" has none. Links within the document and to web and mail addresses are kept.',
  }),
  RequestBlocked: entry<{ url: string }>({
    title: 'Printed page tried to load something (warning)',
    message: (a) => `the printed page tried to load ${q(a.url)}; it was blocked, as everything outside the document is`,
  }),
} as const;
