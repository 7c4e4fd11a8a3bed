/**
 * The start of every meeting command: meeting.yaml read and parsed once (its problems, all at once, as a
 * PapersError), the agenda a build sees, the folder it publishes into, and the templates.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { meetingBaseName } from '../assemble/index.js';
import { parseMeetingConfig } from '../config/index.js';
import { PapersError, problem } from '../errors.js';
import { SECTION_SOURCES, type AgendaEntry, type ItemConfig, type MeetingConfig, type SectionKind, type SectionSource } from '../model/index.js';
import { itemInputFiles, sha256 } from '../publish/index.js';
import { loadTemplates, type Templates } from '../render/index.js';
import type { Effects } from './effects.js';

/** The templates shipped with the package (`templates/` beside `src/` and `dist/`). */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** A meeting.yaml as read: the meeting it describes, and its bytes' fingerprint. */
export interface MeetingFile {
  meeting: MeetingConfig;
  sha256: string;
  bytes: number;
}

export interface MeetingOptions {
  cwd: string;
  /** Let the config name files outside the working directory and its own folder (`--allow-outside`). */
  allowOutside?: boolean | undefined;
  /** Read and score as at this date instead of the config's `asAt` (`--as-at`). */
  asAt?: string | undefined;
  /** Warnings in the sources are errors (`--strict`). */
  strict?: boolean | undefined;
}

/** meeting.yaml, read and checked: ConfigNotFound, or every problem in it at once. */
export async function readMeeting(configPath: string, options: MeetingOptions, effects: Pick<Effects, 'readFile'>): Promise<MeetingFile> {
  let bytes: Buffer;
  try {
    bytes = await effects.readFile(path.resolve(options.cwd, configPath));
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT' || (e as { code?: string }).code === 'EISDIR') throw new PapersError([problem('ConfigNotFound', { path: configPath })]);
    throw e;
  }
  const meeting = parseMeetingConfig(bytes.toString('utf8'), configPath, options);
  // --as-at: everything is read and scored as at that date
  return { meeting: options.asAt !== undefined ? { ...meeting, asAt: options.asAt } : meeting, sha256: sha256(bytes), bytes: bytes.length };
}

/**
 * Every file a build of the meeting reads, by absolute path: its meeting.yaml, each paper's sources (its
 * narrative, tables, benchmarks, the logo and Word template) and each included PDF. What `papers build
 * --watch` polls; a config with problems throws them, as a build would.
 */
export async function meetingFiles(configPath: string, options: MeetingOptions, effects: Pick<Effects, 'readFile'>): Promise<string[]> {
  const { meeting } = await readMeeting(configPath, options, effects);
  const files = [path.resolve(options.cwd, configPath)];
  for (const e of meeting.agenda) {
    if (e.kind === 'paper') files.push(...itemInputFiles(meeting, e.item).map((r) => r.path));
    else if (e.kind === 'pdf') files.push(e.pdf.path);
  }
  return [...new Set(files)];
}

/**
 * The meeting as one kind of build sees it. The main build treats a to-follow item as "to follow" even
 * once its paper exists (so rebuilding the main pack never changes it); `--supplement` builds only those.
 * Every copy but the confidential one sees an exempt paper or PDF as its title and paragraph alone: its
 * sources are not read, so nothing of them can reach a public file.
 */
export function agendaFor(meeting: MeetingConfig, supplement: boolean, confidential = false): MeetingConfig {
  const late = (e: AgendaEntry): boolean => e.kind === 'paper' && e.toFollow;
  const shown = confidential ? meeting.agenda : meeting.agenda.map(publicEntry);
  const agenda = supplement
    ? shown.filter(late)
    : shown.map((e): AgendaEntry => (late(e) ? { kind: 'toFollow', number: e.number, title: e.title } : e));
  const items = agenda.flatMap((e) => (e.kind === 'paper' ? [e.item] : []));
  return { ...meeting, agenda, items };
}

/**
 * An agenda entry as the public sees it: an exempt paper or PDF as its title and paragraph; a paper with
 * exempt appendices without them (`withhold`).
 */
function publicEntry(e: AgendaEntry): AgendaEntry {
  const exempt = e.kind === 'paper' ? e.item.exempt : e.kind === 'pdf' ? e.exempt : undefined;
  if (!exempt) return e;
  if (e.kind === 'paper' && exempt.appendices) return { ...e, item: withhold(e.item, exempt.paragraph, exempt.appendices) };
  return { kind: 'exempt', number: e.number, title: e.title, exempt: { paragraph: exempt.paragraph } };
}

/**
 * A paper without its exempt appendices: the sources they are made from are not read (so nothing of them
 * can reach a public file: not a row, not a count in a sentence, not an exception), and each is printed as
 * its title and paragraph. A section made only from withheld sources (exceptions, how ratings are
 * calculated) is withheld with them; the appendices keep their numbers.
 */
function withhold(item: ItemConfig, paragraph: number, appendices: readonly SectionKind[]): ItemConfig {
  const out = (kind: SectionKind): boolean => appendices.includes(kind);
  const open: ItemConfig = {
    ...item,
    exempt: undefined,
    tracker: out('rag-summary') ? undefined : item.tracker,
    kpis: out('kpi-scorecard') ? undefined : item.kpis,
    kpiDefinitions: out('kpi-scorecard') ? undefined : item.kpiDefinitions,
    benchmarks: out('kpi-scorecard') ? undefined : item.benchmarks,
    outcomes: out('outcomes') ? undefined : item.outcomes,
    actions: out('action-plan') ? undefined : item.actions,
  };
  if (!open.outcomes && !open.actions) open.recommendations = undefined;
  const has: Record<SectionSource, boolean> = { tracker: !!open.tracker, kpis: !!open.kpis, actions: !!open.actions, outcomes: !!open.outcomes };
  const withheld = item.sections.filter((kind) => out(kind) || !SECTION_SOURCES[kind].some((s) => has[s]));
  return { ...open, withheld: { paragraph, appendices: withheld } };
}

/** Whether the meeting has an exempt item or appendix (then a build also makes the confidential pack). */
export const hasExempt = (meeting: MeetingConfig): boolean => meeting.agenda.some((e) => publicEntry(e) !== e);

/** Where the confidential pack is published: a folder of its own beside the public one (`…-confidential`). */
export const confidentialFolder = (outDir: string): string => `${outDir}-confidential`;

/** The folder a meeting is published into: `--out`, else `output/<meeting>` in the working directory. */
export function outputFolder(meeting: MeetingConfig, options: { cwd: string; outDir?: string | undefined }): string {
  return path.resolve(options.cwd, options.outDir ?? path.join('output', meetingBaseName(meeting)));
}

/** The templates folder (`templatesDir`, else the package's own), read through the effects. */
export function readTemplates(effects: Pick<Effects, 'readFile' | 'listDir'>, dir = DEFAULT_TEMPLATES): Promise<Templates> {
  return loadTemplates(dir, { readText: async (f) => (await effects.readFile(f)).toString('utf8'), list: (d) => effects.listDir(d) });
}

/** Every template's SHA-256, by its file name (what the manifest records). */
export function templateShas(t: Templates): Record<string, string> {
  const named: [string, string][] = [['paper.hbs', t.paper], ['pack.hbs', t.pack], ['paper.css', t.css], ...Object.entries(t.partials).map(([n, text]): [string, string] => [`partials/${n}.hbs`, text])];
  return Object.fromEntries(named.map(([n, text]) => [n, sha256(text)]));
}

/** What a paper's bytes depend on among the templates, as one hash (part of its reuse key). */
export function templatesSha(t: Templates): string {
  return sha256(JSON.stringify([t.paper, t.pack, t.css, Object.entries(t.partials).sort()]));
}
