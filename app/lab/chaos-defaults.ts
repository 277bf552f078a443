/**
 * What the lab's inject forms offer when left empty: a record shaped like the last one the
 * source emitted, at an event time late relative to the current watermark — the element a
 * lesson on lateness wants with one click.
 */
import type { TraceStep } from './trace-types';

/** How far behind the watermark a default injected record is. */
export const LATE_BY_MS = 1000;

/**
 * The latest finite combined watermark any node had after `position` steps, or null. Read from
 * the current step backwards, so a long trace costs only the distance to its last watermark.
 */
export function currentWatermark(steps: readonly TraceStep[], position: number): number | null {
  for (let i = Math.min(position, steps.length) - 1; i >= 0; i--) {
    const events = steps[i]!.events;
    for (let k = events.length - 1; k >= 0; k--) {
      const e = events[k]!;
      const c = e['combined'];
      if (e.type === 'watermark.in' && typeof c === 'number' && Number.isFinite(c)) return c;
    }
  }
  return null;
}

/** The default event time of an injected record: LATE_BY_MS behind the current watermark (never below 0), or 0 before any. */
export function lateTimestamp(steps: readonly TraceStep[], position: number): number {
  const w = currentWatermark(steps, position);
  return w === null ? 0 : Math.max(0, w - LATE_BY_MS);
}

/** The last record source `node` emitted up to `position`, or undefined. */
export function lastSourceRecord(steps: readonly TraceStep[], position: number, node: string): unknown {
  for (let i = Math.min(position, steps.length) - 1; i >= 0; i--) {
    for (const e of steps[i]!.events) if (e.type === 'source.emit' && e['node'] === node && 'value' in e) return e['value'];
  }
  return undefined;
}

/** `template` with its timestamp field (when it is an object with that numeric field) set to `ts`; a plain `{ ts }` otherwise. */
export function recordAt(template: unknown, timestampField: string | undefined, ts: number): unknown {
  const field = timestampField ?? 'ts';
  if (template !== null && typeof template === 'object' && !Array.isArray(template)) return { ...(template as Record<string, unknown>), [field]: ts };
  return { [field]: ts };
}

/** The last record node `node` received up to `position` (a template for a record injected into its input), or undefined. */
export function lastRecordInto(steps: readonly TraceStep[], position: number, node: string): unknown {
  for (let i = Math.min(position, steps.length) - 1; i >= 0; i--) {
    for (const e of steps[i]!.events) if (e.type === 'record.in' && e['node'] === node) return e['value'];
  }
  return undefined;
}
