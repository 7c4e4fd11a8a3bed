import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, isPapersError, type PapersError } from '../../src/errors.js';
import { lockFolder, publishAtomically, stageFiles } from '../../src/publish/index.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('publishing', () => {
  it('writes every file, replacing the previous ones, and leaves no temporary files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-publish-'));
    writeFileSync(path.join(dir, 'a.html'), 'old');
    const written = await publishAtomically(dir, [{ name: 'a.html', bytes: bytes('new a') }, { name: 'a.pdf', bytes: bytes('new pdf') }]);
    expect(written.map((f) => path.basename(f))).toEqual(['a.html', 'a.pdf']);
    expect(readFileSync(path.join(dir, 'a.html'), 'utf8')).toBe('new a');
    expect(readdirSync(dir).sort()).toEqual(['a.html', 'a.pdf']);
  });

  it('when any file fails, leaves the published files as they were and no temporary files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-publish-'));
    writeFileSync(path.join(dir, 'a.html'), 'published');
    await expect(
      publishAtomically(dir, [{ name: 'a.html', bytes: bytes('half a build') }, { name: '../escape.pdf', bytes: bytes('x') }]),
    ).rejects.toThrow(/bad output name/);
    expect(readdirSync(dir)).toEqual(['a.html']);
    expect(readFileSync(path.join(dir, 'a.html'), 'utf8')).toBe('published');
  });

  it('creates the output folder on demand', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'papers-publish-')), 'output', 'nested');
    await publishAtomically(dir, [{ name: 'x.json', bytes: bytes('{}') }]);
    expect(readdirSync(dir)).toEqual(['x.json']);
  });
});

describe('releases and locks', () => {
  it('publishes a folder as a link to its release, keeps files not rewritten, and removes the old release', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'papers-publish-'));
    const dir = path.join(root, 'meeting');
    await publishAtomically(dir, [{ name: 'a.pdf', bytes: bytes('a1') }, { name: 'b.pdf', bytes: bytes('b1') }]);
    const first = readlinkSync(dir);
    expect(lstatSync(dir).isSymbolicLink()).toBe(true);
    expect(first).toMatch(/^\.meeting\.releases\/\d+-[0-9a-f]{8}$/);
    await publishAtomically(dir, [{ name: 'a.pdf', bytes: bytes('a2') }]);
    expect(readFileSync(path.join(dir, 'a.pdf'), 'utf8')).toBe('a2');
    expect(readFileSync(path.join(dir, 'b.pdf'), 'utf8')).toBe('b1'); // carried over, not rewritten
    expect(readlinkSync(dir)).not.toBe(first);
    expect(readdirSync(path.join(root, '.meeting.releases'))).toEqual([path.basename(readlinkSync(dir))]);
  });

  it('never writes through to a published file while a release is staged, and abort leaves it as published', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'papers-publish-'));
    const dir = path.join(root, 'meeting');
    await publishAtomically(dir, [{ name: 'a.pdf', bytes: bytes('published') }]);
    const staging = await stageFiles(dir);
    await staging.add([{ name: 'a.pdf', bytes: bytes('half a build') }]);
    expect(readFileSync(path.join(dir, 'a.pdf'), 'utf8')).toBe('published');
    await staging.abort();
    expect(readFileSync(path.join(dir, 'a.pdf'), 'utf8')).toBe('published');
    expect(readdirSync(path.join(root, '.meeting.releases'))).toHaveLength(1);
  });

  it('writes a file a chunk at a time under no name until it is whole, over the published one only in the release', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'papers-publish-'));
    const dir = path.join(root, 'meeting');
    await publishAtomically(dir, [{ name: 'pack.pdf', bytes: bytes('published pack') }, { name: 'item-6.part', bytes: bytes('part') }]);
    const staging = await stageFiles(dir);
    const file = await staging.create();
    await file.write(bytes('new '));
    const release = path.join(root, '.meeting.releases', readdirSync(path.join(root, '.meeting.releases')).find((r) => r !== path.basename(readlinkSync(dir)))!);
    // Half written: under a hidden temporary name only; the release still has the published pack's link.
    expect(readdirSync(release).filter((f) => !f.startsWith('.')).sort()).toEqual(['item-6.part', 'pack.pdf']);
    expect(readFileSync(path.join(release, 'pack.pdf'), 'utf8')).toBe('published pack');
    expect(readdirSync(release).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    await file.write(bytes('pack'));
    await file.close('pack.pdf');
    expect(readdirSync(release).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await staging.read('pack.pdf')).toString('utf8')).toBe('new pack');
    expect((await staging.read('item-6.part')).toString('utf8')).toBe('part'); // kept from the published release
    expect(readFileSync(path.join(dir, 'pack.pdf'), 'utf8')).toBe('published pack'); // nothing published yet
    await staging.commit();
    expect(readFileSync(path.join(dir, 'pack.pdf'), 'utf8')).toBe('new pack');
    expect(readFileSync(path.join(dir, 'item-6.part'), 'utf8')).toBe('part');
  });

  it('moves a plain folder into its releases on first publish, keeping what was there', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'papers-publish-'));
    const dir = path.join(root, 'output');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'kept.txt'), 'mine');
    await publishAtomically(dir, [{ name: 'x.json', bytes: bytes('{}') }]);
    expect(readdirSync(dir).sort()).toEqual(['kept.txt', 'x.json']);
    expect(lstatSync(dir).isSymbolicLink()).toBe(true);
  });

  it('removes a release left by a process that is gone', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'papers-publish-'));
    const dir = path.join(root, 'meeting');
    await publishAtomically(dir, [{ name: 'a.pdf', bytes: bytes('a') }]);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(path.join(root, '.meeting.releases', `${dead}-0badc0de`));
    await publishAtomically(dir, [{ name: 'b.pdf', bytes: bytes('b') }]);
    expect(readdirSync(path.join(root, '.meeting.releases'))).toEqual([path.basename(readlinkSync(dir))]);
  });

  it('a second lock on a folder fails with BuildLocked naming the holder; a dead holder’s lock is taken over', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'papers-lock-'));
    const dir = path.join(root, 'meeting');
    const now = new Date('2017-03-01T09:00:00Z');
    const held = await lockFolder(dir, now);
    const second = await lockFolder(dir, now).then(() => undefined, (e: unknown) => e);
    expect(isPapersError(second)).toBe(true);
    const p = (second as PapersError).problems[0]!;
    expect(p.name).toBe('BuildLocked');
    expect(formatProblem(p)).toBe(`another build (process ${process.pid}, started 2017-03-01T09:00:00.000Z) is writing ${dir}, expected no other build of it to be running [BuildLocked]`);
    await held.release();
    const again = await lockFolder(dir, now);
    await again.release();
    // A build killed while holding the lock leaves it behind; its process is gone, so the next build takes over.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(path.join(root, '.meeting.lock'), JSON.stringify({ pid: dead, host: hostname(), started: 'then', command: 'papers build' }));
    const taken = await lockFolder(dir, now);
    expect(JSON.parse(readFileSync(path.join(root, '.meeting.lock'), 'utf8')).pid).toBe(process.pid);
    await taken.release();
    expect(existsSync(path.join(root, '.meeting.lock'))).toBe(false);
  });

  it('removes the folders it made for its file when the build leaves them empty (a failed build in a fresh folder), and keeps any with something in them', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'papers-lock-made-'));
    const now = new Date('2017-03-01T09:00:00Z');
    const failed = await lockFolder(path.join(root, 'council', 'output', 'meeting'), now);
    expect(existsSync(path.join(root, 'council', 'output', '.meeting.lock'))).toBe(true);
    await failed.release();
    expect(readdirSync(root)).toEqual([]); // output/ and council/ made by the lock, and gone with it
    const built = await lockFolder(path.join(root, 'council', 'output', 'meeting'), now);
    mkdirSync(path.join(root, 'council', 'output', 'meeting'));
    await built.release();
    expect(readdirSync(path.join(root, 'council', 'output'))).toEqual(['meeting']);
    mkdirSync(path.join(root, 'kept'));
    const there = await lockFolder(path.join(root, 'kept', 'meeting'), now); // a folder that was there before is never removed
    await there.release();
    expect(existsSync(path.join(root, 'kept'))).toBe(true);
  });
});
