/**
 * How a plan spreads over slots: subtask i of every vertex goes to slot i mod slots (slot
 * sharing), and every channel either stays inside one slot (an in-memory queue) or crosses two
 * (a MessagePort pair, one end handed to each worker).
 */
import type { PortLike } from '../net/port-channel.js';
import { type ExecutionPlan, channelTargets } from '../plan/execution-plan.js';
import type { ChannelAssignment } from './slot-protocol.js';

export interface SlotLayout {
  readonly subtasks: Array<{ vertex: string; index: number }>;
  readonly channels: ChannelAssignment[];
  /** Ports to transfer to this slot's worker. */
  readonly transfers: PortLike[];
}

export function layoutSlots(plan: ExecutionPlan, slots: number, makeChannel: () => { port1: PortLike; port2: PortLike }): SlotLayout[] {
  const slotOf = (index: number) => index % slots;
  const layout: SlotLayout[] = Array.from({ length: slots }, () => ({ subtasks: [], channels: [], transfers: [] }));
  for (const v of plan.vertices) for (let i = 0; i < v.parallelism; i++) layout[slotOf(i)]!.subtasks.push({ vertex: v.id, index: i });
  const parallelism = new Map(plan.vertices.map((v) => [v.id, v.parallelism]));
  for (const edge of plan.edges) {
    const up = parallelism.get(edge.fromVertex)!;
    const down = parallelism.get(edge.toVertex)!;
    for (let i = 0; i < up; i++) {
      for (const j of channelTargets(edge, up, down, i)) {
        const s = layout[slotOf(i)]!;
        const r = layout[slotOf(j)]!;
        if (s === r) {
          s.channels.push({ edge: edge.index, from: i, to: j });
          continue;
        }
        const { port1, port2 } = makeChannel();
        s.channels.push({ edge: edge.index, from: i, to: j, port: port1, end: 'send' });
        r.channels.push({ edge: edge.index, from: i, to: j, port: port2, end: 'receive' });
        s.transfers.push(port1);
        r.transfers.push(port2);
      }
    }
  }
  return layout;
}
