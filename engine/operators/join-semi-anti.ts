/**
 * `join.semiAnti`: Flink SQL's regular SEMI / ANTI join — StreamExecJoin running
 * StreamingSemiAntiJoinOperator — which `WHERE x IN (SELECT …)`, `EXISTS (SELECT …)` and their NOT
 * forms plan to. Rows of the left input (in1) pass through as they are, with their own row kind:
 * a SEMI join keeps those with at least one right row (in2) of the same key for which the optional
 * `condition(l, r)` is TRUE, an ANTI join those with none.
 *
 * Both sides are kept in keyed state for ever (no TTL): each distinct row with its multiplicity,
 * a left row also with the number of right rows it matches (its associations). The changelog is
 * Flink's:
 * - a left row (any kind) is emitted when it matches (SEMI) / does not match (ANTI) right now;
 * - an accumulating right row (+I/+U) makes each left row it is the first match of appear (SEMI:
 *   with the right row's kind) or disappear (ANTI: `-D`);
 * - a retracting right row (-U/-D) makes each left row it was the last match of disappear (SEMI:
 *   with the right row's kind) or come back (ANTI: `+I`).
 * Outputs carry the input record's timestamp.
 */
import { VOID_NAMESPACE, type StateTable } from '../state/keyed-state-backend.js';
import { BaseOperator } from './base-operator.js';
import { compileFunction } from './function-context.js';
import { type JoinSideRows, addJoinRow, retractJoinRow } from './join-rows.js';
import { type InputIndex, RowKind } from './operator.js';

/** A side's rows of one key, by the row's JSON text: [row, multiplicity, associations (left only)]. */
type SideState = JoinSideRows;

export const SEMI_ANTI_TYPES = ['semi', 'anti'] as const;

export class SemiAntiJoinOperator extends BaseOperator {
  private anti = false;
  private condition: ((l: unknown, r: unknown) => unknown) | null = null;
  private left!: StateTable<SideState>;
  private right!: StateTable<SideState>;

  protected override setup(): void {
    const { nodeId, params, keyed } = this.ctx;
    const where = `join.semiAnti node "${nodeId}"`;
    if (keyed === null) throw new Error(`${where}: needs keyed inputs (params.leftKey and params.rightKey)`);
    const type = params.type ?? 'semi';
    if (type !== 'semi' && type !== 'anti') throw new Error(`${where}, params.type: must be one of ${SEMI_ANTI_TYPES.join(', ')}`);
    this.anti = type === 'anti';
    this.condition = params.condition === undefined ? null : compileFunction(this.ctx, 'condition');
    this.left = keyed.backend.table('left');
    this.right = keyed.backend.table('right');
  }

  processElement(value: unknown, timestamp: number, input: InputIndex, kind?: RowKind): void {
    this.setKeyOf(value, input);
    const accumulate = kind === undefined || kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER;
    if (input === 0) {
      const rights = this.right.get(VOID_NAMESPACE);
      let matches = 0;
      if (rights !== undefined) {
        for (const text in rights) {
          const [row, count] = rights[text]!;
          if (this.matches(value, row)) matches += count;
        }
      }
      if ((matches > 0) !== this.anti) this.out.collect(value, timestamp, kind ?? RowKind.INSERT);
      if (accumulate) addJoinRow(this.left, value, matches);
      else retractJoinRow(this.left, value);
      return;
    }
    if (accumulate) addJoinRow(this.right, value, 0);
    else retractJoinRow(this.right, value);
    const lefts = this.left.get(VOID_NAMESPACE);
    if (lefts === undefined) return;
    let changed = false;
    for (const text in lefts) {
      const entry = lefts[text]!;
      const [row, count, associations] = entry;
      if (!this.matches(row, value)) continue;
      changed = true;
      // The row appears (SEMI) / disappears (ANTI) on its first match, and the reverse on its last.
      const flips = accumulate ? associations === 0 : associations === 1;
      if (flips) {
        const out = accumulate ? (this.anti ? RowKind.DELETE : kind ?? RowKind.INSERT) : this.anti ? RowKind.INSERT : kind!;
        for (let i = 0; i < count; i++) this.out.collect(row, timestamp, out);
      }
      entry[2] = associations + (accumulate ? 1 : -1);
    }
    if (changed) this.left.put(VOID_NAMESPACE, lefts);
  }

  private matches(l: unknown, r: unknown): boolean {
    return this.condition === null || this.condition(l, r) === true;
  }
}
