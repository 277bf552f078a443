/**
 * Sampling per-subtask metrics from tasks (the hosts push the samples to listeners). Rates are
 * per second over the time since the previous sample. Nothing here touches the record path:
 * tasks keep plain counters, and sampling reads them.
 */
import type { SubtaskMetrics } from '../host/slot-protocol.js';
import type { Task } from '../runtime/task.js';

/** Byte counters of a task's remote channel ends, when it has any. */
export type ByteCounters = (task: Task) => { bytesIn: number; bytesOut: number };

export class MetricsSampler {
  private last: number;
  private readonly previous = new Map<Task, { busy: number; bp: number }>();

  constructor(
    private readonly tasks: readonly Task[],
    private readonly slot: number,
    private readonly clock: () => number,
    private readonly bytes: ByteCounters = () => ({ bytesIn: 0, bytesOut: 0 }),
  ) {
    this.last = clock();
  }

  sample(): SubtaskMetrics[] {
    const now = this.clock();
    const perSecond = 1000 / Math.max(1, now - this.last);
    this.last = now;
    return this.tasks.map((t) => {
      const prev = this.previous.get(t) ?? { busy: 0, bp: 0 };
      this.previous.set(t, { busy: t.busyMs, bp: t.backPressuredMs });
      const busy = Math.min(1000, Math.max(0, (t.busyMs - prev.busy) * perSecond));
      const bp = Math.min(1000 - busy, Math.max(0, (t.backPressuredMs - prev.bp) * perSecond));
      return {
        vertex: t.vertex.id,
        subtask: t.subtaskIndex,
        slot: this.slot,
        operators: t.operatorStats(),
        recordsIn: t.recordsIn,
        ...this.bytes(t),
        inputWatermark: t.inputWatermark,
        busyMsPerSecond: busy,
        idleMsPerSecond: Math.max(0, 1000 - busy - bp),
        backPressuredMsPerSecond: bp,
        inputBufferUsage: t.inputBufferUsage(),
        outputBufferUsage: t.outputBufferUsage(),
      };
    });
  }
}
