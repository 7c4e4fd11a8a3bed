/**
 * A meeting's `manifest.json` (README, "What a build produces"): every input and template with its
 * SHA-256, every output, and what the next build in the same folder may reuse — each paper's key and
 * files, the benchmarks worked out, the pack's own pages and where each part of the pack is.
 *
 * Policy
 * - Written by every build beside what it published; read by the next build of that folder only to decide
 *   what it may reuse. A manifest that is missing, damaged or edited by hand never stops a build: whatever
 *   in it does not check out (a key that differs, a file whose bytes are not those recorded, a record of the
 *   wrong shape) is simply made again.
 */
import path from 'node:path';
import type { BenchmarkSeries, SourceFile, Tool } from '../model/index.js';
import { sha256 } from './keys.js';

/** A paper as the manifest records it: what the next build compares its key with, and the files it reuses. */
export interface ManifestItem {
  number: string;
  key: string;
  pages: number;
  files: { file: string; sha256: string }[];
}

/** A benchmark as the manifest keeps it for the next build (`key`: publish/keys.ts benchmarkKey). */
export interface ManifestBenchmark {
  key: string;
  file: string;
  column: string;
  series: BenchmarkSeries;
}

/**
 * One of the pack's own pages (the front sheet, `front`, or an included PDF's cover, `item4`) as a block,
 * published beside the pack: `key` says what it was printed from (publish/keys.ts packPageKey).
 */
export interface ManifestPackPage {
  part: string;
  key: string;
  file: string;
  sha256: string;
}

/**
 * The pack as the manifest records it: its file, and where each of its parts' objects are in it (what the
 * next build's pack copies where the same block lands in the same place; `offsets` space-separated).
 */
export interface ManifestPack {
  file: string;
  sha256: string;
  segments: { key: string; offset: number; length: number; offsets: string }[];
}

export interface Manifest {
  tool: Tool;
  browser: string;
  builtAt: string;
  config: { file: string; sha256: string };
  templates: Record<string, string>;
  asAt: string;
  inputs: Pick<SourceFile, 'file' | 'sheet' | 'sha256'>[];
  items: ManifestItem[];
  reused: string[];
  benchmarks: ManifestBenchmark[];
  packPages: ManifestPackPage[];
  pack?: ManifestPack | undefined;
  outputs: { file: string; title?: string; sha256: string; bytes: number; pages?: number | undefined; ms?: number | undefined }[];
  warnings: string[];
  seconds: number;
}

/** The manifest as written: JSON, two-space indented, one newline at the end. */
export function manifestBytes(m: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
}

/** A paper of the last build that this one reuses as it is: its key, pages and files as recorded. */
export type ReusedPaper = ManifestItem;

/** What the last build in a folder left that this one can use. */
export interface LastBuild {
  /** Papers whose key is unchanged and whose files are as published, by item number. */
  reuse: Map<string, ReusedPaper>;
  /** Benchmarks it worked out, by key. */
  benchmarks: Map<string, BenchmarkSeries>;
  /** Each paper's page count as it printed it (what the pack's front sheet is first laid out on). */
  pages: Map<string, number>;
  /** The pack's own pages as published beside the pack. */
  packPages: ManifestPackPage[];
  /** The pack it wrote, when the same tool (the same code) wrote it. */
  pack?: ManifestPack | undefined;
}

export const NOTHING_TO_REUSE: LastBuild = Object.freeze({ reuse: new Map(), benchmarks: new Map(), pages: new Map(), packPages: [] });

export interface ReadEffects {
  readFile(path: string): Promise<Buffer>;
  /** `length` bytes of a file from `offset` (fewer at its end). */
  readRange?(path: string, offset: number, length: number): Promise<Buffer>;
}

/** A file's SHA-256, or 'missing' when it cannot be read. */
export async function fileSha(file: string, effects: ReadEffects): Promise<string> {
  try {
    return sha256(await effects.readFile(file));
  } catch {
    return 'missing';
  }
}

/**
 * What the last build in `outDir` left that this one can use: the papers whose key (`keyOf`) is the one it
 * recorded and whose files are still there with the bytes it recorded (`force`: an item never reused, as
 * `--item N` asks), the benchmarks it worked out, each paper's page count, the pack's own pages, and the
 * pack itself when the same code wrote it.
 */
export async function readLastBuild(
  outDir: string,
  manifestName: string,
  papers: readonly { number: string; key: () => Promise<string> }[],
  options: { tool: Tool; force?: string | undefined },
  effects: ReadEffects,
): Promise<LastBuild> {
  let previous: Partial<Manifest>;
  try {
    previous = JSON.parse((await effects.readFile(path.join(outDir, manifestName))).toString('utf8')) as Partial<Manifest>;
  } catch {
    return { ...NOTHING_TO_REUSE, reuse: new Map(), benchmarks: new Map(), pages: new Map() }; // no earlier build here
  }
  const benchmarks = new Map<string, BenchmarkSeries>();
  for (const b of Array.isArray(previous.benchmarks) ? previous.benchmarks : []) {
    if (typeof b?.key === 'string' && Array.isArray(b.series?.years)) benchmarks.set(b.key, b.series);
  }
  const reuse = new Map<string, ReusedPaper>();
  const pages = new Map<string, number>();
  const items = Array.isArray(previous.items) ? previous.items : [];
  for (const paper of papers) {
    const before = items.find((i) => i?.number === paper.number);
    if (typeof before?.pages === 'number') pages.set(paper.number, before.pages);
    if (options.force === paper.number || !before || typeof before.key !== 'string' || !Array.isArray(before.files)) continue;
    if (before.key !== (await paper.key())) continue;
    const intact = await Promise.all(before.files.map(async (f) => (await fileSha(path.join(outDir, f.file), effects)) === f.sha256));
    if (intact.every(Boolean)) reuse.set(paper.number, { number: paper.number, key: before.key, pages: before.pages, files: before.files });
  }
  const packPages = (Array.isArray(previous.packPages) ? previous.packPages : []).filter((p) => ['part', 'key', 'file', 'sha256'].every((k) => typeof p?.[k as keyof ManifestPackPage] === 'string'));
  const p = previous.pack;
  const samePack = JSON.stringify(previous.tool) === JSON.stringify(options.tool) && typeof p?.file === 'string' && typeof p.sha256 === 'string' && Array.isArray(p.segments);
  return { reuse, benchmarks, pages, packPages, ...(samePack ? { pack: p } : {}) };
}
