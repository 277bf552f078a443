import { describe, expect, it } from 'vitest';
import type { SubtaskMetrics } from '../host/slot-protocol.js';
import { InlineJob } from '../host/inline-host.js';
import { MemoryIO } from '../host/memory-io.js';
import { planJob } from '../plan/plan-job.js';
import { validateJob } from '../graph/validate.js';
import { MetricsSampler } from './task-metrics.js';

/** One generated record per second of virtual time (ts 0, 1000, …), counted per key in 5 s windows; idle after 300 ms without records. */
const checked = validateJob({
  format: 'eddy/job@1',
  parallelism: 1,
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 20, ratePerSec: 1, keys: 3, stepMs: 1000 } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 2000, intervalMs: 100, idleTimeoutMs: 300 } },
    { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
    { id: 'count', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 5000 }, function: { type: 'aggregate', fn: 'count' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'gen', to: 'wm' },
    { from: 'wm', to: 'by-key' },
    { from: 'by-key', to: 'count' },
    { from: 'count', to: 'out' },
  ],
});
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const job = checked.job;

function start() {
  const inline = new InlineJob(planJob(job), { io: new MemoryIO(), clock: 'virtual', batchSize: 1 });
  let now = 0;
  const sampler = new MetricsSampler(inline.tasks, 0, () => (now += 1000));
  const op = (samples: SubtaskMetrics[], id: string) => samples.flatMap((s) => s.operators).find((o) => o.nodeId === id)!;
  const subtaskOf = (samples: SubtaskMetrics[], id: string) => samples.find((s) => s.operators.some((o) => o.nodeId === id))!;
  return { inline, sample: () => sampler.sample(), op, subtaskOf };
}

describe('MetricsSampler', () => {
  it('reports the newest record timestamp per operator, so the app can show watermark lag', () => {
    const { inline, sample, op } = start();
    let s = sample();
    expect(op(s, 'gen').newestTimestamp).toBe(-Infinity);
    while (inline.stepOnce() && op((s = sample()), 'wm').newestTimestamp < 5000);
    expect(op(s, 'gen').newestTimestamp).toBe(5000);
    expect(op(s, 'wm').newestTimestamp).toBe(5000);
    // Bounded out-of-orderness of 2 s: the watermark trails the newest record by at least that.
    expect(op(s, 'wm').newestTimestamp - op(s, 'wm').outputWatermark).toBeGreaterThanOrEqual(2000);
  });

  it('reports an operator whose output went idle, and the downstream input going idle with it', () => {
    const { inline, sample, op, subtaskOf } = start();
    let s = sample();
    expect(op(s, 'wm').outputIdle).toBe(false);
    expect(subtaskOf(s, 'count').inputIdle).toBe(false);
    let steps = 0;
    while (inline.stepOnce() && !subtaskOf((s = sample()), 'count').inputIdle && ++steps < 10_000);
    expect(op(s, 'wm').outputIdle).toBe(true);
    expect(subtaskOf(s, 'count').inputIdle).toBe(true);
    expect(subtaskOf(s, 'gen').inputIdle).toBe(false);
    // The next record makes the stream active again.
    while (inline.stepOnce() && op((s = sample()), 'wm').outputIdle && ++steps < 10_000);
    expect(op(s, 'wm').outputIdle).toBe(false);
  });

  it('estimates state bytes for keyed operators only', () => {
    const { inline, sample, op } = start();
    let s = sample();
    expect(op(s, 'count').stateBytes).toBe(0);
    while (inline.stepOnce() && op((s = sample()), 'count').stateKeys < 3);
    const three = op(s, 'count').stateBytes;
    expect(three).toBeGreaterThan(0);
    expect(op(s, 'gen').stateBytes).toBe(0);
    expect(op(s, 'wm').stateBytes).toBe(0);
    expect(op(s, 'out').stateBytes).toBe(0);
  });
});
