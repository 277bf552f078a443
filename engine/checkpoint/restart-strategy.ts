/**
 * Restart strategies, as Flink's: after a failure, wait and restart from the latest completed
 * checkpoint, or give up. The strategy only counts and waits; it keeps no other state.
 */
import type { RestartStrategy as RestartSpec } from '../graph/schema.js';

export interface RestartStrategy {
  /** Called at a failure: the delay (ms) before restarting, or null when the job must fail. */
  onFailure(now: number): number | null;
  /** A readable description for messages ("fixed-delay: 3 attempts"). */
  readonly description: string;
}

export function createRestartStrategy(spec: RestartSpec | undefined): RestartStrategy {
  if (spec === undefined || spec.strategy === 'none') return { onFailure: () => null, description: 'none' };
  switch (spec.strategy) {
    case 'fixed-delay': {
      let restarts = 0;
      return {
        description: `fixed-delay (${spec.attempts} attempts)`,
        onFailure: () => (restarts++ < spec.attempts ? spec.delayMs : null),
      };
    }
    case 'exponential-delay': {
      let restarts = 0;
      let delay = spec.initialDelayMs;
      return {
        description: `exponential-delay${spec.attempts !== undefined ? ` (${spec.attempts} attempts)` : ''}`,
        onFailure: () => {
          if (spec.attempts !== undefined && restarts >= spec.attempts) return null;
          restarts++;
          const d = delay;
          delay = Math.min(spec.maxDelayMs, delay * spec.multiplier);
          return d;
        },
      };
    }
    case 'failure-rate': {
      const failures: number[] = [];
      return {
        description: `failure-rate (${spec.maxFailures} per ${spec.intervalMs} ms)`,
        onFailure: (now) => {
          failures.push(now);
          while (failures.length > 0 && failures[0]! <= now - spec.intervalMs) failures.shift();
          return failures.length > spec.maxFailures ? null : spec.delayMs;
        },
      };
    }
  }
}
