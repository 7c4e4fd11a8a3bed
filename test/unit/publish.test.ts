import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishAtomically } from '../../src/publish/index.js';

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
