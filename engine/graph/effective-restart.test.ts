import { describe, expect, it } from 'vitest';
import { createRestartStrategy } from '../checkpoint/restart-strategy.js';
import { DEFAULT_CHECKPOINTING_RESTART, UNLIMITED_ATTEMPTS, describeRestart, effectiveRestart } from './effective-restart.js';

describe('the restart strategy in effect', () => {
  it("is Flink's fixed-delay default (Integer.MAX_VALUE attempts, 1 s) with checkpointing and no restart block", () => {
    const r = effectiveRestart({ checkpointing: { intervalMs: 1000 } });
    expect(r).toEqual({ strategy: { strategy: 'fixed-delay', attempts: UNLIMITED_ATTEMPTS, delayMs: 1000 }, origin: 'default' });
    expect(describeRestart(r.strategy)).toBe('fixed-delay, unlimited attempts, 1 s between restarts');
    const strategy = createRestartStrategy(r.strategy);
    for (let i = 0; i < 1000; i++) expect(strategy.onFailure(i)).toBe(1000);
  });

  it('is none without checkpointing and no restart block', () => {
    expect(effectiveRestart({})).toEqual({ strategy: { strategy: 'none' }, origin: 'default' });
  });

  it("is the job's own block whenever there is one, checkpointing or not", () => {
    const own = { strategy: 'fixed-delay', attempts: 3, delayMs: 500 } as const;
    expect(effectiveRestart({ restart: own, checkpointing: { intervalMs: 1000 } })).toEqual({ strategy: own, origin: 'job' });
    expect(effectiveRestart({ restart: { strategy: 'none' }, checkpointing: { intervalMs: 1000 } }).strategy).toEqual({ strategy: 'none' });
    expect(describeRestart(own)).toBe('fixed-delay, 3 attempts, 500 ms between restarts');
    expect(DEFAULT_CHECKPOINTING_RESTART.attempts).toBe(2_147_483_647);
  });
});
