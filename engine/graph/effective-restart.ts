/**
 * The restart strategy a job runs with. A job's own `restart` block wins; without one, Flink's
 * default applies: no restart when checkpointing is off, and when it is on (Flink 1.19 and 2.x,
 * FLIP-364) the exponential-delay strategy with its option defaults — 1 s initial backoff,
 * ×1.5 per restart, at most 1 min, unlimited attempts. (Flink also resets the backoff after an
 * hour without failures and adds 10 % jitter; Eddy's restarts are deterministic and do neither.)
 * Hosts, the CLI and the IDE all ask here, so what the inspector shows is what runs.
 */
import type { RestartStrategy } from './schema.js';

/** Flink's `Integer.MAX_VALUE` restart attempts: unlimited in practice. */
export const UNLIMITED_ATTEMPTS = 2_147_483_647;

/** Flink's default when checkpointing is enabled and no strategy is configured. */
export const DEFAULT_CHECKPOINTING_RESTART = { strategy: 'exponential-delay', initialDelayMs: 1000, maxDelayMs: 60_000, multiplier: 1.5 } as const satisfies RestartStrategy;

export interface EffectiveRestart {
  readonly strategy: RestartStrategy;
  /** `job`: the job's own block; `default`: Flink's default for the job's checkpointing. */
  readonly origin: 'job' | 'default';
}

export function effectiveRestart(job: { readonly restart?: RestartStrategy | undefined; readonly checkpointing?: unknown }): EffectiveRestart {
  if (job.restart !== undefined) return { strategy: job.restart, origin: 'job' };
  return { strategy: job.checkpointing !== undefined ? DEFAULT_CHECKPOINTING_RESTART : { strategy: 'none' }, origin: 'default' };
}

function attemptsText(attempts: number | undefined): string {
  if (attempts === undefined || attempts >= UNLIMITED_ATTEMPTS) return 'unlimited attempts';
  return `${attempts} attempt${attempts === 1 ? '' : 's'}`;
}

function ms(value: number): string {
  return value % 1000 === 0 ? `${value / 1000} s` : `${value} ms`;
}

/** The strategy in words: "fixed-delay, unlimited attempts, 1 s between restarts". */
export function describeRestart(strategy: RestartStrategy): string {
  switch (strategy.strategy) {
    case 'none':
      return 'none — a failure fails the job';
    case 'fixed-delay':
      return `fixed-delay, ${attemptsText(strategy.attempts)}, ${ms(strategy.delayMs)} between restarts`;
    case 'exponential-delay':
      return `exponential-delay, ${attemptsText(strategy.attempts)}, ${ms(strategy.initialDelayMs)} growing ×${strategy.multiplier} up to ${ms(strategy.maxDelayMs)}`;
    case 'failure-rate':
      return `failure-rate, at most ${strategy.maxFailures} failure${strategy.maxFailures === 1 ? '' : 's'} per ${ms(strategy.intervalMs)}, ${ms(strategy.delayMs)} between restarts`;
  }
}
