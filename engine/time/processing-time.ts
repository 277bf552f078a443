/**
 * Processing time, injected: a real clock in hosts, a manual one in harnesses and in the
 * inline host's virtual-time mode, so timer behaviour is testable and steppable.
 */
export interface ProcessingTimeService {
  /** Current processing time in ms. Never goes backwards. */
  now(): number;
  /** Ask for `onProcessingTime` to be called at or after `time`. Extra wakeups are harmless. */
  scheduleWakeup(time: number): void;
}

/** A clock that only moves when told to; remembers the wakeups asked of it. */
export class ManualProcessingTime implements ProcessingTimeService {
  private current: number;
  private readonly wakeups: number[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  scheduleWakeup(time: number): void {
    this.wakeups.push(time);
  }

  /** Moves the clock forward (never back). */
  setTime(time: number): void {
    if (time > this.current) this.current = time;
  }

  /** The earliest wakeup still ahead of or at the current time, or Infinity. Removes past ones. */
  nextWakeup(): number {
    let min = Infinity;
    let w = 0;
    for (let i = 0; i < this.wakeups.length; i++) {
      const t = this.wakeups[i]!;
      if (t > this.current) {
        this.wakeups[w++] = t;
        if (t < min) min = t;
      }
    }
    this.wakeups.length = w;
    return min;
  }
}

/** The wall clock, with wakeups reported to the host that drives the task. */
export class SystemProcessingTime implements ProcessingTimeService {
  constructor(private readonly onWakeup: (time: number) => void) {}
  now(): number {
    return Date.now();
  }
  scheduleWakeup(time: number): void {
    this.onWakeup(time);
  }
}
