/**
 * What the routes share: the app's context (store, queue, pages, how to answer and refuse), and the small
 * formatters every page uses. Routes import this, never app.ts, so the files stay free of cycles.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Tool } from '../model/index.js';
import type { PageChrome, PageRenderer } from '../render/index.js';
import { seesCommittee } from './auth.js';
import { findMeetings, type MeetingEntry } from './catalogue.js';
import type { JobQueue } from './jobs.js';
import type { JobRecord, Role, Session, Store, UploadRecord } from './store.js';

/** What every route needs: the store, the queue, the pages, and how to answer. */
export interface App {
  root: string;
  store: Store;
  queue: JobQueue;
  tool: Tool;
  now: () => number;
  maxUploadBytes: number;
  page: PageRenderer;
  /** Sends a page with the session's chrome (account, CSRF token). */
  send(reply: FastifyReply, request: FastifyRequest, page: string, chrome: Omit<PageChrome, 'user' | 'csrf'>, view: Record<string, unknown>, status?: number): FastifyReply;
  /** Refuses with a page saying why (403, 404, 413, 429…). */
  refuse(reply: FastifyReply, request: FastifyRequest, status: number, heading: string, message: string): FastifyReply;
  /** The session's account holds the role, else the request is refused (403). */
  allow(request: FastifyRequest, reply: FastifyReply, role: Role): boolean;
  /** A form's CSRF token matches the session's, else the request is refused (403). */
  checkCsrf(request: FastifyRequest, reply: FastifyReply, sent: unknown): boolean;
  /** Writes to the audit log as the session's account. */
  audit(request: FastifyRequest, action: string, target: string, detail: string): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: (Session & { token: string }) | undefined;
  }
}

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });
/** A moment as officers read it: "4 Dec 2026, 09:12", London time. */
export const when = (ms: number): string => LONDON.format(new Date(ms));
export const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export const STATE_TEXT: Record<JobRecord['state'], string> = { queued: 'Waiting to start', running: 'Running', done: 'Finished', failed: 'Failed' };
export const jobsView = (jobs: JobRecord[]): Record<string, unknown>[] => jobs.map((j) => ({ id: j.id, title: j.title, user: j.user, created: when(j.created), state: j.state, stateText: STATE_TEXT[j.state] }));

/** The meeting a request names, when the account may see it; else a 404 sent. */
export async function meetingFor(app: App, request: FastifyRequest, reply: FastifyReply, id: string): Promise<MeetingEntry | undefined> {
  const entry = (await findMeetings(app.root)).find((m) => m.id === id);
  if (!entry?.meeting || !seesCommittee(request.session!.user, entry.meeting.committee)) {
    app.refuse(reply, request, 404, 'Meeting not found', 'There is no meeting here by that name that your account may see.');
    return undefined;
  }
  return entry;
}

/** `"12 errors, 1 warning"` or `"No errors"`. */
export function uploadVerdict(u: UploadRecord): string {
  const e = u.report.errors.length;
  const w = u.report.warnings.length;
  const ws = w ? `${w} warning${w === 1 ? '' : 's'}` : '';
  return e ? `${e} error${e === 1 ? '' : 's'}${ws ? `, ${ws}` : ''}` : `No errors${ws ? `, ${ws}` : ''}`;
}

