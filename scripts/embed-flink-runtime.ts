/**
 * Regenerates `engine/export/flink-runtime-files.ts` from `engine/export/flink-runtime/`: the Java
 * support classes and the JavaScript bridge every exported Flink project carries. They are kept
 * as real files (so they can be read, compiled and diffed) and embedded as strings (so the
 * export runs in the browser too). `flink-runtime-files.test.ts` fails when the two differ.
 *
 *   npx tsx scripts/embed-flink-runtime.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLINK_RUNTIME_DIR, readFlinkRuntime, renderFlinkRuntimeModule } from '../engine/export/flink-runtime-source.js';

writeFileSync(join(FLINK_RUNTIME_DIR, '..', 'flink-runtime-files.ts'), renderFlinkRuntimeModule(readFlinkRuntime()));
