import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:flink`: Eddy against real Apache Flink (the `flink/` module). Its own config, so
 * `vitest run` (unit + integration) does not start a JVM; files end in `.flink.ts`.
 */
export default defineConfig({
  root: join(import.meta.dirname, '..', '..'),
  test: {
    environment: 'node',
    include: ['test/flink/**/*.flink.ts'],
    // Only a bound on a hang: the first run builds the runner and Flink's JVM warms up on a loaded 2-core machine.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
