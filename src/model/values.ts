/**
 * Turning cell text into model values. Pure functions; they return `undefined` for text they do
 * not recognise and leave it to the caller to say where that text was.
 */
import type { Milestone, Status } from './types.js';
import { MONTH_NAMES, monthNumber } from './dates.js';

const RATING_WORDS: Record<string, Status> = {
  r: 'red',
  red: 'red',
  a: 'amber',
  amber: 'amber',
  g: 'green',
  green: 'green',
  b: 'blue',
  blue: 'blue',
  complete: 'blue',
  completed: 'blue',
};

/** The rating words as most cells hold them, looked up before any tidying. */
const EXACT: Record<string, Status> = Object.assign(
  Object.create(null) as Record<string, Status>,
  ...Object.entries(RATING_WORDS).flatMap(([k, v]) => [{ [k]: v }, { [k.toUpperCase()]: v }, { [k.charAt(0).toUpperCase() + k.slice(1)]: v }]),
);

const UNTIDY = /[\u00a0\u2000-\u200a\u202f\u3000\t\r\n]| {2}/;

/** Tidy spreadsheet text: non-breaking and odd spaces become spaces, runs collapse, ends trimmed. */
export function tidy(text: string): string {
  if (!UNTIDY.test(text)) return text.trim(); // most cells: nothing to do but trim
  return text
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\r?\n */g, '\n')
    .trim();
}

/**
 * A RAG rating written as a letter or a word, in any case, or one of the extra words a council
 * uses (`synonyms`, lower case: the plan-on-a-page labels "On track/No issues"…). Blank → `null`;
 * unknown → `undefined`.
 */
export function parseStatus(text: string, synonyms?: Readonly<Record<string, Status>>): Status | null | undefined {
  const exact = EXACT[text]; // most cells: "G", "Amber", "red" as typed
  if (exact !== undefined) return exact;
  const key = tidy(text).toLowerCase();
  if (key === '') return null;
  return RATING_WORDS[key] ?? synonyms?.[key] ?? synonyms?.[key.replace(/\s*\/\s*/g, '/')];
}

/** Words a status column uses for how far an action has got, not how it is going: done, or still open. */
const DONE = /^(?:done|closed|achieved|finished|delivered|implemented)$/;
const OPEN =
  /^(?:not (?:yet )?started|not (?:yet )?due|on hold|paused|deferred|postponed|planned|scheduled|pending|in progress|in hand|under ?way|started|ongoing|on-?going|continuous|business as usual|bau)$/;

/**
 * A status cell that states progress instead of a rating ("Done", "Not started", "On hold"): `'complete'`,
 * `'open'` (rated by its deadline), or undefined when it is neither. Read after `parseStatus`, so a
 * council's own synonyms come first.
 */
export function progressState(text: string): 'complete' | 'open' | undefined {
  const key = tidy(text).toLowerCase().replace(/[.!]+$/, '');
  if (DONE.test(key)) return 'complete';
  return OPEN.test(key) ? 'open' : undefined;
}

/** DfE's statistical suppression codes (a figure withheld, not one missing), and the blank cell read as one. */
export const SUPPRESSION_CODES: ReadonlySet<string> = new Set(['c', 'x', 'u', 'z', 'k', 'low', ':', '..', '.', '-', '']);

/** Whether what was written instead of a figure withholds it ("c", "x": suppressed) rather than saying there is none ("n/a", "TBC"). */
export function isSuppression(code: string | undefined): boolean {
  return code === undefined || SUPPRESSION_CODES.has(code.toLowerCase());
}

const YES = new Set(['y', 'yes', '✓', '✔', 'true', '1', 'in place', 'met']);
const NO = new Set(['n', 'no', '✗', '✘', 'false', '0', 'not in place', 'not met', 'missing']);

/** A criterion cell: Y/N, ✓/✗, yes/no, in place / not in place. Blank → `null`; unknown → `undefined`. */
export function parseYesNo(text: string): boolean | null | undefined {
  const key = tidy(text).toLowerCase();
  if (key === '') return null;
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return undefined;
}

/** The month named by a header ("March", "Mar", "Sept", "Next key milestones – April"), or undefined. */
export function monthOfHeader(text: string): string | undefined {
  const words = tidy(text).toLowerCase().split(/[^a-z]+/).filter(Boolean);
  const last = words[words.length - 1];
  const month = last === undefined ? undefined : monthNumber(last);
  return month === undefined ? undefined : MONTH_NAMES[month - 1];
}

// A milestone starts with a date ("09 Mar", "9 March") or TBC, then a dash.
const MILESTONE_HEAD = /(?:^|\s)(\d{1,2}\s*[A-Za-z]{3,9}|TBC)\s*[-–—]\s*/g;

/** Split a milestone cell into its milestones: several often share one cell. */
export function splitMilestones(text: string): Milestone[] {
  const clean = tidy(text);
  if (clean === '') return [];
  const out: Milestone[] = [];
  const heads = [...clean.matchAll(MILESTONE_HEAD)];
  const first = heads[0];
  if (!first) return [{ when: '', what: clean.replace(/\s+/g, ' ') }];
  if (first.index > 0) out.push({ when: '', what: clean.slice(0, first.index).trim().replace(/\s+/g, ' ') });
  heads.forEach((m, i) => {
    const end = i + 1 < heads.length ? heads[i + 1]!.index : clean.length;
    const what = clean.slice(m.index + m[0].length, end).trim();
    out.push({ when: m[1]!.replace(/\s+/g, ' '), what: what.includes('\n') || what.includes('  ') ? what.replace(/\s+/g, ' ') : what });
  });
  return out;
}

/** Normalise a header for matching: case-, space- and punctuation-insensitive. */
export function headerKey(text: string): string {
  return tidy(text).toLowerCase().replace(/[^a-z0-9%]+/g, ' ').trim();
}
