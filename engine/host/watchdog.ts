/**
 * The watchdog: notices a thread that has been inside one burst of a task — in practice a user
 * function that never returns — for longer than the job's `functionTimeoutMs`. A stuck thread
 * cannot say so (it sends no messages), so the watchdog reads the thread's progress beacon in
 * shared memory from another thread: the controller for slot workers, the CLI's main thread for
 * the inline host. It only reports; the host terminates the thread and fails the attempt, and the
 * restart strategy takes over as for a function that throws.
 */
import { JobFailure } from '../graph/errors.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import { BEACON, beaconNodeIds, chainSuspects } from '../runtime/progress-beacon.js';
import { DEFAULT_FUNCTION_TIMEOUT_MS } from '../graph/schema.js';

/** A thread that has made no progress inside a burst for `stalledMs`. */
export interface Stall {
  /** The slot (0 for the inline host's one thread). */
  readonly slot: number;
  readonly nodeId: string;
  readonly subtask: number;
  readonly stalledMs: number;
  /** The task's chain (its head's id). */
  readonly vertex: string;
  /**
   * Other nodes of the chain whose function it may be: the beacon names a chain's first function
   * unless the chain is marked, so with several this is a guess among them (empty = exact).
   */
  readonly others: readonly string[];
}

/** Stalls shorter than this are ordinary work, not worth a word in the IDE (ms). */
export const UNRESPONSIVE_AFTER_MS = 1000;

export interface WatchdogOptions {
  readonly plan: ExecutionPlan;
  /** Overrides the plan's `functionTimeoutMs` (the CLI's --function-timeout); 0 = never fire. */
  readonly timeoutMs?: number;
  /** Chains deployed marked (see progress-beacon): their beacon names the exact node. */
  readonly markedVertices?: ReadonlySet<string>;
  readonly now: () => number;
  /** A thread passed the timeout: called once per stall. */
  onTimeout(stall: Stall): void;
  /**
   * Stalls in progress, after UNRESPONSIVE_AFTER_MS, on every check while they last (for panels:
   * "slot 0 not responding for 5 s"), and `null` for a slot when it moves again.
   */
  onUnresponsive?(slot: number, stall: Stall | null): void;
}

interface Watched {
  readonly cells: Int32Array;
  beats: number;
  since: number;
  reported: boolean;
  fired: boolean;
}

/** The timeout a plan runs with, after an override. */
export function functionTimeoutOf(plan: ExecutionPlan, override?: number): number {
  return override ?? plan.functionTimeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
}

/** "did not return within 10 s": the sentence a stuck function fails with. */
export function timeoutReason(timeoutMs: number): string {
  const amount = timeoutMs >= 1000 ? `${Number((timeoutMs / 1000).toFixed(1))} s` : `${timeoutMs} ms`;
  return `did not return within ${amount} (an endless loop?); if it is only slow, raise the job's execution.functionTimeoutMs`;
}

export class Watchdog {
  readonly timeoutMs: number;
  private readonly slots = new Map<number, Watched>();
  private readonly nodeIds: string[];
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: WatchdogOptions) {
    this.timeoutMs = functionTimeoutOf(options.plan, options.timeoutMs);
    this.nodeIds = beaconNodeIds(options.plan);
  }

  /** How often `check` runs once started: a fraction of the timeout, at most a second. */
  get intervalMs(): number {
    return Math.max(10, Math.min(UNRESPONSIVE_AFTER_MS / 2, this.timeoutMs / 4));
  }

  watch(slot: number, memory: SharedArrayBuffer): void {
    const cells = new Int32Array(memory, 0, 3);
    this.slots.set(slot, { cells, beats: Atomics.load(cells, BEACON.beats), since: this.options.now(), reported: false, fired: false });
  }

  /** Checks on a timer until `stop`. */
  start(): void {
    if (this.timer !== null || this.slots.size === 0) return;
    this.timer = setInterval(() => this.check(), this.intervalMs);
    // A watchdog alone must not keep a Node process alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    for (const [slot, w] of this.slots) if (w.reported) this.options.onUnresponsive?.(slot, null);
    this.slots.clear();
  }

  private stallOf(slot: number, nodeIndex: number, subtask: number, stalledMs: number): Stall {
    const plan = this.options.plan;
    const nodeId = this.nodeIds[nodeIndex] ?? '?';
    const vertex = plan.nodes[nodeId]?.vertex ?? nodeId;
    const chain = plan.vertices.find((v) => v.id === vertex)?.nodes ?? [];
    const suspects = this.options.markedVertices?.has(vertex) ? [] : chainSuspects(plan, chain);
    return { slot, nodeId, subtask, stalledMs, vertex, others: suspects.filter((id) => id !== nodeId) };
  }

  /** Reads every beacon once; reports stalls. */
  check(): void {
    const now = this.options.now();
    for (const [slot, w] of this.slots) {
      const beats = Atomics.load(w.cells, BEACON.beats);
      const busy = Atomics.load(w.cells, BEACON.busy);
      if (beats !== w.beats || busy === 0) {
        w.beats = beats;
        w.since = now;
        if (w.reported) this.options.onUnresponsive?.(slot, null);
        w.reported = false;
        continue;
      }
      const stall = this.stallOf(slot, Atomics.load(w.cells, BEACON.node), busy - 1, now - w.since);
      const stalledMs = stall.stalledMs;
      const timedOut = this.timeoutMs > 0 && stalledMs >= this.timeoutMs;
      if (w.fired) continue;
      if (timedOut || stalledMs >= UNRESPONSIVE_AFTER_MS) {
        w.reported = true;
        this.options.onUnresponsive?.(slot, stall);
      }
      if (timedOut) {
        w.fired = true;
        this.options.onTimeout(stall);
      }
    }
  }
}

/** The failure a stall past the timeout becomes. */
export function stallFailure(stall: Stall, timeoutMs: number): JobFailure {
  const reason = timeoutReason(timeoutMs);
  if (stall.others.length === 0) return JobFailure.atNode(stall.nodeId, stall.subtask, reason);
  const others = stall.others.map((id) => `"${id}"`).join(', ');
  return JobFailure.atNode(stall.nodeId, stall.subtask, `${reason} — or one of ${others}, chained with it in one task (a restart tells them apart)`);
}
