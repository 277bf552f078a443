/**
 * `rank`: Flink SQL's non-windowed Top-N and deduplication over an append-only input, keyed by the
 * PARTITION BY columns (`ROW_NUMBER() OVER (PARTITION BY k ORDER BY ...)` filtered to `<= N` or
 * `= 1`).
 *
 * Top-N (Flink's AppendOnlyTopNFunction): each key keeps its best rows sorted by `orderBy` (ties
 * in arrival order; NULL the largest value). A row that sorts into the top N is emitted —
 * - without a row number: `+I` of the row, after `-D` of the row it pushes out of the top N; a
 *   Top-1 (Flink's FastTop1Function) emits a better row as `-U` of the old one and `+U` of itself;
 * - with a row number (`rankNumber` names the field): `-U`/`+U` for every rank whose row changes
 *   (rank r was the old row, is now the row before it) and `+I` of the rank the top N grows by.
 * A row that does not make the top N emits nothing and is not kept. NULL sorts as the smallest
 * value (first ascending, last descending).
 *
 * Deduplication (`deduplicate`; `orderBy` is the rowtime) keeps one row per key:
 * - keep-first (ascending; Flink's RowTimeDeduplicateKeepFirstRowFunction) is append-only: the row
 *   with the smallest rowtime waits in state and is emitted (`+I`) when the watermark reaches its
 *   rowtime; rows below the watermark are late and dropped, later rows of an emitted key ignored;
 * - keep-last (descending; RowTimeDeduplicateFunction) is eager: the first row is `+I`, a row with
 *   an equal or larger rowtime replaces it with `-U` of the old row and `+U` of the new one.
 * Over a changelog input (`retract`, Flink's RetractableTopNFunction) each key keeps all its rows,
 * sorted (an accumulating row after the rows of its sort key). Without row numbers an accumulating
 * row (+I/+U) entering the top N is `+I`, after `-D` of the row it pushes out; a retracting row
 * (-U/-D) that was in the top N is `-D`, then `+I` of the row that moves up into rank N. With row
 * numbers (its emitRecordsWithRowNumber / retractRecordWithRowNumber) every rank from the changed
 * row's down to N whose row changes is `-U` of the old row and `+U` of the new one at that rank;
 * the rank the top N grows by is `+I`, the one it shrinks by `-D`. Rows outside the top N change
 * nothing visible.
 *
 * On a processing-time attribute (`time: 'processing'`, Flink's ProcTimeDeduplicateKeepFirstRow /
 * KeepLastRowFunction) arrival order decides, at once: keep-first emits a key's first row (`+I`)
 * and ignores the rest; keep-last emits the first row `+I`, then each later one as `-U` of the
 * kept row and `+U` of itself.
 */
import { VOID_NAMESPACE, type StateTable } from '../state/keyed-state-backend.js';
import type { Timer } from '../time/timer-service.js';
import { BaseOperator } from './base-operator.js';
import { type FieldPath, compilePath, getPath } from './field-path.js';
import { type InputIndex, RowKind } from './operator.js';

/** One sort key's rows, in arrival order. */
type Entry = [sortKey: unknown[], rows: unknown[]];

export class RankOperator extends BaseOperator {
  private order!: Array<{ path: FieldPath; desc: boolean; nullFirst: boolean }>;
  private limit = 1;
  private rankNumber: string | null = null;
  private deduplicate = false;
  private processingTime = false;
  private retracting = false;
  private buffer!: StateTable<Entry[]>;
  private kept!: StateTable<{ row?: unknown; emitted?: true }>;

  protected override setup(): void {
    const { nodeId, params, keyed } = this.ctx;
    const where = `rank node "${nodeId}"`;
    if (keyed === null) throw new Error(`${where}: needs a keyed input (add a keyBy on the PARTITION BY columns before it)`);
    const orderBy = (params.orderBy ?? []) as Array<{ field: string; desc?: boolean; nulls?: 'first' | 'last' }>;
    if (orderBy.length === 0) throw new Error(`${where}, params.orderBy: needs at least one field`);
    this.order = orderBy.map((o, i) => ({ path: compilePath(o.field, `${where}, params.orderBy[${i}].field`), desc: o.desc === true, nullFirst: o.nulls ? o.nulls === 'first' : o.desc !== true }));
    this.limit = params.limit ?? 1;
    if (!Number.isInteger(this.limit) || this.limit < 1) throw new Error(`${where}, params.limit: must be a whole number ≥ 1`);
    this.rankNumber = typeof params.rankNumber === 'string' ? params.rankNumber : null;
    this.deduplicate = params.deduplicate === true;
    this.processingTime = params.time === 'processing';
    this.retracting = params.retract === true;
    if (this.retracting && this.deduplicate) throw new Error(`${where}, params.retract: only for a Top-N, not with deduplicate`);
    this.buffer = keyed.backend.table('topN');
    this.kept = keyed.backend.table('dedup');
  }

  processElement(value: unknown, timestamp: number, _input: InputIndex, kind?: RowKind): void {
    if (this.retracting) {
      this.setKeyOf(value, 0);
      const retract = kind === RowKind.UPDATE_BEFORE || kind === RowKind.DELETE;
      if (this.rankNumber !== null) this.changeNumbered(value, timestamp, retract);
      else if (retract) this.retractRow(value, timestamp);
      else this.accumulateRow(value, timestamp);
      return;
    }
    if (kind !== undefined && kind !== RowKind.INSERT) throw new Error(`rank node "${this.ctx.nodeId}": Top-N and deduplication over a changelog (a ${['+I', '-U', '+U', '-D'][kind]} row) are not supported yet; rank an append-only table`);
    this.setKeyOf(value, 0);
    if (this.deduplicate) this.dedup(value, timestamp);
    else this.topN(value, timestamp);
  }

  private dedup(row: unknown, timestamp: number): void {
    const state = this.kept.get(VOID_NAMESPACE);
    if (this.processingTime) {
      const pre = state?.row;
      if (pre === undefined) this.out.collect(row, timestamp);
      else if (!this.order[0]!.desc) return;
      else {
        this.out.collect(pre, timestamp, RowKind.UPDATE_BEFORE);
        this.out.collect(row, timestamp, RowKind.UPDATE_AFTER);
      }
      this.kept.put(VOID_NAMESPACE, { row });
      return;
    }
    const t = this.sortKey(row)[0] as number;
    if (this.order[0]!.desc) {
      // Keep-last: eager, a row with an equal or larger rowtime replaces the kept one.
      const pre = state?.row;
      if (pre !== undefined) {
        if ((this.sortKey(pre)[0] as number) > t) return;
        this.out.collect(pre, timestamp, RowKind.UPDATE_BEFORE);
        this.out.collect(row, timestamp, RowKind.UPDATE_AFTER);
      } else this.out.collect(row, timestamp);
      this.kept.put(VOID_NAMESPACE, { row });
      return;
    }
    // Keep-first: the row with the smallest rowtime waits for the watermark to reach it; late rows are dropped.
    const timers = this.ctx.keyed!.timers;
    if (t < timers.currentWatermark()) return;
    if (state?.emitted) return;
    const pre = state?.row;
    if (pre !== undefined) {
      const p = this.sortKey(pre)[0] as number;
      if (t >= p) return;
      timers.deleteEventTimeTimer(VOID_NAMESPACE, p);
    }
    timers.registerEventTimeTimer(VOID_NAMESPACE, t);
    this.kept.put(VOID_NAMESPACE, { row });
  }

  override onEventTimer(timer: Timer): void {
    const state = this.kept.get(VOID_NAMESPACE);
    if (state?.row === undefined) return;
    this.out.collect(state.row, timer.timestamp);
    this.kept.put(VOID_NAMESPACE, { emitted: true });
  }

  private topN(row: unknown, timestamp: number): void {
    const buffer = this.buffer.get(VOID_NAMESPACE) ?? [];
    const key = this.sortKey(row);
    let count = 0;
    for (const e of buffer) count += e[1].length;
    // Flink's checkSortKeyInBufferRange: better than the worst key, or the top N is not full.
    const worst = buffer.at(-1);
    if (worst !== undefined && this.compare(key, worst[0]) >= 0 && count >= this.limit) return;
    let i = 0;
    while (i < buffer.length && this.compare(buffer[i]![0], key) < 0) i++;
    if (i < buffer.length && this.compare(buffer[i]![0], key) === 0) buffer[i]![1].push(row);
    else buffer.splice(i, 0, [key, [row]]);
    count++;
    if (this.rankNumber === null) {
      if (count > this.limit) {
        const last = buffer.at(-1)!;
        const retired = last[1].pop();
        if (last[1].length === 0) buffer.pop();
        this.buffer.put(VOID_NAMESPACE, buffer);
        if (retired === row || JSON.stringify(retired) === JSON.stringify(row)) return;
        if (this.limit === 1) {
          // Top-1 (Flink's FastTop1Function): the partition key is unique, so the row replaces the old one.
          this.out.collect(retired, timestamp, RowKind.UPDATE_BEFORE);
          this.out.collect(row, timestamp, RowKind.UPDATE_AFTER);
          return;
        }
        this.out.collect(retired, timestamp, RowKind.DELETE);
      } else this.buffer.put(VOID_NAMESPACE, buffer);
      this.out.collect(row, timestamp);
      return;
    }
    this.withRowNumber(buffer, i, row, timestamp);
  }

  /** The row at 0-based position `n` of the sorted rows, or undefined. */
  private static at(buffer: Entry[], n: number): unknown {
    for (const [, rows] of buffer) {
      if (n < rows.length) return rows[n];
      n -= rows.length;
    }
    return undefined;
  }

  /** Retractable Top-N: the row is kept whatever its rank; entering the top N it pushes the Nth out. */
  private accumulateRow(row: unknown, timestamp: number): void {
    const buffer = this.buffer.get(VOID_NAMESPACE) ?? [];
    const key = this.sortKey(row);
    let rank = 0;
    let i = 0;
    for (; i < buffer.length && this.compare(buffer[i]![0], key) <= 0; i++) rank += buffer[i]![1].length;
    if (i > 0 && this.compare(buffer[i - 1]![0], key) === 0) buffer[i - 1]![1].push(row);
    else buffer.splice(i, 0, [key, [row]]);
    this.buffer.put(VOID_NAMESPACE, buffer);
    if (rank >= this.limit) return;
    const pushedOut = RankOperator.at(buffer, this.limit);
    if (pushedOut !== undefined) this.out.collect(pushedOut, timestamp, RowKind.DELETE);
    this.out.collect(row, timestamp);
  }

  /** Retractable Top-N: a row leaving the top N lets the next one move up into rank N. */
  private retractRow(row: unknown, timestamp: number): void {
    const buffer = this.buffer.get(VOID_NAMESPACE);
    if (buffer === undefined) return;
    const key = this.sortKey(row);
    const text = JSON.stringify(row);
    let rank = 0;
    for (let i = 0; i < buffer.length; i++) {
      const rows = buffer[i]![1];
      if (this.compare(buffer[i]![0], key) !== 0) {
        rank += rows.length;
        continue;
      }
      const k = rows.findIndex((r) => JSON.stringify(r) === text);
      if (k < 0) return;
      rows.splice(k, 1);
      if (rows.length === 0) buffer.splice(i, 1);
      if (buffer.length === 0) this.buffer.remove(VOID_NAMESPACE);
      else this.buffer.put(VOID_NAMESPACE, buffer);
      if (rank + k >= this.limit) return;
      this.out.collect(row, timestamp, RowKind.DELETE);
      const movedUp = RankOperator.at(buffer, this.limit - 1);
      if (movedUp !== undefined) this.out.collect(movedUp, timestamp);
      return;
    }
  }

  /**
   * Retractable Top-N with row numbers: the row is added after the rows of its sort key, or the
   * first row equal to it removed; then, from its rank down to N, each rank whose row changed.
   */
  private changeNumbered(row: unknown, timestamp: number, retract: boolean): void {
    const buffer = this.buffer.get(VOID_NAMESPACE) ?? [];
    const before = buffer.flatMap((e) => e[1]);
    const key = this.sortKey(row);
    let at = 0;
    let i = 0;
    for (; i < buffer.length && this.compare(buffer[i]![0], key) < 0; i++) at += buffer[i]![1].length;
    const same = i < buffer.length && this.compare(buffer[i]![0], key) === 0 ? buffer[i]! : undefined;
    if (retract) {
      const text = JSON.stringify(row);
      const k = same ? same[1].findIndex((r) => JSON.stringify(r) === text) : -1;
      if (k < 0) return;
      same![1].splice(k, 1);
      if (same![1].length === 0) buffer.splice(i, 1);
      at += k;
    } else if (same) {
      at += same[1].length;
      same[1].push(row);
    } else buffer.splice(i, 0, [key, [row]]);
    if (buffer.length === 0) this.buffer.remove(VOID_NAMESPACE);
    else this.buffer.put(VOID_NAMESPACE, buffer);
    const after = buffer.flatMap((e) => e[1]);
    // Ranks are 1-based: rank r holds before[r - 1] and now after[r - 1].
    let r = at + 1;
    for (; r <= this.limit && r <= before.length && r <= after.length; r++) {
      this.out.collect(this.numbered(before[r - 1], r), timestamp, RowKind.UPDATE_BEFORE);
      this.out.collect(this.numbered(after[r - 1], r), timestamp, RowKind.UPDATE_AFTER);
    }
    if (r > this.limit) return;
    if (r <= after.length) this.out.collect(this.numbered(after[r - 1], r), timestamp);
    else if (r <= before.length) this.out.collect(this.numbered(before[r - 1], r), timestamp, RowKind.DELETE);
  }

  /** Flink's processElementWithRowNumber: the ranks from the new row's down shift by one. */
  private withRowNumber(buffer: Entry[], at: number, row: unknown, timestamp: number): void {
    let rank = 0;
    let e = 0;
    let current: unknown = row;
    for (; e < buffer.length && rank <= this.limit; e++) {
      const rows = buffer[e]![1];
      if (e < at) rank += rows.length;
      else if (e === at) rank += rows.length;
      else {
        let k = 0;
        for (; k < rows.length && rank <= this.limit; k++) {
          const prev = rows[k];
          this.out.collect(this.numbered(prev, rank), timestamp, RowKind.UPDATE_BEFORE);
          this.out.collect(this.numbered(current, rank), timestamp, RowKind.UPDATE_AFTER);
          current = prev;
          rank++;
        }
      }
    }
    if (rank <= this.limit) this.out.collect(this.numbered(current, rank), timestamp);
    // The sort keys after the last one visited are out of the top N.
    buffer.length = e;
    this.buffer.put(VOID_NAMESPACE, buffer);
  }

  private numbered(row: unknown, rank: number): unknown {
    return { ...(row as Record<string, unknown>), [this.rankNumber!]: rank };
  }

  private sortKey(row: unknown): unknown[] {
    return this.order.map((o) => getPath(row, o.path) ?? null);
  }

  /**
   * Order of two sort keys: NULL where NULLS FIRST / NULLS LAST says; without it NULL is the
   * smallest value (first ascending, last descending), as in Flink.
   */
  private compare(a: unknown[], b: unknown[]): number {
    for (let i = 0; i < this.order.length; i++) {
      const x = a[i] as any;
      const y = b[i] as any;
      if (x === y) continue;
      const o = this.order[i]!;
      if (x === null || y === null) return (x === null) === o.nullFirst ? -1 : 1;
      const c = x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return o.desc ? -c : c;
    }
    return 0;
  }
}
