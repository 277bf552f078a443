import { defineConfig } from 'vitest/config';

/**
 * Tests that start slot workers or the CLI's process, or run every example on every host: the
 * `integration` project. Everything else is `unit`, which `npm run check` runs for the inner loop.
 */
const INTEGRATION = [
  'engine/host/worker-job.test.ts',
  'engine/host/worker-watchdog.test.ts',
  'engine/host/checkpoint-recovery.test.ts',
  'engine/host/run-chaos.test.ts',
  'engine/host/node/node-slots.test.ts',
  'engine/host/node/streamed-file.test.ts',
  'engine/checkpoint/unaligned.test.ts',
  'engine/cli/**/*.test.ts',
  'test/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    // Only a bound on a hang, the same for every test: tests wait for conditions, and CI runs on
    // a loaded 2-core machine (at a load of 28, a worker test that takes 5 s alone took over 60 s).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'unit', isolate: false, include: ['engine/**/*.test.ts', 'app/**/*.test.ts', 'app/**/*.test.tsx'], exclude: INTEGRATION } },
      { extends: true, test: { name: 'integration', include: INTEGRATION } },
    ],
  },
});
