/**
 * `reduce`: rolling reduce per key (Flink's StreamGroupedReduceOperator). The first record of a
 * key is stored and emitted as is; each later record emits `fn(acc, record)`, which becomes the
 * new accumulator. Outputs keep the input record's timestamp. The accumulator lives in keyed
 * state (table "reduce", VOID namespace), so checkpoints and savepoints carry it.
 */
import { VOID_NAMESPACE, type StateTable } from '../state/keyed-state-backend.js';
import { BaseOperator } from './base-operator.js';
import { compileFunction } from './function-context.js';

export class ReduceOperator extends BaseOperator {
  private fn!: (acc: any, record: any) => unknown;
  private acc!: StateTable<unknown>;

  protected override setup(): void {
    const keyed = this.ctx.keyed;
    if (keyed === null) throw new Error(`reduce node "${this.ctx.nodeId}": needs a keyed input (add a keyBy before it)`);
    this.fn = compileFunction(this.ctx);
    this.acc = keyed.backend.table('reduce');
  }

  processElement(value: unknown, timestamp: number): void {
    this.setKeyOf(value, 0);
    const current = this.acc.get(VOID_NAMESPACE);
    if (current === undefined) {
      // A private copy: a function that updates `acc` in place must not reach back into the
      // record upstream still holds (a collection source replays its records after a restore).
      this.acc.put(VOID_NAMESPACE, structuredClone(value));
      this.out.collect(value, timestamp);
      return;
    }
    const reduced = this.fn(current, value);
    if (reduced === undefined) throw new Error(`reduce node "${this.ctx.nodeId}", params.code: the function returned undefined`);
    this.acc.put(VOID_NAMESPACE, reduced);
    this.out.collect(reduced, timestamp);
  }
}
