import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The slowest test files, slowest first (seconds on CI's 2 cores, from `.ci/run`'s JSON report, 2026-12-05):
 * started first, so that the two workers finish together. Without this a fresh clone (no vitest cache) runs
 * the files in name order, and the kill test (≈ 420 s) starting half-way ran alone for its last minutes.
 */
const SLOWEST = ['kill', 'hostile', 'pack', 'faults', 'build-sample', 'run', 'web-app', 'examples', 'queue', 'accessibility', 'exempt'].map((n) => `/test/e2e/${n}.test.ts`);

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = SLOWEST.findIndex((s) => f.moduleId.endsWith(s));
      return i < 0 ? SLOWEST.length : i;
    };
    return (await super.sort(files)).map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests drive a real Chromium; give them room on a 2-core machine.
    testTimeout: 60_000,
    // Two test files at a time (vitest's default on 2 cores is one): much of an end-to-end test is
    // waiting on Chromium, node start-up and the disk; the timing-sensitive tests adapt to the load.
    maxWorkers: 2,
    hookTimeout: 60_000,
    env: { TZ: 'Europe/London' },
    sequence: { sequencer: SlowestFirst },
  },
});
