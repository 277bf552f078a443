/**
 * `flatMap`: `fn(record)` returns an array (or any non-string iterable); each element is emitted
 * with the input's timestamp, in order. Any other return value is an error, not an empty result,
 * because a forgotten `return` should not silently drop the stream. One input may give at most
 * MAX_FLATMAP_RECORDS records: everything one call emits is emitted before anything downstream
 * can run, so without a bound a runaway function fills memory instead of failing with its name.
 */
import { BaseOperator } from './base-operator.js';
import type { InputIndex, RowKind } from './operator.js';
import { compileFunction } from './function-context.js';

/** Records one call may return (a million small records are tens of MB in flight). */
export const MAX_FLATMAP_RECORDS = 1_000_000;

export class FlatMapOperator extends BaseOperator {
  private fn!: (record: any) => unknown;

  protected override setup(): void {
    this.fn = compileFunction(this.ctx);
  }

  processElement(value: unknown, timestamp: number, _input: InputIndex, kind?: RowKind): void {
    const result: any = this.fn(value);
    if (Array.isArray(result)) {
      if (result.length > MAX_FLATMAP_RECORDS) this.tooMany(`${result.length}`);
      for (let i = 0; i < result.length; i++) this.out.collect(result[i], timestamp, kind);
      return;
    }
    if (result != null && typeof result !== 'string' && typeof result[Symbol.iterator] === 'function') {
      let n = 0;
      for (const item of result as Iterable<unknown>) {
        if (++n > MAX_FLATMAP_RECORDS) this.tooMany('more than ' + MAX_FLATMAP_RECORDS);
        this.out.collect(item, timestamp, kind);
      }
      return;
    }
    const got = result === null ? 'null' : typeof result;
    throw new Error(`flatMap node "${this.ctx.nodeId}", params.code: flatMap must return an array, got ${got}`);
  }

  private tooMany(count: string): never {
    throw new Error(`flatMap node "${this.ctx.nodeId}", params.code: returned ${count} records for one input record; at most ${MAX_FLATMAP_RECORDS} are allowed (they are all in memory at once): emit fewer per record, or spread the work over more input records`);
  }
}
