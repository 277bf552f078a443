/**
 * `join.regular`: Flink SQL's regular (non-windowed) join on equality keys — StreamExecJoin
 * running StreamingJoinOperator — inner, left, right or full outer, over append-only or changelog
 * inputs. A left row (input 0) and a right row (input 1) of the same key join when the optional
 * `condition(l, r)` is TRUE; each result is `{ left, right }`, `null` for a padded side.
 *
 * Both sides are kept in keyed state for ever (no TTL): each distinct row with its multiplicity
 * and, on an outer side, the number of rows of the other side it is joined with. The changelog
 * is Flink's (JoinHelper.processJoin):
 * - an accumulating row (+I/+U) on an outer side: `+I[row+null]` when nothing matches; otherwise
 *   `+I[row+other]` for each match, after `-D[null+other]` for each match of an outer other
 *   side that was padded (had no association yet);
 * - on an inner side: nothing when nothing matches; otherwise `-D[null+other]` as above and
 *   `+I[row+other]` when the other side is outer, else the row's own kind (`+I` or `+U`);
 * - a retracting row (-U/-D): `-D[row+null]` on an outer side without matches; otherwise
 *   `-D[row+other]` (outer side) or the row's own kind (inner side) for each match, then
 *   `+I[null+other]` for each match of an outer other side whose last association it was.
 * Outputs carry the input row's timestamp.
 */
import { VOID_NAMESPACE, type StateTable } from '../state/keyed-state-backend.js';
import { BaseOperator } from './base-operator.js';
import { compileFunction } from './function-context.js';
import { type JoinSideRows, addJoinRow, retractJoinRow } from './join-rows.js';
import { SQL_JOIN_TYPES, type SqlJoinType } from './join-sql-interval.js';
import { type InputIndex, RowKind } from './operator.js';

/** A side's rows of one key, by the row's JSON text: [row, multiplicity, associations]. */
type SideState = JoinSideRows;

export class RegularJoinOperator extends BaseOperator {
  private leftOuter = false;
  private rightOuter = false;
  private condition: ((l: unknown, r: unknown) => unknown) | null = null;
  private left!: StateTable<SideState>;
  private right!: StateTable<SideState>;

  protected override setup(): void {
    const { nodeId, params, keyed } = this.ctx;
    const where = `join.regular node "${nodeId}"`;
    if (keyed === null) throw new Error(`${where}: needs keyed inputs (params.leftKey and params.rightKey)`);
    const type = (params.type ?? 'inner') as SqlJoinType;
    if (!SQL_JOIN_TYPES.includes(type)) throw new Error(`${where}, params.type: must be one of ${SQL_JOIN_TYPES.join(', ')}`);
    this.leftOuter = type === 'left' || type === 'full';
    this.rightOuter = type === 'right' || type === 'full';
    this.condition = params.condition === undefined ? null : compileFunction(this.ctx, 'condition');
    this.left = keyed.backend.table('left');
    this.right = keyed.backend.table('right');
  }

  processElement(value: unknown, timestamp: number, input: InputIndex, kind?: RowKind): void {
    this.setKeyOf(value, input);
    const isLeft = input === 0;
    const inputOuter = isLeft ? this.leftOuter : this.rightOuter;
    const otherOuter = isLeft ? this.rightOuter : this.leftOuter;
    const ours = isLeft ? this.left : this.right;
    const others = isLeft ? this.right : this.left;
    const accumulate = kind === undefined || kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER;
    const otherState = others.get(VOID_NAMESPACE);
    // The other side's rows that match, one entry per copy, with their associations as read now.
    const matched: Array<[row: unknown, associations: number, text: string]> = [];
    if (otherState !== undefined) {
      for (const text in otherState) {
        const [row, count, associations] = otherState[text]!;
        if (this.condition !== null && this.condition(isLeft ? value : row, isLeft ? row : value) !== true) continue;
        for (let i = 0; i < count; i++) matched.push([row, associations, text]);
      }
    }
    const emit = (other: unknown, k: RowKind) => this.out.collect(isLeft ? { left: value, right: other } : { left: other, right: value }, timestamp, k);
    const padOther = (other: unknown, k: RowKind) => this.out.collect(isLeft ? { left: null, right: other } : { left: other, right: null }, timestamp, k);
    const associate = (text: string, n: number) => {
      otherState![text]![2] = n;
    };
    if (accumulate) {
      if (inputOuter && matched.length === 0) {
        this.out.collect(isLeft ? { left: value, right: null } : { left: null, right: value }, timestamp, RowKind.INSERT);
        addJoinRow(ours, value, 0);
        return;
      }
      if (!inputOuter) addJoinRow(ours, value, 0);
      if (matched.length === 0) return;
      if (otherOuter) {
        for (const [row, associations, text] of matched) {
          if (associations === 0) padOther(row, RowKind.DELETE);
          associate(text, associations + 1);
        }
        others.put(VOID_NAMESPACE, otherState!);
      }
      const out = inputOuter || otherOuter ? RowKind.INSERT : (kind ?? RowKind.INSERT);
      for (const [row] of matched) emit(row, out);
      if (inputOuter) addJoinRow(ours, value, matched.length);
      return;
    }
    retractJoinRow(ours, value);
    if (matched.length === 0) {
      if (inputOuter) this.out.collect(isLeft ? { left: value, right: null } : { left: null, right: value }, timestamp, RowKind.DELETE);
      return;
    }
    const out = inputOuter ? RowKind.DELETE : kind!;
    for (const [row] of matched) emit(row, out);
    if (otherOuter) {
      for (const [row, associations, text] of matched) {
        if (associations === 1) padOther(row, RowKind.INSERT);
        associate(text, associations - 1);
      }
      others.put(VOID_NAMESPACE, otherState!);
    }
  }
}
