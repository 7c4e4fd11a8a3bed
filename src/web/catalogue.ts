/**
 * What the web app serves: the meetings (each a meeting.yaml) and schedules (each a schedule.yaml) under
 * its root, found afresh on each request, each known by an id made from its folder. Nothing a request
 * names is ever used as a path: an id is looked up here, and a download's name must be one of the
 * files its meeting's output folder holds.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem, isPapersError } from '../errors.js';
import type { FileRef, ItemConfig, MeetingConfig } from '../model/index.js';
import { fileTitle, outputFolder, readMeeting, readSchedule, type Schedule } from '../pipeline/index.js';

/** Folders never searched: the app's own state, outputs, dependencies, hidden folders. */
const SKIP = new Set(['node_modules', 'output', 'dist', 'history']);
const MAX_DEPTH = 5;

export interface MeetingEntry {
  id: string;
  /** meeting.yaml, absolute. */
  file: string;
  /** Its folder: the working directory its builds run in (outputs go to `output/<meeting>` there). */
  cwd: string;
  display: string;
  meeting: MeetingConfig | undefined;
  problem: string | undefined;
}

export interface ScheduleEntry {
  id: string;
  file: string;
  cwd: string;
  display: string;
  schedule: Schedule | undefined;
  problem: string | undefined;
}

/** A source of a paper the app lets an editor replace: the item, what it is, its file. */
export interface SourceEntry {
  id: string;
  item: string;
  role: 'tracker' | 'kpis' | 'kpiDefinitions' | 'actions' | 'outcomes' | 'recommendations' | 'narrative';
  label: string;
  ref: FileRef;
  /** The file kinds it may be replaced by (its own extension). */
  accept: string;
}

const LABELS: Record<SourceEntry['role'], string> = {
  tracker: 'project tracker',
  kpis: 'KPI return',
  kpiDefinitions: 'KPI definitions',
  actions: 'action plan',
  outcomes: 'outcomes map',
  recommendations: 'recommendations',
  narrative: 'narrative',
};

const NO_DISK = { readFile: (p: string) => readFile(p) };

async function findFiles(root: string, name: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isFile() && e.name === name) found.push(path.join(dir, e.name));
      else if (e.isDirectory() && !e.name.startsWith('.') && !SKIP.has(e.name) && depth < MAX_DEPTH) await walk(path.join(dir, e.name), depth + 1);
    }
  };
  await walk(root, 0);
  return found;
}

/** `examples/cabinet-action-plan` → `examples--cabinet-action-plan`; the root's own folder is `main`. */
function idOf(root: string, file: string, taken: Set<string>): string {
  const rel = path.relative(root, path.dirname(file)).split(path.sep).filter(Boolean);
  let id = rel.length === 0 ? 'main' : rel.join('--').replace(/[^A-Za-z0-9_.-]/g, '-');
  for (let n = 2; taken.has(id); n++) id = `${id}-${n}`;
  taken.add(id);
  return id;
}

export async function findMeetings(root: string): Promise<MeetingEntry[]> {
  const taken = new Set<string>();
  const entries: MeetingEntry[] = [];
  for (const file of await findFiles(root, 'meeting.yaml')) {
    const cwd = path.dirname(file);
    const base = { id: idOf(root, file, taken), file, cwd, display: path.relative(root, file) };
    try {
      const read = await readMeeting(file, { cwd }, NO_DISK);
      entries.push({ ...base, meeting: read.meeting, problem: undefined });
    } catch (e) {
      if (!isPapersError(e)) throw e;
      entries.push({ ...base, meeting: undefined, problem: e.problems.map(formatProblem).join('; ') });
    }
  }
  return entries;
}

export async function findSchedules(root: string): Promise<ScheduleEntry[]> {
  const taken = new Set<string>();
  const entries: ScheduleEntry[] = [];
  for (const file of await findFiles(root, 'schedule.yaml')) {
    const cwd = path.dirname(file);
    const base = { id: idOf(root, file, taken), file, cwd, display: path.relative(root, file) };
    try {
      entries.push({ ...base, schedule: await readSchedule(file, { cwd }, NO_DISK), problem: undefined });
    } catch (e) {
      if (!isPapersError(e)) throw e;
      entries.push({ ...base, schedule: undefined, problem: e.problems.map(formatProblem).join('; ') });
    }
  }
  return entries;
}

/** The files of an item an editor may replace, each with an id unique in the meeting (`6-tracker`). */
export function sourcesOf(item: ItemConfig): SourceEntry[] {
  const roles: SourceEntry['role'][] = ['tracker', 'kpis', 'kpiDefinitions', 'actions', 'outcomes', 'recommendations', 'narrative'];
  return roles.flatMap((role) => {
    const ref = item[role];
    if (!ref) return [];
    const ext = path.extname(ref.path).toLowerCase();
    return [{ id: `${item.number.replace(/[^A-Za-z0-9]/g, '-')}-${role}`, item: item.number, role, label: LABELS[role], ref, accept: ext || '.xlsx' }];
  });
}

export interface OutputFile {
  file: string;
  bytes: number;
  /** Its full title ("Item 6 – … (PDF)"): the names inside a meeting's folder are short. */
  title: string;
}

/** The files a meeting's output folder holds that may be downloaded (not the blocks kept for reuse). */
/** A published file the app offers for download: papers, packs, their data and notes; not the manifest or pack parts. */
export const offered = (name: string): boolean => !name.startsWith('.') && /\.(pdf|docx|html|csv|json|md)$/.test(name) && !/(^|\.)manifest\.json$/.test(name);

export async function outputsOf(entry: MeetingEntry): Promise<{ dir: string; files: OutputFile[] }> {
  if (!entry.meeting) return { dir: '', files: [] };
  const dir = outputFolder(entry.meeting, { cwd: entry.cwd });
  const names = await readdir(dir).catch(() => [] as string[]);
  const files: OutputFile[] = [];
  for (const name of names.sort()) {
    if (!offered(name)) continue;
    const s = await stat(path.join(dir, name)).catch(() => undefined);
    if (s?.isFile()) files.push({ file: name, bytes: s.size, title: fileTitle(entry.meeting, name) ?? name });
  }
  return { dir, files };
}

/** A hash of everything a build of the meeting reads: the config and every source file (a job's id). */
export async function inputsHash(entry: MeetingEntry, item: string | undefined): Promise<string> {
  const h = createHash('sha256').update(await readFile(entry.file)).update(`\u0000item:${item ?? ''}`);
  for (const it of entry.meeting?.items ?? []) {
    for (const s of sourcesOf(it)) h.update(`\u0000${s.ref.path}\u0000`).update(await readFile(s.ref.path).catch(() => Buffer.from('missing')));
  }
  return h.digest('hex');
}
