/**
 * The `ctx` and `out` objects handed to `process` and `connect` functions (Flink's
 * KeyedProcessFunction.Context / OnTimerContext and its Collector).
 *
 * One pair exists per operator and is re-pointed before each call (`enterElement`,
 * `enterTimer`), so the data path allocates nothing per record. Their methods are bound
 * arrow functions: user code may pass `out.collect` around on its own.
 */
import { JobErrorCode } from '../graph/error-codes.js';
import { ParamError } from '../graph/errors.js';
import { UserState } from '../state/user-state.js';
import { OperatorStates } from '../state/operator-state.js';
import { VOID_NAMESPACE } from '../state/keyed-state-backend.js';
import { NO_TIMESTAMP, type OperatorContext, type OperatorSnapshot, type Output } from './operator.js';

export type TimeDomain = 'event-time' | 'processing-time';

/** `ctx.timers`: keyed timers in the VOID namespace, for the current key. */
export interface UserTimers {
  registerEventTime(time: number): void;
  registerProcessingTime(time: number): void;
  deleteEventTime(time: number): void;
  deleteProcessingTime(time: number): void;
}

/** What the user's `ctx` exposes. Fields change between calls; do not keep it past one. */
export class FunctionContext {
  /** The current key (undefined on a non-keyed `connect` or `process`). */
  key: unknown = undefined;
  /** The record's event time (null when it has none); in `onTimer`, the timer's time. */
  timestamp: number | null = null;
  /** In `onTimer`: which clock fired it. Undefined in `onElement`. */
  timeDomain: TimeDomain | undefined = undefined;
  readonly state: UserState;
  readonly timers: UserTimers;
  /** Operator state of this subtask (list and union list state), keyed input or not. */
  readonly operatorState = new OperatorStates();
  readonly currentWatermark: () => number;
  readonly currentProcessingTime: () => number;

  constructor(ctx: OperatorContext, watermark: () => number, unkeyedMessage: string) {
    const keyed = ctx.keyed;
    this.state = new UserState(keyed?.backend ?? null, ctx.processingTime, unkeyedMessage);
    this.currentWatermark = watermark;
    this.currentProcessingTime = () => ctx.processingTime.now();
    if (keyed === null) {
      const refuse = () => {
        throw new Error(unkeyedMessage);
      };
      this.timers = { registerEventTime: refuse, registerProcessingTime: refuse, deleteEventTime: refuse, deleteProcessingTime: refuse };
    } else {
      const t = keyed.timers;
      this.timers = {
        registerEventTime: (time) => t.registerEventTimeTimer(VOID_NAMESPACE, checkTime(time)),
        registerProcessingTime: (time) => t.registerProcessingTimeTimer(VOID_NAMESPACE, checkTime(time)),
        deleteEventTime: (time) => t.deleteEventTimeTimer(VOID_NAMESPACE, checkTime(time)),
        deleteProcessingTime: (time) => t.deleteProcessingTimeTimer(VOID_NAMESPACE, checkTime(time)),
      };
    }
  }

  enterElement(key: unknown, timestamp: number): void {
    this.key = key;
    this.timestamp = timestamp === NO_TIMESTAMP ? null : timestamp;
    this.timeDomain = undefined;
  }

  enterTimer(key: unknown, time: number, domain: TimeDomain): void {
    this.key = key;
    this.timestamp = time;
    this.timeDomain = domain;
  }
}

function checkTime(time: number): number {
  if (typeof time !== 'number' || Number.isNaN(time)) throw new Error(`timer time must be a number of milliseconds, got ${String(time)}`);
  return time;
}

/** What the user's `out` exposes: `collect(v)` on the main output, `output(tag, v)` on a side output. */
export class FunctionOut {
  /** Timestamp given to `collect`ed records. */
  private collectTs = NO_TIMESTAMP;
  /** Timestamp given to side-output records (Flink: the timer's time even for processing time). */
  private sideTs = NO_TIMESTAMP;
  readonly collect: (value: unknown) => void;
  readonly output: (tag: string, value: unknown) => void;

  constructor(out: Output) {
    this.collect = (value) => out.collect(value, this.collectTs);
    this.output = (tag, value) => {
      checkSideOutputTag(tag, 'out.output(tag, value)', 'use out.collect(value)');
      out.collectSide(tag, value, this.sideTs);
    };
  }

  setTimestamps(collectTs: number, sideTs: number): void {
    this.collectTs = collectTs;
    this.sideTs = sideTs;
  }
}

/**
 * Throws unless `tag` can name a side output; `call` is how the user called it and `toMain` how
 * to emit on the main output instead, for the messages.
 */
export function checkSideOutputTag(tag: unknown, call: string, toMain: string): void {
  if (typeof tag !== 'string' || tag === '') throw new Error(`${call}: tag must be a non-empty string`);
  if (tag === 'out') throw new Error(`${call}: "out" is the main output; ${toMain}, or name the side output differently`);
}

/**
 * Compiles `params.code` into the user's handler object and checks it has the `required`
 * methods (and, if present, functions for the `optional` ones). Errors name the node and field.
 */
export function compileHandler(ctx: OperatorContext, required: string[], optional: string[]): Record<string, any> {
  const where = `${ctx.kind} node "${ctx.nodeId}", params.code`;
  if (typeof ctx.params.code !== 'string') throw new ParamError('params.code', `${where}: is required (an object with ${required.join(', ')})`, JobErrorCode.MissingParam);
  const handler = ctx.compile(ctx.params.code, 'code');
  if (handler === null || typeof handler !== 'object') {
    throw new ParamError('params.code', `${where}: must evaluate to an object with ${required.map((m) => `${m}(…)`).join(' and ')}`);
  }
  for (const m of required) if (typeof handler[m] !== 'function') throw new ParamError('params.code', `${where}: method ${m} is missing`);
  for (const m of optional) if (handler[m] !== undefined && typeof handler[m] !== 'function') throw new ParamError('params.code', `${where}: ${m} must be a method`);
  return handler;
}

/** Compiles the function in `params[field]` (e.g. `"(r) => r.x > 0"`); errors name the node and field. */
export function compileFunction(ctx: OperatorContext, field = 'code'): (...args: any[]) => any {
  const where = `${ctx.kind} node "${ctx.nodeId}", params.${field}`;
  const code = ctx.params[field];
  if (typeof code !== 'string') throw new ParamError(`params.${field}`, `${where}: is required (a function expression)`, JobErrorCode.MissingParam);
  const fn = ctx.compile(code, field);
  if (typeof fn !== 'function') throw new ParamError(`params.${field}`, `${where}: must evaluate to a function, got ${fn === null ? 'null' : typeof fn}`);
  return fn;
}

/**
 * Runs `handler.onTimer` (if any) for a fired timer: event-time output carries the timer's time,
 * processing-time output none (Flink's eraseTimestamp); side outputs carry the timer's time.
 */
export function callOnTimer(handler: Record<string, any>, fctx: FunctionContext, fout: FunctionOut, key: unknown, time: number, domain: TimeDomain): void {
  if (handler.onTimer === undefined) return;
  fctx.enterTimer(key, time, domain);
  fout.setTimestamps(domain === 'event-time' ? time : NO_TIMESTAMP, time);
  handler.onTimer(time, fctx, fout);
}

/** Adds the function's operator state (list, union list) to an operator's snapshot. */
export function snapshotOperatorStates(snapshot: OperatorSnapshot, fctx: FunctionContext): OperatorSnapshot {
  const lists = fctx.operatorState.snapshot();
  if (lists !== undefined) snapshot.operatorState = { ...snapshot.operatorState, ...lists };
  return snapshot;
}

/** Hands the function the operator state a restore gave this subtask. */
export function restoreOperatorStates(snapshot: OperatorSnapshot, fctx: FunctionContext): void {
  if (snapshot.operatorState !== undefined) fctx.operatorState.restore(snapshot.operatorState);
}
