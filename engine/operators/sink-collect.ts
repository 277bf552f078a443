/**
 * `sink.collect`: hands every record to the host (`ctx.io.collect`), which shows it in the
 * results panel or prints it in the CLI.
 *
 * Exactly-once seam: while `holdForCommit` is on, records are held instead of published, and
 * `takePending()` hands over (and forgets) everything held so far. The runtime turns the flag on
 * when exactly-once checkpointing is on, takes the pending records when the checkpoint barrier
 * passes, and publishes them once that checkpoint completes; records after the barrier stay
 * held for the next one. With the flag off (the default) every record is published at once.
 */
import { BaseOperator } from './base-operator.js';
import type { InputIndex, RowKind } from './operator.js';

export class CollectSinkOperator extends BaseOperator {
  /** Hold records until the checkpoint covering them completes (see `takePending`). */
  holdForCommit = false;
  private pending: unknown[] = [];
  /** The held records' row kinds, once one was not an INSERT. */
  private pendingKinds: RowKind[] | null = null;

  processElement(value: unknown, _timestamp: number, _input: InputIndex, kind?: RowKind): void {
    if (this.holdForCommit) {
      if (kind) (this.pendingKinds ??= new Array(this.pending.length).fill(0)).push(kind);
      else this.pendingKinds?.push(0);
      this.pending.push(value);
    } else this.ctx.io.collect(this.ctx.nodeId, this.ctx.subtaskIndex, value, kind || undefined);
  }

  /** The records held since the last call, in arrival order, and their row kinds if any was not an INSERT; the sink forgets them. */
  takePending(): unknown[] & { kinds?: RowKind[] } {
    const taken: unknown[] & { kinds?: RowKind[] } = this.pending;
    if (this.pendingKinds !== null) taken.kinds = this.pendingKinds;
    this.pending = [];
    this.pendingKinds = null;
    return taken;
  }

  /** Publishes `records` (taken earlier with `takePending`) through the host, in order. */
  publish(records: readonly unknown[] & { kinds?: RowKind[] }): void {
    const { io, nodeId, subtaskIndex } = this.ctx;
    const kinds = records.kinds;
    for (let i = 0; i < records.length; i++) io.collect(nodeId, subtaskIndex, records[i], kinds?.[i] || undefined);
  }
}
