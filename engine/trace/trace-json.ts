/**
 * A trace step as one JSON line (`eddy trace`). JSON has no ±∞ — the end-of-input watermark,
 * a window that never ends — so non-finite numbers are written as the strings "Infinity",
 * "-Infinity" and "NaN" (what `Number()` reads back).
 */
import type { TraceStep } from './trace-recorder.js';

function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

export function traceStepJson(step: TraceStep): string {
  return JSON.stringify(step, replacer);
}

/** A value as `--until` compares it: a string as itself, anything else as its JSON text. */
export function traceValueText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, replacer) ?? 'null');
}
