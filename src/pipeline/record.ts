/**
 * A made meeting's files to publish: every paper's HTML, PDF, data and block (already in the release, put
 * there as each paper was finished); the pack under its own name or, when it differs from the one
 * published, as the next version beside it with a note of what changed; the pack's own pages' blocks; and
 * the manifest. The build publishes the files of every copy it made (standard, large print) in one atomic
 * publish (publish/atomic.ts, pipeline/spool.ts).
 */
import { performance } from 'node:perf_hooks';
import { fileTitle, manifestFileName } from '../assemble/index.js';
import { formatProblem } from '../errors.js';
import type { BenchmarkSeries, MeetingConfig, SourceFile, Tool } from '../model/index.js';
import { benchmarkKey, manifestBytes, packVersion, paperKey, publishedVersions, sha256, type Fingerprint, type LastBuild, type Manifest, type ManifestBenchmark, type ManifestItem, type OutputFile } from '../publish/index.js';
import { changesNote } from '../render/index.js';
import type { Effects } from './effects.js';
import type { LoadedMeeting } from './load.js';
import type { MadeMeeting } from './make.js';
import type { JoinedPack } from './pack.js';
import type { Spool, Written } from './spool.js';

export interface RecordOptions {
  tool: Tool;
  outDir: string;
  largePrint: boolean;
  supplement: boolean;
  templates: Record<string, string>;
  templatesSha: string;
  fingerprint: Fingerprint;
  started: number;
}

/**
 * The rest of what was made into the release (the pack under the name it is published as, its own pages,
 * the changes note, the manifest); returns every output of this copy, in the order the manifest lists them.
 */
export async function meetingOutputs(made: MadeMeeting, last: LastBuild, options: RecordOptions, spool: Spool, effects: Effects): Promise<{ outputs: Written[]; pack: JoinedPack | undefined }> {
  const { loaded, papers } = made;
  const meeting = loaded.meeting;
  const names: string[] = papers.flatMap((p) => p.outputs);
  const more: OutputFile[] = [];
  // A pack that differs from the one published is a new version beside it, with a note of what changed.
  let pack = made.pack;
  if (pack) {
    const { name, version, replaces } = packVersion(pack.name, pack.file.written().sha256, await (made.versions ?? publishedVersions(options.outDir, pack.name, effects)));
    pack = { ...pack, name };
    await pack.file.close(name);
    names.push(name);
    // Its own pages' blocks, beside it, for the next build here (those read back from there stay as they are).
    for (const own of pack.ownPages) if (own.file) more.push(own.file);
    if (replaces) {
      const parts = await Promise.all(papers.map((p) => p.changes));
      more.push({ name: name.replace(/\.pdf$/, '.changes.md'), bytes: Buffer.from(changesNote(meeting, parts, replaces, version), 'utf8') });
      effects.log(`pack → version ${version}, beside ${replaces} (left as published)`);
    }
  }
  await spool.put(more);
  names.push(...more.map((f) => f.name));
  const outputs = names.map((n) => spool.written(n)!);
  const manifest = await meetingManifest(made, pack, outputs, last, options, effects);
  const file = { name: manifestFileName(meeting, { largePrint: options.largePrint, supplement: options.supplement }), bytes: manifestBytes(manifest) };
  await spool.put([file]);
  return { outputs: [...outputs, spool.written(file.name)!], pack };
}

/** The manifest: every input and template, every output, and what the next build here may reuse. */
async function meetingManifest(made: MadeMeeting, pack: JoinedPack | undefined, outputs: readonly Written[], last: LastBuild, options: RecordOptions, effects: Effects): Promise<Manifest> {
  const { loaded, papers } = made;
  const meeting = loaded.meeting;
  const outputSha = new Map(outputs.map((o) => [o.name, o.sha256]));
  return {
    tool: options.tool,
    browser: made.browser,
    builtAt: effects.now().toISOString(),
    config: { file: meeting.file.display, sha256: loaded.configSha256 },
    templates: options.templates,
    asAt: meeting.asAt,
    inputs: inputsRead(loaded),
    items: await itemsRecord(made, outputSha, last, options),
    reused: [...last.reuse.keys()],
    benchmarks: await benchmarksRecord(meeting, loaded, last.benchmarks, options),
    packPages: pack?.ownPages.map((p) => p.published) ?? [],
    ...(pack ? { pack: { file: pack.name, sha256: outputSha.get(pack.name)!, segments: pack.segments.map(({ key, offset, length, layout }) => ({ key, offset, length, offsets: layout.offsets.join(' ') })) } } : {}),
    outputs: outputs.map((o) => ({
      file: o.name,
      ...(fileTitle(meeting, o.name) !== undefined ? { title: fileTitle(meeting, o.name) } : {}),
      sha256: o.sha256,
      bytes: o.bytes,
      ...(o.name.endsWith('.pdf') ? { pages: pack?.name === o.name ? pack.pages : papers.find((p) => p.files.pdf === o.name)?.pages } : {}),
      ...(made.timings.has(o.name) ? { ms: made.timings.get(o.name) } : {}),
    })),
    warnings: made.warnings.map(formatProblem),
    seconds: Number(((performance.now() - options.started) / 1000).toFixed(2)),
  };
}

/** Each paper's key and files, so that the next build can reuse what has not changed. */
async function itemsRecord(made: MadeMeeting, outputSha: ReadonlyMap<string, string>, last: LastBuild, options: RecordOptions): Promise<ManifestItem[]> {
  const meeting = made.loaded.meeting;
  const items: ManifestItem[] = [];
  for (const entry of meeting.agenda) {
    if (entry.kind !== 'paper') continue;
    const reused = last.reuse.get(entry.number);
    if (reused) {
      items.push({ number: reused.number, key: reused.key, pages: reused.pages, files: reused.files });
      continue;
    }
    const built = made.papers.find((p) => p.item.number === entry.number);
    if (!built) continue;
    const files = [...outputSha].filter(([name]) => name.startsWith(`${built.files.base}.`)).map(([file, sha]) => ({ file, sha256: sha }));
    const key = await paperKey(meeting, entry.item, { tool: options.tool, configSha: made.loaded.configSha256, templatesSha: options.templatesSha, fingerprint: options.fingerprint });
    items.push({ number: entry.number, key, pages: built.pages, files });
  }
  return items;
}

/** Every benchmark the meeting's papers quote, for the next build to use while its files are unchanged. */
async function benchmarksRecord(meeting: MeetingConfig, loaded: LoadedMeeting, known: ReadonlyMap<string, BenchmarkSeries>, options: RecordOptions): Promise<ManifestBenchmark[]> {
  const out: ManifestBenchmark[] = [];
  for (const entry of meeting.agenda) {
    if (entry.kind !== 'paper' || !entry.item.benchmarks) continue;
    const b = entry.item.benchmarks;
    const built = loaded.records.find((l) => l.number === entry.number);
    for (const [id, m] of Object.entries(b.measures)) {
      const key = await benchmarkKey(b, m, { fingerprint: options.fingerprint, tool: options.tool });
      const series = built ? built.benchmarks.get(id) : known.get(key);
      if (series && !out.some((e) => e.key === key)) out.push({ key, file: m.display, column: m.column, series });
    }
  }
  return out;
}

/** Every file read, once each, in the order read. */
function inputsRead(loaded: LoadedMeeting): Pick<SourceFile, 'file' | 'sheet' | 'sha256'>[] {
  const inputs: Pick<SourceFile, 'file' | 'sheet' | 'sha256'>[] = [];
  const seen = new Set<string>();
  const input = (s: Pick<SourceFile, 'file' | 'sheet' | 'sha256'> | undefined): void => {
    if (s && !seen.has(s.file)) {
      seen.add(s.file);
      inputs.push({ file: s.file, ...(s.sheet ? { sheet: s.sheet } : {}), sha256: s.sha256 });
    }
  };
  for (const it of loaded.records) for (const s of it.inputs) input(s);
  for (const inc of loaded.included.values()) input(inc.source);
  return inputs;
}
