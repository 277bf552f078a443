import { describe, expect, it } from 'vitest';
import { createRestartStrategy } from './restart-strategy.js';

describe('restart strategies', () => {
  it('none never restarts', () => {
    expect(createRestartStrategy({ strategy: 'none' }).onFailure(0)).toBeNull();
    expect(createRestartStrategy(undefined).onFailure(0)).toBeNull();
  });

  it('fixed-delay restarts `attempts` times with the same delay', () => {
    const s = createRestartStrategy({ strategy: 'fixed-delay', attempts: 2, delayMs: 300 });
    expect([s.onFailure(0), s.onFailure(1), s.onFailure(2)]).toEqual([300, 300, null]);
  });

  it('exponential-delay grows the delay by the multiplier up to the maximum', () => {
    const s = createRestartStrategy({ strategy: 'exponential-delay', initialDelayMs: 100, maxDelayMs: 500, multiplier: 2, attempts: 5 });
    expect([1, 2, 3, 4, 5, 6].map((t) => s.onFailure(t))).toEqual([100, 200, 400, 500, 500, null]);
  });

  it('failure-rate gives up when more than maxFailures happen within the interval', () => {
    const s = createRestartStrategy({ strategy: 'failure-rate', maxFailures: 2, intervalMs: 1000, delayMs: 10 });
    expect(s.onFailure(0)).toBe(10);
    expect(s.onFailure(100)).toBe(10);
    expect(s.onFailure(1500)).toBe(10); // the first two left the interval
    expect(s.onFailure(1550)).toBe(10);
    expect(s.onFailure(1600)).toBeNull(); // three within 1000 ms
  });
});
