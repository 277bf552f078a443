/**
 * `join.temporal`: Flink SQL's event-time temporal join (`JOIN r FOR SYSTEM_TIME AS OF l.rowtime`,
 * Flink's TemporalRowTimeJoinOperator), inner or left. The right input (in2) is a versioned table:
 * per key (its primary key) each right row is the version valid from its rowtime on. Left rows
 * (in1) wait in keyed state until the watermark reaches their rowtime; then each is joined with the
 * latest version whose rowtime is ≤ its own — when `condition(l, r)` holds — and emitted as
 * `{ left, right }` (a left join emits `{ left, right: null }` when there is no such version or the
 * condition fails), in the left rows' arrival order, with the left row's kind. Versions older than
 * the newest one at or before the watermark are then dropped. One event-time timer per key, at
 * the smallest rowtime waiting (left or right), drives it, as in Flink.
 */
import { VOID_NAMESPACE, type StateTable } from '../state/keyed-state-backend.js';
import type { Timer } from '../time/timer-service.js';
import { BaseOperator } from './base-operator.js';
import { compileFunction } from './function-context.js';
import { type InputIndex, NO_TIMESTAMP, type RowKind } from './operator.js';

interface KeyState {
  /** Left rows waiting, in arrival order: [rowtime, row, kind]. */
  left: Array<[number, unknown, RowKind | undefined]>;
  /** Right versions by rowtime (a later row at the same rowtime replaces the earlier one). */
  right: Array<[number, unknown]>;
  /** The registered timer, if any. */
  timer?: number;
}

export class TemporalJoinOperator extends BaseOperator {
  private leftOuter = false;
  private condition: ((l: unknown, r: unknown) => unknown) | null = null;
  private state!: StateTable<KeyState>;

  protected override setup(): void {
    const { nodeId, params, keyed } = this.ctx;
    const where = `join.temporal node "${nodeId}"`;
    if (keyed === null) throw new Error(`${where}: needs keyed inputs (params.leftKey and params.rightKey)`);
    const type = params.type ?? 'inner';
    if (type !== 'inner' && type !== 'left') throw new Error(`${where}, params.type: must be inner or left`);
    this.leftOuter = type === 'left';
    this.condition = params.condition === undefined ? null : compileFunction(this.ctx, 'condition');
    this.state = keyed.backend.table('temporal');
  }

  processElement(value: unknown, timestamp: number, input: InputIndex, kind?: RowKind): void {
    if (timestamp === NO_TIMESTAMP) throw new Error(`join.temporal node "${this.ctx.nodeId}": rows need their rowtime (a ${input === 0 ? 'left' : 'versioned (right)'} row has none; both tables need a WATERMARK)`);
    this.setKeyOf(value, input);
    const s = this.state.get(VOID_NAMESPACE) ?? { left: [], right: [] };
    if (input === 0) s.left.push([timestamp, value, kind]);
    else {
      const i = s.right.findIndex((v) => v[0] === timestamp);
      if (i >= 0) s.right[i] = [timestamp, value];
      else s.right.push([timestamp, value]);
    }
    this.registerSmallest(s, timestamp);
    this.state.put(VOID_NAMESPACE, s);
  }

  private registerSmallest(s: KeyState, time: number): void {
    const timers = this.ctx.keyed!.timers;
    if (s.timer !== undefined && s.timer <= time) return;
    if (s.timer !== undefined) timers.deleteEventTimeTimer(VOID_NAMESPACE, s.timer);
    timers.registerEventTimeTimer(VOID_NAMESPACE, time);
    s.timer = time;
  }

  override onEventTimer(timer: Timer): void {
    const s = this.state.get(VOID_NAMESPACE);
    if (s === undefined) return;
    delete s.timer;
    const watermark = this.ctx.keyed!.timers.currentWatermark();
    const versions = s.right.slice().sort((a, b) => a[0] - b[0]);
    let next = Number.POSITIVE_INFINITY;
    const waiting: KeyState['left'] = [];
    for (const l of s.left) {
      if (l[0] > watermark) {
        waiting.push(l);
        next = Math.min(next, l[0]);
        continue;
      }
      // The latest version at or before the left row's time.
      let v: [number, unknown] | undefined;
      for (const x of versions) {
        if (x[0] <= l[0]) v = x;
        else break;
      }
      if (v !== undefined && (this.condition === null || this.condition(l[1], v[1]) === true)) this.out.collect({ left: l[1], right: v[1] }, timer.timestamp, l[2]);
      else if (this.leftOuter) this.out.collect({ left: l[1], right: null }, timer.timestamp, l[2]);
    }
    s.left = waiting;
    // Keep the newest version at or before the watermark and every later one.
    let keepFrom = versions.findIndex((x) => x[0] > watermark);
    keepFrom = keepFrom < 0 ? versions.length - 1 : keepFrom - 1;
    s.right = versions.slice(Math.max(0, keepFrom));
    if (next < Number.POSITIVE_INFINITY) this.registerSmallest(s, next);
    if (s.left.length === 0 && s.right.length === 0) this.state.remove(VOID_NAMESPACE);
    else this.state.put(VOID_NAMESPACE, s);
  }
}
