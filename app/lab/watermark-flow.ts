/**
 * Watermarks across the job while stepping: for every node, each subtask's watermark per input
 * channel, which channels are idle, and the combined one (the minimum over its active channels,
 * Flink's valve). The canvas shows it on the nodes; a multi-channel node says which channel
 * holds the minimum back, and an idle channel or node says "idle" (never "no watermark").
 */
import type { TraceStep } from './trace-types';

export interface ChannelWatermark {
  /** The channel's last watermark (−∞ before its first). */
  readonly watermark: number;
  /** Marked idle (WatermarkStatus.IDLE): it holds nothing back. */
  readonly idle: boolean;
}

export interface SubtaskWatermarks {
  /** By channel label: its number, with the port for a two-input node's second input ("in2 0"). */
  readonly channels: ReadonlyMap<string, ChannelWatermark>;
  readonly combined: number;
}

export interface NodeWatermarks {
  /** Per subtask: the watermark of each input channel seen so far, and the combined one. */
  readonly subtasks: ReadonlyMap<number, SubtaskWatermarks>;
}

export interface WatermarkFlow {
  readonly byNode: ReadonlyMap<string, NodeWatermarks>;
  /** Per source node and subtask, the last watermark it emitted (+∞ once its input ended). */
  readonly emitted: ReadonlyMap<string, ReadonlyMap<number, number>>;
}

/** How a channel is named: its number, with the port when it is not the first input. */
export function channelLabel(channel: unknown, port: unknown): string {
  return port === undefined || port === 'in' || port === 'in1' ? String(channel) : `${String(port)} ${String(channel)}`;
}

/** A channel into a subtask, as the engine's channel view names it (`ChannelEnds`). */
export interface InputChannel {
  readonly from?: string;
  readonly fromSubtask?: number;
  readonly to: string;
  readonly toSubtask: number;
  readonly port: string;
  readonly inputChannel: number;
  /** The plan edge the channel belongs to. */
  readonly edge?: number;
}

interface FlowState {
  readonly byNode: Map<string, Map<number, { channels: Map<string, ChannelWatermark>; combined: number }>>;
  readonly emitted: Map<string, Map<number, number>>;
}

const emptyState = (): FlowState => ({ byNode: new Map(), emitted: new Map() });

/** What one step does to the watermarks: its `watermark.in` and `idle.in` events, through the valve, and what sources emit. */
function applyStep(state: FlowState, s: TraceStep, inputs: readonly InputChannel[]): void {
  const { byNode, emitted } = state;
  for (const e of s.events) {
    if ((e.type === 'source.emit' && typeof e['watermark'] === 'number') || e.type === 'source.end') {
      const node = typeof e['node'] === 'string' ? e['node'] : s.node;
      let subs = emitted.get(node);
      if (!subs) emitted.set(node, (subs = new Map()));
      subs.set(s.subtask, e.type === 'source.end' ? Infinity : (e['watermark'] as number));
      continue;
    }
    if (e.type !== 'watermark.in' && e.type !== 'idle.in') continue;
    const node = typeof e['node'] === 'string' ? e['node'] : s.node;
    let subtasks = byNode.get(node);
    if (!subtasks) byNode.set(node, (subtasks = new Map()));
    let sub = subtasks.get(s.subtask);
    if (!sub) {
      subtasks.set(s.subtask, (sub = { channels: new Map(), combined: -Infinity }));
      for (const c of inputs) if (c.to === node && c.toSubtask === s.subtask) sub.channels.set(channelLabel(c.inputChannel, c.port), { watermark: -Infinity, idle: false });
    }
    const label = channelLabel(e['channel'], e['port']);
    const before = sub.channels.get(label) ?? { watermark: -Infinity, idle: false };
    if (e.type === 'watermark.in') {
      // A watermark that arrives marks nothing active: idleness changes only by status.
      sub.channels.set(label, { watermark: e['watermark'] as number, idle: e['end'] === true ? false : before.idle });
      sub.combined = e['combined'] as number;
    } else {
      sub.channels.set(label, { watermark: before.watermark, idle: e['idle'] === true });
      // The valve's output after a status change: the minimum over active channels, only forward.
      let min = Infinity;
      for (const c of sub.channels.values()) if (!c.idle) min = Math.min(min, c.watermark);
      if (min !== Infinity) sub.combined = Math.max(sub.combined, min);
    }
  }
}

/** A copy that later steps do not change (channel entries are replaced, never mutated). */
function copyState(state: FlowState): FlowState {
  return {
    byNode: new Map([...state.byNode].map(([n, subs]) => [n, new Map([...subs].map(([i, sub]) => [i, { channels: new Map(sub.channels), combined: sub.combined }]))])),
    emitted: new Map([...state.emitted].map(([n, subs]) => [n, new Map(subs)])),
  };
}

function flowOf(state: FlowState): WatermarkFlow {
  const copy = copyState(state);
  return { byNode: new Map([...copy.byNode].map(([n, subtasks]) => [n, { subtasks }])), emitted: copy.emitted };
}

/**
 * The watermarks after `steps[0..upTo]`. With `inputs`, a subtask that has seen a watermark or
 * status lists all its channels: one that has sent nothing yet is at −∞ and holds the minimum.
 */
export function watermarkFlowAt(steps: readonly TraceStep[], upTo: number, inputs: readonly InputChannel[] = []): WatermarkFlow {
  const state = emptyState();
  for (let i = 0; i <= upTo && i < steps.length; i++) applyStep(state, steps[i]!, inputs);
  return flowOf(state);
}

/** Steps between the index's saved states: going back replays at most this many. */
const FLOW_SNAPSHOT_EVERY = 256;

/**
 * `watermarkFlowAt` for a lab that moves back and forth over one growing trace: forward it
 * applies only the new steps; back, it starts from the state saved at the nearest multiple of
 * FLOW_SNAPSHOT_EVERY steps below, so a move costs at most that many steps, never the whole
 * trace. Bound to one steps array (appended to in place) and one set of channels.
 */
export class WatermarkFlowIndex {
  private state: FlowState = emptyState();
  /** The last step applied to `state` (−1: none). */
  private applied = -1;
  /** `saved[k]`: the state after step (k + 1) · FLOW_SNAPSHOT_EVERY − 1. */
  private readonly saved: FlowState[] = [];

  constructor(
    readonly steps: readonly TraceStep[],
    readonly inputs: readonly InputChannel[],
  ) {}

  at(upTo: number): WatermarkFlow {
    const target = Math.min(upTo, this.steps.length - 1);
    if (target < this.applied) {
      const k = Math.min(this.saved.length, Math.floor((target + 1) / FLOW_SNAPSHOT_EVERY)) - 1;
      this.state = k >= 0 ? copyState(this.saved[k]!) : emptyState();
      this.applied = k >= 0 ? (k + 1) * FLOW_SNAPSHOT_EVERY - 1 : -1;
    }
    while (this.applied < target) {
      this.applied++;
      applyStep(this.state, this.steps[this.applied]!, this.inputs);
      if ((this.applied + 1) % FLOW_SNAPSHOT_EVERY === 0 && this.saved.length === (this.applied + 1) / FLOW_SNAPSHOT_EVERY - 1) this.saved.push(copyState(this.state));
    }
    return flowOf(this.state);
  }
}

/** True when every channel of the subtask is idle (the subtask's input is idle). */
export function subtaskIdle(sub: SubtaskWatermarks): boolean {
  if (sub.channels.size === 0) return false;
  for (const c of sub.channels.values()) if (!c.idle) return false;
  return true;
}

/** The node's watermark as a whole: the minimum over its subtasks that are not idle (−∞ until each has one). */
export function nodeWatermark(w: NodeWatermarks): number {
  let min = Infinity;
  let active = 0;
  for (const s of w.subtasks.values()) {
    if (subtaskIdle(s)) continue;
    active++;
    min = Math.min(min, s.combined);
  }
  return active === 0 ? -Infinity : min;
}

/** True when every subtask of the node is idle. */
export function nodeIdle(w: NodeWatermarks): boolean {
  if (w.subtasks.size === 0) return false;
  for (const s of w.subtasks.values()) if (!subtaskIdle(s)) return false;
  return true;
}

/** The channel holding a subtask's combined watermark back: the lowest active one, when another active channel is ahead of it. */
export function holdingChannel(sub: SubtaskWatermarks): string | null {
  if (sub.channels.size < 2) return null;
  let best: string | null = null;
  let min = Infinity;
  let max = -Infinity;
  for (const [ch, c] of sub.channels) {
    if (c.idle) continue;
    if (c.watermark < min || best === null) {
      min = c.watermark;
      best = ch;
    }
    max = Math.max(max, c.watermark);
  }
  // Only a channel below another active one holds the minimum back (not when all are level).
  return max > min ? best : null;
}
