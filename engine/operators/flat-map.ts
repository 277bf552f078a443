/**
 * `flatMap`: `fn(record)` returns an array (or any non-string iterable); each element is emitted
 * with the input's timestamp, in order. Any other return value is an error, not an empty result,
 * because a forgotten `return` should not silently drop the stream.
 */
import { BaseOperator } from './base-operator.js';
import { compileFunction } from './function-context.js';

export class FlatMapOperator extends BaseOperator {
  private fn!: (record: any) => unknown;

  protected override setup(): void {
    this.fn = compileFunction(this.ctx);
  }

  processElement(value: unknown, timestamp: number): void {
    const result: any = this.fn(value);
    if (Array.isArray(result)) {
      for (let i = 0; i < result.length; i++) this.out.collect(result[i], timestamp);
      return;
    }
    if (result != null && typeof result !== 'string' && typeof result[Symbol.iterator] === 'function') {
      for (const item of result as Iterable<unknown>) this.out.collect(item, timestamp);
      return;
    }
    const got = result === null ? 'null' : typeof result;
    throw new Error(`flatMap node "${this.ctx.nodeId}", params.code: flatMap must return an array, got ${got}`);
  }
}
