/**
 * What the lab's user may do to a traced job between two steps (chaos and queue edits): hold a
 * source (paused, or marked idle as Flink's `withIdleness` would) until released or for N
 * seconds of the job's virtual processing time, release it, inject a record
 * or a watermark into a source or at the head of a channel, drop a channel's head, make a
 * node's function throw on its next record, kill a slot (a failover to the latest completed
 * checkpoint). An intervention is one step of the trace (its
 * `intervention` event says what was done), so it is part of the trace's history: replaying
 * from a snapshot applies it again at the same position, and stepping back before it and
 * forward again gives the same steps (see TraceSession).
 */
import type { ExecutionPlan } from '../plan/execution-plan.js';
import { channelTargets } from '../plan/execution-plan.js';
import { inputPortName } from '../runtime/task-trace.js';

/** Where an injected element goes: the head of channel `channel` (see `channelEnds`), or out of a source subtask as its next element. */
export type InjectTarget = { readonly channel: number } | { readonly source: string; readonly subtask: number };

export type Intervention =
  /**
   * The source subtask stops emitting and stays active: it holds the watermark downstream back.
   * With `seconds`, until that much of the job's (virtual) processing time has passed; else until released.
   */
  | { readonly kind: 'pause-source'; readonly node: string; readonly subtask: number; readonly seconds?: number }
  /** The source subtask stops emitting and its output is marked idle (WatermarkStatus.IDLE): downstream ignores it. `seconds` as for a pause. */
  | { readonly kind: 'idle-source'; readonly node: string; readonly subtask: number; readonly seconds?: number }
  /** A held source subtask is marked active again (if it was idle) and emits again. */
  | { readonly kind: 'resume-source'; readonly node: string; readonly subtask: number }
  | { readonly kind: 'inject-record'; readonly target: InjectTarget; readonly value: unknown; readonly ts: number }
  | { readonly kind: 'inject-watermark'; readonly target: InjectTarget; readonly watermark: number }
  /** The element at the head of a channel is taken out, unread. */
  | { readonly kind: 'drop-head'; readonly channel: number }
  /** The next record node `node` receives makes its function throw `message`: the job fails there. */
  | { readonly kind: 'fail-next-record'; readonly node: string; readonly message: string }
  /**
   * The slot holding subtask `slot` of every node (Flink's default slot sharing) is lost: its
   * tasks fail, and — as Flink's failover does for a job whose tasks are all connected — every
   * task restarts, after the restart strategy's delay, from the latest completed checkpoint
   * (from the start without one); the job fails when the strategy gives up.
   */
  | { readonly kind: 'kill-slot'; readonly slot: number };

export type InterventionKind = Intervention['kind'];

/** One channel's two ends, in the order of `InlineJob.channels()`: upstream vertex and subtask, downstream vertex and subtask. */
export interface ChannelEnds {
  readonly from: string;
  readonly fromSubtask: number;
  readonly to: string;
  readonly toSubtask: number;
  /** The downstream head's input port the channel feeds (`in`, or `in1` / `in2` …). */
  readonly port: string;
  /** The channel's number among that input's channels at the downstream subtask: `watermark.in`'s `channel`. */
  readonly inputChannel: number;
  /** The plan edge the channel belongs to (`ExecutionPlan.edges[edge]`). */
  readonly edge: number;
}

/** The ends of every channel of the plan, in the order the inline host wires them. */
export function channelEnds(plan: ExecutionPlan): ChannelEnds[] {
  const parallelismOf = (id: string) => plan.vertices.find((v) => v.id === id)!.parallelism;
  const out: Array<Omit<ChannelEnds, 'inputChannel'> & { input: 0 | 1; inputChannel: number }> = [];
  for (const edge of plan.edges) {
    const up = parallelismOf(edge.fromVertex);
    const down = parallelismOf(edge.toVertex);
    const port = inputPortName(plan.nodes[edge.toVertex]!.kind, edge.input);
    for (let i = 0; i < up; i++) {
      for (const j of channelTargets(edge, up, down, i)) out.push({ from: edge.fromVertex, fromSubtask: i, to: edge.toVertex, toSubtask: j, port, edge: edge.index, input: edge.input, inputChannel: -1 });
    }
  }
  // The input gate numbers a subtask's channels per input: its input edges in order, upstream subtasks in order.
  for (const v of plan.vertices) {
    for (let j = 0; j < v.parallelism; j++) {
      const counts = [0, 0];
      for (const e of v.inputs) for (const c of out) if (c.edge === e && c.toSubtask === j) c.inputChannel = counts[c.input]!++;
    }
  }
  return out.map(({ input: _i, ...c }) => c);
}

/** "node[subtask] → node[subtask]": how the lab names a channel. */
export function channelName(c: ChannelEnds): string {
  return `${c.from}[${c.fromSubtask}] → ${c.to}[${c.toSubtask}]`;
}

/**
 * The problem with `action` for this plan, as a sentence naming the node or channel and the
 * field, or null when it is well formed (whether it applies now is the stepper's to say).
 */
export function interventionProblem(plan: ExecutionPlan, action: Intervention, channels: number): string | null {
  const sourceSubtask = (node: unknown, subtask: unknown, field: string): string | null => {
    if (typeof node !== 'string' || plan.nodes[node] === undefined) return `${field}: no node "${String(node)}" in the job`;
    const vertex = plan.vertices.find((v) => v.id === plan.nodes[node]!.vertex)!;
    if (!vertex.isSource || vertex.id !== node) return `${field}: "${node}" is not a source`;
    if (!(Number.isInteger(subtask) && (subtask as number) >= 0 && (subtask as number) < vertex.parallelism)) {
      return `subtask: "${node}" has subtasks 0 to ${vertex.parallelism - 1}, not ${String(subtask)}`;
    }
    return null;
  };
  const channel = (c: unknown): string | null => (Number.isInteger(c) && (c as number) >= 0 && (c as number) < channels ? null : `channel: no channel ${String(c)} (the job has ${channels})`);
  const target = (t: InjectTarget | undefined): string | null => {
    if (t === undefined || typeof t !== 'object') return 'target: a channel or a source subtask is needed';
    return 'channel' in t ? channel(t.channel) : sourceSubtask(t.source, t.subtask, 'target.source');
  };
  switch (action.kind) {
    case 'pause-source':
    case 'idle-source':
      if (action.seconds !== undefined && !(typeof action.seconds === 'number' && Number.isFinite(action.seconds) && action.seconds > 0)) {
        return `seconds: how long "${String(action.node)}" stays held must be a positive number of seconds, got ${String(action.seconds)}`;
      }
      return sourceSubtask(action.node, action.subtask, 'node');
    case 'resume-source':
      return sourceSubtask(action.node, action.subtask, 'node');
    case 'inject-record':
      if (typeof action.ts !== 'number' || !Number.isFinite(action.ts)) return `ts: the record's event timestamp must be a finite number of ms, got ${String(action.ts)}`;
      return target(action.target);
    case 'inject-watermark':
      if (typeof action.watermark !== 'number' || Number.isNaN(action.watermark)) return `watermark: must be a number of ms, got ${String(action.watermark)}`;
      return target(action.target);
    case 'drop-head':
      return channel(action.channel);
    case 'fail-next-record': {
      const node = plan.nodes[action.node];
      // keyBy nodes dissolve into partitioned edges: they are not in the plan.
      if (node === undefined) return `node: no operator "${String(action.node)}" in the job (a keyBy only partitions)`;
      if (node.kind.startsWith('source.')) return `node: "${action.node}" is a source; it receives no records`;
      return null;
    }
    case 'kill-slot': {
      const slots = Math.max(...plan.vertices.map((v) => v.parallelism));
      if (!(Number.isInteger(action.slot) && action.slot >= 0 && action.slot < slots)) return `slot: the job runs in slots 0 to ${slots - 1}, not ${String(action.slot)}`;
      return null;
    }
    default:
      return `kind: unknown intervention "${String((action as { kind: unknown }).kind)}"`;
  }
}
