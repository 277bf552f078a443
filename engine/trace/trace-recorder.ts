/**
 * The Tracer of the stepping host: gathers the events of one step, and the cause of the
 * element being worked on. Muted, it only counts events — replaying steps already recorded
 * (after a step back) needs the causes, not another copy of the events.
 */
import type { Cause, TraceEvent, Tracer } from '../operators/tracer.js';
import { OperatorError } from '../runtime/operator-error.js';

/** One step of a trace (spec/trace.md): one unit of work of one task and the events it caused, in order. */
export interface TraceStep {
  /** 0, 1, 2, … with no gaps. */
  readonly step: number;
  /** The task's head node (the chain's first operator) and its subtask index. */
  readonly node: string;
  readonly subtask: number;
  readonly events: readonly TraceEvent[];
}

export class TraceRecorder implements Tracer {
  cause: Cause | null = null;
  /** While true, events are counted and not kept. */
  muted = false;
  /**
   * The lab's "throw on the next record" (an intervention): the next `record.in` at this node
   * throws there, as if its function did — muted or not, so a replay fails the same way.
   */
  failNext: { readonly node: string; readonly message: string } | null = null;
  private events: Array<Record<string, unknown>> = [];
  private count = 0;

  /** Starts a step: no events, no cause until an element supplies one. */
  begin(): void {
    this.events = [];
    this.count = 0;
    this.cause = null;
  }

  event(e: TraceEvent): number {
    if (!this.muted) this.events.push(copyOf(e));
    const fail = this.failNext;
    if (fail !== null && e.type === 'record.in' && e['node'] === fail.node) {
      this.failNext = null;
      this.count++;
      throw new OperatorError(fail.node, new Error(fail.message));
    }
    return this.count++;
  }

  amend(position: number, fields: Record<string, unknown>): void {
    if (!this.muted) Object.assign(this.events[position]!, copyOf(fields));
  }

  /** The events of the step (none when muted) and how many there were. */
  end(): { count: number; events: TraceEvent[] } {
    return { count: this.count, events: this.events as TraceEvent[] };
  }
}

/**
 * A copy taken when the event happens: operators and user functions may change a record after
 * passing it on, and the trace must show it as it was then. Values that cannot be cloned
 * (a function a user returned) are shown as text.
 */
function copyOf<T extends object>(e: T): T {
  try {
    return structuredClone(e);
  } catch {
    return JSON.parse(JSON.stringify(e, (_k, v: unknown) => (typeof v === 'function' || typeof v === 'symbol' ? String(v) : v))) as T;
  }
}
