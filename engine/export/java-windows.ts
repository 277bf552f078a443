/**
 * The window parts of an exported DataStream program: assigners, triggers and evictors of a
 * `window` or `join.window` node as Java expressions over Flink 2.x's windowing API.
 */
import type { TriggerSpec } from '../graph/schema.js';
import type { WindowAssigner, WindowEvictor } from '../graph/schema-params.js';
import { ExportError } from './export-error.js';

export const ms = (n: number): string => `Duration.ofMillis(${n}L)`;

/**
 * The assigner as a `WindowAssigner` expression. Count windows have none (they are
 * `countWindow(size[, slide])` on a stream, or global windows with a count trigger in joins).
 */
export function assignerExpr(nodeId: string, a: WindowAssigner, codeField: string): string {
  const processing = 'time' in a && a.time === 'processing';
  switch (a.type) {
    case 'tumbling':
      return `${processing ? 'TumblingProcessingTimeWindows' : 'TumblingEventTimeWindows'}.of(${ms(a.sizeMs)}, ${ms(a.offsetMs)})`;
    case 'sliding':
      return `${processing ? 'SlidingProcessingTimeWindows' : 'SlidingEventTimeWindows'}.of(${ms(a.sizeMs)}, ${ms(a.slideMs)}, ${ms(a.offsetMs)})`;
    case 'session': {
      const cls = processing ? 'ProcessingTimeSessionWindows' : 'EventTimeSessionWindows';
      if (a.gapMs !== undefined) return `${cls}.withGap(${ms(a.gapMs)})`;
      return `${cls}.withDynamicGap(new JsSessionGap(${str(nodeId)}, ${str(codeField)}))`;
    }
    case 'global':
      return 'GlobalWindows.create()';
    case 'count':
      return 'GlobalWindows.create()';
    default:
      throw new ExportError(nodeId, 'assigner', `the assigner ${JSON.stringify(a)} has no Flink form`);
  }
}

/** The trigger that `countWindow(size[, slide])` installs, for places that need it spelled out. */
export function countWindowTrigger(a: Extract<WindowAssigner, { type: 'count' }>): string {
  return a.slide === undefined ? `PurgingTrigger.of(CountTrigger.of(${a.size}L))` : `CountTrigger.of(${a.slide}L)`;
}

/** The evictor that `countWindow(size, slide)` installs. */
export function countWindowEvictor(a: Extract<WindowAssigner, { type: 'count' }>): string | null {
  return a.slide === undefined ? null : `CountEvictor.of(${a.size}L)`;
}

export function triggerExpr(nodeId: string, t: TriggerSpec): string | null {
  if (t === 'default') return null;
  switch (t.type) {
    case 'count':
      return `CountTrigger.of(${t.count}L)`;
    case 'event-time':
      return 'EventTimeTrigger.create()';
    case 'processing-time':
      return 'ProcessingTimeTrigger.create()';
    case 'continuous-event-time':
      return `ContinuousEventTimeTrigger.of(${ms(t.intervalMs)})`;
    case 'end-of-stream':
      return 'new EndOfStreamTrigger<>()';
    case 'purging': {
      const inner = triggerExpr(nodeId, t.of);
      if (inner === null) throw new ExportError(nodeId, 'trigger.of', 'a purging "default" trigger has no single Flink form; name the trigger it wraps');
      return `PurgingTrigger.of(${inner})`;
    }
  }
}

export function evictorExpr(e: WindowEvictor): string | null {
  if (e === null) return null;
  return e.type === 'count' ? `CountEvictor.of(${e.count}L)` : `TimeEvictor.of(${ms(e.sizeMs)})`;
}

/** A Java string literal. */
export function str(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
