/**
 * What a long-lived worker (`papers worker`) keeps from one job to the next, so that a queue's job costs
 * about what a report costs inside one `papers run`: the compiled templates, the page-number font, the
 * previous period's history and each set of extracts read. Everything read from a file is keyed on the
 * file's version (size, modification time, inode), so a file changed between two jobs is read again;
 * the oldest entries make way for new ones.
 */
import type { Effects } from './effects.js';

export class RunCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly keep = 16) {}

  /** The value kept under `key`, made by `make` when there is none (a failure is not kept). */
  get<T>(key: string, make: () => Promise<T>): Promise<T> {
    const got = this.entries.get(key);
    if (got) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, got);
      return got as Promise<T>;
    }
    const made = make();
    this.entries.set(key, made);
    made.catch(() => this.entries.delete(key));
    while (this.entries.size > this.keep) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }
}

/** A key for `what` read from `files`: their versions, so that a changed file misses. */
export async function versionedKey(what: string, files: readonly string[], effects: Pick<Effects, 'fileVersion'>): Promise<string | undefined> {
  if (!effects.fileVersion) return undefined;
  const versions = await Promise.all(files.map((f) => effects.fileVersion!(f)));
  return JSON.stringify([what, files, versions]);
}

/** The value under the versioned key when there is a cache (and the effects can tell versions), else made afresh. */
export async function cached<T>(cache: RunCache | undefined, what: string, files: readonly string[], effects: Pick<Effects, 'fileVersion'>, make: () => Promise<T>): Promise<T> {
  const key = cache ? await versionedKey(what, files, effects) : undefined;
  return cache && key ? cache.get(key, make) : make();
}

/** Every file a source reference names (`path` of each nested FileRef). */
export function filesNamed(refs: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.path === 'string' && typeof o.display === 'string') out.push(o.path);
      Object.values(o).forEach(walk);
    }
  };
  walk(refs);
  return out;
}
