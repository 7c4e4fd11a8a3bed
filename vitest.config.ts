import { defineConfig } from 'vitest/config';

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
  },
});
