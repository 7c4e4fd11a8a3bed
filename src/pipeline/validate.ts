/**
 * `papers validate`: every source of a meeting read and checked, without rendering a paper —
 *
 *   config (parsed once) → ingest → score (for the counts) → render (the report) → publish (the report)
 *
 * — every problem at once, what each paper holds, and an HTML validation report beside where the papers
 * would be published.
 */
import path from 'node:path';
import { meetingBaseName } from '../assemble/index.js';
import type { Problem } from '../errors.js';
import type { MeetingConfig } from '../model/index.js';
import { auditText, formatLongDate, itemSummary, renderValidation } from '../render/index.js';
import type { Effects } from './effects.js';
import { checkMeeting } from './load.js';
import { readTemplates, type MeetingOptions } from './meeting.js';
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
}

/**
 * A new version of one source, checked in the meeting as the build would read it, before it replaces the
 * file: `replace` is the source's path, `candidate` where the new bytes wait. Messages name the source's
 * own file (what the officer knows it as). Nothing is written.
 */
export async function checkCandidate(configPath: string, options: MeetingOptions, replace: string, candidate: string, effects: Effects): Promise<Pick<ValidateResult, 'errors' | 'warnings' | 'summaries' | 'columns'>> {
  const redirected: Effects = { ...effects, openSource: (p, display) => effects.openSource(p === replace ? candidate : p, display) };
  const check = await checkMeeting(configPath, options, redirected);
  const summaries = (check.loaded?.items ?? []).map((loaded) => itemSummary(loaded.item.number, scoreLoadedItem(check.loaded!.meeting, loaded)));
  return { errors: check.errors, warnings: check.warnings, summaries, columns: check.audits.flatMap(auditText) };
}

export async function validateMeeting(configPath: string, options: ValidateOptions, effects: Effects): Promise<ValidateResult> {
  const check = await checkMeeting(configPath, options, effects);
  const meeting = check.meeting;
  const summaries = (check.loaded?.items ?? []).map((loaded) => itemSummary(loaded.item.number, scoreLoadedItem(check.loaded!.meeting, loaded)));
  const html = renderValidation(
    {
      title: meeting ? `${meeting.committee}, ${formatLongDate(meeting.start)}` : configPath,
      config: meeting?.file.display ?? configPath,
      asAt: meeting ? formatLongDate(meeting.asAt) : '–',
      errors: check.errors,
      warnings: check.warnings,
      read: check.read,
      audits: check.audits,
    },
    await readTemplates(effects),
  );
  const base = meeting ? meetingBaseName(meeting) : undefined;
  const folder = path.resolve(options.cwd, options.outDir ?? (base ? path.join('output', base) : 'output'));
  const lock = await effects.lock(folder);
  try {
    const [report] = await effects.publish(folder, [{ name: 'validation.html', bytes: Buffer.from(html, 'utf8') }]);
    return { meeting, errors: check.errors, warnings: check.warnings, summaries, columns: check.audits.flatMap(auditText), report: report! };
  } finally {
    await lock.release();
  }
}
