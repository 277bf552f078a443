import { describe, expect, it } from 'vitest';
import type { KeyedContext } from '../operators/operator.js';
import { KeyedStateBackend } from '../state/keyed-state-backend.js';
import { InternalTimerService } from '../time/timer-service.js';
import { encodeState, STATE_HEADER_BYTES } from './state-codec.js';
import { StateSizeEstimator } from './state-size.js';

function keyedContext(): KeyedContext {
  const backend = new KeyedStateBackend(128, { start: 0, end: 127 });
  return { constantKey: false, backend, timers: new InternalTimerService(backend, { now: () => 0, scheduleWakeup: () => {} }), keyOf: () => 0 };
}

/** Puts `{count, name}` under `n` keys, starting at key `from`. */
function fill(ctx: KeyedContext, from: number, n: number): void {
  const t = ctx.backend.table<{ count: number; name: string }>('counts');
  for (let k = from; k < from + n; k++) {
    ctx.backend.setCurrentKey(`user-${k}`);
    t.put('', { count: k, name: 'a fairly long value to make rows weigh something' });
  }
}

describe('StateSizeEstimator', () => {
  it('is zero for an operator without keyed state, and for empty keyed state', () => {
    const est = new StateSizeEstimator();
    expect(est.estimate(null, 0)).toBe(0);
    expect(est.estimate(keyedContext(), 0)).toBe(0);
  });

  it('comes close to the bytes the state codec writes for the same state', () => {
    const ctx = keyedContext();
    fill(ctx, 0, 5000);
    const exact = encodeState(ctx.backend.snapshot()).length;
    const estimate = new StateSizeEstimator().estimate(ctx, 0);
    // Per-key-group framing is left out; rows dominate.
    expect(estimate).toBeGreaterThan(exact * 0.8);
    expect(estimate).toBeLessThan(exact * 1.2);
  });

  it('grows with state, but only once the cached figure is a refresh interval old', () => {
    const ctx = keyedContext();
    const est = new StateSizeEstimator(1000);
    fill(ctx, 0, 100);
    const small = est.estimate(ctx, 10_000);
    fill(ctx, 100, 900);
    expect(est.estimate(ctx, 10_500)).toBe(small);
    const large = est.estimate(ctx, 11_000);
    expect(large).toBeGreaterThan(small * 8);
  });

  it('drops to zero as soon as the state is empty, without waiting for the refresh', () => {
    const ctx = keyedContext();
    const est = new StateSizeEstimator(1000);
    fill(ctx, 0, 3);
    expect(est.estimate(ctx, 0)).toBeGreaterThan(0);
    const t = ctx.backend.table('counts');
    for (let k = 0; k < 3; k++) {
      ctx.backend.setCurrentKey(`user-${k}`);
      t.remove('');
    }
    expect(est.estimate(ctx, 1)).toBe(0);
  });

  it('counts timers, which checkpoints carry beside the state tables', () => {
    const ctx = keyedContext();
    const est = new StateSizeEstimator(0);
    ctx.backend.setCurrentKey('k');
    ctx.timers.registerEventTimeTimer('', 1000);
    const one = est.estimate(ctx, 0);
    expect(one).toBe(encodeState(['k', '', 1000]).length - STATE_HEADER_BYTES);
    for (let i = 0; i < 99; i++) ctx.timers.registerEventTimeTimer('', 2000 + i);
    expect(est.estimate(ctx, 1)).toBeGreaterThan(one * 90);
  });

  it('keeps one cache per operator', () => {
    const a = keyedContext();
    const b = keyedContext();
    fill(a, 0, 10);
    const est = new StateSizeEstimator();
    expect(est.estimate(a, 0)).toBeGreaterThan(0);
    expect(est.estimate(b, 0)).toBe(0);
  });
});
