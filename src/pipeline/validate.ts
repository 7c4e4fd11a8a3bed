/**
 * `papers validate`: every source of a meeting read and checked, without rendering a paper —
 *
 *   config (parsed once) → ingest → score (for the counts) → render (the report) → publish (the report)
 *
 * — every problem at once, what each paper holds, and an HTML validation report beside where the papers
 * would be published. Exempt items are checked too and printed, but the published report holds only
 * what the public may see; a second report, with everything, goes into the confidential folder.
 */
import path from 'node:path';
import { meetingBaseName } from '../assemble/index.js';
import type { Problem } from '../errors.js';
import type { MeetingConfig } from '../model/index.js';
import { auditText, formatLongDate, itemSummary, renderValidation } from '../render/index.js';
import type { Effects } from './effects.js';
import { checkMeeting, type ItemReads, type MeetingCheck } from './load.js';
import { confidentialFolder, hasExempt, readTemplates, type MeetingOptions } from './meeting.js';
import { scoreLoadedItem } from './paper.js';

export interface ValidateOptions extends MeetingOptions {
  /** Folder for the report (default `output/<meeting>`). */
  outDir?: string | undefined;
}

export interface ValidateResult {
  meeting: MeetingConfig | undefined;
  errors: Problem[];
  warnings: Problem[];
  /** One line per paper: what it holds and how it is rated ("item 6: 46 projects — 4 red, …"). */
  summaries: string[];
  /** Each table's columns, what each was read as (the lines `papers validate` prints). */
  columns: string[];
  /** Where the report was published. */
  report: string;
  /** Where the report with the exempt items was published (when the agenda has one). */
  confidentialReport?: string | undefined;
}

/**
 * A new version of one source, checked in the meeting as the build would read it, before it replaces the
 * file: `replace` is the source's path, `candidate` where the new bytes wait. Messages name the source's
 * own file (what the officer knows it as). Nothing is written.
 */
export async function checkCandidate(configPath: string, options: MeetingOptions, replace: string, candidate: string, effects: Effects): Promise<Pick<ValidateResult, 'errors' | 'warnings' | 'summaries' | 'columns'>> {
  const redirected: Effects = { ...effects, openSource: (p, display) => effects.openSource(p === replace ? candidate : p, display) };
  const check = await checkMeeting(configPath, { ...options, confidential: true }, redirected); // an exempt item's source is checked like any other
  const summaries = (check.loaded?.items ?? []).map((loaded) => itemSummary(loaded.item.number, scoreLoadedItem(check.loaded!.meeting, loaded)));
  return { errors: check.errors, warnings: check.warnings, summaries, columns: check.audits.flatMap(auditText) };
}

export async function validateMeeting(configPath: string, options: ValidateOptions, effects: Effects): Promise<ValidateResult> {
  const reads: ItemReads = new Map(); // each item read once
  const full = await checkMeeting(configPath, { ...options, confidential: true, reads }, effects);
  const exempt = full.meeting !== undefined && hasExempt(full.meeting);
  const open = exempt ? await checkMeeting(configPath, { ...options, reads }, effects) : full; // what the public report may hold
  const meeting = full.meeting;
  const summaries = (full.loaded?.items ?? []).map((loaded) => itemSummary(loaded.item.number, scoreLoadedItem(full.loaded!.meeting, loaded)));
  const templates = await readTemplates(effects);
  const report = (check: MeetingCheck): Buffer =>
    Buffer.from(
      renderValidation(
        {
          title: meeting ? `${meeting.committee}, ${formatLongDate(meeting.start)}` : configPath,
          config: meeting?.file.display ?? configPath,
          asAt: meeting ? formatLongDate(meeting.asAt) : '–',
          errors: check.errors,
          warnings: check.warnings,
          read: check.read,
          audits: check.audits,
        },
        templates,
      ),
      'utf8',
    );
  const base = meeting ? meetingBaseName(meeting) : undefined;
  const folder = path.resolve(options.cwd, options.outDir ?? (base ? path.join('output', base) : 'output'));
  const result = { meeting, errors: full.errors, warnings: full.warnings, summaries, columns: full.audits.flatMap(auditText) };
  const published = async (dir: string, bytes: Buffer): Promise<string> => {
    const lock = await effects.lock(dir);
    try {
      return (await effects.publish(dir, [{ name: 'validation.html', bytes }]))[0]!;
    } finally {
      await lock.release();
    }
  };
  const confidentialReport = exempt ? await published(confidentialFolder(folder), report(full)) : undefined;
  return { ...result, report: await published(folder, report(open)), confidentialReport };
}
