/** Running the real `papers` command (bin/papers.js → dist/) in a child process. */
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function papers(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'papers.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Europe/London', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The real `papers` as a council runs it: in its own folder (`cwd`, outside this repository), with nothing
 * of ours in the environment — only PATH and HOME (no PAPERS_* variable, no TZ).
 */
export function papersIn(cwd: string, args: string[]): CliRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'papers.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? cwd },
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `papersIn`, not waiting: several builds at once. */
export function papersInAsync(cwd: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'papers.js'), ...args],
      { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? cwd }, timeout: 180_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        if (err && code === null) reject(err);
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Lines that look like a JavaScript stack trace. */
export function stackLines(text: string): string[] {
  return text.split('\n').filter((l) => /^\s+at .+[(:]\d+/.test(l) || /node:internal|\.js:\d+:\d+/.test(l));
}
