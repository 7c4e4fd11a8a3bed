/**
 * The benchmarks a build worked out are kept in its manifest, and the next build of the meeting uses them
 * instead of reading the DfE and neighbour files again — only while both files are byte for byte the same
 * (their SHA-256 is in the key), and a series that came back through JSON renders the same paper.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkMeeting, DEFAULT_TEMPLATES, paperViewOf, type KnownBenchmarks, type LoadedMeeting } from '../../src/pipeline/index.js';
import { nodeEffects } from '../../src/pipeline/index.js';
import { compilePaper, loadTemplates } from '../../src/render/index.js';
import { type BenchmarkSeries } from '../../src/model/index.js';
import { benchmarkKey } from '../../src/publish/index.js';

const tool = { name: 'committee-papers', version: 'test' };
const sha = async (file: string): Promise<string> => createHash('sha256').update(await readFile(file)).digest('hex');

async function check(known: KnownBenchmarks | undefined): Promise<{ loaded: LoadedMeeting; log: string[] }> {
  const log: string[] = [];
  const c = await checkMeeting('data/sample/meeting.yaml', { cwd: process.cwd(), knownBenchmarks: known }, nodeEffects({ log: (l) => log.push(l) }));
  expect(c.errors).toEqual([]);
  return { loaded: c.loaded!, log };
}

describe('benchmarks kept from the last build', () => {
  it('are used while both files are unchanged, and not once either file differs', async () => {
    const { loaded: fresh } = await check(undefined);
    const item = fresh.meeting.items[0]!;
    const b = item.benchmarks!;
    // A series no file holds: if it shows up, the kept one was used and no file was read for it.
    const marked = (s: BenchmarkSeries): BenchmarkSeries => ({ ...s, years: s.years.map((y) => ({ ...y, own: 12345 })) });
    const series = new Map<string, BenchmarkSeries>();
    for (const [id, m] of Object.entries(b.measures)) series.set(await benchmarkKey(b, m, { fingerprint: sha, tool }), marked(fresh.items[0]!.benchmarks.get(id)!));

    const kept = await check({ fingerprint: sha, tool, series });
    expect([...kept.loaded.items[0]!.benchmarks.keys()]).toEqual([...fresh.items[0]!.benchmarks.keys()]); // in the config's order
    for (const s of kept.loaded.items[0]!.benchmarks.values()) expect(s.years.every((y) => y.own === 12345)).toBe(true);
    expect(kept.log.filter((l) => l.includes('as the last build worked it out'))).toHaveLength(Object.keys(b.measures).length);
    expect(kept.log.some((l) => l.includes('sn_model_2025_wide.csv'))).toBe(false); // the neighbour file is not read either

    // The neighbour file changed: every series is worked out again from the files.
    const neighboursChanged = async (file: string): Promise<string> => (file === b.neighbours.path ? 'changed' : sha(file));
    const again = await check({ fingerprint: neighboursChanged, tool, series });
    expect(again.loaded.items[0]!.benchmarks).toEqual(fresh.items[0]!.benchmarks);

    // One DfE file changed: that file's measures are read again, the others kept.
    const csww = b.measures.WF03!.path;
    const oneChanged = await check({ fingerprint: async (file) => (file === csww ? 'changed' : sha(file)), tool, series });
    const got = oneChanged.loaded.items[0]!.benchmarks;
    expect(got.get('WF03')).toEqual(fresh.items[0]!.benchmarks.get('WF03'));
    expect(got.get('WF04')).toEqual(fresh.items[0]!.benchmarks.get('WF04'));
    expect(got.get('PR02')!.years.every((y) => y.own === 12345)).toBe(true);

    // Another tool (a new version may work them out differently): nothing kept.
    const otherTool = await check({ fingerprint: sha, tool: { ...tool, version: 'next' }, series });
    expect(otherTool.loaded.items[0]!.benchmarks).toEqual(fresh.items[0]!.benchmarks);
  });

  it('render the same paper after a trip through the manifest’s JSON', async () => {
    const { loaded } = await check(undefined);
    const templates = await loadTemplates(DEFAULT_TEMPLATES, { readText: (f) => readFile(f, 'utf8'), list: (d) => readdir(d) });
    const render = async (l: LoadedMeeting): Promise<string> => compilePaper(templates)((await paperViewOf(l.meeting, l.items[0]!)).view);
    const item = loaded.items[0]!;
    const tripped = new Map([...item.benchmarks].map(([id, s]) => [id, JSON.parse(JSON.stringify(s)) as BenchmarkSeries]));
    expect(await render({ ...loaded, items: [{ ...item, benchmarks: tripped }] })).toBe(await render(loaded));
  });
});
