/**
 * `map`: one output per input, `fn(record)`, keeping the input's timestamp (Flink's StreamMap).
 */
import { BaseOperator } from './base-operator.js';
import type { InputIndex, RowKind } from './operator.js';
import { compileFunction } from './function-context.js';

export class MapOperator extends BaseOperator {
  private fn!: (record: any) => unknown;

  protected override setup(): void {
    this.fn = compileFunction(this.ctx);
  }

  // A changelog row stays what it was (Flink's Calc keeps the RowKind): an update mapped is an update.
  processElement(value: unknown, timestamp: number, _input: InputIndex, kind?: RowKind): void {
    this.out.collect(this.fn(value), timestamp, kind);
  }
}
