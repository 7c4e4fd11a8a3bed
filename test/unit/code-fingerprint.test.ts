import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeFingerprint } from '../../src/publish/keys.js';

/** A program's folder: its lock file, its compiled files (dist/) and its bundle (dist/bundle/, what bin/papers.js runs). */
function program(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'papers-code-fingerprint-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}
const base = { 'package-lock.json': '{"lockfileVersion":3}', 'dist/print/writer.js': 'const N = 200;', 'dist/bundle/main.mjs': 'import "./chunk-A.mjs";', 'dist/bundle/chunk-A.mjs': 'const N=200;' };
const of = (files: Record<string, string>, dir: string): string => codeFingerprint(path.join(program(files), dir));

describe('codeFingerprint of a bundled program (dist/bundle/)', () => {
  it('is the bundle’s files and the lock file beside package.json, two folders up', () => {
    const same = of(base, 'dist/bundle');
    expect(same).toMatch(/^[0-9a-f]{64}$/);
    expect(of(base, 'dist/bundle')).toBe(same); // another folder, the same files
    expect(of({ ...base, 'dist/bundle/chunk-A.mjs': 'const N=100;' }, 'dist/bundle')).not.toBe(same);
    expect(of({ ...base, 'package-lock.json': '{"lockfileVersion":3,"x":1}' }, 'dist/bundle')).not.toBe(same);
  });

  it('is not the compiled files the bundle was made from: they do not run', () => {
    expect(of({ ...base, 'dist/print/writer.js': 'const N = 100;' }, 'dist/bundle')).toBe(of(base, 'dist/bundle'));
  });

  it('of the compiled program (dist/): its files, the bundle among them, and the lock file one folder up', () => {
    const same = of(base, 'dist');
    expect(of({ ...base, 'dist/print/writer.js': 'const N = 100;' }, 'dist')).not.toBe(same);
    expect(of({ ...base, 'package-lock.json': '{}' }, 'dist')).not.toBe(same);
  });
});

describe('codeFingerprint: a chunk esbuild named after its content', () => {
  it('is known by its name: new content comes under a new name', () => {
    const named = { ...base, 'dist/bundle/chunk-2IEPGS7E.mjs': 'const N=200;' };
    const same = of(named, 'dist/bundle');
    expect(of({ ...base, 'dist/bundle/chunk-ABCD2345.mjs': 'const N=100;' }, 'dist/bundle')).not.toBe(same);
    expect(of({ ...named, 'dist/bundle/main.mjs': 'import "./chunk-ABCD2345.mjs";' }, 'dist/bundle')).not.toBe(same);
  });
});
