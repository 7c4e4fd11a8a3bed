/**
 * Publishing outputs so that a build that fails, or is killed at any moment (SIGKILL included), leaves
 * either the previous complete outputs or the new complete outputs, never a mixture, a truncated file or
 * a half-written one.
 *
 * Policy
 * - A published folder (e.g. `output/2017-03-13-…-panel`) is a symbolic link to its current *release*,
 *   a real folder beside it: `output/.2017-03-13-…-panel.releases/<id>/`.
 * - A new release starts as hard links to every file of the current one (so files this build does not
 *   write stay as published, at no cost), then each new file replaces its link (unlinked first: a
 *   published inode is never written to) and is flushed to disk.
 * - Publishing is one `rename(2)` of a new link over the old one: atomic, so a reader (or a kill) sees
 *   the old release or the new one, whole. The old release is removed afterwards; a release left behind
 *   by a killed build (its process gone) is removed by the next one.
 * - A folder that exists as a plain folder (an older layout, or made by hand) is moved into the
 *   releases folder and linked on first publish; a killed move is finished by the next publish.
 * - `lockFolder` stops two builds writing one folder at once: a lock file beside it holding the pid;
 *   a lock whose process is gone (a killed build) is taken over.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, lstat, mkdir, open, readdir, readFile, readlink, rename, rm, rmdir, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PapersError, problem } from '../errors.js';

export interface OutputFile {
  /** File name within the output folder (no directories). */
  name: string;
  bytes: Uint8Array;
}

/** A file being written into a release a chunk at a time, under a name it takes only once it is whole. */
export interface StagedFile {
  write(chunk: Uint8Array): Promise<void>;
  /** Flushes it to disk and gives it its name in the release (`name`: no directories). */
  close(name: string): Promise<void>;
}

/** Files written one batch at a time into a new release; published together by `commit`. */
export interface Staging {
  add(files: readonly OutputFile[]): Promise<void>;
  /** A file as the release has it so far (added, or kept from the current release). */
  read(name: string): Promise<Buffer>;
  /** A file written as it is made (a pack longer than memory should hold), named when closed. */
  create(): Promise<StagedFile>;
  /** Publishes the release (one atomic rename); returns the published paths of the files added. */
  commit(): Promise<string[]>;
  /** Removes the unpublished release; the published folder is untouched. */
  abort(): Promise<void>;
}

export async function publishAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const staging = await stageFiles(dir);
  try {
    await staging.add(files);
    return await staging.commit();
  } catch (e) {
    await staging.abort();
    throw e;
  }
}

/** Files written at once when publishing (libuv runs four file operations at a time by default). */
const WRITES_AT_ONCE = 8;

const releasesOf = (dir: string): string => path.join(path.dirname(dir), `.${path.basename(dir)}.releases`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function fsyncPath(p: string): Promise<void> {
  const h = await open(p, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** `to` as a tree of hard links to the files of `from` (symbolic links copied as links). */
async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) await linkTree(a, b);
    else if (entry.isSymbolicLink()) await symlink(await readlink(a), b);
    else if (entry.isFile() && !/\.tmp$/.test(entry.name)) await link(a, b);
  }
}

/** The release the published folder links to (absolute), after finishing any interrupted move. */
async function currentRelease(dir: string, releases: string): Promise<string | undefined> {
  let info;
  try {
    info = await lstat(dir);
  } catch {
    info = undefined;
  }
  if (info?.isSymbolicLink()) return path.resolve(path.dirname(dir), await readlink(dir));
  if (info?.isDirectory()) {
    // A plain folder: move it into the releases and link it, so that from now on it swaps whole.
    const id = `moved-${process.pid}-${randomBytes(4).toString('hex')}`;
    await rename(dir, path.join(releases, id));
    await swapLink(dir, path.join(releases, id));
    return path.join(releases, id);
  }
  if (info) throw new Error(`${dir} is a file, expected a folder to publish into`);
  // Nothing there. A move killed between its rename and its link leaves one "moved-" release: link it.
  const moved = (await readdir(releases)).filter((n) => n.startsWith('moved-'));
  if (moved.length === 1) {
    await swapLink(dir, path.join(releases, moved[0]!));
    return path.join(releases, moved[0]!);
  }
  return undefined;
}

/** Points `dir` at `target` in one rename (a new link renamed over the old one). */
async function swapLink(dir: string, target: string): Promise<void> {
  const next = path.join(path.dirname(dir), `.${path.basename(dir)}.next-${process.pid}-${randomBytes(4).toString('hex')}`);
  await symlink(path.relative(path.dirname(dir), target), next);
  await rename(next, dir);
  await fsyncPath(path.dirname(dir));
}

/** Releases and half-made links left by builds that are no longer running. */
async function removeLeftovers(dir: string, releases: string, current: string | undefined): Promise<void> {
  const mine = (name: string): number | undefined => {
    const m = /(?:^|-)(\d+)-[0-9a-f]{8}$/.exec(name);
    return m ? Number(m[1]) : undefined;
  };
  for (const name of await readdir(releases)) {
    const full = path.join(releases, name);
    if (full === current) continue;
    const pid = mine(name);
    if (pid === undefined || !alive(pid)) await rm(full, { recursive: true, force: true });
  }
  const prefix = `.${path.basename(dir)}.next-`;
  for (const name of await readdir(path.dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = mine(name.slice(prefix.length));
    if (pid === undefined || !alive(pid)) await rm(path.join(path.dirname(dir), name), { force: true });
  }
}

/** A file written into `release` a chunk at a time; `named` is told its name (and may refuse it) as it is closed. */
async function stagedFile(release: string, named: (name: string) => void): Promise<StagedFile> {
  // Written under a name no release keeps (`.tmp`: linkTree leaves such files out), renamed when whole.
  const temporary = path.join(release, `.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx');
  let closed = false;
  return {
    async write(chunk) {
      for (let at = 0; at < chunk.length; ) at += (await handle.write(chunk, at, chunk.length - at)).bytesWritten;
    },
    async close(name) {
      named(name);
      if (closed) throw new Error('staged file already closed');
      closed = true;
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      const file = path.join(release, name);
      await rm(file, { force: true }); // a link to the published file: never written through, replaced
      await rename(temporary, file);
    },
  };
}

/**
 * A new release of `dir`: it starts as the current one (hard links), files are added to it as they
 * exist (memory stays flat over a long batch), and `commit` publishes it whole.
 */
export async function stageFiles(dir: string): Promise<Staging> {
  dir = path.resolve(dir);
  const releases = releasesOf(dir);
  await mkdir(releases, { recursive: true });
  const current = await currentRelease(dir, releases);
  await removeLeftovers(dir, releases, current);
  const release = path.join(releases, `${process.pid}-${randomBytes(4).toString('hex')}`);
  if (current) await linkTree(current, release);
  else await mkdir(release);
  const added: string[] = [];
  let done = false;
  const checkName = (name: string): void => {
    if (name !== path.basename(name) || name.startsWith('.') || name === '') throw new Error(`bad output name ${name}`);
  };
  return {
    async read(name) {
      checkName(name);
      return readFile(path.join(release, name));
    },
    create: () => stagedFile(release, (name) => {
      checkName(name);
      if (!added.includes(name)) added.push(name);
    }),
    async add(files) {
      for (const f of files) checkName(f.name);
      // Written (and each flushed to disk) several at a time: a ten-paper pack is ≈ 130 files, and one
      // fsync at a time was most of publishing it. A name given twice gets its last bytes.
      const last = new Map(files.map((f) => [f.name, f]));
      const queue = [...last.values()];
      const write = async (f: OutputFile): Promise<void> => {
        const file = path.join(release, f.name);
        await rm(file, { force: true }); // a link to the published file: never write through it
        const handle = await open(file, 'wx');
        try {
          await handle.writeFile(f.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      };
      let failed = false;
      const writer = async (): Promise<void> => {
        for (let f = queue.shift(); f && !failed; f = queue.shift()) {
          try {
            await write(f);
          } catch (e) {
            failed = true;
            throw e;
          }
        }
      };
      // Every writer stops before a failure is thrown, so that `abort` removes a release nothing still writes to.
      const ended = await Promise.allSettled(Array.from({ length: Math.min(WRITES_AT_ONCE, queue.length) }, writer));
      for (const e of ended) if (e.status === 'rejected') throw e.reason;
      for (const f of files) if (!added.includes(f.name)) added.push(f.name);
    },
    async commit() {
      if (done) throw new Error('release already published or abandoned');
      done = true;
      await fsyncPath(release);
      await swapLink(dir, release);
      if (current) await rm(current, { recursive: true, force: true });
      return added.map((n) => path.join(dir, n));
    },
    async abort() {
      if (done) return;
      done = true;
      await rm(release, { recursive: true, force: true });
    },
  };
}

/** A held lock; `release` is safe to call more than once. */
export interface Lock {
  release(): Promise<void>;
}

interface LockHolder {
  pid: number;
  host: string;
  started: string;
  command: string;
}

/**
 * The folders the lock made for its file, from `dir` up to `made`, each if it is empty (a build that
 * failed, run in a fresh folder, leaves no empty `output/` behind); the first that is not ends it.
 */
async function removeEmpty(dir: string, made: string): Promise<void> {
  for (let d = dir; ; d = path.dirname(d)) {
    if (!(await rmdir(d).then(() => true, () => false)) || d === made || d === path.dirname(d)) return;
  }
}

/**
 * Stops a second build of the same folder while one is writing it (BuildLocked, naming the holder).
 * The lock is a file beside the folder, made with link(2) so that only one process can make it; a lock
 * left by a process that is no longer running on this machine is taken over.
 */
export async function lockFolder(dir: string, now: Date, command = process.argv.slice(1).join(' ')): Promise<Lock> {
  dir = path.resolve(dir);
  const made = await mkdir(path.dirname(dir), { recursive: true }); // the first folder made, if any
  const file = path.join(path.dirname(dir), `.${path.basename(dir)}.lock`);
  const mine: LockHolder = { pid: process.pid, host: hostname(), started: now.toISOString(), command };
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, `${JSON.stringify(mine)}\n`).catch(async (e: unknown) => {
    // The folder removed meanwhile by a build that made it and failed (see removeEmpty): made again.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await mkdir(path.dirname(dir), { recursive: true });
    await writeFile(tmp, `${JSON.stringify(mine)}\n`);
  });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(tmp, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      let holder: LockHolder | undefined;
      try {
        holder = JSON.parse(await readFile(file, 'utf8')) as LockHolder;
      } catch {
        holder = undefined; // being written, or damaged: treat as held once, then as stale
      }
      const stale = holder ? holder.host === mine.host && !alive(holder.pid) : attempt > 0;
      if (!stale || attempt > 2) {
        throw new PapersError([
          problem('BuildLocked', { folder: dir, pid: holder?.pid ?? 0, started: holder?.started ?? 'unknown', lock: file }),
        ]);
      }
      await unlink(file).catch(() => undefined);
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  let held = true;
  return {
    async release() {
      if (!held) return;
      held = false;
      try {
        const holder = JSON.parse(await readFile(file, 'utf8')) as LockHolder;
        if (holder.pid === process.pid && holder.started === mine.started) await unlink(file);
      } catch {
        // already gone
      }
      if (made !== undefined) await removeEmpty(path.dirname(dir), made);
    },
  };
}
