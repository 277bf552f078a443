/**
 * Rate limiting for sources (`ratePerSec`), on the injected processing-time clock so it is
 * steppable in tests and in the inline host's virtual time.
 */
import { ParamError } from '../graph/errors.js';
import type { ProcessingTimeService } from '../time/processing-time.js';

/**
 * Invariant: by processing time `t` at most `floor((t − start) · rate / 1000) + 1` permits have
 * been granted, where `start` is the time of the first request. A refused request schedules a
 * wakeup for when the next permit is due, so the source can answer WAIT.
 */
export class SourceThrottle {
  private start = NaN;
  private granted = 0;

  constructor(
    readonly ratePerSec: number,
    private readonly clock: ProcessingTimeService,
  ) {
    if (!(Number.isFinite(ratePerSec) && ratePerSec > 0)) {
      throw new ParamError('params.ratePerSec', `params.ratePerSec must be a positive number, got ${String(ratePerSec)}`);
    }
  }

  /** Permits granted so far, as plain data (for stepping back, `trace/`). */
  save(): { start: number; granted: number } {
    return { start: this.start, granted: this.granted };
  }

  load(s: { start: number; granted: number }): void {
    this.start = s.start;
    this.granted = s.granted;
  }

  /** True when a record may go now; otherwise a wakeup is scheduled and the caller should wait. */
  tryAcquire(): boolean {
    const now = this.clock.now();
    if (Number.isNaN(this.start)) this.start = now;
    const due = this.start + (this.granted * 1000) / this.ratePerSec;
    if (now >= due) {
      this.granted++;
      return true;
    }
    this.clock.scheduleWakeup(Math.ceil(due));
    return false;
  }
}
