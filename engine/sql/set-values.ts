/** The values of `SET 'key' = 'value'` statements: whole numbers and durations, with errors naming the key. */
import type { Pos } from './ast.js';
import { PlanError } from './plan-error.js';

/** A whole number ≥ 1. */
export function positive(v: string, pos: Pos, key: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new PlanError(pos, `SET '${key}' needs a whole number ≥ 1, got '${v}'`);
  return n;
}

/** A duration such as '10 s', '500 ms', '2 min', '1 h' (no unit: milliseconds), in ms. */
export function duration(v: string, pos: Pos, key: string): number {
  const m = /^\s*(\d+)\s*(ms|s|min|m|h)?\s*$/.exec(v);
  if (!m) throw new PlanError(pos, `SET '${key}' needs a duration such as '10 s' or '500 ms', got '${v}'`);
  const unit = { ms: 1, s: 1000, min: 60_000, m: 60_000, h: 3_600_000 }[m[2] ?? 'ms'] ?? 1;
  return Number(m[1]) * unit;
}
