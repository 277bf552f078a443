/**
 * `filter`: forwards a record, with its timestamp, exactly when `fn(record)` is truthy.
 */
import { BaseOperator } from './base-operator.js';
import type { InputIndex, RowKind } from './operator.js';
import { compileFunction } from './function-context.js';

export class FilterOperator extends BaseOperator {
  private fn!: (record: any) => unknown;

  protected override setup(): void {
    this.fn = compileFunction(this.ctx);
  }

  processElement(value: unknown, timestamp: number, _input: InputIndex, kind?: RowKind): void {
    if (this.fn(value)) this.out.collect(value, timestamp, kind);
  }
}
