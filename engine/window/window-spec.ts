/**
 * Turns validated `window` params (see spec/job-format.md) into the policies the window operator
 * composes: assigner, trigger, evictor, lateness, and the window function. Param errors name
 * the node and the field.
 */
import { formatJobError } from '../graph/errors.js';
import { AggregateWindowFunction } from './aggregate-window-function.js';
import { type BuiltinAggregateName, builtinAggregate } from './builtin-aggregates.js';
import { ContinuousEventTimeTrigger } from './continuous-event-time-trigger.js';
import { CountEvictor } from './count-evictor.js';
import { CountTrigger } from './count-trigger.js';
import { EndOfStreamTrigger } from './end-of-stream-trigger.js';
import { EventTimeTrigger } from './event-time-trigger.js';
import type { Evictor } from './evictor.js';
import { GlobalWindows } from './global-windows.js';
import { ProcessWindowFunction } from './process-window-function.js';
import { ProcessingTimeTrigger } from './processing-time-trigger.js';
import { PurgingTrigger } from './purging-trigger.js';
import { ReduceWindowFunction } from './reduce-window-function.js';
import { SessionWindows } from './session-windows.js';
import { SlidingWindows } from './sliding-windows.js';
import { TimeEvictor } from './time-evictor.js';
import type { Trigger } from './trigger.js';
import { TumblingWindows } from './tumbling-windows.js';
import { type TimeDomain, type WindowAssigner, isMergingAssigner } from './window-assigner.js';
import type { WindowFunction } from './window-function.js';

/** The composed window policies. Invariant: a merging assigner comes with a trigger that can merge. */
export interface WindowSpec {
  readonly assigner: WindowAssigner;
  readonly trigger: Trigger;
  readonly evictor: Evictor | null;
  readonly allowedLateness: number;
  readonly lateOutput: string | undefined;
}

/** Compiles a code param; `field` names it for error messages. */
export type Compile = (code: string, field: string) => any;

/** An Error whose message names the node and the param, e.g. `node "w1", field params.assigner.sizeMs: …`. */
export function paramError(nodeId: string, field: string, message: string): Error {
  return new Error(formatJobError({ code: 'invalid-param', nodeId, field, message }));
}

/**
 * Builds the spec from `params` found at path `prefix` (`params` for a window node,
 * `params.window` for a window join).
 */
export function createWindowSpec(params: Record<string, any>, prefix: string, nodeId: string, compile: Compile): WindowSpec {
  const fail = (field: string, message: string) => paramError(nodeId, `${prefix}.${field}`, message);
  const a = params.assigner;
  if (a == null || typeof a !== 'object') throw fail('assigner', 'is missing');
  const time = timeOf(a.time, () => fail('assigner.time', 'must be "event" or "processing"'));
  let assigner: WindowAssigner;
  let defaultEvictor: Evictor | null = null;
  const build = <T>(field: string, make: () => T): T => {
    try {
      return make();
    } catch (e) {
      throw fail(field, e instanceof Error ? e.message : String(e));
    }
  };
  switch (a.type) {
    case 'tumbling':
      assigner = build('assigner', () => new TumblingWindows(a.sizeMs, a.offsetMs ?? 0, time));
      break;
    case 'sliding':
      assigner = build('assigner', () => new SlidingWindows(a.sizeMs, a.slideMs, a.offsetMs ?? 0, time));
      break;
    case 'session': {
      if (typeof a.gap === 'string') {
        const gap = compile(a.gap, relativeField(prefix, 'assigner.gap'));
        if (typeof gap !== 'function') throw fail('assigner.gap', 'must be a function (r) => ms');
        assigner = new SessionWindows(gap, time);
      } else {
        assigner = build('assigner.gapMs', () => new SessionWindows(a.gapMs, time));
      }
      break;
    }
    case 'global':
      assigner = new GlobalWindows();
      break;
    case 'count': {
      const size = positiveInteger(a.size, () => fail('assigner.size', 'must be a positive integer'));
      if (a.slide == null) {
        // countWindow(n): global + purging(count(n)).
        assigner = new GlobalWindows(() => new PurgingTrigger(new CountTrigger(size)));
      } else {
        // countWindow(n, s): global + count evictor(n) + count trigger(s).
        const slide = positiveInteger(a.slide, () => fail('assigner.slide', 'must be a positive integer'));
        assigner = new GlobalWindows(() => new CountTrigger(slide));
        defaultEvictor = new CountEvictor(size);
      }
      break;
    }
    default:
      throw fail('assigner.type', `unknown assigner type ${JSON.stringify(a.type)} (expected tumbling, sliding, session, global or count)`);
  }

  const trigger = createTrigger(params.trigger ?? 'default', assigner, (field, message) => fail(field, message), 'trigger');
  if (isMergingAssigner(assigner) && !trigger.canMerge) {
    throw fail('trigger', 'session windows need a trigger that supports merging (not end-of-stream)');
  }
  const evictor = params.evictor == null ? defaultEvictor : createEvictor(params.evictor, (field, message) => fail(field, message));
  const lateness = params.allowedLatenessMs ?? 0;
  if (typeof lateness !== 'number' || !(lateness >= 0)) throw fail('allowedLatenessMs', 'must be a number ≥ 0');
  const lateOutput = params.lateOutput;
  if (lateOutput !== undefined && (typeof lateOutput !== 'string' || lateOutput === '')) throw fail('lateOutput', 'must be a non-empty tag');
  return { assigner, trigger, evictor, allowedLateness: lateness, lateOutput };
}

type Fail = (field: string, message: string) => Error;

function createTrigger(t: any, assigner: WindowAssigner, fail: Fail, field: string): Trigger {
  if (t === 'default') return assigner.defaultTrigger();
  if (t == null || typeof t !== 'object') throw fail(field, 'must be "default" or a trigger object');
  switch (t.type) {
    case 'count':
      return new CountTrigger(positiveInteger(t.count, () => fail(`${field}.count`, 'must be a positive integer')));
    case 'event-time':
      return new EventTimeTrigger();
    case 'processing-time':
      return new ProcessingTimeTrigger();
    case 'continuous-event-time': {
      const interval = t.intervalMs;
      if (typeof interval !== 'number' || !(interval > 0)) throw fail(`${field}.intervalMs`, 'must be a number > 0');
      return new ContinuousEventTimeTrigger(interval);
    }
    case 'end-of-stream':
      return new EndOfStreamTrigger();
    case 'purging':
      return new PurgingTrigger(createTrigger(t.of, assigner, fail, `${field}.of`));
    default:
      throw fail(`${field}.type`, `unknown trigger type ${JSON.stringify(t.type)}`);
  }
}

function createEvictor(e: any, fail: Fail): Evictor {
  if (typeof e !== 'object') throw fail('evictor', 'must be null or an evictor object');
  switch (e.type) {
    case 'count':
      return new CountEvictor(positiveInteger(e.count, () => fail('evictor.count', 'must be a positive integer')));
    case 'time': {
      if (typeof e.sizeMs !== 'number' || !(e.sizeMs >= 0)) throw fail('evictor.sizeMs', 'must be a number ≥ 0');
      return new TimeEvictor(e.sizeMs);
    }
    default:
      throw fail('evictor.type', `unknown evictor type ${JSON.stringify(e.type)}`);
  }
}

/**
 * Builds the window function from `function` params. `withKey` is false for windowAll, whose
 * aggregate results carry no key.
 */
export function createWindowFunction(
  fn: any,
  prefix: string,
  nodeId: string,
  withKey: boolean,
  compile: Compile,
): WindowFunction {
  const fail = (field: string, message: string) => paramError(nodeId, `${prefix}.${field}`, message);
  if (fn == null || typeof fn !== 'object') throw fail('function', 'is missing');
  switch (fn.type) {
    case 'aggregate':
      try {
        return new AggregateWindowFunction(builtinAggregate(fn.fn as BuiltinAggregateName, fn.field), withKey);
      } catch (e) {
        throw fail(fn.fn === 'count' || !String(e).includes('field') ? 'function.fn' : 'function.field', (e as Error).message);
      }
    case 'reduce': {
      const code = compile(fn.code, relativeField(prefix, 'function.code'));
      if (typeof code !== 'function') throw fail('function.code', 'must be a function');
      return new ReduceWindowFunction(code);
    }
    case 'process': {
      const code = compile(fn.code, relativeField(prefix, 'function.code'));
      if (typeof code === 'function') return new ProcessWindowFunction(code);
      const shape = 'must be a function (key, window, elements, ctx) => …, or an object {process(key, window, elements, ctx), clear?(ctx)}';
      if (code === null || typeof code !== 'object' || typeof code.process !== 'function') throw fail('function.code', shape);
      if (code.clear !== undefined && typeof code.clear !== 'function') throw fail('function.code', `${shape}: clear must be a method`);
      return new ProcessWindowFunction(code);
    }
    default:
      throw fail('function.type', `unknown function type ${JSON.stringify(fn.type)} (expected aggregate, reduce or process)`);
  }
}

/** A field path relative to the node's params (`params.window` + `assigner.gap` → `window.assigner.gap`). */
function relativeField(prefix: string, field: string): string {
  return prefix === 'params' ? field : `${prefix.slice('params.'.length)}.${field}`;
}

function timeOf(time: unknown, fail: () => Error): TimeDomain {
  if (time === undefined || time === 'event') return 'event';
  if (time === 'processing') return 'processing';
  throw fail();
}

function positiveInteger(n: unknown, fail: () => Error): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) throw fail();
  return n;
}
