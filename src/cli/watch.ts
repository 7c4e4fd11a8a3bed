/**
 * `papers build --watch`: an author's loop. The meeting is built, then built again each time a file it
 * reads changes — its meeting.yaml, every source, narrative and included PDF it names (pipeline
 * `meetingFiles`), and every file a failed build named in its problems — until Ctrl+C. Unchanged papers are reused as in any
 * build, and one Chromium is kept between builds (print/shelf.ts), so a fixed cell is a paper printed again
 * in a second or two.
 *
 * Files are polled (their size, modification time and inode, once a second), not watched by the system:
 * a council's folders are often on a network drive, where change notifications are unreliable. A change is
 * built once the files have stayed the same for one poll (a spreadsheet program saves in steps). A failed
 * build publishes nothing and prints its problems; the loop goes on watching.
 */
import path from 'node:path';
import { isPapersError, type Problem } from '../errors.js';
import type { Effects } from '../pipeline/index.js';

export interface WatchParts {
  cwd: string;
  config: string;
  /** The effects of every build; `launchPrinter` is replaced by a kept browser's. */
  effects: Effects;
  /** One build with these effects, its outcome printed; throws as a build does. */
  build(effects: Effects): Promise<unknown>;
  /** Every file the meeting reads, by absolute path; throws the config's problems. */
  files(): Promise<string[]>;
  /** Prints what a failed build found (its problems, or an unexpected error). */
  failed(e: unknown): void;
  err(text: string): void;
  /** Resolves once the user stops the loop (Ctrl+C, SIGTERM), after `close` has run. */
  untilStopped(close: () => Promise<void>): Promise<void>;
  /** Milliseconds between polls (default 1000). */
  pollMs?: number;
}

const problemFiles = (e: unknown): string[] => (isPapersError(e) ? e.problems.map((p: Problem) => p.location?.file).filter((f): f is string => Boolean(f)) : []);

export async function watchBuild(parts: WatchParts): Promise<void> {
  const { PrinterShelf, RECYCLE_EVERY } = await import('../pipeline/index.js');
  const shelf = new PrinterShelf(parts.effects.launchPrinter, { every: RECYCLE_EVERY });
  const effects: Effects = { ...parts.effects, launchPrinter: shelf.borrow };
  const version = async (file: string): Promise<string> => (await parts.effects.fileVersion?.(file)) ?? 'missing';
  const snapshot = async (files: readonly string[]): Promise<Map<string, string>> => new Map(await Promise.all(files.map(async (f) => [f, await version(f)] as const)));
  const changed = async (seen: Map<string, string>): Promise<string[]> => {
    const now = await snapshot([...seen.keys()]);
    return [...seen.keys()].filter((f) => now.get(f) !== seen.get(f));
  };

  let stopped = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => (clearTimeout(timer), resolve());
    });
  const pollMs = parts.pollMs ?? 1000;

  const shown = (file: string): string => path.relative(parts.cwd, file) || file;
  const loop = (async () => {
    const config = path.resolve(parts.cwd, parts.config);
    let watched = [config, ...(await parts.files().catch(() => [])).filter((f) => f !== config)];
    while (!stopped) {
      const seen = await snapshot(watched); // as the build reads them: a change during the build is built next
      const files = new Set(watched.slice(0, 1));
      try {
        await parts.build(effects);
      } catch (e) {
        parts.failed(e);
        for (const f of problemFiles(e)) files.add(path.resolve(parts.cwd, f));
      }
      for (const f of await parts.files().catch(() => watched)) files.add(f);
      watched = [...files];
      for (const [f, v] of await snapshot(watched.filter((f) => !seen.has(f)))) seen.set(f, v);
      if (stopped) break;
      parts.err(`Watching ${watched.length} file${watched.length === 1 ? '' : 's'} for changes (press Ctrl+C to stop).\n`);
      let moved: string[] = [];
      while (!stopped && moved.length === 0) {
        await pause(pollMs);
        moved = await changed(seen);
      }
      // Built once the files stay the same for one poll: a spreadsheet program saves in steps.
      for (let settled = false; !stopped && !settled; ) {
        const before = await snapshot(watched);
        await pause(pollMs);
        settled = (await changed(before)).length === 0;
      }
      if (!stopped) parts.err(`\nChanged: ${moved.map(shown).join(', ')}. Building again.\n`);
    }
  })();

  await parts.untilStopped(async () => {
    stopped = true;
    wake?.();
    await loop.catch(() => undefined); // a build under way finishes (it publishes whole or not at all)
    await shelf.close();
    parts.err('Stopped watching.\n');
  });
  await loop;
}
