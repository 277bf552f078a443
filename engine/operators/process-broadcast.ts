/**
 * `process.broadcast`: Flink's broadcast state pattern,
 * `stream.connect(rules.broadcast(descriptor)).process(fn)` — CoBroadcastWithKeyedOperator when
 * `in1` is keyed (a KeyedBroadcastProcessFunction), CoBroadcastWithNonKeyedOperator when not
 * (a BroadcastProcessFunction). The user object is
 * `{ processElement(r, ctx, out), processBroadcastElement(rule, ctx, out), onTimer?(ts, ctx, out), open?(ctx) }`.
 *
 * - Records of `in1` go to `processElement`; its ctx reads broadcast state
 *   (`ctx.broadcastState(name)`: get/contains/entries/keys/values/isEmpty; writes throw, as
 *   Flink's ReadOnlyBroadcastState has none) and, when keyed, has `ctx.key`, keyed `ctx.state`
 *   and `ctx.timers` as in `process`. `onTimer` gets the same read-only view.
 * - Records of `in2` (the planner broadcasts them to every subtask) go to
 *   `processBroadcastElement`; its ctx writes broadcast state. It has no current key: keyed
 *   state is reached through `ctx.applyToKeyedState(name, (key, state) => …)`, which visits
 *   every key of this subtask holding state `name`; timers are not available (as in Flink).
 * - Timestamps follow `process`; the runtime hands in the watermark as the minimum over both
 *   inputs. Every subtask snapshots its copy of the broadcast state (`operatorState.broadcast`).
 */
import { BaseOperator } from './base-operator.js';
import { BroadcastStates, type BroadcastState, type ReadOnlyBroadcastState } from '../state/broadcast-state.js';
import type { MapKey, StateDescriptor } from '../state/user-state.js';
import { UserState } from '../state/user-state.js';
import { FunctionContext, FunctionOut, callOnTimer, compileHandler, restoreOperatorStates, snapshotOperatorStates, type UserTimers } from './function-context.js';
import type { OperatorStates } from '../state/operator-state.js';
import { NO_TIMESTAMP, type InputIndex, type OperatorContext, type OperatorSnapshot } from './operator.js';
import type { Timer } from '../time/timer-service.js';
import { type Tracer, traceTimer } from './tracer.js';

/** The ctx of `processElement` and `onTimer`: a function context plus read-only broadcast state. */
export class ReadOnlyContext extends FunctionContext {
  constructor(
    ctx: OperatorContext,
    watermark: () => number,
    unkeyedMessage: string,
    readonly broadcastState: <K extends MapKey = MapKey, V = any>(name: string) => ReadOnlyBroadcastState<K, V>,
  ) {
    super(ctx, watermark, unkeyedMessage);
  }
}

/** The ctx of `processBroadcastElement`: writable broadcast state, no key, no timers. */
export class BroadcastContext {
  readonly key = undefined;
  timestamp: number | null = null;
  readonly timeDomain = undefined;
  readonly state: UserState;
  readonly timers: UserTimers;
  readonly operatorState: OperatorStates;
  readonly currentWatermark: () => number;
  readonly currentProcessingTime: () => number;
  readonly broadcastState: <K extends MapKey = MapKey, V = any>(name: string) => BroadcastState<K, V>;
  readonly applyToKeyedState: (name: string, fn: (key: unknown, state: any) => void) => void;

  constructor(op: ProcessBroadcastOperator, ctx: OperatorContext, watermark: () => number, states: BroadcastStates, keyedState: UserState, operatorState: OperatorStates) {
    const where = `process.broadcast node "${ctx.nodeId}"`;
    this.state = new UserState(null, ctx.processingTime, `${where}: processBroadcastElement has no current key, so ctx.state is not available there; use ctx.applyToKeyedState(name, (key, state) => …)`);
    const refuse = () => {
      throw new Error(`${where}: timers are not available in processBroadcastElement (it has no current key); register them in processElement`);
    };
    this.timers = { registerEventTime: refuse, registerProcessingTime: refuse, deleteEventTime: refuse, deleteProcessingTime: refuse };
    this.operatorState = operatorState;
    this.currentWatermark = watermark;
    this.currentProcessingTime = () => ctx.processingTime.now();
    this.broadcastState = (name) => states.writable(name);
    this.applyToKeyedState = (name, fn) => {
      const keyed = ctx.keyed;
      if (keyed === null) throw new Error(`${where}: applyToKeyedState needs a keyed in1 (add a keyBy before in1)`);
      if (typeof fn !== 'function') throw new Error(`${where}: applyToKeyedState(name, fn): fn must be a function (key, state) => …`);
      const handle = keyedState.handleOf(name);
      if (handle === undefined) {
        throw new Error(`${where}: applyToKeyedState("${name}", …): declare state "${name}" first, e.g. ctx.state.value("${name}") in open(ctx), so its kind is known`);
      }
      op.forEachKeyOf(name, (key) => fn(key, handle));
    };
  }
}

export class ProcessBroadcastOperator extends BaseOperator {
  private handler!: Record<string, any>;
  private fctx!: ReadOnlyContext;
  private bctx!: BroadcastContext;
  private fout!: FunctionOut;
  private broadcast!: BroadcastStates;
  private tracer: Tracer | null = null;

  protected override setup(): void {
    const where = `process.broadcast node "${this.ctx.nodeId}"`;
    this.handler = compileHandler(this.ctx, ['processElement', 'processBroadcastElement'], ['onTimer', 'open']);
    this.broadcast = new BroadcastStates(
      'broadcast state is read-only in processElement and onTimer (Flink\'s ReadOnlyBroadcastState); change it in processBroadcastElement',
    );
    const watermark = () => this.currentWatermark;
    this.fctx = new ReadOnlyContext(this.ctx, watermark, `${where}: keyed state and timers need a keyed in1 (add a keyBy before in1)`, (name) => this.broadcast.readOnly(name));
    this.bctx = new BroadcastContext(this, this.ctx, watermark, this.broadcast, this.fctx.state, this.fctx.operatorState);
    this.fout = new FunctionOut(this.out);
    this.tracer = this.ctx.tracer ?? null;
    this.handler.open?.(this.fctx);
  }

  processElement(value: unknown, timestamp: number, input: InputIndex): void {
    this.fout.setTimestamps(timestamp, timestamp);
    if (input === 1) {
      this.bctx.timestamp = timestamp === NO_TIMESTAMP ? null : timestamp;
      this.handler.processBroadcastElement(value, this.bctx, this.fout);
      return;
    }
    const key = this.ctx.keyed === null ? undefined : this.setKeyOf(value, 0);
    this.fctx.enterElement(key, timestamp);
    this.handler.processElement(value, this.fctx, this.fout);
  }

  /** Runs `fn` with each key of this subtask that holds keyed state `name`, as the backend's current key. */
  forEachKeyOf(name: string, fn: (key: unknown) => void): void {
    const backend = this.ctx.keyed!.backend;
    const table = backend.table(name);
    for (const id of [...table.data.keys()]) {
      if (!table.data.has(id)) continue;
      backend.setCurrentKeyId(id);
      fn(backend.getCurrentKey());
    }
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

  protected override stateDescriptors(): Record<string, StateDescriptor> | undefined {
    return this.ctx.keyed === null ? undefined : this.fctx.state.descriptors();
  }

  protected override restoreStateDescriptors(states: Record<string, StateDescriptor>): void {
    this.fctx.state.restoreDescriptors(states);
  }

  override snapshotState(): OperatorSnapshot {
    const snapshot = snapshotOperatorStates(super.snapshotState(), this.fctx);
    const broadcast = this.broadcast.snapshot();
    if (broadcast !== undefined) snapshot.operatorState = { ...snapshot.operatorState, broadcast };
    return snapshot;
  }

  override restoreState(snapshot: OperatorSnapshot): void {
    super.restoreState(snapshot);
    restoreOperatorStates(snapshot, this.fctx);
    const broadcast = snapshot.operatorState?.broadcast;
    if (broadcast !== undefined) this.broadcast.restore(broadcast);
  }
}
