/**
 * The life of a live source's connection (`source.websocket`, `source.sse`): the wait for data,
 * the end, and reconnecting with exponential backoff. Shared so both sources end, fail and back
 * off alike.
 *
 * Data arrives on the thread's event loop (a socket's message, a stream's chunk). The source then
 * notifies its task's **mailbox** (as asyncMap's completions do): the task wakes, and the source's
 * next `emitNext` emits what arrived. While it waits for data the source schedules no timer, so an
 * idle job costs nothing and a virtual clock waits for the data instead of jumping or spinning
 * (`awaitsData`, the task's `awaitsCalls`). Only the reconnect delay is a processing-time wakeup.
 */
import { type OperatorContext, SourceStatus } from './operator.js';

/** The longest wait between reconnection attempts (ms). */
export const MAX_RECONNECT_DELAY_MS = 30_000;
/** Without a mailbox (never in a task; a bare operator under test) an idle source polls this often (ms). */
const POLL_WITHOUT_MAILBOX_MS = 5;

export class LiveConnection {
  /** The connection ended: 'clean' (the server ended it) or a failure message; null while open or opening. */
  private closed: 'clean' | string | null = null;
  private attempts = 0;
  private reconnectAt = 0;
  private waitingForData = false;

  constructor(
    private readonly ctx: OperatorContext,
    /** Open again after an end (`reconnect: true`), else end the source or fail the job. */
    private readonly reconnect: boolean,
    /** The first delay before reconnecting; it doubles with each failed attempt. */
    private readonly reconnectDelayMs: number,
  ) {}

  /** Data or an end arrived outside the task loop: run the source. */
  notify(): void {
    this.ctx.mailbox?.notify();
  }

  /** The connection delivered: the next failure backs off from the first delay again. */
  succeeded(): void {
    this.attempts = 0;
  }

  /** The connection ended: `'clean'` or why it failed. `retryMs` replaces the first delay (SSE's `retry:`). */
  ended(how: 'clean' | string, retryMs?: number): void {
    this.closed = how;
    if (this.reconnect) {
      const base = retryMs ?? this.reconnectDelayMs;
      this.reconnectAt = this.ctx.processingTime.now() + Math.min(MAX_RECONNECT_DELAY_MS, base * 2 ** this.attempts++);
    }
    this.notify();
  }

  /** No connection and none to wait for: the source should open one. */
  get shouldOpen(): boolean {
    return this.closed === null;
  }

  /**
   * What `emitNext` answers when no line is queued: `end()` after a clean end without
   * `reconnect`; a throw after a failure without it; else WAIT — for data (the mailbox wakes the
   * task), or for the reconnect delay (a wakeup), calling `open()` once it has passed.
   */
  idle(open: () => void, end: () => SourceStatus): SourceStatus {
    this.waitingForData = false;
    if (this.closed !== null) {
      if (!this.reconnect) {
        if (this.closed !== 'clean') throw new Error(this.closed);
        return end();
      }
      const clock = this.ctx.processingTime;
      if (clock.now() < this.reconnectAt) {
        clock.scheduleWakeup(this.reconnectAt);
        return SourceStatus.WAIT;
      }
      this.closed = null;
      open();
    }
    if (this.ctx.mailbox === undefined) {
      const clock = this.ctx.processingTime;
      clock.scheduleWakeup(clock.now() + POLL_WITHOUT_MAILBOX_MS);
    } else this.waitingForData = true;
    return SourceStatus.WAIT;
  }

  /** Waiting for the connection's data, not for time: a virtual clock must not jump ahead. */
  awaitsData(): boolean {
    return this.waitingForData && this.closed === null;
  }
}
