/**
 * Versions of a published pack. A pack that comes out different from the one published is never written
 * over it: it is published beside it as `…-pack-v2.pdf` (then v3, …), and a pack that comes out the same as
 * a version already published keeps that version's name.
 */
import path from 'node:path';
import type { ManifestPack } from './manifest.js';
import { fileSha, type ReadEffects } from './manifest.js';
import { sha256 } from './keys.js';

/** `…-pack.pdf` for version 1, `…-pack-v2.pdf` for version 2, …. */
export const versionName = (name: string, v: number): string => (v === 1 ? name : name.replace(/\.pdf$/, `-v${v}.pdf`));

/**
 * The name a rebuilt pack is published under: its own name the first time or when unchanged, else the
 * next free `-vN` beside the versions already published (`published`: their SHA-256, v1 first).
 */
export function packVersion(name: string, sha: string, published: readonly string[]): { name: string; version: number; replaces: string | undefined } {
  const same = published.indexOf(sha);
  if (same >= 0) return { name: versionName(name, same + 1), version: same + 1, replaces: undefined };
  const v = published.length + 1;
  return { name: versionName(name, v), version: v, replaces: v > 1 ? versionName(name, v - 1) : undefined };
}

/** The SHA-256 of each version of the pack published in `outDir`, v1 first. */
export async function publishedVersions(outDir: string, name: string, effects: ReadEffects): Promise<string[]> {
  const shas: string[] = [];
  for (let v = 1; ; v++) {
    const sha = await fileSha(path.join(outDir, versionName(name, v)), effects);
    if (sha === 'missing') return shas;
    shas.push(sha);
  }
}

/** Where the last pack's parts are, as the print stage reads them: checked against the recorded SHA-256. */
export interface EarlierPackFile {
  size: number;
  /** A stretch of the file (read when a part is copied from it, so the file is never held whole). */
  read(offset: number, length: number): Promise<Uint8Array>;
  segments: { key: string; offset: number; length: number; layout: { offsets: number[] } }[];
}

/** The pack the last build here wrote, when its bytes are as its manifest recorded them. */
export async function earlierPack(recorded: ManifestPack | undefined, outDir: string, effects: ReadEffects): Promise<EarlierPackFile | undefined> {
  if (!recorded) return undefined;
  const file = path.join(outDir, recorded.file);
  const bytes = await effects.readFile(file).catch(() => undefined);
  if (!bytes || sha256(bytes) !== recorded.sha256) return undefined;
  const size = bytes.length;
  const segments = recorded.segments
    .filter((s) => typeof s?.key === 'string' && Number.isInteger(s.offset) && Number.isInteger(s.length) && typeof s.offsets === 'string')
    .map((s) => ({ key: s.key, offset: s.offset, length: s.length, layout: { offsets: s.offsets === '' ? [] : s.offsets.split(' ').map(Number) } }));
  // Read again a stretch at a time where the effects can (the published file is never written to: a new
  // build's files replace its links), so that only the part being copied is in memory.
  const { readRange } = effects;
  const read = readRange ? (offset: number, length: number): Promise<Uint8Array> => readRange(file, offset, length) : (offset: number, length: number): Promise<Uint8Array> => Promise.resolve(bytes.subarray(offset, offset + length));
  return { size, read, segments };
}
