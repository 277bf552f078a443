import { describe, expect, it } from 'vitest';
import type { JobFailure } from '../graph/errors.js';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { runJob } from '../run-job.js';
import { until } from '../testing/until.js';
import { MemoryIO } from './memory-io.js';
import { nodeSlotSpawner } from './node/node-slots.js';
import type { SubtaskMetrics } from './slot-protocol.js';
import { WorkerJob, type WorkerJobOptions } from './worker-job.js';

const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));

function plan(job: unknown) {
  const checked = validateJob(job);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job);
}

/** The latest metrics sample per subtask (`vertex#index`). */
class LatestMetrics {
  readonly by = new Map<string, SubtaskMetrics>();
  samples = 0;
  readonly onMetrics = (samples: SubtaskMetrics[]) => {
    for (const s of samples) this.by.set(`${s.vertex}#${s.subtask}`, s);
    this.samples++;
  };
  of(task: string): SubtaskMetrics | undefined {
    return this.by.get(task);
  }
  /** The output watermark of `node` in subtask `task` (−∞ before any sample). */
  watermark(task: string, node: string): number {
    return this.of(task)?.operators.find((o) => o.nodeId === node)?.outputWatermark ?? -Infinity;
  }
  idle(task: string, node: string): boolean {
    return this.of(task)?.operators.find((o) => o.nodeId === node)?.outputIdle ?? false;
  }
}

function start(job: unknown, options: Partial<WorkerJobOptions> = {}) {
  const io = new MemoryIO();
  const metrics = new LatestMetrics();
  const worker = new WorkerJob(plan(job), { io, spawner: nodeSlotSpawner, metricsIntervalMs: 50, onMetrics: metrics.onMetrics, ...options });
  const done = worker.run().then(
    () => null,
    (e: unknown) => e,
  );
  return { io, metrics, worker, done };
}

/** Two generator subtasks feeding keyed windows: each window subtask waits for both. */
const TWO_SUBTASKS = {
  format: 'eddy/job@1',
  parallelism: 2,
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 10_000_000, ratePerSec: 2000, seed: 1, keys: 8, startTs: 0, stepMs: 10 } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
    { id: 'k', kind: 'keyBy', params: { field: 'key' } },
    { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'count' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: chain('gen', 'wm', 'k', 'w', 'out'),
};

describe('chaos controls on a run in slot workers', () => {
  it('a paused source subtask holds the downstream watermark; marked idle, it releases it; ended, it runs again', async () => {
    const { metrics, worker, done } = start(TWO_SUBTASKS);
    const windowsWatermark = () => Math.min(metrics.of('w#0')?.inputWatermark ?? -Infinity, metrics.of('w#1')?.inputWatermark ?? -Infinity);
    await until(() => windowsWatermark() > 1000);

    expect(await worker.applyChaos({ kind: 'pause-source', nodeId: 'gen', subtask: 0, seconds: 600, idle: false })).toBe(1);
    // The other subtask runs on, far ahead of the paused one's (frozen) watermark.
    await until(() => metrics.watermark('gen#1', 'wm') > metrics.watermark('gen#0', 'wm') + 5000);
    const frozen = metrics.watermark('gen#0', 'wm');
    const seen = metrics.samples;
    await until(() => metrics.samples > seen + 4);
    expect(metrics.watermark('gen#0', 'wm')).toBe(frozen);
    expect(metrics.idle('gen#0', 'wm')).toBe(false);
    expect(windowsWatermark()).toBeLessThanOrEqual(frozen);

    // Idle: the windows stop waiting for subtask 0 and follow subtask 1.
    await worker.applyChaos({ kind: 'pause-source', nodeId: 'gen', subtask: 0, seconds: 600, idle: true });
    await until(() => windowsWatermark() > frozen + 5000);
    expect(metrics.idle('gen#0', 'gen')).toBe(true);
    expect(metrics.idle('gen#0', 'wm')).toBe(true);
    expect(metrics.idle('gen#1', 'wm')).toBe(false);

    // Ended: subtask 0 is active and emits again.
    await worker.applyChaos({ kind: 'end', nodeId: 'gen', subtask: 0 });
    await until(() => metrics.watermark('gen#0', 'wm') > frozen && !metrics.idle('gen#0', 'wm'));
    worker.cancel();
    expect(await done).toBeNull();
  });

  it('a control the slot cannot take is refused with its reason, not reported as reaching no subtask', async () => {
    const { worker, metrics, done } = start(TWO_SUBTASKS);
    await until(() => metrics.samples > 0);
    // A function cannot be sent to a slot's thread (structured clone).
    const control = worker.applyChaos({ kind: 'inject-record', nodeId: 'gen', value: () => 1, timestamp: 0 });
    await expect(control).rejects.toThrow(/cannot inject a record into node "gen": slot 0 refused the control: .*could not be cloned/);
    worker.cancel();
    await done;
  });

  it('a pause ends on its own after its seconds', async () => {
    const { metrics, worker, done } = start(TWO_SUBTASKS);
    await until(() => metrics.watermark('gen#0', 'wm') > 0);
    await worker.applyChaos({ kind: 'pause-source', nodeId: 'gen', seconds: 0.3, idle: true });
    await until(() => metrics.idle('gen#0', 'wm') && metrics.idle('gen#1', 'wm'));
    const frozen = metrics.watermark('gen#0', 'wm');
    await until(() => metrics.watermark('gen#0', 'wm') > frozen && !metrics.idle('gen#0', 'wm') && !metrics.idle('gen#1', 'wm'));
    worker.cancel();
    await done;
  });

  it('an injected late record goes through the window to its late side output', async () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({ key: `k${i % 3}`, n: i, ts: i * 100 }));
    const job = {
      format: 'eddy/job@1',
      nodes: [
        { id: 'src', kind: 'source.collection', params: { records, timestampField: 'ts', ratePerSec: 100 } },
        { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
        { id: 'k', kind: 'keyBy', params: { field: 'key' } },
        { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'count' }, lateOutput: 'late' } },
        { id: 'out', kind: 'sink.collect' },
        { id: 'late-sink', kind: 'sink.collect' },
      ],
      edges: [...chain('src', 'wm', 'k', 'w', 'out'), { from: 'w', fromPort: 'late', to: 'late-sink' }],
    };
    const { io, metrics, worker, done } = start(job);
    await until(() => (metrics.of('w#0')?.inputWatermark ?? -Infinity) >= 3000);
    await expect(worker.applyChaos({ kind: 'inject-record', nodeId: 'w', value: {}, timestamp: 0 })).rejects.toThrow(/only a source/);
    expect(await worker.applyChaos({ kind: 'inject-record', nodeId: 'src', value: { key: 'k0', n: -1, ts: 0 }, timestamp: 0 })).toBe(1);
    await until(() => io.collected.some((r) => r.sink === 'late-sink'));
    expect(io.collected.filter((r) => r.sink === 'late-sink').map((r) => r.value)).toEqual([{ key: 'k0', n: -1, ts: 0 }]);
    worker.cancel();
    await done;
  });

  it('throw on next record fails the task naming the node, and the job recovers from its checkpoint with the undisturbed output', async () => {
    const job = {
      format: 'eddy/job@1',
      parallelism: 2,
      checkpointing: { intervalMs: 100, mode: 'exactly-once', retained: 2 },
      restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 50 },
      nodes: [
        { id: 'gen', kind: 'source.datagen', params: { count: 6000, ratePerSec: 2000, seed: 4, keys: 10, startTs: 0, stepMs: 10 } },
        { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
        { id: 'k', kind: 'keyBy', params: { field: 'key' } },
        { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 2000 }, function: { type: 'aggregate', fn: 'sum', field: 'value' } } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: chain('gen', 'wm', 'k', 'w', 'out'),
    };
    const failures: JobFailure[] = [];
    let completed = 0;
    const { io, worker, done } = start(job, {
      onRestart: (_n, failure) => failures.push(failure),
      onCheckpoint: (stats) => {
        if (stats.status === 'completed') completed++;
      },
    });
    await until(() => completed >= 2);
    // Both window subtasks are armed; the first record into either fails the attempt.
    await worker.applyChaos({ kind: 'throw-next', nodeId: 'w' });
    expect(await done).toBeNull();
    expect(failures).toHaveLength(1);
    expect(failures[0]!.nodeId).toBe('w');
    expect(failures[0]!.reason).toContain('chaos: injected failure at node w');
    const sorted = (rs: readonly { sink: string; value: unknown }[]) => rs.map((r) => JSON.stringify(r)).sort();
    const undisturbed = await runJob(job);
    expect(sorted(io.collected)).toEqual(sorted(undisturbed.results));
  });

  it('a slowed operator back-pressures its upstream until the slowdown ends', async () => {
    const job = {
      format: 'eddy/job@1',
      nodes: [
        { id: 'gen', kind: 'source.datagen', params: { count: 10_000_000, ratePerSec: 1000, seed: 2, keys: 4, startTs: 0, stepMs: 10 } },
        { id: 'k', kind: 'keyBy', params: { field: 'key' } },
        { id: 'm', kind: 'map', params: { code: '(r) => r.value' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: chain('gen', 'k', 'm', 'out'),
    };
    const { metrics, worker, done } = start(job);
    const pressured = () => metrics.of('gen#0')?.backPressuredMsPerSecond ?? 0;
    await until(() => (metrics.of('m#0')?.recordsIn ?? 0) > 100);
    await expect(worker.applyChaos({ kind: 'slow', nodeId: 'm', delayMs: 0, seconds: 5 })).rejects.toThrow(/delay per record \(ms\) must be a positive number/);
    expect(await worker.applyChaos({ kind: 'slow', nodeId: 'm', delayMs: 10, seconds: 600 })).toBe(1);
    // 100 records a second downstream of a source of 1000: the source waits for credit.
    await until(() => pressured() > 500);
    expect(metrics.of('m#0')!.busyMsPerSecond).toBeGreaterThan(500);
    await worker.applyChaos({ kind: 'end', nodeId: 'm' });
    await until(() => pressured() < 100);
    worker.cancel();
    await done;
  });
});
