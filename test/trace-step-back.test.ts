/**
 * Going back in a trace is restoring the state after an earlier step: a stepper restored from
 * the snapshot after step k takes exactly the recorded steps k+1… (events, causes, watermarks
 * and all), and a session moved back and forth at random still ends with `eddy run`'s output.
 * For every example in public/examples and every docs job, at parallelism 1 and 2 — those with
 * an asyncMap too: a replay takes the calls' recorded outcomes and calls nothing again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobFetch } from '../engine/host/job-fetch.js';
import { MemoryIO } from '../engine/host/memory-io.js';
import { fileFetch } from '../engine/host/node/file-fetch.js';
import { runJob } from '../engine/run-job.js';
import { planForTrace } from '../engine/trace/trace-job.js';
import { traceStepJson } from '../engine/trace/trace-json.js';
import type { TraceStep } from '../engine/trace/trace-recorder.js';
import { AsyncCallLog } from '../engine/trace/trace-calls.js';
import { TraceSession } from '../engine/trace/trace-session.js';
import { type StepperSnapshot, TraceStepper } from '../engine/trace/trace-stepper.js';
import { ROOT, docsExamples } from './docs-examples-parse.js';

interface Job {
  readonly name: string;
  readonly doc: unknown;
  readonly files: Record<string, string>;
  readonly orderDependent: boolean;
  /** Where an asyncMap's `ctx.fetch` reads (default: the files). */
  readonly fetch?: JobFetch;
}

const dir = join(ROOT, 'public', 'examples');
const jobs: Job[] = [
  ...(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Array<{ file: string }>).filter(({ file }) => file.endsWith('.json')).map(({ file }) => {
    const doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const files: Record<string, string> = {};
    for (const n of doc.nodes) if (n.kind === 'source.file') files[n.params.path] = readFileSync(join(dir, n.params.path), 'utf8');
    return { name: `public/examples/${file}`, doc, files, orderDependent: false, fetch: fileFetch(dir) };
  }),
  ...docsExamples().map((ex) => ({ name: `docs/job-format.md: ${ex.name} (line ${ex.line})`, doc: ex.job, files: ex.inputs, orderDependent: ex.orderDependent })),
];

/** The job's host I/O: its input files, and where its async calls fetch. */
const ioOf = (job: Job) => new MemoryIO(job.files, undefined, job.fetch ? { fetch: job.fetch } : {});

/** A small seeded generator: the same moves on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const lines = (steps: readonly TraceStep[]) => steps.map(traceStepJson);

describe('stepping back restores the state after an earlier step', () => {
  for (const job of jobs) {
    for (const parallelism of [1, 2]) {
      it(`${job.name} at parallelism ${parallelism}: a stepper restored after any step takes the recorded steps`, async () => {
        const plan = planForTrace(job.doc, parallelism);
        const calls = new AsyncCallLog();
        const stepper = new TraceStepper(plan, { io: ioOf(job), calls });
        const steps: TraceStep[] = [];
        const snapshots: StepperSnapshot[] = [stepper.snapshot()];
        for (let s = await stepper.nextAsync(); s !== null; s = await stepper.nextAsync()) {
          steps.push(s);
          snapshots.push(stepper.snapshot());
        }
        const made = calls.size;
        // Every snapshot for short traces; a sample of them for long ones.
        const stride = Math.max(1, Math.floor(snapshots.length / 40));
        for (let k = 0; k < snapshots.length; k += stride) {
          const restored = TraceStepper.restore(plan, { io: ioOf(job), calls }, snapshots[k]!);
          const rest: TraceStep[] = [];
          // Synchronous: every call's outcome is in the log, none is waited for.
          for (let s = restored.next(); s !== null; s = restored.next()) rest.push(s);
          expect(restored.awaiting, `restored after ${k} steps`).toBeNull();
          expect(lines(rest), `restored after ${k} steps`).toEqual(lines(steps.slice(k)));
        }
        // Replays made no call of their own.
        expect(calls.size).toBe(made);
      });

      it(`${job.name} at parallelism ${parallelism}: random moves back and forth, then to the end, give eddy run's output`, async () => {
        const run = await runJob(job.doc, { files: job.files, parallelism, clock: 'virtual', ...(job.fetch ? { fetch: job.fetch } : {}) });
        const io = ioOf(job);
        const session = new TraceSession(planForTrace(job.doc, parallelism), { io, snapshotEvery: 5 });
        const next = random(parallelism * 7919 + job.name.length);
        for (let i = 0; i < 30; i++) {
          const r = next();
          if (r < 0.4) await session.stepForwardAsync();
          else if (r < 0.6) session.stepBack();
          else await session.goToAsync(Math.floor(next() * (session.steps.length + 10)));
          expect(session.current?.step ?? -1).toBe(session.position - 1);
        }
        await session.runToEndAsync();
        expect(session.atEnd).toBe(true);
        const text = (rs: ReadonlyArray<{ sink: string; value: unknown }>) => rs.map((x) => JSON.stringify({ sink: x.sink, value: x.value }));
        const bySink = (rs: ReadonlyArray<{ sink: string; value: unknown }>) => {
          const out: Record<string, string[]> = {};
          for (const r of rs) (out[r.sink] ??= []).push(JSON.stringify(r.value));
          return out;
        };
        const expected = text(run.results);
        // At parallelism 1 each sink's records in run's order (see trace-examples.test.ts).
        if (parallelism === 1) expect(bySink(io.collected)).toEqual(bySink(run.results));
        else if (job.orderDependent) expect(io.collected).toHaveLength(expected.length);
        else expect([...text(io.collected)].sort()).toEqual([...expected].sort());
        expect(io.written).toEqual(run.files);
      });
    }
  }
});
