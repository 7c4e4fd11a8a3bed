/**
 * What the web app keeps between restarts, in one SQLite file (`<root>/.papers/papers.db`): accounts,
 * sessions, failed sign-ins, the audit log, the job history, and what each uploaded file was found to
 * hold. Embedded (better-sqlite3): nothing to install or run beside the app, nothing lost on a restart.
 *
 * Tokens are never stored as they are: a session is found by the SHA-256 of its cookie.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  name: string;
  hash: string;
  role: Role;
  /** The committees this account may see; empty: every committee. */
  committees: string[];
}

export interface Session {
  user: User;
  csrf: string;
  expires: number;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobRecord {
  id: string;
  kind: 'build' | 'run' | 'report';
  /** The meeting's or schedule's id in the app (its folder under the root). */
  target: string;
  title: string;
  user: string;
  state: JobState;
  created: number;
  finished: number | undefined;
  log: string[];
  /** What the job made (files), or why it failed. */
  result: { lines: string[]; files: string[] } | undefined;
  attempts: number;
}

export interface UploadRecord {
  id: string;
  meeting: string;
  source: string;
  /** The name the browser sent, for display only: never a path. */
  original: string;
  /** Where it is kept, under `.papers/uploads`, by a generated name. */
  stored: string;
  bytes: number;
  user: string;
  at: number;
  /** `installed`: it became the source; `refused`: it had errors and was kept aside. */
  state: 'installed' | 'refused';
  report: { errors: Row[]; warnings: Row[]; summaries: string[]; columns: string[] };
}

/** One problem as the pages show it: where (file › sheet!cell), what, and its permanent name. */
export interface Row {
  where: string;
  message: string;
  name: string;
}

export interface AuditEntry {
  at: number;
  user: string;
  action: string;
  target: string;
  detail: string;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, hash TEXT NOT NULL, role TEXT NOT NULL, committees TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS failures (key TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS failures_key ON failures (key, at);
CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL, title TEXT NOT NULL, user TEXT NOT NULL, state TEXT NOT NULL,
  created INTEGER NOT NULL, finished INTEGER, log TEXT NOT NULL, result TEXT, attempts INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS uploads (id TEXT PRIMARY KEY, meeting TEXT NOT NULL, source TEXT NOT NULL, original TEXT NOT NULL, stored TEXT NOT NULL,
  bytes INTEGER NOT NULL, user TEXT NOT NULL, at INTEGER NOT NULL, state TEXT NOT NULL, report TEXT NOT NULL);
`;

interface UserRow {
  name: string;
  hash: string;
  role: string;
  committees: string;
}

interface JobRow {
  id: string;
  kind: string;
  target: string;
  title: string;
  user: string;
  state: string;
  created: number;
  finished: number | null;
  log: string;
  result: string | null;
  attempts: number;
}

const userOf = (r: UserRow): User => ({ name: r.name, hash: r.hash, role: r.role as Role, committees: JSON.parse(r.committees) as string[] });
const jobOf = (r: JobRow): JobRecord => ({
  id: r.id,
  kind: r.kind as JobRecord['kind'],
  target: r.target,
  title: r.title,
  user: r.user,
  state: r.state as JobState,
  created: r.created,
  finished: r.finished ?? undefined,
  log: JSON.parse(r.log) as string[],
  result: r.result ? (JSON.parse(r.result) as JobRecord['result']) : undefined,
  attempts: r.attempts,
});

export class Store {
  readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  addUser(user: User, now: number): void {
    this.db.prepare('INSERT INTO users (name, hash, role, committees, created) VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET hash = excluded.hash, role = excluded.role, committees = excluded.committees').run(user.name, user.hash, user.role, JSON.stringify(user.committees), now);
  }

  user(name: string): User | undefined {
    const r = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
    return r && userOf(r);
  }

  userCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  addSession(token: string, user: string, csrf: string, expires: number): void {
    this.db.prepare('INSERT INTO sessions (token, user, csrf, expires) VALUES (?, ?, ?, ?)').run(sha(token), user, csrf, expires);
  }

  session(token: string, now: number): Session | undefined {
    const r = this.db.prepare('SELECT user, csrf, expires FROM sessions WHERE token = ? AND expires > ?').get(sha(token), now) as { user: string; csrf: string; expires: number } | undefined;
    const user = r && this.user(r.user);
    return r && user ? { user, csrf: r.csrf, expires: r.expires } : undefined;
  }

  endSession(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token = ?').run(sha(token));
  }

  /** Failed sign-ins under `key` (an account name or an address) since `since`, and the latest. */
  failures(key: string, since: number): { count: number; last: number } {
    const r = this.db.prepare('SELECT count(*) AS count, max(at) AS last FROM failures WHERE key = ? AND at > ?').get(key, since) as { count: number; last: number | null };
    return { count: r.count, last: r.last ?? 0 };
  }

  addFailure(key: string, at: number): void {
    this.db.prepare('INSERT INTO failures (key, at) VALUES (?, ?)').run(key, at);
  }

  clearFailures(key: string): void {
    this.db.prepare('DELETE FROM failures WHERE key = ?').run(key);
  }

  audit(entry: AuditEntry): void {
    this.db.prepare('INSERT INTO audit (at, user, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(entry.at, entry.user, entry.action, entry.target, entry.detail);
  }

  auditLog(limit = 200): AuditEntry[] {
    return this.db.prepare('SELECT at, user, action, target, detail FROM audit ORDER BY id DESC LIMIT ?').all(limit) as AuditEntry[];
  }

  saveJob(job: JobRecord): void {
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, target, title, user, state, created, finished, log, result, attempts) VALUES (@id, @kind, @target, @title, @user, @state, @created, @finished, @log, @result, @attempts)
         ON CONFLICT(id) DO UPDATE SET state = excluded.state, user = excluded.user, created = excluded.created, finished = excluded.finished, log = excluded.log, result = excluded.result, attempts = excluded.attempts`,
      )
      .run({ ...job, finished: job.finished ?? null, log: JSON.stringify(job.log), result: job.result ? JSON.stringify(job.result) : null });
  }

  job(id: string): JobRecord | undefined {
    const r = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return r && jobOf(r);
  }

  jobs(target: string | undefined, limit = 20): JobRecord[] {
    const rows = target
      ? (this.db.prepare('SELECT * FROM jobs WHERE target = ? ORDER BY created DESC LIMIT ?').all(target, limit) as JobRow[])
      : (this.db.prepare('SELECT * FROM jobs ORDER BY created DESC LIMIT ?').all(limit) as JobRow[]);
    return rows.map(jobOf);
  }

  saveUpload(u: UploadRecord): void {
    this.db
      .prepare('INSERT INTO uploads (id, meeting, source, original, stored, bytes, user, at, state, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(u.id, u.meeting, u.source, u.original, u.stored, u.bytes, u.user, u.at, u.state, JSON.stringify(u.report));
  }

  upload(id: string): UploadRecord | undefined {
    const r = this.db.prepare('SELECT * FROM uploads WHERE id = ?').get(id) as (Omit<UploadRecord, 'report'> & { report: string }) | undefined;
    return r && { ...r, report: JSON.parse(r.report) as UploadRecord['report'] };
  }

  /** The latest upload of each source of a meeting: each source's last validation. */
  lastUploads(meeting: string): Map<string, UploadRecord> {
    const rows = this.db.prepare('SELECT * FROM uploads WHERE meeting = ? ORDER BY at ASC').all(meeting) as (Omit<UploadRecord, 'report'> & { report: string })[];
    return new Map(rows.map((r) => [r.source, { ...r, report: JSON.parse(r.report) as UploadRecord['report'] }]));
  }
}
