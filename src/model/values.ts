/**
 * Turning cell text into model values. Pure functions; they return `undefined` for text they do
 * not recognise and leave it to the caller to say where that text was.
 */
import type { Milestone, Status } from './types.js';

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

/** Tidy spreadsheet text: non-breaking and odd spaces become spaces, runs collapse, ends trimmed. */
export function tidy(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\r?\n */g, '\n')
    .trim();
}

/** A RAG rating written as a letter or a word, in any case. Blank → `null`; unknown → `undefined`. */
export function parseStatus(text: string): Status | null | undefined {
  const key = tidy(text).toLowerCase();
  if (key === '') return null;
  return RATING_WORDS[key];
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

/** The month named by a header ("March", "Mar", "Next key milestones – April"), or undefined. */
export function monthOfHeader(text: string): string | undefined {
  const words = tidy(text).toLowerCase().split(/[^a-z]+/).filter(Boolean);
  const last = words[words.length - 1];
  if (last === undefined) return undefined;
  const i = MONTHS.findIndex((m) => m === last || m.slice(0, 3) === last || (last === 'sept' && m === 'september'));
  if (i < 0) return undefined;
  const name = MONTHS[i]!;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

// "09 Mar - text", "9 March – text", "TBC - text": a date (or TBC) then a dash.
const MILESTONE_START = /(?:^|\s)(?=(?:\d{1,2}\s*[A-Za-z]{3,9}|TBC)\s*[-–—]\s*)/g;
const MILESTONE_HEAD = /^(\d{1,2}\s*[A-Za-z]{3,9}|TBC)\s*[-–—]\s*([\s\S]*)$/;

/** Split a milestone cell into its milestones: several often share one cell. */
export function splitMilestones(text: string): Milestone[] {
  const clean = tidy(text);
  if (clean === '') return [];
  const parts = clean
    .split(MILESTONE_START)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.map((part) => {
    const m = MILESTONE_HEAD.exec(part);
    if (m) return { when: m[1]!.replace(/\s+/g, ' '), what: m[2]!.replace(/\s+/g, ' ').trim() };
    return { when: '', what: part.replace(/\s+/g, ' ') };
  });
}

/** Normalise a header for matching: case-, space- and punctuation-insensitive. */
export function headerKey(text: string): string {
  return tidy(text).toLowerCase().replace(/[^a-z0-9%]+/g, ' ').trim();
}
