/**
 * A build's outputs as they are made: each output folder's new release (publish/atomic.ts), opened when
 * its first file is ready. Every file is written into it as soon as it exists — a paper's HTML, PDF, Word
 * copy, data and block the moment the paper is finished, the pack a part at a time as it is joined — and
 * only its name, SHA-256 and length are kept. A build's memory then depends on its largest paper, not on
 * how many papers it has.
 *
 * Nothing is published until `commit` (one atomic swap of the folder); a build that stops calls `abort`,
 * and the folder stays as it was.
 */
import { createHash } from 'node:crypto';
import type { ChunkSink } from '../print/index.js';
import type { OutputFile, Staging } from '../publish/index.js';
import type { Effects } from './effects.js';

/** A file put into the release: what the manifest records of it. */
export interface Written {
  name: string;
  sha256: string;
  bytes: number;
}

/** A file being written into the release a chunk at a time; named (and recorded) when closed. */
export interface SpooledFile {
  sink: ChunkSink;
  /** Its SHA-256 and length, once the last chunk is written. */
  written(): { sha256: string; bytes: number };
  close(name: string): Promise<Written>;
}

/** Bytes gathered before a write (see `create`). */
const GATHER_BYTES = 1 << 20;

export class Spool {
  private staging: Promise<Staging> | undefined;
  private readonly files = new Map<string, Written>();
  /** Writes under way, each awaited (and any error thrown) by `settled`. */
  private writing: Promise<unknown>[] = [];

  constructor(
    /** The folder published into. */
    readonly dir: string,
    private readonly effects: Pick<Effects, 'stage'>,
  ) {}

  private open(): Promise<Staging> {
    return (this.staging ??= this.effects.stage(this.dir));
  }

  /** Files into the release (a name given again gets its last bytes); settles once they are on disk. */
  put(files: readonly OutputFile[]): Promise<void> {
    for (const f of files) this.files.set(f.name, { name: f.name, sha256: createHash('sha256').update(f.bytes).digest('hex'), bytes: f.bytes.length });
    const done = files.length === 0 ? Promise.resolve() : this.open().then((s) => s.add(files));
    done.catch(() => undefined); // thrown by `settled`
    this.writing.push(done);
    return done;
  }

  /** A file as the release has it (put by this build, or kept from the published folder). */
  async read(name: string): Promise<Buffer> {
    return (await this.open()).read(name);
  }

  /**
   * A file written as it is made, hashed on the way. Chunks are gathered to a mebibyte before each write:
   * a pack comes in thousands of small chunks (an object stream, a content stream), and a write each
   * cost a 286-page pack's rebuild about half a second.
   */
  async create(): Promise<SpooledFile> {
    const file = await (await this.open()).create();
    const hash = createHash('sha256');
    let bytes = 0;
    let digest: string | undefined;
    let gathered: Buffer[] = [];
    let size = 0;
    const flush = async (): Promise<void> => {
      if (size === 0) return;
      const chunk = gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered, size);
      gathered = [];
      size = 0;
      await file.write(chunk);
    };
    const done = (): { sha256: string; bytes: number } => ({ sha256: (digest ??= hash.digest('hex')), bytes });
    return {
      sink: async (chunk) => {
        if (digest !== undefined) throw new Error('written to after it was hashed');
        hash.update(chunk);
        bytes += chunk.length;
        gathered.push(chunk);
        size += chunk.length;
        if (size >= GATHER_BYTES) await flush();
      },
      written: done, // of every chunk given, written or still gathered (close writes the rest)
      close: async (name) => {
        await flush();
        await file.close(name);
        const written = { name, ...done() };
        this.files.set(name, written);
        return written;
      },
    };
  }

  /** What is known of a file put into the release. */
  written(name: string): Written | undefined {
    return this.files.get(name);
  }

  /** Every write so far finished (the first failure thrown). */
  async settled(): Promise<void> {
    const writing = this.writing;
    this.writing = [];
    for (const w of writing) await w;
  }

  /** Publishes the release whole. */
  async commit(): Promise<void> {
    await this.settled();
    await (await this.open()).commit();
  }

  /** Removes the release, when one was opened; the published folder is untouched. */
  async abort(): Promise<void> {
    if (!this.staging) return;
    await Promise.allSettled(this.writing);
    const staging = await this.staging.catch(() => undefined);
    await staging?.abort();
  }
}
