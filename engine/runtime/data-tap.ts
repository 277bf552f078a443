/**
 * Data taps: a debugger's watch on a stream. A `DataTap` is one more `OutputTarget` on an
 * operator's output port, attached at run time to one subtask; it keeps the last N records that
 * left the port (value and timestamp) in a ring and a running count, and never holds more. Nothing
 * is copied on the record path: values are copied when a snapshot is taken (a few times a second).
 * A port's records reach every edge out of that port, so a tap is per (node, port).
 */
import { NO_TIMESTAMP } from '../operators/operator.js';
import type { OutputTarget } from './operator-output.js';
import type { Task } from './task.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import type { JobDocument } from '../graph/schema.js';

/** Records a tap keeps per subtask unless told otherwise. */
export const DEFAULT_TAP_CAPACITY = 50;

/** Where a tap listens: an output port of a plan node (`out` or a side-output tag). */
export interface TapPoint {
  readonly nodeId: string;
  readonly port: string;
}

/**
 * The ring of one subtask's tap, oldest first, values copied. `count` is every record that left
 * the port since the tap was attached; the last `values.length` of them are here. A timestamp of
 * null means the record carried none.
 */
export interface SubtaskTapSnapshot {
  readonly nodeId: string;
  readonly port: string;
  readonly subtask: number;
  readonly count: number;
  readonly values: readonly unknown[];
  readonly timestamps: ReadonlyArray<number | null>;
}

/** A tap's view over all subtasks it reached, by (node, port, subtask) order. */
export interface DataTapSnapshot {
  readonly subtasks: readonly SubtaskTapSnapshot[];
}

/** The ring buffer target. Watermarks and idleness pass it by: it watches records only. */
export class DataTap implements OutputTarget {
  private readonly values: unknown[];
  private readonly timestamps: Float64Array;
  /** Records seen since attached. */
  count = 0;

  constructor(readonly capacity = DEFAULT_TAP_CAPACITY) {
    if (!(capacity >= 1)) throw new Error(`a data tap keeps at least one record (got ${capacity})`);
    this.values = new Array<unknown>(capacity);
    this.timestamps = new Float64Array(capacity);
  }

  record(value: unknown, timestamp: number): void {
    const i = this.count % this.capacity;
    this.values[i] = value;
    this.timestamps[i] = timestamp;
    this.count++;
  }

  watermark(): void {}

  idle(): void {}

  /** The ring, oldest first, values copied so later changes to the records do not show. */
  snapshot(point: TapPoint, subtask: number): SubtaskTapSnapshot {
    const n = Math.min(this.count, this.capacity);
    const start = this.count - n;
    const values: unknown[] = [];
    const timestamps: Array<number | null> = [];
    for (let k = start; k < this.count; k++) {
      const i = k % this.capacity;
      values.push(copyValue(this.values[i]));
      const ts = this.timestamps[i]!;
      timestamps.push(ts === NO_TIMESTAMP ? null : ts);
    }
    return { nodeId: point.nodeId, port: point.port, subtask, count: this.count, values, timestamps };
  }
}

/** A structured-clone copy; what cannot be cloned (a function) is shown as its text. */
function copyValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? String(value) : value;
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}

/** Orders subtask snapshots by node, port, then subtask, so every host reports the same view. */
export function sortTapSnapshots(list: SubtaskTapSnapshot[]): SubtaskTapSnapshot[] {
  return list.sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : a.port < b.port ? -1 : a.port > b.port ? 1 : a.subtask - b.subtask));
}

/** Total records seen by all subtasks of a snapshot. */
export function tapCount(snapshot: DataTapSnapshot): number {
  let n = 0;
  for (const s of snapshot.subtasks) n += s.count;
  return n;
}

/** Taps attached to the tasks of one host (or one slot), detachable together. */
export class TapAttachment {
  private readonly taps: Array<{ point: TapPoint; subtask: number; tap: DataTap; detach: () => void }> = [];

  /** Attaches a tap to every task in `tasks` whose chain holds a point's node. */
  constructor(tasks: Iterable<Task>, points: readonly TapPoint[], capacity = DEFAULT_TAP_CAPACITY) {
    for (const task of tasks) {
      for (const point of points) {
        const output = task.outputOf(point.nodeId);
        if (output === undefined) continue;
        const tap = new DataTap(capacity);
        output.addTap(point.port, tap);
        this.taps.push({ point, subtask: task.subtaskIndex, tap, detach: () => output.removeTap(point.port, tap) });
      }
    }
  }

  snapshot(): SubtaskTapSnapshot[] {
    return sortTapSnapshots(this.taps.map(({ point, subtask, tap }) => tap.snapshot(point, subtask)));
  }

  detach(): void {
    for (const t of this.taps) t.detach();
  }

  /** Records seen by all taps so far: a snapshot is due only when it moved. */
  total(): number {
    let n = 0;
    for (const t of this.taps) n += t.tap.count;
    return n;
  }
}

export interface TapOptions {
  /** Records kept per subtask (default 50). */
  readonly capacity?: number;
  /** Called with the whole view a few times a second while records arrive, and when the job ends. */
  readonly onSnapshot?: (snapshot: DataTapSnapshot) => void;
}

/** A tap started on a running (or not yet started, or finished) job. */
export interface DataTapHandle {
  /** The latest view; after `stop` or the job's end, the last one. */
  snapshot(): DataTapSnapshot;
  /** Detaches the tap from every subtask; no more snapshots are pushed. */
  stop(): void;
}

/** Throws when a point names a node the plan does not run (a keyBy dissolves: tap its input). */
export function checkTapPoints(plan: ExecutionPlan, points: readonly TapPoint[]): void {
  for (const p of points) if (plan.nodes[p.nodeId] === undefined) throw new Error(`node "${p.nodeId}" does not run in this plan, so it cannot be tapped`);
}

/**
 * The tap points that see the records on the job edge out of (`from`, `fromPort`). keyBy nodes
 * dissolve in the plan, and records leave a keyBy exactly as they entered it, so an edge out of a
 * keyBy is tapped at the ports that feed it (through chains of keyBys).
 */
export function tapPointsOf(job: Pick<JobDocument, 'nodes' | 'edges'>, from: string, fromPort = 'out'): TapPoint[] {
  const points: TapPoint[] = [];
  const seen = new Set<string>();
  const visit = (nodeId: string, port: string) => {
    const key = `${nodeId}\u0000${port}`;
    if (seen.has(key)) return;
    seen.add(key);
    const node = job.nodes.find((n) => n.id === nodeId);
    if (node?.kind !== 'keyBy') {
      points.push({ nodeId, port });
      return;
    }
    for (const e of job.edges) if (e.to === nodeId) visit(e.from, e.fromPort);
  };
  visit(from, fromPort);
  return points;
}
