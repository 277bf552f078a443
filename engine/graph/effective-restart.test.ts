import { describe, expect, it } from 'vitest';
import { createRestartStrategy } from '../checkpoint/restart-strategy.js';
import { DEFAULT_CHECKPOINTING_RESTART, UNLIMITED_ATTEMPTS, describeRestart, effectiveRestart } from './effective-restart.js';

describe('the restart strategy in effect', () => {
  it("is Flink's exponential-delay default (1 s, ×1.5, at most 1 min, unlimited) with checkpointing and no restart block", () => {
    const r = effectiveRestart({ checkpointing: { intervalMs: 1000 } });
    expect(r).toEqual({ strategy: { strategy: 'exponential-delay', initialDelayMs: 1000, maxDelayMs: 60_000, multiplier: 1.5 }, origin: 'default' });
    expect(describeRestart(r.strategy)).toBe('exponential-delay, unlimited attempts, 1 s growing ×1.5 up to 60 s');
    const strategy = createRestartStrategy(r.strategy);
    const delays = Array.from({ length: 14 }, (_, i) => strategy.onFailure(i));
    expect(delays.slice(0, 4)).toEqual([1000, 1500, 2250, 3375]);
    expect(delays.at(-1)).toBe(60_000);
    for (let i = 14; i < 1000; i++) expect(strategy.onFailure(i)).toBe(60_000);
  });

  it('is none without checkpointing and no restart block', () => {
    expect(effectiveRestart({})).toEqual({ strategy: { strategy: 'none' }, origin: 'default' });
  });

  it("is the job's own block whenever there is one, checkpointing or not", () => {
    const own = { strategy: 'fixed-delay', attempts: 3, delayMs: 500 } as const;
    expect(effectiveRestart({ restart: own, checkpointing: { intervalMs: 1000 } })).toEqual({ strategy: own, origin: 'job' });
    expect(effectiveRestart({ restart: { strategy: 'none' }, checkpointing: { intervalMs: 1000 } }).strategy).toEqual({ strategy: 'none' });
    expect(describeRestart(own)).toBe('fixed-delay, 3 attempts, 500 ms between restarts');
    expect(describeRestart({ strategy: 'fixed-delay', attempts: UNLIMITED_ATTEMPTS, delayMs: 1000 })).toBe('fixed-delay, unlimited attempts, 1 s between restarts');
    expect(DEFAULT_CHECKPOINTING_RESTART.strategy).toBe('exponential-delay');
  });
});
