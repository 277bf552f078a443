/**
 * A task's step loop: one unit of work per `step` (one source record, or one record or event from
 * the input gate), or a burst with `stepBatch`; the mailbox through which async operators hand
 * their completions back; processing-time wakeups; and the chain's end — finish the operators in
 * chain order, wait for any still flushing, end every output channel. It owns the task's status:
 * an operator that throws fails the task (`guard`), naming its node.
 */
import type { RecordWriter } from '../net/record-writer.js';
import type { InputIndex, SourceOperator, StreamOperator } from '../operators/operator.js';
import { SourceStatus, isSource } from '../operators/operator.js';
import type { InputGate } from './input-gate.js';
import { attribute } from './operator-error.js';
import type { Task, TaskEnvironment, TaskState } from './task.js';
import type { ChainEntry } from './task-chain.js';
import type { TaskChaos } from './task-chaos.js';
import type { TaskSnapshots } from './task-snapshots.js';

/** Source records emitted per `stepBatch`. */
const SOURCE_RUN = 256;
/** How often a finished chain with an operator still flushing looks again (ms of processing time). */
const DRAIN_POLL_MS = 5;

export class TaskLoop {
  state: TaskState = 'running';
  /** Processing times operators asked to be woken at. */
  readonly wakeups: number[] = [];
  /** A source said WAIT: it emits again after a wakeup or mail. */
  waiting = false;
  /** The chain has finished, but an operator is still delivering output (see `flushing`). */
  draining = false;
  /** The input gate's combined status is idle (Flink's WatermarkStatus). */
  gateIdle = false;
  /** Chaos controls in effect (see task-chaos); null on the normal path. */
  chaos: TaskChaos | null = null;
  /** An operator notified the mailbox: the next step runs `processMail`. */
  mail = false;
  /** The input ended while the async head still had work: the chain finishes once it drained. */
  finishPending = false;
  readonly source: SourceOperator | null;
  /** The chain head when it waits for async work (asyncMap heads its task), else null. */
  readonly asyncHead: StreamOperator | null;
  /** What operators notify when async work completed (their OperatorContext's mailbox). */
  readonly mailbox = {
    notify: (): void => {
      if (this.mail) return;
      this.mail = true;
      this.env.onMail?.();
    },
  };

  constructor(
    private readonly task: Task,
    private readonly chain: readonly ChainEntry[],
    private readonly writers: readonly RecordWriter[],
    /** The head's input, null for a source. */
    private readonly gate: InputGate | null,
    private readonly snapshots: TaskSnapshots,
    private readonly env: TaskEnvironment,
  ) {
    const head = chain[0]!.op;
    this.source = isSource(head) ? head : null;
    this.asyncHead = head.acceptsInput !== undefined ? head : null;
  }

  /** True when `step` can do something now. */
  canRun(): boolean {
    if (this.state !== 'running' || this.draining) return false;
    if (this.snapshots.replay !== null) return true;
    const chaos = this.chaos;
    if (chaos?.holds(this.env.now())) return false;
    for (const w of this.writers) if (!w.canSend()) return false;
    if (this.mail) return true;
    if (chaos?.hasInjected) return true;
    if (this.source !== null) return !this.waiting;
    // An async head with an element waiting for a place in its queue takes nothing more: the
    // input waits in its channels (back-pressure). A full queue alone still lets barriers and
    // the end of input through, as Flink's AsyncWaitOperator does.
    if (this.asyncHead !== null && !this.asyncHead.acceptsInput!()) return false;
    return this.gate!.hasWork();
  }

  /** See `Task.awaitsCalls`. */
  awaitsCalls(): boolean {
    if (this.state !== 'running' || this.mail) return false;
    // A live source waiting for its connection's data (it wakes the task through the mailbox).
    if (this.source !== null) return this.waiting && this.source.awaitsCalls?.() === true;
    return this.asyncHead !== null && this.asyncHead.awaitsCalls?.() === true;
  }

  /** Whether the task has work (a source not waiting, or input queued). */
  hasWork(): boolean {
    return this.source !== null ? !this.waiting : this.gate!.hasWork();
  }

  /** One unit of work. Returns false when there was nothing to do. Throws OperatorError. */
  step(): boolean {
    if (this.state !== 'running' || this.draining) return false;
    // try/catch inline rather than `guard`: this is the per-record path, no closures.
    try {
      if (this.snapshots.replay !== null) {
        this.snapshots.replayInFlight();
        return true;
      }
      if (this.chaos?.emitInjected()) return true;
      if (this.mail) {
        this.runMail();
        return true;
      }
      if (this.source === null) return this.gate!.step();
      if (this.waiting) return false;
      const status = this.source.emitNext();
      if (status === SourceStatus.END) this.finishChain();
      else if (status === SourceStatus.WAIT) this.waiting = true;
      return true;
    } catch (e) {
      this.state = 'failed';
      throw attribute(e, this.task.headId);
    }
  }

  /** See `Task.stepBatch`. */
  stepBatch(): number {
    if (this.state !== 'running' || this.draining) return 0;
    try {
      if (this.snapshots.replay !== null) {
        this.snapshots.replayInFlight();
        return 1;
      }
      const chaos = this.chaos;
      if (chaos !== null) {
        if (chaos.emitInjected()) return 1;
        const now = this.env.now();
        if (chaos.slowed(now)) {
          // One record, then a pause: the chaos control's delay per record.
          if (!this.step()) return 0;
          this.task.busyMs += chaos.sleepAfterStep(now);
          return 1;
        }
      }
      if (this.mail) {
        this.runMail();
        return 1;
      }
      const source = this.source;
      // An async head is fed one record at a time: `canRun` checks its capacity before each.
      if (source === null) return this.asyncHead === null ? this.gate!.stepBatch() : this.gate!.step() ? 1 : 0;
      if (this.waiting) return 0;
      for (let n = 1; ; n++) {
        const status = source.emitNext();
        if (status === SourceStatus.END) {
          this.finishChain();
          return n;
        }
        if (status === SourceStatus.WAIT) {
          this.waiting = true;
          return n;
        }
        if (n >= SOURCE_RUN) return n;
      }
    } catch (e) {
      this.state = 'failed';
      throw attribute(e, this.task.headId);
    }
  }

  /** The earliest processing time an operator asked to be woken at, or Infinity. */
  nextWakeup(): number {
    let min = this.chaos === null ? Infinity : this.chaos.wakeup();
    for (const t of this.wakeups) if (t < min) min = t;
    return min;
  }

  /** Lets every operator fire what is due at `now`. */
  fireProcessingTime(now: number): void {
    if (this.state !== 'running') return;
    if (this.draining) {
      this.dropWakeupsUpTo(now);
      if (this.chainFlushing()) this.wakeups.push(now + DRAIN_POLL_MS);
      else this.completeFinish();
      return;
    }
    if (this.chaos !== null) {
      // A chaos deadline (end of a pause or sleep) is a wakeup of its own, not the operators'.
      if (!this.chaos.expire(now)) this.chaos = null;
      if (!this.wakeups.some((t) => t <= now)) return;
    }
    this.dropWakeupsUpTo(now);
    this.waiting = false;
    for (const { node, op } of this.chain) this.guard(node.id, () => op.onProcessingTime(now));
    this.finishWhenDrained();
  }

  private dropWakeupsUpTo(now: number): void {
    let w = 0;
    for (const t of this.wakeups) if (t > now) this.wakeups[w++] = t;
    this.wakeups.length = w;
  }

  /** A call's outcome reaches chain member `nodeId` (`settle`), and the mail it caused runs now. */
  settle(nodeId: string, settle: () => void): void {
    if (this.state !== 'running') return;
    this.guard(nodeId, settle);
    if (this.mail) this.runMail();
  }

  /** Runs the operators' mail: completions of async work, in the task loop. */
  private runMail(): void {
    this.mail = false;
    // A source's mail is data that arrived: it may emit again.
    if (this.source !== null) this.waiting = false;
    for (const { node, op } of this.chain) if (op.processMail !== undefined) this.guard(node.id, () => op.processMail!());
    this.finishWhenDrained();
  }

  private finishWhenDrained(): void {
    if (this.finishPending && this.state === 'running' && !this.asyncHead!.hasPendingWork!()) {
      this.finishPending = false;
      this.finishChain();
    }
  }

  /** Input `input` of the head ended (the gate's handler); with every input ended the chain finishes. */
  onInputEnded(input: InputIndex): void {
    const head = this.chain[0]!.op;
    head.endInput(input);
    if (!this.gate!.finished) return;
    // Flink's AsyncWaitOperator waits for its queue to drain before the task finishes.
    if (head.hasPendingWork?.() === true) this.finishPending = true;
    else this.finishChain();
  }

  /** All input ended: finish the operators in chain order, then end every output channel. */
  private finishChain(): void {
    this.chain.forEach(({ node, op }, i) => {
      this.guard(node.id, () => {
        if (i > 0) op.endInput(0);
        op.finish();
      });
    });
    if (this.chainFlushing()) {
      this.draining = true;
      this.wakeups.push(this.env.now() + DRAIN_POLL_MS);
      return;
    }
    this.completeFinish();
  }

  /** Whether an operator of the chain still delivers output asynchronously (throws when that failed). */
  private chainFlushing(): boolean {
    let flushing = false;
    for (const { node, op } of this.chain) if (op.flushing !== undefined && this.guard(node.id, () => op.flushing!())) flushing = true;
    return flushing;
  }

  private completeFinish(): void {
    this.draining = false;
    this.snapshots.keepFinal();
    for (const w of this.writers) w.broadcastEvent({ kind: 'end' });
    this.state = 'finished';
    this.closeAll();
  }

  cancel(): void {
    if (this.state === 'running') this.state = 'canceled';
    this.closeAll();
  }

  private closeAll(): void {
    for (const { op } of this.chain) {
      try {
        op.close();
      } catch {
        // Closing is best effort; the failure that matters was already reported.
      }
    }
  }

  /** Runs `f` for chain member `nodeId`; a throw fails the task and is attributed to the node. */
  guard<T>(nodeId: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      this.state = 'failed';
      throw attribute(e, nodeId);
    }
  }
}
