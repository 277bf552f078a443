import { describe, expect, it } from 'vitest';
import type { OperatorSnapshot } from '../operators/operator.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import { CorruptCheckpointError, StateMismatchError, decodeCheckpoint, latestUsableCheckpoint, restoreStateFor, stateForSubtask } from './restore.js';
import { crc32, decodeState, encodeState } from './state-codec.js';
import { savepointFromText, savepointToText } from './savepoint-file.js';
import { type CompletedCheckpoint, MemoryCheckpointStorage } from './storage.js';

function checkpoint(id: number, states: Record<string, Record<string, OperatorSnapshot>>, parallelism: Record<string, number>): CompletedCheckpoint {
  const blobs = Object.entries(states).map(([task, state]) => {
    const bytes = encodeState(state);
    return { task, bytes, crc32: crc32(bytes) };
  });
  return {
    metadata: { id, kind: 'checkpoint', triggeredAt: 0, completedAt: 1, parallelism, size: 0, tasks: blobs.map((b) => b.task) },
    blobs,
  };
}

const planWith = (nodes: Record<string, number>) => ({ nodes: Object.fromEntries(Object.entries(nodes).map(([id, p]) => [id, { id, parallelism: p }])) }) as unknown as ExecutionPlan;

describe('state codec', () => {
  it('keeps ±Infinity and NaN, which JSON alone loses', () => {
    const state = { timers: [[1, 'global', Infinity]], watermark: -Infinity, x: Number.NaN, nested: { a: [1, 'two', null] } };
    expect(decodeState(encodeState(state))).toEqual(state);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('restore', () => {
  it('maps state to nodes by id and subtask at the same parallelism', () => {
    const cp = checkpoint(1, { 'v#0': { a: { operator: { index: 5 } } }, 'v#1': { a: { operator: { index: 6 } } } }, { a: 2 });
    const restored = restoreStateFor(planWith({ a: 2 }), decodeCheckpoint(cp));
    expect(restored.a).toEqual([{ operator: { index: 5 } }, { operator: { index: 6 } }]);
  });

  it('hands every new subtask all keyed groups and the list of operator states when rescaling, and drops the watermark older checkpoints carry', () => {
    const old: OperatorSnapshot[] = [
      { keyed: { 1: 'g1' }, operator: { i: 0 }, watermark: 50 },
      { keyed: { 7: 'g7' }, operator: { i: 1 }, watermark: 40 },
    ];
    expect(stateForSubtask(old, 2, 3, 1)).toEqual({ keyed: { 1: 'g1', 7: 'g7' }, operator: [{ i: 0 }, { i: 1 }] });
  });

  it('refuses state for a node the job no longer has, unless allowed to drop it', () => {
    const cp = decodeCheckpoint(checkpoint(1, { 'v#0': { gone: {}, a: {} } }, { gone: 1, a: 1 }));
    expect(() => restoreStateFor(planWith({ a: 1 }), cp)).toThrow(StateMismatchError);
    expect(() => restoreStateFor(planWith({ a: 1 }), cp)).toThrow('state for node "gone"');
    expect(Object.keys(restoreStateFor(planWith({ a: 1 }), cp, true))).toEqual(['a']);
  });

  it('detects a blob that fails its checksum, and falls back to the previous checkpoint', async () => {
    const storage = new MemoryCheckpointStorage();
    await storage.save(checkpoint(1, { 'v#0': { a: { operator: 1 } } }, { a: 1 }));
    await storage.save(checkpoint(2, { 'v#0': { a: { operator: 2 } } }, { a: 1 }));
    storage.corrupt(2);
    const damaged = await storage.load(2);
    expect(() => decodeCheckpoint(damaged)).toThrow(CorruptCheckpointError);
    const reported: string[] = [];
    const latest = await latestUsableCheckpoint(storage, (e) => reported.push(e.message));
    expect(latest?.id).toBe(1);
    expect(reported).toEqual(['checkpoint 2 is unusable: the state of v#0 fails its checksum']);
  });

  it('round-trips a savepoint file', () => {
    const cp = checkpoint(4, { 'v#0': { a: { operator: { offset: 12 }, watermark: Infinity } } }, { a: 1 });
    const back = savepointFromText(savepointToText(cp));
    expect(decodeCheckpoint(back)).toEqual(decodeCheckpoint(cp));
    expect(() => savepointFromText('{"format":"other"}')).toThrow('not a savepoint file');
  });
});

describe('reading keyed state of a checkpoint', () => {
  it('lists key, state name, namespace and value of one operator', async () => {
    const { readKeyedState } = await import('./inspect.js');
    const cp = checkpoint(
      5,
      {
        'v#0': { count: { keyed: { 3: { state: { seen: [['bob', '', 2]] } } } } },
        'v#1': { count: { keyed: { 90: { state: { seen: [['ann', '', 7]], window: [['ann', '0:5000', [1, 2]]] } } } } },
      },
      { count: 2 },
    );
    expect(readKeyedState(decodeCheckpoint(cp), 'count')).toEqual([
      { key: 'ann', state: 'seen', namespace: '', value: 7, subtask: 1, keyGroup: 90 },
      { key: 'ann', state: 'window', namespace: '0:5000', value: [1, 2], subtask: 1, keyGroup: 90 },
      { key: 'bob', state: 'seen', namespace: '', value: 2, subtask: 0, keyGroup: 3 },
    ]);
    expect(() => readKeyedState(decodeCheckpoint(cp), 'nope')).toThrow('no state for node "nope"');
  });
});
