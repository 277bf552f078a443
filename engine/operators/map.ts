/**
 * `map`: one output per input, `fn(record)`, keeping the input's timestamp (Flink's StreamMap).
 */
import { BaseOperator } from './base-operator.js';
import { compileFunction } from './function-context.js';

export class MapOperator extends BaseOperator {
  private fn!: (record: any) => unknown;

  protected override setup(): void {
    this.fn = compileFunction(this.ctx);
  }

  processElement(value: unknown, timestamp: number): void {
    this.out.collect(this.fn(value), timestamp);
  }
}
