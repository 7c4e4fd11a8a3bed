/**
 * What a published file was made from, as one hash: the keys by which a later build decides it may reuse
 * a paper, a pack part, the front sheet or a benchmark instead of making it again.
 *
 * Policy
 * - Every key includes the tool, and the tool includes `code`: the SHA-256 of every compiled file of this
 *   program (src/, dist/ or dist/bundle/, whichever is running; a bundle chunk named after its content by
 *   its name) and of the locked dependency versions. Change the PDF
 *   writer, the scoring or a dependency and nothing made before is reused — no key depends on a version
 *   string someone must remember to bump.
 * - A key says what the thing depends on and nothing else; the manifest keeps it beside the thing.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchmarkRef, FileRef, ItemConfig, MeetingConfig, Tool } from '../model/index.js';

export const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');


/**
 * Where the running program's code is: src/ under tsx or vitest, dist/ when compiled, dist/bundle/ when
 * bundled (scripts/bundle.mjs; what bin/papers.js runs): its own files and the packages joined into them.
 */
const HERE = fileURLToPath(new URL('.', import.meta.url));
const isBundle = (dir: string): boolean => path.basename(dir) === 'bundle';
const CODE_DIR = isBundle(HERE) ? HERE : path.dirname(HERE);

/**
 * A chunk of the bundle named after its content by esbuild (`chunk-2IEPGS7E.mjs`, `pipeline-Z4J67HPO.mjs`):
 * its name already says what it holds, so its name is hashed, not its bytes (the bundle's 12 MB took 60 ms
 * to hash on every build; its entry, `main.mjs`, has no such name and is hashed whole).
 */
const CONTENT_NAMED = /-[A-Z0-9]{8}\.mjs$/;

function codeFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      if (statSync(p).isDirectory()) return codeFiles(p);
      return /\.(js|ts|mjs|json)$/.test(n) ? [p] : [];
    });
}

let fingerprint: string | undefined;

/**
 * The SHA-256 of every code file of the running program (each with its path) and of the package's lock
 * file (the dependencies' exact versions): what decides whether bytes made before can be reused.
 */
export function codeFingerprint(codeDir = CODE_DIR): string {
  if (codeDir === CODE_DIR && fingerprint) return fingerprint;
  const h = createHash('sha256');
  for (const f of codeFiles(codeDir)) h.update(`${path.relative(codeDir, f)}\0`).update(CONTENT_NAMED.test(f) ? '' : readFileSync(f)).update('\0');
  const root = path.dirname(isBundle(codeDir) ? path.dirname(codeDir) : codeDir); // where package.json is
  for (const lock of ['package-lock.json', 'package.json']) {
    try {
      h.update(`${lock}\0`).update(readFileSync(path.join(root, lock)));
      break;
    } catch {
      // not there: a package installed without its lock file
    }
  }
  const sha = h.digest('hex');
  if (codeDir === CODE_DIR) fingerprint = sha;
  return sha;
}

/** The tool with its code's fingerprint, as every key and the manifest record it. */
export function withCode(tool: Tool): Tool {
  return { name: tool.name, version: tool.version, code: tool.code ?? codeFingerprint() };
}

/** Every file a paper is made from, besides the config and templates. */
export function itemInputFiles(meeting: MeetingConfig, item: ItemConfig): FileRef[] {
  const refs: (FileRef | undefined)[] = [item.narrative, item.tracker, item.kpiDefinitions, item.kpis, item.actions, item.outcomes, item.recommendations, item.previous, meeting.style.logo, meeting.style.wordTemplate];
  if (item.benchmarks) refs.push(item.benchmarks.neighbours, ...Object.values(item.benchmarks.measures));
  return refs.filter((r): r is FileRef => r !== undefined);
}

/** A file's SHA-256 by its path ('missing' when it cannot be read), each file hashed once per build. */
export type Fingerprint = (file: string) => Promise<string>;

/** What a paper depends on, as one hash: the tool, the as-at date, the config, the templates and every input's bytes. */
export async function paperKey(
  meeting: MeetingConfig,
  item: ItemConfig,
  parts: { tool: Tool; configSha: string; templatesSha: string; fingerprint: Fingerprint },
): Promise<string> {
  const inputs: string[] = [];
  for (const ref of itemInputFiles(meeting, item)) inputs.push(`${ref.display}:${await parts.fingerprint(ref.path)}`);
  return sha256(JSON.stringify({ tool: parts.tool, asAt: meeting.asAt, configSha: parts.configSha, templateSha: parts.templatesSha, inputs }));
}

/** What one benchmark depends on, as one hash: both files' bytes, the authority, the column, the filter and the tool. */
export async function benchmarkKey(b: BenchmarkRef, m: BenchmarkRef['measures'][string], known: { fingerprint: Fingerprint; tool: Tool }): Promise<string> {
  return sha256(JSON.stringify({ file: await known.fingerprint(m.path), neighbours: await known.fingerprint(b.neighbours.path), la: b.la, column: m.column, where: m.where ?? {}, tool: known.tool }));
}

/** What one of the pack's own pages (`front`, `item4`) depends on: its HTML, the tool and the browser that prints it. */
export function packPageKey(part: string, html: string, tool: Tool, browser: string): string {
  return sha256(JSON.stringify({ tool, browser, part, html }));
}
