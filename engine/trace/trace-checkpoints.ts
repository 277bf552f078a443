/**
 * Checkpoints of a traced job: numbered, acknowledged by every task, completed at once — in the
 * step whose snapshot was the last one missing, so `checkpoint.complete` follows from that step
 * (the real coordinator completes later, after storing, which would put the event on no step).
 * Each task's acknowledged state is kept until its checkpoint completes, and the latest completed
 * checkpoint's states are kept for a restart (the lab's "Kill slot": `TraceStepper.killSlot`).
 * Collect-sink records are not held for the commit: a trace shows each record when it reaches the
 * sink (`sink.emit`), and its output is the same set of records.
 */
import type { Tracer } from '../operators/tracer.js';
import type { RowKind, SinkResult } from '../operators/operator.js';
import type { InlineCoordinator } from '../host/inline-host.js';

/** The coordinator's state, for stepping back. */
export interface TraceCheckpointsState {
  readonly nextId: number;
  readonly pending: number | null;
  readonly acknowledged: string[];
  /** The states acknowledged for the pending checkpoint, by task key. */
  readonly states?: Array<[string, Uint8Array]>;
  readonly completed?: CompletedTraceCheckpoint | null;
}

/** The latest completed checkpoint of a trace: its id, the step count when it completed, and every task's encoded state (`encodeState` of `Task.snapshotState`), by task key. */
export interface CompletedTraceCheckpoint {
  readonly id: number;
  readonly states: ReadonlyArray<readonly [string, Uint8Array]>;
}

export class TraceCheckpoints implements InlineCoordinator {
  private nextId = 1;
  private pending: number | null = null;
  private acknowledged = new Set<string>();
  private states = new Map<string, Uint8Array>();
  private completed: CompletedTraceCheckpoint | null = null;

  constructor(
    private readonly tracer: Tracer,
    /** Every task key (`vertex#subtask`) that must acknowledge. */
    private readonly tasks: readonly string[],
    /** Where collect-sink records go: [sink node, subtask, value]. */
    private readonly publish: (nodeId: string, subtask: number, value: unknown, kind?: RowKind) => void,
  ) {}

  get inProgress(): number | null {
    return this.pending;
  }

  begin(): number | null {
    if (this.pending !== null) return null;
    this.pending = this.nextId++;
    this.acknowledged.clear();
    this.states.clear();
    return this.pending;
  }

  /** A traced checkpoint is never declined by time (the trace has no timeout); a failure ends the trace. */
  decline(id: number): void {
    if (this.pending === id) this.pending = null;
  }

  hold(_task: string, records: readonly SinkResult[]): void {
    for (const [nodeId, subtask, value, kind] of records) this.publish(nodeId, subtask, value, kind);
  }

  cover(): void {}

  acknowledge(id: number, task: string, state?: Uint8Array): Promise<undefined> {
    if (this.pending === id) {
      this.acknowledged.add(task);
      if (state !== undefined) this.states.set(task, state);
      if (this.acknowledged.size === this.tasks.length) {
        this.pending = null;
        this.completed = { id, states: [...this.states] };
        this.states.clear();
        this.tracer.event({ type: 'checkpoint.complete', checkpointId: id });
      }
    }
    return Promise.resolve(undefined);
  }

  /** The latest completed checkpoint, or null before the first completes. */
  get latestCompleted(): CompletedTraceCheckpoint | null {
    return this.completed;
  }

  /** After a failover: the checkpoint in progress is abandoned (its id is not reused); the completed one stays. */
  abortPending(): void {
    this.pending = null;
    this.acknowledged.clear();
    this.states.clear();
  }

  save(): TraceCheckpointsState {
    // Encoded states are never changed after they are made: the arrays are shared, not copied.
    return { nextId: this.nextId, pending: this.pending, acknowledged: [...this.acknowledged], states: [...this.states], completed: this.completed };
  }

  load(s: TraceCheckpointsState): void {
    this.nextId = s.nextId;
    this.pending = s.pending;
    this.acknowledged = new Set(s.acknowledged);
    this.states = new Map(s.states ?? []);
    this.completed = s.completed ?? null;
  }
}
