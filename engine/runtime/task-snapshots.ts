/**
 * A task's snapshots: the chain's state where a checkpoint barrier passes (aligned), the cut of an
 * unaligned checkpoint and the in-flight data that completes it, the in-flight data replayed after
 * a restore from one, and the state a finished task keeps contributing to later checkpoints. The
 * host gets every snapshot through `TaskCheckpointing.onSnapshot`; when to take one is the task's
 * (`Task.triggerCheckpoint`, and the input gate's barrier handlers).
 */
import { decodeState, encodeState } from '../checkpoint/state-codec.js';
import type { RecordWriter } from '../net/record-writer.js';
import type { ChannelState, OperatorSnapshot, RowKind } from '../operators/operator.js';
import type { InFlightInput } from './input-gate.js';
import type { Task, TaskEnvironment } from './task.js';
import type { ChainEntry } from './task-chain.js';

/** Runs `f` for chain member `nodeId`; a throw fails the task and names the node (`Task.guard`). */
export type Guard = <T>(nodeId: string, f: () => T) => T;

/** The unaligned checkpoint in progress: the chain's state (a copy) and in-flight output, taken at its first barrier. */
export interface UnalignedCut {
  readonly id: number;
  readonly state: Record<string, OperatorSnapshot>;
  readonly outputs: NonNullable<ChannelState['outputs']>;
}

export class TaskSnapshots {
  /** The unaligned checkpoint in progress, or null. */
  cut: UnalignedCut | null = null;
  /** In-flight data restored from an unaligned checkpoint, handled by the task's first step. */
  replay: ChannelState | null = null;
  /** The chain's state when it finished: what a finished task contributes to later checkpoints. */
  finalState: Record<string, OperatorSnapshot> | null = null;

  constructor(
    private readonly task: Task,
    private readonly chain: readonly ChainEntry[],
    private readonly writers: readonly RecordWriter[],
    /** Per writer: the chain member it belongs to and its physical edge (for in-flight output). */
    private readonly writerIds: ReadonlyArray<{ node: string; edge: number }>,
    private readonly env: TaskEnvironment,
    private readonly guard: Guard,
  ) {}

  /** Snapshot of every operator in the chain, by node id. */
  take(): Record<string, OperatorSnapshot> {
    const out: Record<string, OperatorSnapshot> = {};
    for (const { node, op } of this.chain) out[node.id] = this.guard(node.id, () => op.snapshotState());
    return out;
  }

  /** Restores every operator that has a snapshot; in-flight data on it is replayed by the first step. */
  restore(snapshots: Record<string, OperatorSnapshot | undefined>): void {
    for (const { node, op } of this.chain) {
      const snapshot = snapshots[node.id];
      if (snapshot === undefined) continue;
      const { channels, ...s } = snapshot;
      if (channels !== undefined) this.replay = channels;
      this.guard(node.id, () => op.restoreState(s));
    }
  }

  /**
   * A checkpoint this task was triggered for while it waited for its barrier (not a source):
   * when every upstream task had already finished, no barrier comes, only the end of its inputs.
   */
  awaiting: number | null = null;

  /**
   * The chain finished: keep its state for the checkpoints that follow (with checkpointing on).
   * A checkpoint it still waited a barrier for gets that state: its upstream tasks had finished
   * before the trigger (Flink triggers such a task directly, FLIP-147), so nothing it processed
   * since comes after a barrier.
   */
  keepFinal(): void {
    if (this.env.checkpoints !== undefined) this.finalState = this.take();
    const id = this.awaiting;
    this.awaiting = null;
    if (id !== null) this.reportFinished(id);
  }

  /** A finished task reports the state it finished with. */
  reportFinished(id: number): void {
    this.env.tracer?.event({ type: 'checkpoint.snapshot', node: this.task.headId, checkpointId: id });
    this.env.checkpoints?.onSnapshot(this.task, id, this.finalState ?? {}, 0);
  }

  /** A task whose input ended but which still flushes gets no barrier: it reports its state now. */
  reportDraining(id: number): void {
    this.env.checkpoints?.onSnapshot(this.task, id, this.take(), 0);
  }

  /** Snapshot the chain and pass the barrier on, in that order: the snapshot is what came before it. */
  checkpoint(id: number, alignmentMs = 0): void {
    const cp = this.env.checkpoints;
    if (cp === undefined) return;
    this.env.tracer?.event({ type: 'checkpoint.snapshot', node: this.task.headId, checkpointId: id });
    if (this.awaiting !== null && id >= this.awaiting) this.awaiting = null;
    cp.onSnapshot(this.task, id, this.take(), alignmentMs);
    for (const w of this.writers) w.broadcastEvent({ kind: 'barrier', id });
  }

  /** A source's unaligned barrier overtakes its output buffers, which join the snapshot. */
  checkpointSourceUnaligned(id: number): void {
    const cp = this.env.checkpoints;
    if (cp === undefined) return;
    const state = this.take();
    this.env.tracer?.event({ type: 'checkpoint.snapshot', node: this.task.headId, checkpointId: id });
    // The host encodes the state before anything runs again: no copy needed.
    cp.onSnapshot(this.task, id, this.withChannels(state, { outputs: this.sendBarrierAhead(id) }), 0);
  }

  /** The first unaligned barrier reached this task: take the state now and pass the barrier on at once. */
  startUnaligned(id: number): void {
    const cp = this.env.checkpoints;
    if (cp === undefined) return;
    // A copy, made the way the checkpoint will store it: the chain keeps running until every
    // channel delivered its barrier.
    if (this.awaiting !== null && id >= this.awaiting) this.awaiting = null;
    const cut = decodeState(encodeState({ state: this.take(), outputs: this.sendBarrierAhead(id) })) as Omit<UnalignedCut, 'id'>;
    this.cut = { id, ...cut };
    cp.onCut?.(this.task, id);
  }

  /** Every channel delivered the barrier: the snapshot is the cut's state plus the in-flight data. */
  completeUnaligned(id: number, inputs: InFlightInput[]): void {
    const cut = this.cut;
    const cp = this.env.checkpoints;
    if (cut === null || cut.id !== id || cp === undefined) return;
    this.cut = null;
    this.env.tracer?.event({ type: 'checkpoint.snapshot', node: this.task.headId, checkpointId: id });
    cp.onSnapshot(this.task, id, this.withChannels(cut.state, { inputs, outputs: cut.outputs }), 0);
  }

  /** After a restore from an unaligned checkpoint: send the in-flight output again, then replay the in-flight input. */
  replayInFlight(): void {
    const replay = this.replay!;
    this.replay = null;
    for (const o of replay.outputs ?? []) {
      const i = this.writerIds.findIndex((w) => w.node === o.node && w.edge === o.edge);
      if (i < 0) throw new Error(`the checkpoint holds in-flight output of edge ${o.edge} of "${o.node}", which this task does not have`);
      const writer = this.writers[i]!;
      for (let k = 0; k < o.values.length; k++) writer.write(o.values[k], o.timestamps[k]!, o.kinds?.[k] as RowKind | undefined);
    }
    const head = this.chain[0]!.op;
    for (const f of replay.inputs ?? []) for (let k = 0; k < f.values.length; k++) head.processElement(f.values[k], f.timestamps[k]!, f.input, f.kinds?.[k] as RowKind | undefined);
  }

  /** Sends unaligned barrier `id` ahead on every output edge; returns the output it overtook. */
  private sendBarrierAhead(id: number): NonNullable<ChannelState['outputs']> {
    const outputs: Array<NonNullable<ChannelState['outputs']>[number]> = [];
    for (let i = 0; i < this.writers.length; i++) {
      const { values, timestamps, kinds } = this.writers[i]!.sendBarrierAhead({ kind: 'barrier', id, unaligned: true });
      if (values.length > 0) outputs.push({ ...this.writerIds[i]!, values, timestamps, ...(kinds !== undefined ? { kinds } : {}) });
    }
    return outputs;
  }

  /** `state` with the in-flight data on the chain head's snapshot (when there is any). */
  private withChannels(state: Record<string, OperatorSnapshot>, channels: ChannelState): Record<string, OperatorSnapshot> {
    const inputs = channels.inputs?.filter((f) => f.values.length > 0) ?? [];
    const outputs = channels.outputs ?? [];
    if (inputs.length === 0 && outputs.length === 0) return state;
    const head = this.chain[0]!.node.id;
    return { ...state, [head]: { ...state[head], channels: { ...(inputs.length > 0 ? { inputs } : {}), ...(outputs.length > 0 ? { outputs } : {}) } } };
  }
}
