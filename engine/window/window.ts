/**
 * What a window is to the rest of the window machinery, and how windows become the primitive
 * namespaces that keyed state and timers are scoped by.
 */
import { GLOBAL_WINDOW, type GlobalWindow } from './global-window.js';
import { TimeWindow } from './time-window.js';

/** A window: a time window `[start, end)` or the global window. `ns` identifies it in state and timers. */
export type Window = TimeWindow | GlobalWindow;

/** The state/timer namespace of a window (`"start:end"`, or `"global"`). */
export function windowNamespace(window: Window): string {
  return window.ns;
}

/** Inverse of `windowNamespace`. Throws on a namespace no window produces. */
export function windowFromNamespace(ns: string | number): Window {
  if (ns === GLOBAL_WINDOW.ns) return GLOBAL_WINDOW;
  const text = String(ns);
  const colon = text.indexOf(':', 1);
  const start = Number(text.slice(0, colon));
  const end = Number(text.slice(colon + 1));
  if (colon < 0 || Number.isNaN(start) || Number.isNaN(end)) throw new Error(`not a window namespace: ${text}`);
  return new TimeWindow(start, end);
}

/** The window as user functions see it: start/end are null for the global window. */
export interface WindowInfo {
  readonly start: number | null;
  readonly end: number | null;
  readonly maxTimestamp: number;
}

export function windowInfo(window: Window): WindowInfo {
  if (window instanceof TimeWindow) return { start: window.start, end: window.end, maxTimestamp: window.maxTimestamp() };
  return { start: null, end: null, maxTimestamp: window.maxTimestamp() };
}
