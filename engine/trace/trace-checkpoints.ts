/**
 * Checkpoints of a traced job: numbered, acknowledged by every task, completed at once — in the
 * step whose snapshot was the last one missing, so `checkpoint.complete` follows from that step
 * (the real coordinator completes later, after storing, which would put the event on no step).
 * Nothing is stored and collect-sink records are not held for the commit: a trace shows each
 * record when it reaches the sink (`sink.emit`), and its output is the same set of records.
 */
import type { Tracer } from '../operators/tracer.js';
import type { RowKind, SinkResult } from '../operators/operator.js';
import type { InlineCoordinator } from '../host/inline-host.js';

/** The coordinator's state, for stepping back. */
export interface TraceCheckpointsState {
  readonly nextId: number;
  readonly pending: number | null;
  readonly acknowledged: string[];
}

export class TraceCheckpoints implements InlineCoordinator {
  private nextId = 1;
  private pending: number | null = null;
  private acknowledged = new Set<string>();

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

  acknowledge(id: number, task: string): Promise<undefined> {
    if (this.pending === id) {
      this.acknowledged.add(task);
      if (this.acknowledged.size === this.tasks.length) {
        this.pending = null;
        this.tracer.event({ type: 'checkpoint.complete', checkpointId: id });
      }
    }
    return Promise.resolve(undefined);
  }

  save(): TraceCheckpointsState {
    return { nextId: this.nextId, pending: this.pending, acknowledged: [...this.acknowledged] };
  }

  load(s: TraceCheckpointsState): void {
    this.nextId = s.nextId;
    this.pending = s.pending;
    this.acknowledged = new Set(s.acknowledged);
  }
}
