/**
 * Sampling per-subtask metrics from tasks (the hosts push the samples to listeners). Rates are
 * per second over the time since the previous sample. Nothing here touches the record path:
 * tasks keep plain counters, and sampling reads them. The state-size estimate is computed here,
 * at most once a second per operator (see `StateSizeEstimator`).
 */
import type { SubtaskMetrics } from '../host/slot-protocol.js';
import type { Task } from '../runtime/task.js';

/** Byte counters of a task's remote channel ends, when it has any. */
export type ByteCounters = (task: Task) => { bytesIn: number; bytesOut: number };

interface Previous {
  busy: number;
  bp: number;
  recordsIn: number;
  bytesIn: number;
  bytesOut: number;
  recordsOut: Map<string, number>;
}

export class MetricsSampler {
  private last: number;
  private readonly previous = new Map<Task, Previous>();

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
      const prev = this.previous.get(t) ?? { busy: 0, bp: 0, recordsIn: 0, bytesIn: 0, bytesOut: 0, recordsOut: new Map<string, number>() };
      const busy = Math.min(1000, Math.max(0, (t.busyMs - prev.busy) * perSecond));
      const bp = Math.min(1000 - busy, Math.max(0, (t.backPressuredMs - prev.bp) * perSecond));
      const { bytesIn, bytesOut } = this.bytes(t);
      const operators = t.operatorStats(now).map((o) => ({ ...o, recordsOutPerSecond: (o.recordsOut - (prev.recordsOut.get(o.nodeId) ?? 0)) * perSecond }));
      this.previous.set(t, {
        busy: t.busyMs,
        bp: t.backPressuredMs,
        recordsIn: t.recordsIn,
        bytesIn,
        bytesOut,
        recordsOut: new Map(operators.map((o) => [o.nodeId, o.recordsOut])),
      });
      return {
        vertex: t.vertex.id,
        subtask: t.subtaskIndex,
        slot: this.slot,
        operators,
        recordsIn: t.recordsIn,
        recordsInPerSecond: (t.recordsIn - prev.recordsIn) * perSecond,
        bytesIn,
        bytesOut,
        bytesInPerSecond: (bytesIn - prev.bytesIn) * perSecond,
        bytesOutPerSecond: (bytesOut - prev.bytesOut) * perSecond,
        inputWatermark: t.inputWatermark,
        inputIdle: t.inputIdle,
        busyMsPerSecond: busy,
        idleMsPerSecond: Math.max(0, 1000 - busy - bp),
        backPressuredMsPerSecond: bp,
        inputBufferUsage: t.inputBufferUsage(),
        outputBufferUsage: t.outputBufferUsage(),
      };
    });
  }
}
