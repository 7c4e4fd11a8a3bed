/**
 * Writing outputs so that a failed or interrupted build never leaves a half-written file where a
 * published one was.
 *
 * Policy: nothing is written until every document of the build exists in memory. Then each file is
 * written to a temporary name in the destination folder, flushed to disk, and only when all of them
 * are written are they renamed into place (a rename within one folder is atomic). If any write fails,
 * the temporary files are removed and the published files are untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface OutputFile {
  /** File name within the output folder (no directories). */
  name: string;
  bytes: Uint8Array;
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

/** Files written one batch at a time to temporary names, renamed into place together by `commit`. */
export interface Staging {
  add(files: readonly OutputFile[]): Promise<void>;
  /** Renames every staged file into place; returns the published paths. */
  commit(): Promise<string[]>;
  /** Removes every staged file; the published ones are untouched. */
  abort(): Promise<void>;
}

/**
 * The same guarantee as publishAtomically for a long batch, without holding every document in memory:
 * each document is written (and flushed) to a temporary name as soon as it exists; nothing takes a
 * published name until `commit`.
 */
export async function stageFiles(dir: string): Promise<Staging> {
  await mkdir(dir, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged: { tmp: string; final: string }[] = [];
  return {
    async add(files) {
      for (const f of files) {
        if (f.name !== path.basename(f.name) || f.name.startsWith('.')) throw new Error(`bad output name ${f.name}`);
        const final = path.join(dir, f.name);
        const tmp = path.join(dir, `.${f.name}.${tag}.tmp`);
        staged.push({ tmp, final });
        const handle = await open(tmp, 'w');
        try {
          await handle.writeFile(f.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
    },
    async commit() {
      for (const s of staged) await rename(s.tmp, s.final);
      return staged.map((s) => s.final);
    },
    async abort() {
      await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    },
  };
}
