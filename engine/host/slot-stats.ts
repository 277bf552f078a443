/**
 * Where a slot's thread spends a run: inside the loop's slices (running tasks), between slices
 * that made progress (the thread's event loop taking messages in — data, credits, control), or
 * waiting with nothing to run — for credit (a task has work but an output channel is full) or for
 * input (every task waits for data or a timer). Plus the thread's own CPU time where the platform
 * tells it (Node: /proc/thread-self), and the traffic of the slot's remote channel ends. Reported
 * with the slot's `finished` (SlotReport.stats); `npm run bench -- --threads` prints it.
 *
 * Measured per slice (one clock read at each end of an ~8 ms slice), never per record.
 */

/** CPU figures of the calling thread, in ms since the thread began; null where unknown. */
export interface ThreadTimes {
  /** Time on a core (user + system). */
  readonly cpuMs: number;
  /** Time runnable but waiting for a core (Linux schedstat); absent where unknown. */
  readonly runQueueMs?: number;
}

export type ThreadClock = () => ThreadTimes | null;

/** Traffic of remote channel ends, summed over the slot. */
export interface ChannelTraffic {
  readonly batches: number;
  readonly records: number;
  readonly bytes: number;
  /** Sender side: batches that waited in the sender's queue for a credit. */
  readonly waitedForCredit?: number;
}

export interface SlotStats {
  /** From `start` to the last task finishing (ms, the slot's clock). */
  readonly wallMs: number;
  /** The slot thread's CPU time over the same span, where known. */
  readonly cpuMs?: number;
  /** The slot thread's CPU time before `start`: booting the worker, loading the engine, deploying; where known. */
  readonly startupCpuMs?: number;
  /** Time the slot thread was runnable but had no core (other threads or processes had them), where known. */
  readonly runQueueMs?: number;
  /** Inside slices: tasks running. */
  readonly sliceMs: number;
  /** Between a slice that made progress and the next: the event loop handling messages. */
  readonly yieldMs: number;
  /** Waiting with nothing runnable while some task had work but no credit on an output channel. */
  readonly waitCreditMs: number;
  /** Waiting with nothing runnable and no task blocked on credit: waiting for input or a timer. */
  readonly waitInputMs: number;
  readonly slices: number;
  /** Times the slot went idle (waited for a message or a timer). */
  readonly waits: number;
  /** Per task: time in its bursts and time back-pressured (Flink's busy and back-pressured time). */
  readonly tasks: ReadonlyArray<{ readonly task: string; readonly busyMs: number; readonly backPressuredMs: number; readonly recordsIn: number }>;
  readonly sent: ChannelTraffic;
  readonly received: ChannelTraffic;
}

type Gap = 'none' | 'yield' | 'credit' | 'input';

/** Accumulates a slot's time between slices; the runtime calls it at each slice's ends. */
export class SlotClock {
  private startedAt = -1;
  private cpuAtStart: ThreadTimes | null = null;
  private lastEnd = -1;
  private gap: Gap = 'none';
  sliceMs = 0;
  yieldMs = 0;
  waitCreditMs = 0;
  waitInputMs = 0;
  slices = 0;
  waits = 0;
  private endedAt = -1;
  private cpuAtEnd: ThreadTimes | null = null;

  constructor(
    private readonly clock: () => number,
    private readonly threadClock: ThreadClock | null,
  ) {}

  start(): void {
    this.startedAt = this.clock();
    this.cpuAtStart = this.threadClock?.() ?? null;
    this.lastEnd = this.startedAt;
    this.gap = 'yield';
  }

  /** A slice begins; returns its start time. */
  sliceStart(): number {
    const now = this.clock();
    if (this.lastEnd >= 0) {
      const d = now - this.lastEnd;
      if (this.gap === 'yield') this.yieldMs += d;
      else if (this.gap === 'credit') this.waitCreditMs += d;
      else if (this.gap === 'input') this.waitInputMs += d;
    }
    this.gap = 'none';
    return now;
  }

  /** A slice ended: what follows it is a yield (more work queued), or a wait for credit or input. */
  sliceEnd(started: number, next: 'yield' | 'credit' | 'input'): number {
    const now = this.clock();
    this.sliceMs += now - started;
    this.slices++;
    if (next !== 'yield') this.waits++;
    this.lastEnd = now;
    this.gap = next;
    return now;
  }

  /** The slot finished: the span ends here (`at`: the end of its last slice). */
  end(at: number = this.clock()): void {
    if (this.endedAt >= 0 || this.startedAt < 0) return;
    this.endedAt = at;
    this.cpuAtEnd = this.threadClock?.() ?? null;
  }

  stats(tasks: SlotStats['tasks'], sent: ChannelTraffic, received: ChannelTraffic): SlotStats {
    const end = this.endedAt >= 0 ? this.endedAt : this.clock();
    const cpuEnd = this.endedAt >= 0 ? this.cpuAtEnd : (this.threadClock?.() ?? null);
    const a = this.cpuAtStart;
    const cpu = a !== null && cpuEnd !== null ? { cpuMs: cpuEnd.cpuMs - a.cpuMs, startupCpuMs: a.cpuMs, ...(a.runQueueMs !== undefined && cpuEnd.runQueueMs !== undefined ? { runQueueMs: cpuEnd.runQueueMs - a.runQueueMs } : {}) } : {};
    return {
      wallMs: this.startedAt < 0 ? 0 : end - this.startedAt,
      ...cpu,
      sliceMs: this.sliceMs,
      yieldMs: this.yieldMs,
      waitCreditMs: this.waitCreditMs,
      waitInputMs: this.waitInputMs,
      slices: this.slices,
      waits: this.waits,
      tasks,
      sent,
      received,
    };
  }
}
