import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The slowest test files, slowest first (seconds on CI's 2 cores, from `.ci/run`'s JSON report, 2026-12-05:
 * kill 418, hostile 157, pack 152, faults 123, build-sample 90 …), started first so that neither worker is
 * left with a long file at the end; without this a fresh clone (no vitest cache) runs them in name order.
 * Measured in a fresh clone: 913 s with it, 903 s without — no gain, as the suite is CPU-bound (about
 * 1,650 s of test time on two workers); kept so that the order does not depend on file names.
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
    // Test files share their worker's module cache instead of each loading src/ and its libraries again
    // (exceljs, puppeteer, Vega…: about a second a file). No test changes the environment or mocks a
    // module. Unit tests: 47 s → 19 s; CI's whole run: docs/PERFORMANCE.md.
    isolate: false,
    hookTimeout: 60_000,
    env: { TZ: 'Europe/London' },
    sequence: { sequencer: SlowestFirst },
  },
});
