/**
 * `connect`: Flink's (Keyed)CoProcessOperator running `{ onElement1(r, ctx, out),
 * onElement2(r, ctx, out), onTimer?(ts, ctx, out), open?(ctx) }`. Records of input 0 (`in1`)
 * go to `onElement1`, of input 1 (`in2`) to `onElement2`.
 *
 * When both inputs are keyed (`ctx.keyed` set), `ctx.key`, `ctx.state` and `ctx.timers` work as
 * in `process`, and state is shared by both inputs for the same key. On non-keyed inputs
 * `ctx.key` is undefined and any use of state or timers throws, as Flink refuses timers on a
 * non-keyed CoProcessFunction. Timestamps follow `process`.
 */
import { BaseOperator } from './base-operator.js';
import type { StateDescriptor } from '../state/user-state.js';
import { FunctionContext, FunctionOut, callOnTimer, compileHandler, restoreOperatorStates, snapshotOperatorStates } from './function-context.js';
import type { InputIndex, OperatorSnapshot } from './operator.js';
import type { Timer } from '../time/timer-service.js';
import { type Tracer, traceTimer } from './tracer.js';

export class ConnectOperator extends BaseOperator {
  private handler!: Record<string, any>;
  private fctx!: FunctionContext;
  private fout!: FunctionOut;
  private tracer: Tracer | null = null;

  protected override setup(): void {
    this.handler = compileHandler(this.ctx, ['onElement1', 'onElement2'], ['onTimer', 'open']);
    const message = `connect node "${this.ctx.nodeId}": connect state needs keyed inputs (key both inputs with keyBy)`;
    this.fctx = new FunctionContext(this.ctx, () => this.currentWatermark, message);
    this.fout = new FunctionOut(this.out);
    this.tracer = this.ctx.tracer ?? null;
    this.handler.open?.(this.fctx);
  }

  processElement(value: unknown, timestamp: number, input: InputIndex): void {
    const key = this.ctx.keyed === null ? undefined : this.setKeyOf(value, input);
    this.fctx.enterElement(key, timestamp);
    this.fout.setTimestamps(timestamp, timestamp);
    if (input === 0) this.handler.onElement1(value, this.fctx, this.fout);
    else this.handler.onElement2(value, this.fctx, this.fout);
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
