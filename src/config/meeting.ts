/**
 * meeting.yaml → a typed, validated `MeetingConfig`.
 *
 * Policy
 * - Validated once, here, by one zod schema. Unknown keys are errors (they are usually typos).
 * - Every problem is reported at once, each naming the YAML line and the key path.
 * - Paths are resolved relative to the config file, never to the working directory.
 * - Defaults are written beside each field in the schema.
 */
import path from 'node:path';
import { z } from 'zod';
import YAML, { LineCounter, isNode } from 'yaml';
import { PapersError, problem, shown, type Problem } from '../errors.js';

const isoDate = z.iso.date({ error: 'a date written YYYY-MM-DD' });
const localDateTime = z.iso.datetime({ local: true, error: 'a local date and time written YYYY-MM-DDTHH:MM' });
const text = z.string({ error: 'some text' }).trim().min(1, { error: 'some text' });

const sheetSource = z
  .object(
    {
      file: text,
      sheet: text.optional(), // default: the workbook's first sheet
    },
    { error: 'a workbook and its sheet, e.g. { file: tracker.xlsx, sheet: SIP Summary }' },
  )
  .strict();

const csvSource = z.object({ file: text }, { error: 'a CSV file, e.g. { file: kpis.csv }' }).strict();

const itemSchema = z
  .object(
    {
      number: z.union([z.string(), z.number()], { error: 'an item number such as 6 or 6a' }).transform(String),
      title: text,
      narrative: text, // Markdown file with front matter: the author's words
      tracker: sheetSource, // the project tracker workbook
      kpis: csvSource.optional(), // KPI return CSV; no KPI appendix without it
    },
    { error: 'an agenda item with number, title, narrative and tracker' },
  )
  .strict();

const meetingSchema = z
  .object({
    council: text,
    committee: text,
    start: localDateTime, // Europe/London wall-clock time
    venue: text,
    asAt: isoDate, // the date the report speaks as at
    dateOfIssue: isoDate.optional(), // default: none printed
    items: z.array(itemSchema, { error: 'a list of agenda items' }).min(1, { error: 'at least one agenda item' }),
  })
  .strict();

type RawMeeting = z.infer<typeof meetingSchema>;

/** A file the config names, as the user wrote it and as it resolves. */
export interface FileRef {
  /** Absolute path. */
  path: string;
  /** Relative to the working directory: what messages and provenance show. */
  display: string;
}

export interface ItemConfig {
  number: string;
  title: string;
  narrative: FileRef;
  tracker: FileRef & { sheet: string | undefined };
  kpis: FileRef | undefined;
}

export interface MeetingConfig {
  file: FileRef;
  council: string;
  committee: string;
  start: string;
  venue: string;
  asAt: string;
  dateOfIssue: string | undefined;
  items: ItemConfig[];
}

export interface ConfigOptions {
  /** The directory paths are shown relative to (the CLI passes process.cwd()). */
  cwd: string;
}

/** Parse and validate the text of a meeting.yaml. Pure: the caller reads the file. */
export function parseMeetingConfig(source: string, configPath: string, options: ConfigOptions): MeetingConfig {
  const abs = path.resolve(options.cwd, configPath);
  const display = path.relative(options.cwd, abs) || abs;
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(source, { lineCounter, prettyErrors: false });

  if (doc.errors.length > 0) {
    throw new PapersError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return problem('ConfigNotYaml', { reason: e.message.split('\n')[0] ?? e.code }, { file: display, line: pos.line });
      }),
    );
  }

  const raw: unknown = doc.toJS();
  const parsed = meetingSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.map((issue) => {
      const keyPath = issue.path.map(String);
      const line = lineOf(doc, lineCounter, issue.path as (string | number)[]);
      const foundValue = doc.getIn(issue.path as (string | number)[]);
      let found = foundValue === undefined ? 'nothing' : shown(foundValue);
      let expected = issue.message;
      if (issue.code === 'unrecognized_keys') {
        found = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
        expected = 'only the keys documented in docs/CONFIG.md';
      } else if (foundValue === undefined) {
        expected = `${expected} (this key is required)`;
      }
      const location = { file: display, ...(line !== undefined ? { line } : {}), path: keyPath.join('.') };
      return problem('ConfigInvalid', { found, expected }, location);
    });
    throw new PapersError(problems);
  }
  return resolveMeeting(parsed.data, abs, display, options);
}

/** The line of the node at `keyPath`, or of its nearest ancestor that exists (for a missing key). */
export function lineOf(doc: YAML.Document, lineCounter: LineCounter, keyPath: (string | number)[]): number | undefined {
  for (let n = keyPath.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(keyPath.slice(0, n), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function resolveMeeting(raw: RawMeeting, abs: string, display: string, options: ConfigOptions): MeetingConfig {
  const baseDir = path.dirname(abs);
  const ref = (p: string): FileRef => {
    const resolved = path.resolve(baseDir, p);
    return { path: resolved, display: path.relative(options.cwd, resolved) || resolved };
  };
  return {
    file: { path: abs, display },
    council: raw.council,
    committee: raw.committee,
    start: raw.start,
    venue: raw.venue,
    asAt: raw.asAt,
    dateOfIssue: raw.dateOfIssue,
    items: raw.items.map((item) => ({
      number: item.number,
      title: item.title,
      narrative: ref(item.narrative),
      tracker: { ...ref(item.tracker.file), sheet: item.tracker.sheet },
      kpis: item.kpis ? ref(item.kpis.file) : undefined,
    })),
  };
}
