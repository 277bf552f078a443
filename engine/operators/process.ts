/**
 * `process`: Flink's KeyedProcessOperator running a user object
 * `{ onElement(record, ctx, out), onTimer?(ts, ctx, out), open?(ctx) }` — or, on a non-keyed
 * input, Flink's ProcessOperator (a `ProcessFunction` on a DataStream): `ctx.key` is undefined,
 * keyed state and timers throw (Flink has timers only on keyed streams), operator state works.
 *
 * - `onElement`: `ctx.timestamp` is the record's event time (null without one); `out.collect`
 *   and `out.output` emit with that timestamp.
 * - `onTimer` after an event-time timer: `ctx.timestamp` and the output timestamp are the
 *   timer's time. After a processing-time timer `out.collect` emits without a timestamp, while
 *   `out.output` still carries the timer's time (both as in Flink).
 * - `ctx.state` is keyed state (see UserState) and `ctx.timers` keyed timers in the VOID
 *   namespace; both live in the backend and timer service, so snapshots carry them.
 * - `open(ctx)` runs once at start, outside any key: use it for plain setup, not for state.
 */
import { BaseOperator } from './base-operator.js';
import type { StateDescriptor } from '../state/user-state.js';
import { FunctionContext, FunctionOut, callOnTimer, compileHandler, restoreOperatorStates, snapshotOperatorStates } from './function-context.js';
import type { OperatorSnapshot } from './operator.js';
import type { Timer } from '../time/timer-service.js';
import { type Tracer, traceTimer } from './tracer.js';

export class ProcessOperator extends BaseOperator {
  private handler!: Record<string, any>;
  private fctx!: FunctionContext;
  private fout!: FunctionOut;
  private tracer: Tracer | null = null;

  protected override setup(): void {
    const { nodeId, keyed } = this.ctx;
    this.handler = compileHandler(this.ctx, ['onElement'], ['onTimer', 'open']);
    const watermark = keyed === null ? () => this.currentWatermark : () => keyed.timers.currentWatermark();
    const unkeyed = `process node "${nodeId}": keyed state and timers need a keyed input (add a keyBy before it); a non-keyed function has operator state (ctx.operatorState)`;
    this.fctx = new FunctionContext(this.ctx, watermark, unkeyed);
    this.fout = new FunctionOut(this.out);
    this.tracer = this.ctx.tracer ?? null;
    this.handler.open?.(this.fctx);
  }

  processElement(value: unknown, timestamp: number): void {
    const key = this.ctx.keyed === null ? undefined : this.setKeyOf(value, 0);
    this.fctx.enterElement(key, timestamp);
    this.fout.setTimestamps(timestamp, timestamp);
    this.handler.onElement(value, this.fctx, this.fout);
  }

  override onEventTimer(timer: Timer): void {
    const key = this.ctx.keyed!.backend.getCurrentKey();
    if (this.tracer !== null) traceTimer(this.tracer, this.ctx.nodeId, 'event', timer.timestamp, key);
    callOnTimer(this.handler, this.fctx, this.fout, key, timer.timestamp, 'event-time');
  }

  override onProcessingTimer(timer: Timer): void {
    const key = this.ctx.keyed!.backend.getCurrentKey();
    if (this.tracer !== null) traceTimer(this.tracer, this.ctx.nodeId, 'processing', timer.timestamp, key);
    callOnTimer(this.handler, this.fctx, this.fout, key, timer.timestamp, 'processing-time');
  }

  protected override stateDescriptors(): Record<string, StateDescriptor> {
    return this.fctx.state.descriptors();
  }

  protected override restoreStateDescriptors(states: Record<string, StateDescriptor>): void {
    this.fctx.state.restoreDescriptors(states);
  }

  override snapshotState(): OperatorSnapshot {
    return snapshotOperatorStates(super.snapshotState(), this.fctx);
  }

  override restoreState(snapshot: OperatorSnapshot): void {
    super.restoreState(snapshot);
    restoreOperatorStates(snapshot, this.fctx);
  }
}
