/**
 * The worker host controller's data taps: which output ports each tap watches, the latest ring of
 * every subtask merged from the slots' pushes, and attaching the taps to each new deployment, so a
 * tap outlives restarts and keeps its last view after the job ends.
 */
import { DEFAULT_TAP_CAPACITY, type DataTapHandle, type DataTapSnapshot, type SubtaskTapSnapshot, type TapOptions, type TapPoint, checkTapPoints, sortTapSnapshots } from '../runtime/data-tap.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import { type Attempt, slotGone } from './worker-attempt.js';

/** A data tap as the controller keeps it: across restarts, and after the job ends. */
interface ControllerTap {
  readonly points: readonly TapPoint[];
  readonly capacity: number;
  /** Latest ring per (node, port, subtask). */
  readonly latest: Map<string, SubtaskTapSnapshot>;
  readonly onSnapshot: (snapshot: DataTapSnapshot) => void;
}

export class ControllerTaps {
  private readonly taps = new Map<number, ControllerTap>();
  private nextId = 1;

  constructor(
    private readonly plan: ExecutionPlan,
    /** The job's current attempt, if any. */
    private readonly current: () => Attempt | null,
  ) {}

  /** Starts a tap (see WorkerJob.startTap); a deployed attempt gets it at once. */
  start(points: TapPoint | readonly TapPoint[], options: TapOptions = {}): DataTapHandle {
    const list = Array.isArray(points) ? (points as readonly TapPoint[]) : [points as TapPoint];
    checkTapPoints(this.plan, list);
    const id = this.nextId++;
    const tap: ControllerTap = { points: list, capacity: options.capacity ?? DEFAULT_TAP_CAPACITY, latest: new Map(), onSnapshot: options.onSnapshot ?? (() => {}) };
    this.taps.set(id, tap);
    const attempt = this.current();
    if (attempt?.deployed && !attempt.settled) for (const s of attempt.slots) s.api.startTap(id, tap.points, tap.capacity).catch(slotGone);
    return {
      snapshot: () => ({ subtasks: sortTapSnapshots([...tap.latest.values()]) }),
      stop: () => {
        if (!this.taps.delete(id)) return;
        const current = this.current();
        if (current !== null && !current.settled) for (const s of current.slots) s.api.stopTap(id).catch(slotGone);
      },
    };
  }

  /** Attaches every tap to a newly deployed attempt's slots (before their tasks start). */
  attach(attempt: Attempt): void {
    for (const [id, tap] of this.taps) for (const s of attempt.slots) s.api.startTap(id, tap.points, tap.capacity).catch(slotGone);
  }

  /** A slot's rings of tap `id`: merged into the controller's view and handed on. */
  receive(id: number, snapshots: SubtaskTapSnapshot[]): void {
    const tap = this.taps.get(id);
    if (tap === undefined || snapshots.length === 0) return;
    for (const s of snapshots) tap.latest.set(`${s.nodeId}\u0000${s.port}\u0000${s.subtask}`, s);
    tap.onSnapshot({ subtasks: sortTapSnapshots([...tap.latest.values()]) });
  }
}
