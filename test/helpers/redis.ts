/**
 * A real Redis for the queue tests: the one `.ci/run` started (PAPERS_TEST_REDIS), else a redis-server of
 * this test's own on a free port, stopped at the end. Each test file takes a database of its own and
 * empties it first. Debian's redis-server is installed by scripts/setup.sh; without it the test fails
 * saying so (it is never skipped).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function cli(port: string, db: number, ...args: string[]): string {
  const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', port, '-n', String(db), ...args], { encoding: 'utf8' });
  if (r.error) throw new Error(`redis-cli could not run (${r.error.message}): install Debian's redis-tools (scripts/setup.sh does)`);
  return r.stdout.trim();
}

/** A Redis database for one test file, emptied. */
export async function testRedis(db: number): Promise<TestRedis> {
  let child: ChildProcess | undefined;
  let port: string;
  const given = process.env.PAPERS_TEST_REDIS;
  if (given) port = new URL(given).port || '6379';
  else {
    port = String(await freePort());
    child = spawn('redis-server', ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    child.on('error', () => undefined);
  }
  for (let i = 0; cli(port, db, 'ping') !== 'PONG'; i++) {
    if (i > 100) throw new Error(`no Redis answered on 127.0.0.1:${port}: install Debian's redis-server (scripts/setup.sh does)`);
    await sleep(100);
  }
  cli(port, db, 'flushdb');
  return {
    url: `redis://127.0.0.1:${port}/${db}`,
    async stop() {
      if (!child) return;
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    },
  };
}
