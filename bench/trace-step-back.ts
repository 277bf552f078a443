/**
 * `npm run bench -- --trace`: how long stepping back takes in a long trace (the teaching lab's
 * step-back button). Records a trace of at least 100 000 steps of the keyed window job
 * (datagen → watermarks per record → keyBy → tumbling window → collect) in a TraceSession,
 * then from random positions measures `stepBack()` (restore the nearest snapshot, replay) and
 * `goTo(random)`. Target: a step back well under 50 ms. Writes bench/results/trace-step-back.json.
 *
 *   npm run bench -- --trace [--steps N] [--snapshot-every K] [--samples S]
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryIO } from '../engine/host/memory-io.js';
import { planForTrace } from '../engine/trace/trace-job.js';
import { TraceSession } from '../engine/trace/trace-session.js';
import { DEFAULT_PARAMS, keyedWindowJob } from './jobs.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

export function option(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} needs a whole number ≥ 1, got ${argv[i + 1]}`);
  return n;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

export async function runTraceBench(argv: readonly string[]): Promise<void> {
  const minSteps = option(argv, '--steps', 100_000);
  const snapshotEvery = option(argv, '--snapshot-every', 128);
  const samples = option(argv, '--samples', 200);
  // About 2.4 steps per record (the source's, the window's, most watermarks): a margin over minSteps.
  const doc = keyedWindowJob({ ...DEFAULT_PARAMS, records: Math.ceil(minSteps / 2.2), keys: 100, stepMs: 10 });
  (doc.nodes[1]!.params as Record<string, unknown>).intervalMs = 0;
  const session = new TraceSession(planForTrace(doc, 1), { io: new MemoryIO(), snapshotEvery });

  const t0 = performance.now();
  const length = session.runToEnd();
  const recordMs = performance.now() - t0;
  if (length < minSteps) throw new Error(`the job traced only ${length} steps (wanted ≥ ${minSteps})`);

  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const back: number[] = [];
  const jump: number[] = [];
  for (let i = 0; i < samples; i++) {
    session.goTo(1 + Math.floor(random() * length));
    let t = performance.now();
    session.stepBack();
    back.push(performance.now() - t);
    const target = Math.floor(random() * length);
    t = performance.now();
    session.goTo(target);
    jump.push(performance.now() - t);
  }
  const summary = (xs: number[]) => ({ medianMs: percentile(xs, 0.5), p95Ms: percentile(xs, 0.95), maxMs: Math.max(...xs) });
  const result = {
    steps: length,
    snapshotEvery,
    samples,
    recordMs,
    stepsPerSecond: Math.round((length / recordMs) * 1000),
    stepBack: summary(back),
    goTo: summary(jump),
    node: process.version,
    date: new Date().toISOString(),
  };
  const f = (ms: number) => ms.toFixed(2).padStart(8);
  console.log(`trace of ${length} steps recorded in ${(recordMs / 1000).toFixed(1)} s (${result.stepsPerSecond} steps/s), a snapshot every ${snapshotEvery} steps`);
  console.log('             median      p95      max  (ms)');
  console.log(`stepBack() ${f(result.stepBack.medianMs)} ${f(result.stepBack.p95Ms)} ${f(result.stepBack.maxMs)}`);
  console.log(`goTo(any)  ${f(result.goTo.medianMs)} ${f(result.goTo.p95Ms)} ${f(result.goTo.maxMs)}`);
  const out = join(BENCH_DIR, 'results', 'trace-step-back.json');
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`written to ${out}`);
}
