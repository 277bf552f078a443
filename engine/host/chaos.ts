/**
 * Fault injection: kills randomly chosen slot workers at random moments of a run, a given
 * number of times in all, from a seed — so a failing chaos run can be repeated.
 */
/** Something chaos can kill: a slot worker, or the inline host's one thread. */
export interface Killable {
  kill(): void;
}

export interface ChaosOptions {
  /** How many kills in the whole run (across restarts). */
  readonly kills: number;
  readonly seed: number;
  /** Kills happen between `minDelayMs` and `maxDelayMs` after a deployment starts. Default 200–1500. */
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
}

export class ChaosMonkey {
  private left: number;
  private state: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Kills done so far: which slot, when (ms after deployment). */
  readonly kills: Array<{ slot: number; afterMs: number }> = [];

  constructor(private readonly options: ChaosOptions) {
    this.left = options.kills;
    this.state = (options.seed * 2654435761) >>> 0 || 1;
  }

  /** Schedules the next kill among `slots`, while `alive()` says the deployment runs. */
  arm(slots: readonly Killable[], alive: () => boolean): void {
    if (this.left <= 0 || slots.length === 0) return;
    const min = this.options.minDelayMs ?? 200;
    const max = this.options.maxDelayMs ?? 1500;
    const afterMs = min + (this.next() % Math.max(1, max - min));
    const slot = this.next() % slots.length;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!alive() || this.left <= 0) return;
      this.left--;
      this.kills.push({ slot, afterMs });
      slots[slot]!.kill();
    }, afterMs);
  }

  disarm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private next(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
}
