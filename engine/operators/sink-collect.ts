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

export class CollectSinkOperator extends BaseOperator {
  /** Hold records until the checkpoint covering them completes (see `takePending`). */
  holdForCommit = false;
  private pending: unknown[] = [];

  processElement(value: unknown): void {
    if (this.holdForCommit) this.pending.push(value);
    else this.ctx.io.collect(this.ctx.nodeId, this.ctx.subtaskIndex, value);
  }

  /** The records held since the last call, in arrival order; the sink forgets them. */
  takePending(): unknown[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  /** Publishes `records` (taken earlier with `takePending`) through the host, in order. */
  publish(records: readonly unknown[]): void {
    const { io, nodeId, subtaskIndex } = this.ctx;
    for (const r of records) io.collect(nodeId, subtaskIndex, r);
  }
}
