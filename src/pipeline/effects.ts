/**
 * Everything the pipeline does to the outside world, behind one small interface, so the core can be
 * run and tested with other effects (a silent log, a fixed clock, a stand-in printer). Each stage that
 * touches the outside world names the part it needs (ingest's SourceEffects, publish's ReadEffects); this
 * is all of them, and `nodeEffects` is the real thing.
 */
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { handleFromPath, type SourceEffects, type SourceHandle } from '../ingest/index.js';
import { launchPrinter, type Printer } from '../print/index.js';
import { lockFolder, publishAtomically, stageFiles, type Lock, type OutputFile, type ReadEffects, type Staging } from '../publish/index.js';

export interface Effects extends SourceEffects, ReadEffects {
  readFile(path: string): Promise<Buffer>;
  /** A source file to stream (and hash) without holding it in memory. */
  openSource(path: string, display: string): Promise<SourceHandle>;
  listDir(path: string): Promise<string[]>;
  /** The path with every symbolic link followed (the file must exist). */
  realPath(path: string): Promise<string>;
  /** A file's version (size, modification time, inode), or undefined when it is missing: what a worker's cache is keyed on. */
  fileVersion?(path: string): Promise<string | undefined>;
  /**
   * A browser; `pages`: documents it prints at once (default 1); `onRelaunch`: told when Chromium crashed
   * or hung and was replaced. PAPERS_PRINT_TIMEOUT_MS sets the time allowed per document (default 60 s).
   */
  launchPrinter(options?: { pages?: number; onRelaunch?: (reason: string) => void; browser?: string | undefined }): Promise<Printer>;
  publish(dir: string, files: readonly OutputFile[]): Promise<string[]>;
  /** The same, one batch at a time, for runs too long to hold every document in memory. */
  stage(dir: string): Promise<Staging>;
  /** Holds `dir` for this process until released; a second build of it fails with BuildLocked. */
  lock(dir: string): Promise<Lock>;
  /** One line of progress, e.g. `read data/sample/tracker.xlsx › SIP Summary → 45 projects (85 ms)`. */
  log(line: string): void;
  now(): Date;
  /**
   * Asks for a full garbage collection of this process's heap: V8 runs it as a task of its own on the main
   * thread soon after the call, one whole mark-compact (its helper threads mark beside it), not spread out
   * in steps as the collections V8 starts itself (`--trace-gc` calls it "testing"). A long batch asks for
   * one every so many documents so that its memory stays level; V8 then collects more often, which costs
   * a batch 5–13% of its time (pipeline/run.ts, docs/PERFORMANCE.md); a pack asks for one every so many
   * bytes it has written (pipeline/pack.ts). Such a collection also throws away the optimised code that
   * held on to what it freed (V8's "weak objects"), compiled again afterwards: a build's papers are left to
   * the collections V8 starts itself (`growHeapSlowly`).
   */
  collectGarbage?(): void;
  /**
   * From now on, for the rest of this process: V8 lets its heap grow by half at most after each full
   * collection (its own factor is up to four), so that it marks as the work goes on, on its helper threads,
   * and a long build's memory stays level (one full collection is started at once, so that the heap's next
   * limit is set this way from now, not from wherever it had got to; asked again, it does nothing). A build
   * asks once it has finished two papers (pipeline/papers.ts): a one-paper build is not slowed by the extra
   * collections (docs/PERFORMANCE.md, 2026-12-07, third session).
   */
  growHeapSlowly?(): void;
}

/** How far V8's heap may grow after a full collection once `growHeapSlowly` is asked for, in per cent. */
const HEAP_GROWING_PERCENT = 50;

/**
 * V8's setting is the process's: set once. Each copy of each build asks (the confidential, public and
 * large-print copies; every build of `papers serve`), and a collection started again would only throw
 * away optimised code (`collectGarbage`).
 */
let growingSlowly = false;
function growHeapSlowly(): void {
  if (growingSlowly) return;
  growingSlowly = true;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  startCollection(); // V8 sets its next limit as a collection ends: from this one, not one far off
}

type Collect = (options?: { type: 'major' | 'minor'; execution: 'sync' | 'async' }) => void;
let collect: Collect | undefined;

/**
 * V8's `gc()`, made available at run time when Node was not started with --expose-gc (the flag is read
 * when a new context is made, and the context's `gc` collects the whole isolate's heap).
 */
function startCollection(): void {
  collect ??= (globalThis as { gc?: Collect }).gc ?? (v8.setFlagsFromString('--expose-gc'), vm.runInNewContext('gc') as Collect);
  collect({ type: 'major', execution: 'async' });
}

export function nodeEffects(overrides: Partial<Effects> = {}): Effects {
  return {
    readFile: (p) => readFile(p),
    readRange: async (p, offset, length) => {
      const h = await open(p, 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await h.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      } finally {
        await h.close();
      }
    },
    openSource: handleFromPath,
    listDir: (p) => readdir(p),
    realPath: (p) => realpath(p),
    fileVersion: async (p) => {
      const s = await stat(p).catch(() => undefined);
      return s ? `${s.size}:${s.mtimeMs}:${s.ino}` : undefined;
    },
    launchPrinter: (options) =>
      launchPrinter({
        ...options,
        executablePath: process.env.PAPERS_CHROMIUM || options?.browser, // the environment over the config
        ...(process.env.PAPERS_PRINT_TIMEOUT_MS ? { timeoutMs: Number(process.env.PAPERS_PRINT_TIMEOUT_MS) } : {}),
      }),
    publish: publishAtomically,
    stage: stageFiles,
    lock: (dir) => lockFolder(dir, new Date()),
    log: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
    collectGarbage: startCollection,
    growHeapSlowly,
    ...overrides,
  };
}
