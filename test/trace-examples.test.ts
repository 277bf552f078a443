/**
 * Tracing a job to its end gives the output of `eddy run`, for every example in
 * public/examples and every job of docs/job-format.md, at parallelism 1 and 2: at parallelism
 * 1 each sink's records in the same order (between sinks the trace shows records as they flow,
 * one per batch, where `run` moves them 1024 at a time), at 2 the same records. Jobs with an
 * asyncMap included: the stepper waits for each call and completes it as a step of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob } from '../engine/run-job.js';
import type { TraceStep } from '../engine/trace/trace-recorder.js';
import type { JobFetch } from '../engine/host/job-fetch.js';
import { fileFetch } from '../engine/host/node/file-fetch.js';
import { traceJobAsync } from '../engine/trace/trace-job.js';
import { ROOT, docsExamples } from './docs-examples-parse.js';

type Line = { sink: string; op?: string; value: unknown };

/** The records of sink.emit events, as `{sink, value}` in step order. */
function emitted(steps: readonly TraceStep[]): Line[] {
  return steps.flatMap((s) => s.events.filter((e) => e.type === 'sink.emit').map((e) => (e.op === undefined ? { sink: e.sink as string, value: e.value } : { sink: e.sink as string, op: e.op as string, value: e.value })));
}

const text = (lines: readonly Line[]) => lines.map((l) => JSON.stringify(l));
const bySink = (lines: readonly Line[]) => {
  const out: Record<string, string[]> = {};
  for (const l of lines) (out[l.sink] ??= []).push(JSON.stringify(l.value));
  return out;
};

async function expectSameAsRun(doc: unknown, files: Record<string, string>, parallelism: number, orderDependent = false, fetch?: JobFetch): Promise<void> {
  const run = await runJob(doc, { files, parallelism, clock: 'virtual', ...(fetch ? { fetch } : {}) });
  const { steps, io } = await traceJobAsync(doc, { files, parallelism, ...(fetch ? { fetch } : {}) });
  expect(steps.map((s) => s.step)).toEqual(steps.map((_, i) => i));
  const traced = emitted(steps);
  // What the sinks handed the host is what the events say.
  expect(text(io.collected)).toEqual(text(traced));
  if (orderDependent && parallelism > 1) expect(traced).toHaveLength(run.results.length);
  else if (parallelism === 1) expect(bySink(traced)).toEqual(bySink(run.results));
  else expect(text(traced).sort()).toEqual(text(run.results).sort());
  expect(io.written).toEqual(run.files);
}

const dir = join(ROOT, 'public', 'examples');
// The gallery's jobs (its SQL scripts compile to jobs checked by test/sql.test.ts).
const index = (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Array<{ file: string }>).filter((e) => e.file.endsWith('.json'));
/** An asyncMap's relative `ctx.fetch` URLs read beside the example, as the CLI's do. */
const fetch = fileFetch(dir);

describe('a trace stepped to the end gives the output of eddy run', () => {
  for (const { file } of index) {
    for (const parallelism of [1, 2]) {
      it(`public/examples/${file} at parallelism ${parallelism}`, async () => {
        const doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        const files: Record<string, string> = {};
        for (const n of doc.nodes) if (n.kind === 'source.file') files[n.params.path] = readFileSync(join(dir, n.params.path), 'utf8');
        await expectSameAsRun(doc, files, parallelism, false, fetch);
      });
    }
  }

  for (const ex of docsExamples()) {
    for (const parallelism of [1, 2]) {
      it(`docs/job-format.md: ${ex.name} (line ${ex.line}) at parallelism ${parallelism}`, async () => {
        await expectSameAsRun(ex.job, ex.inputs, parallelism, ex.orderDependent);
      });
    }
  }
});
