/**
 * Defaults shared by operators (Flink's AbstractStreamOperator): remembers its context and
 * output, fires keyed timers on watermarks and processing time, forwards watermarks and idle
 * status, and snapshots keyed state and timers by key group. Subclasses implement
 * `processElement` and override the hooks they need.
 */
import type { KeyGroupStateSnapshot } from '../state/keyed-state-backend.js';
import type { StateDescriptor } from '../state/user-state.js';
import type { KeyGroupTimersSnapshot, Timer, Triggerable } from '../time/timer-service.js';
import type { InputIndex, OperatorContext, OperatorSnapshot, Output, RowKind, StreamOperator } from './operator.js';

/** One key group's keyed snapshot: state tables and timers. */
export interface KeyedGroupSnapshot extends Partial<KeyGroupStateSnapshot> {
  timers?: KeyGroupTimersSnapshot;
}

export abstract class BaseOperator implements StreamOperator, Triggerable {
  protected ctx!: OperatorContext;
  protected out!: Output;
  /** The last combined input watermark seen. */
  protected currentWatermark = -Infinity;

  open(ctx: OperatorContext, output: Output): void {
    this.ctx = ctx;
    this.out = output;
    ctx.keyed?.timers.setTarget(this);
    this.setup();
  }

  /** Called at the end of `open`: compile code, create state handles. */
  protected setup(): void {}

  abstract processElement(value: unknown, timestamp: number, input: InputIndex, kind?: RowKind): void;

  /** Sets the backend's current key to the key of `value` (keyed operators, before touching state). */
  protected setKeyOf(value: unknown, input: InputIndex): unknown {
    const keyed = this.ctx.keyed!;
    const key = keyed.keyOf(value, input);
    keyed.backend.setCurrentKey(key);
    return key;
  }

  processWatermark(watermark: number): void {
    if (watermark > this.currentWatermark) this.currentWatermark = watermark;
    this.ctx.keyed?.timers.advanceWatermark(watermark);
    this.out.emitWatermark(watermark);
  }

  processIdle(idle: boolean): void {
    this.out.emitIdle(idle);
  }

  onProcessingTime(time: number): void {
    this.ctx.keyed?.timers.advanceProcessingTime(time);
  }

  onEventTimer(_timer: Timer): void {}

  onProcessingTimer(_timer: Timer): void {}

  endInput(_input: InputIndex): void {}

  finish(): void {}

  close(): void {}

  /** Non-keyed state of the operator (source offsets, buffers); undefined when it has none. */
  protected snapshotOperatorState(): unknown {
    return undefined;
  }

  protected restoreOperatorState(_state: unknown): void {}

  /** Descriptors of the keyed states a user function declared (process, connect); undefined for none. */
  protected stateDescriptors(): Record<string, StateDescriptor> | undefined {
    return undefined;
  }

  /** Checks restored descriptors against the function's declarations (throws StateTypeChangedError). */
  protected restoreStateDescriptors(_states: Record<string, StateDescriptor>): void {}

  saveInputWatermark(): number {
    return this.currentWatermark;
  }

  loadInputWatermark(watermark: number): void {
    this.currentWatermark = watermark;
  }

  snapshotState(): OperatorSnapshot {
    const snapshot: OperatorSnapshot = {};
    const keyed = this.ctx.keyed;
    if (keyed) {
      const groups: Record<number, KeyedGroupSnapshot> = {};
      for (const [kg, g] of Object.entries(keyed.backend.snapshot())) groups[Number(kg)] = { state: g.state };
      for (const [kg, t] of Object.entries(keyed.timers.snapshot())) (groups[Number(kg)] ??= {}).timers = t;
      snapshot.keyed = groups;
    }
    const op = this.snapshotOperatorState();
    if (op !== undefined) snapshot.operator = op;
    const states = this.stateDescriptors();
    if (states !== undefined && Object.keys(states).length > 0) snapshot.states = states;
    // No watermark: as in Flink, a restored operator's event time starts over from none.
    return snapshot;
  }

  restoreState(snapshot: OperatorSnapshot): void {
    if (snapshot.states !== undefined) this.restoreStateDescriptors(snapshot.states);
    const keyed = this.ctx.keyed;
    if (keyed && snapshot.keyed) {
      const groups = snapshot.keyed as Record<number, KeyedGroupSnapshot>;
      const state: Record<number, KeyGroupStateSnapshot> = {};
      const timers: Record<number, KeyGroupTimersSnapshot> = {};
      for (const [kg, g] of Object.entries(groups)) {
        if (g.state) state[Number(kg)] = { state: g.state };
        if (g.timers) timers[Number(kg)] = g.timers;
      }
      keyed.backend.restore(state);
      keyed.timers.restore(timers, keyed.backend.keyGroupRange);
    }
    if (snapshot.operator !== undefined) this.restoreOperatorState(snapshot.operator);
    // A `watermark` that older checkpoints carry is ignored: as in Flink (InternalTimerServiceImpl's
    // currentWatermark starts at Long.MIN_VALUE, a restore brings back only the timers), the input
    // watermark starts over from none, and restored event-time timers fire when the new one passes them.
  }
}
