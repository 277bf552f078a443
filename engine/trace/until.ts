/**
 * `--until EVENT[:FIELD=VALUE,...]`: the condition that stops a trace after the first step
 * emitting a matching event, e.g. `window.fire:key=key2` or `window.fire:window.start=0,late=true`.
 * A field is a dot path into the event; its value matches when its text (a string as itself,
 * anything else as JSON) equals VALUE.
 */
import type { TraceEvent } from '../operators/tracer.js';
import { traceValueText } from './trace-json.js';
import type { TraceStep } from './trace-recorder.js';

export interface UntilCondition {
  readonly type: string;
  readonly fields: ReadonlyArray<readonly [path: string, value: string]>;
}

/** Parses the text of `--until`; usage errors are values. */
export function parseUntil(text: string): UntilCondition | { error: string } {
  const colon = text.indexOf(':');
  const type = colon < 0 ? text : text.slice(0, colon);
  if (!/^[a-z]+(\.[a-z-]+)+$/.test(type)) return { error: `--until takes EVENT[:FIELD=VALUE,...] with an event type such as window.fire, got "${text}"` };
  const fields: Array<[string, string]> = [];
  if (colon >= 0) {
    for (const part of text.slice(colon + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq <= 0) return { error: `--until: "${part}" is not FIELD=VALUE (in "${text}")` };
      fields.push([part.slice(0, eq), part.slice(eq + 1)]);
    }
  }
  return { type, fields };
}

export function eventMatches(condition: UntilCondition, event: TraceEvent): boolean {
  if (event.type !== condition.type) return false;
  for (const [path, expected] of condition.fields) {
    let v: unknown = event;
    for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    if (v === undefined || traceValueText(v) !== expected) return false;
  }
  return true;
}

export function stepMatches(condition: UntilCondition, step: TraceStep): boolean {
  return step.events.some((e) => eventMatches(condition, e));
}
