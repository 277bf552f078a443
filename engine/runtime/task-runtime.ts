/**
 * A task's state between two steps beyond its operators' snapshots — status, wakeups, the input
 * gate's valves and barriers, the checkpoint it waits a barrier for, each output's last watermark, the writers' buffers, operators'
 * transient state and timer queues — as plain data, so the stepping host (`trace/`) can go back
 * to a step exactly.
 */
import type { RecordWriter } from '../net/record-writer.js';
import type { OperatorSnapshot } from '../operators/operator.js';
import type { TimerQueuesState } from '../time/timer-service.js';
import type { GateRuntime, InputGate } from './input-gate.js';
import type { OutputRuntime } from './operator-output.js';
import type { TaskState } from './task.js';
import type { ChainEntry } from './task-chain.js';
import type { TaskLoop } from './task-loop.js';
import type { TaskSnapshots, UnalignedCut } from './task-snapshots.js';

/** A task's state between steps beyond its operators' snapshots, as `saveRuntime` takes it. */
export interface TaskRuntime {
  readonly state: TaskState;
  readonly wakeups: number[];
  readonly waiting: boolean;
  /** An operator notified the mailbox and the task has not run the mail yet (a restored asyncMap's queue). */
  readonly mail?: boolean;
  /** The input ended while an asyncMap head still had work: the chain finishes once it drained. */
  readonly finishPending?: boolean;
  readonly gateIdle: boolean;
  readonly cut: unknown;
  readonly finalState: Record<string, OperatorSnapshot> | null;
  /** The checkpoint the task was triggered for and still waits a barrier for (see TaskSnapshots.awaiting). */
  readonly awaiting: number | null;
  readonly gate: GateRuntime | null;
  readonly outputs: OutputRuntime[];
  readonly writers: Array<number | null>;
  readonly operators: unknown[];
  /** Each chain member's input watermark (undefined for an operator that keeps none). */
  readonly inputWatermarks: Array<number | undefined>;
  readonly timers: Array<TimerQueuesState | null>;
}

/** The parts of a task that hold its runtime. */
export interface TaskParts {
  readonly loop: TaskLoop;
  readonly snapshots: TaskSnapshots;
  readonly gate: InputGate | null;
  readonly chain: readonly ChainEntry[];
  readonly writers: readonly RecordWriter[];
}

/** The task's runtime now, a copy. */
export function saveTaskRuntime({ loop, snapshots, gate, chain, writers }: TaskParts): TaskRuntime {
  return structuredClone({
    state: loop.state,
    wakeups: loop.wakeups,
    waiting: loop.waiting,
    mail: loop.mail,
    finishPending: loop.finishPending,
    gateIdle: loop.gateIdle,
    cut: snapshots.cut,
    finalState: snapshots.finalState,
    awaiting: snapshots.awaiting,
    gate: gate?.saveRuntime() ?? null,
    outputs: chain.map((c) => c.output.saveRuntime()),
    writers: writers.map((w) => w.saveRuntime()),
    operators: chain.map((c) => c.op.saveTransient?.()),
    inputWatermarks: chain.map((c) => c.op.saveInputWatermark?.()),
    timers: chain.map((c) => c.ctx?.keyed?.timers.saveQueues() ?? null),
  });
}

/** Loads what `saveTaskRuntime` took, into a task of the same plan opened with the same operator snapshots. */
export function loadTaskRuntime({ loop, snapshots, gate, chain, writers }: TaskParts, saved: TaskRuntime): void {
  const s = structuredClone(saved);
  loop.state = s.state;
  // Timers first: re-adding processing-time timers asks for wakeups, which the saved list replaces.
  chain.forEach((c, i) => {
    const timers = s.timers[i];
    if (timers) c.ctx?.keyed?.timers.loadQueues(timers);
  });
  loop.wakeups.length = 0;
  loop.wakeups.push(...s.wakeups);
  loop.waiting = s.waiting;
  loop.mail = s.mail ?? false;
  loop.finishPending = s.finishPending ?? false;
  loop.gateIdle = s.gateIdle;
  snapshots.cut = s.cut as UnalignedCut | null;
  snapshots.finalState = s.finalState;
  snapshots.awaiting = s.awaiting ?? null;
  if (s.gate !== null) gate?.loadRuntime(s.gate);
  writers.forEach((w, i) => {
    w.loadRuntime(s.writers[i]!);
  });
  chain.forEach((c, i) => {
    c.output.loadRuntime(s.outputs[i]!);
    const w = s.inputWatermarks[i];
    if (w !== undefined) c.op.loadInputWatermark?.(w);
    if (s.operators[i] !== undefined) c.op.loadTransient?.(s.operators[i]);
  });
}
