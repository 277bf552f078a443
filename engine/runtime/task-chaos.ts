/**
 * Chaos on a running task (issue 10's chaos controls on a normal run): a source paused — still
 * active, so it holds the downstream watermark — or idle (Flink's WatermarkStatus.IDLE, so the
 * downstream watermark stops waiting for it) for a while; records injected as a source's next
 * records; a task slowed by a delay per record (back-pressure upstream); the next record into a
 * node thrown at. Commands arrive between steps (the slot's control channel), never per record:
 * a task without chaos pays one null check per `canRun` and `step`.
 */
import type { Output, SourceOperator, StreamOperator } from '../operators/operator.js';
import type { ChainEntry } from './task-chain.js';
import type { TaskLoop } from './task-loop.js';

/** A chaos control as the controller sends it to the slots: plain data. */
export type ChaosCommand =
  /** The source stops emitting for `seconds`; with `idle` it is marked idle meanwhile. */
  | { readonly kind: 'pause-source'; readonly nodeId: string; readonly subtask?: number; readonly seconds: number; readonly idle: boolean }
  /** `value` with event time `timestamp` leaves the source (subtask `subtask`, default 0) as its next record. */
  | { readonly kind: 'inject-record'; readonly nodeId: string; readonly subtask?: number; readonly value: unknown; readonly timestamp: number }
  /** The task running the node waits `delayMs` after each record, for `seconds`. */
  | { readonly kind: 'slow'; readonly nodeId: string; readonly subtask?: number; readonly delayMs: number; readonly seconds: number }
  /** The next record reaching the node makes it throw. */
  | { readonly kind: 'throw-next'; readonly nodeId: string; readonly subtask?: number }
  /** Ends a pause or a slowdown of the node now. */
  | { readonly kind: 'end'; readonly nodeId: string; readonly subtask?: number };

/** The message of the failure `throw-next` injects: it names the node. */
export function injectedFailureMessage(nodeId: string): string {
  return `chaos: injected failure at node ${nodeId}`;
}

/**
 * Makes the next record `op` receives throw (a source: its next `emitNext`). The method is
 * shadowed on the instance until then, so the operator's own code is untouched.
 */
export function armFailure(op: StreamOperator, nodeId: string): void {
  const target = op as unknown as Record<string, unknown>;
  const method = 'isSource' in op && (op as SourceOperator).isSource ? 'emitNext' : 'processElement';
  const own = Object.getOwnPropertyDescriptor(target, method);
  target[method] = () => {
    if (own !== undefined) Object.defineProperty(target, method, own);
    else delete target[method];
    throw new Error(injectedFailureMessage(nodeId));
  };
}

/**
 * The chaos state of one task. Invariants: a paused source takes no step before `pausedUntil`
 * except to emit injected records; an idle pause marks every chain output idle at its start and
 * active again at its end (in chain order, so a chained watermarks operator — which swallows its
 * input's status — is covered); a slowed task takes one record per step and then sleeps
 * `delayMs`, counted as busy time; every deadline is a wakeup, so nothing waits for a message.
 */
/**
 * Applies a chaos control to a task (its `loop`, running `chain`) when the chain runs
 * `command.nodeId`; returns whether it did. Pausing and injecting need the node to be the task's
 * source.
 */
export function applyChaos(loop: TaskLoop, chain: readonly ChainEntry[], now: number, command: ChaosCommand): boolean {
  if (loop.state !== 'running') return false;
  const member = chain.find((c) => c.node.id === command.nodeId);
  if (member === undefined) return false;
  if (command.kind === 'throw-next') {
    armFailure(member.op, command.nodeId);
    return true;
  }
  if (command.kind === 'end') {
    loop.chaos?.end();
    return loop.chaos !== null;
  }
  const chaos = (loop.chaos ??= new TaskChaos(
    chain.map((c) => c.output),
    (i) => chain[i]!.output.outputIdle,
  ));
  if (command.kind === 'slow') chaos.slow(now, command.delayMs, command.seconds);
  else if (loop.source === null) return false;
  else if (command.kind === 'pause-source') chaos.pause(now, command.seconds, command.idle);
  else chaos.inject(command.value, command.timestamp);
  return true;
}

export class TaskChaos {
  private pausedUntil = -Infinity;
  private idle = false;
  private slowUntil = -Infinity;
  private delayMs = 0;
  private sleepUntil = -Infinity;
  private readonly injected: Array<{ value: unknown; timestamp: number }> = [];

  constructor(
    /** The chain's outputs in chain order; the first is the head's. */
    private readonly outputs: readonly Output[],
    private readonly idleOf: (i: number) => boolean,
  ) {}

  pause(now: number, seconds: number, idle: boolean): void {
    this.resume();
    this.pausedUntil = now + seconds * 1000;
    if (!idle) return;
    this.idle = true;
    // Each member forwards to the next; one that swallows its input's status gets marked itself.
    for (let i = 0; i < this.outputs.length; i++) if (!this.idleOf(i)) this.outputs[i]!.emitIdle(true);
  }

  slow(now: number, delayMs: number, seconds: number): void {
    this.delayMs = delayMs;
    this.slowUntil = now + seconds * 1000;
  }

  inject(value: unknown, timestamp: number): void {
    this.injected.push({ value, timestamp });
  }

  /** Ends a pause (marking the outputs active again) and a slowdown. */
  end(): void {
    this.resume();
    this.slowUntil = -Infinity;
    this.sleepUntil = -Infinity;
  }

  private resume(): void {
    this.pausedUntil = -Infinity;
    if (!this.idle) return;
    this.idle = false;
    for (let i = 0; i < this.outputs.length; i++) if (this.idleOf(i)) this.outputs[i]!.emitIdle(false);
  }

  /** Whether the task must not step now (paused, or sleeping between slowed records). */
  holds(now: number): boolean {
    if (this.injected.length > 0) return false;
    return now < this.pausedUntil || now < this.sleepUntil;
  }

  get hasInjected(): boolean {
    return this.injected.length > 0;
  }

  /** Emits one injected record through the head's output; false when none is queued. */
  emitInjected(): boolean {
    const next = this.injected.shift();
    if (next === undefined) return false;
    this.outputs[0]!.collect(next.value, next.timestamp);
    return true;
  }

  /** True while the task runs slowed: it should take one record per step. */
  slowed(now: number): boolean {
    return now < this.slowUntil;
  }

  /** After a slowed step: sleep `delayMs`; returns the busy time to count. */
  sleepAfterStep(now: number): number {
    this.sleepUntil = now + this.delayMs;
    return this.delayMs;
  }

  /** The earliest deadline ahead (end of a pause, of a sleep, of a slowdown), or Infinity. */
  wakeup(): number {
    let min = Infinity;
    if (this.pausedUntil > -Infinity) min = this.pausedUntil;
    if (this.sleepUntil > -Infinity && this.sleepUntil < min) min = this.sleepUntil;
    if (this.slowUntil > -Infinity && this.slowUntil < min) min = this.slowUntil;
    return min;
  }

  /** Ends what is due at `now`; returns false when nothing is left (the task may drop it). */
  expire(now: number): boolean {
    if (this.pausedUntil > -Infinity && now >= this.pausedUntil) this.resume();
    if (now >= this.sleepUntil) this.sleepUntil = -Infinity;
    if (now >= this.slowUntil) this.slowUntil = -Infinity;
    return this.pausedUntil > -Infinity || this.sleepUntil > -Infinity || this.slowUntil > -Infinity || this.injected.length > 0;
  }
}
