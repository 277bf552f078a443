/**
 * Test and teaching world for the checkpoint readers, diff and editor: real operators (a process
 * function with every kind of keyed state and timers, session and count-triggered windows, a
 * collection source) run through the harness, and their snapshots packed into a checkpoint as the
 * coordinator stores it.
 */
import { OperatorHarness } from '../operators/harness.js';
import type { OperatorSnapshot } from '../operators/operator.js';
import { ProcessOperator } from '../operators/process.js';
import { CollectionSource } from '../operators/source-collection.js';
import { keyGroupOf, subtaskForKeyGroup } from '../state/key-groups.js';
import { windowHarness } from '../window/window-harness.js';
import { crc32, encodeState } from './state-codec.js';
import type { CompletedCheckpoint } from './storage.js';
import { taskKey } from '../runtime/task-key.js';

/** A process function using all five kinds of keyed state (one with TTL) and both kinds of timers. */
export const EVERY_STATE_CODE = `({
  onElement(r, ctx, out) {
    const seen = ctx.state.value('seen', { ttlMs: 60000 });
    seen.update((seen.get() ?? 0) + 1);
    ctx.state.list('items').add(r.v);
    ctx.state.map('byTag').put(r.tag, (ctx.state.map('byTag').get(r.tag) ?? 0) + r.v);
    ctx.state.reducing('max', (a, b) => Math.max(a, b)).add(r.v);
    ctx.state.aggregating('avg', { create: () => ({ n: 0, s: 0 }), add: (v, a) => ({ n: a.n + 1, s: a.s + v }), result: (a) => a.s / a.n }).add(r.v);
    ctx.timers.registerEventTime(ctx.timestamp + 1000);
    ctx.timers.registerProcessingTime(5000);
  },
})`;

/** Keyed operators run at one subtask each; `subtaskOf` splits their state as `parallelism` subtasks would hold it. */
export function splitBySubtask(snapshot: OperatorSnapshot, parallelism: number, maxParallelism = 128): OperatorSnapshot[] {
  const out: OperatorSnapshot[] = Array.from({ length: parallelism }, () => ({}));
  for (const [kg, group] of Object.entries(snapshot.keyed ?? {})) {
    const s = out[subtaskForKeyGroup(Number(kg), maxParallelism, parallelism)]!;
    (s.keyed ??= {})[Number(kg)] = group;
  }
  for (const s of out) {
    if (snapshot.states) s.states = snapshot.states;
    if (snapshot.watermark !== undefined) s.watermark = snapshot.watermark;
  }
  return out;
}

export interface StateWorld {
  process: OperatorHarness;
  sessions: OperatorHarness;
  counts: OperatorHarness;
  source: OperatorHarness;
}

/** Fresh operators with a little state; `records` go to the process function as `{user, tag, v}` at their timestamps. */
export function stateWorld(records: Array<[{ user: string; tag: string; v: number }, number]> = DEFAULT_RECORDS): StateWorld {
  const process = new OperatorHarness(new ProcessOperator(), { nodeId: 'proc', kind: 'process', params: { code: EVERY_STATE_CODE }, keys: ['user'], startTime: 1000 });
  process.processElements(records);
  const sessions = windowHarness({ assigner: { type: 'session', gapMs: 3000, time: 'event' } });
  sessions.processElement({ k: 'ann', v: 1 }, 0).processElement({ k: 'ann', v: 2 }, 1000).processElement({ k: 'bob', v: 5 }, 500);
  const counts = windowHarness({ assigner: { type: 'tumbling', sizeMs: 10_000 }, trigger: { type: 'count', count: 3 } });
  counts.processElement({ k: 'ann', v: 1 }, 100).processElement({ k: 'ann', v: 2 }, 200);
  const source = new OperatorHarness(new CollectionSource(), { nodeId: 'src', kind: 'source.collection', params: { records: [1, 2, 3, 4], timestampField: null } });
  source.runSource(2);
  return { process, sessions, counts, source };
}

export const DEFAULT_RECORDS: Array<[{ user: string; tag: string; v: number }, number]> = [
  [{ user: 'ann', tag: 'x', v: 3 }, 100],
  [{ user: 'bob', tag: 'y', v: 7 }, 200],
  [{ user: 'ann', tag: 'y', v: 5 }, 300],
];

/** Packs per-node subtask snapshots into a stored checkpoint: one blob per subtask, like the coordinator. */
export function packCheckpoint(id: number, byNode: Record<string, OperatorSnapshot[]>, kind: 'checkpoint' | 'savepoint' = 'checkpoint'): CompletedCheckpoint {
  const tasks = new Map<string, Record<string, OperatorSnapshot>>();
  for (const [node, snapshots] of Object.entries(byNode)) {
    snapshots.forEach((s, i) => {
      const task = taskKey(`v-${node}`, i);
      if (!tasks.has(task)) tasks.set(task, {});
      tasks.get(task)![node] = s;
    });
  }
  const blobs = [...tasks].map(([task, state]) => {
    const bytes = encodeState(state);
    return { task, bytes, crc32: crc32(bytes) };
  });
  return {
    metadata: {
      id,
      kind,
      triggeredAt: 1_700_000_000_000 + id * 1000,
      completedAt: 1_700_000_000_050 + id * 1000,
      parallelism: Object.fromEntries(Object.entries(byNode).map(([n, s]) => [n, s.length])),
      size: blobs.reduce((n, b) => n + b.bytes.length, 0),
      tasks: blobs.map((b) => b.task),
    },
    blobs,
  };
}

/** The world's state as a checkpoint: process and windows at parallelism 2, the source at 1. */
export function worldCheckpoint(id: number, world: StateWorld): CompletedCheckpoint {
  return packCheckpoint(id, {
    proc: splitBySubtask(world.process.snapshot(), 2),
    sessions: splitBySubtask(world.sessions.snapshot(), 2),
    counts: splitBySubtask(world.counts.snapshot(), 2),
    src: [world.source.snapshot()],
  });
}

/** Which of 2 subtasks owns `key` (for assertions). */
export const ownerOf = (key: unknown, parallelism = 2) => subtaskForKeyGroup(keyGroupOf(key, 128), 128, parallelism);
