import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../operators/harness.js';
import { ProcessOperator } from '../operators/process.js';
import { restoredWindowHarness } from '../window/window-harness.js';
import { decodeCheckpoint, stateForSubtask } from './restore.js';
import { type StateEdit, StateEditError, editSavepoint } from './state-edit.js';
import { readStateRows } from './state-rows.js';
import { EVERY_STATE_CODE, stateWorld, worldCheckpoint } from './state-world.js';

const world = () => worldCheckpoint(1, stateWorld());
const edited = (...edits: StateEdit[]) => decodeCheckpoint(editSavepoint(world(), edits));
/** A node's state of an edited checkpoint as one subtask holds it after a restore at parallelism 1. */
const asOne = (cp: ReturnType<typeof edited>, node: string) => stateForSubtask(cp.byNode[node]!, 2, 1, 0);
const value = (cp: ReturnType<typeof edited>, node: string, key: string, state: string) =>
  readStateRows(cp, { node, key }).find((r) => r.kind === 'keyed' && r.state === state) as { value: unknown; ttl?: unknown } | undefined;

describe('editing a checkpoint into a savepoint', () => {
  it('sets a key\'s value in every kind of state, in the shape each keeps, and a function restored from it reads the new values', () => {
    const cp = edited(
      { op: 'set', node: 'proc', key: 'ann', state: 'seen', value: 100 },
      { op: 'set', node: 'proc', key: 'ann', state: 'items', value: [1, 2] },
      { op: 'set', node: 'proc', key: 'ann', state: 'byTag', value: { z: 9 } },
      { op: 'set', node: 'proc', key: 'ann', state: 'max', value: 50 },
      { op: 'set', node: 'proc', key: 'ann', state: 'avg', value: { n: 10, s: 10 } },
      { op: 'set', node: 'proc', key: 'dan', state: 'seen', value: 7 },
    );
    expect(value(cp, 'proc', 'ann', 'seen')).toMatchObject({ value: 100, ttl: { writtenAt: 1000, expiresAt: 61000 } });
    expect(value(cp, 'proc', 'ann', 'byTag')?.value).toEqual([['z', 9]]);
    expect(value(cp, 'proc', 'dan', 'seen')?.value).toBe(7);
    const reader = `({ onElement(r, ctx, out) {
      ${EVERY_STATE_CODE.slice(EVERY_STATE_CODE.indexOf('const seen'), EVERY_STATE_CODE.indexOf('ctx.timers'))}
      out.collect([seen.get(), ctx.state.list('items').get(), ctx.state.map('byTag').entries(), ctx.state.reducing('max', (a, b) => Math.max(a, b)).get(), ctx.state.aggregating('avg', { create: () => ({ n: 0, s: 0 }), add: (v, a) => ({ n: a.n + 1, s: a.s + v }), result: (a) => a.s / a.n }).get()]);
    } })`;
    const h = new OperatorHarness(new ProcessOperator(), { nodeId: 'proc', kind: 'process', params: { code: reader }, keys: ['user'], startTime: 2000 }).restore(asOne(cp, 'proc'));
    h.processElement({ user: 'ann', tag: 'z', v: 1 }, 10).processElement({ user: 'dan', tag: 'q', v: 60 }, 10);
    expect(h.records()).toEqual([
      [101, [1, 2, 1], [['z', 10]], 50, 1],
      [8, [60], [['q', 60]], 60, 60],
    ]);
  });

  it('deletes a key (its state and timers) or one state of a key', () => {
    const cp = edited({ op: 'delete', node: 'proc', key: 'bob' }, { op: 'delete', node: 'proc', key: 'ann', state: 'items' });
    expect(readStateRows(cp, { node: 'proc', key: 'bob' })).toEqual([]);
    const ann = readStateRows(cp, { node: 'proc', key: 'ann' });
    expect(ann.filter((r) => r.kind === 'keyed').map((r) => r.kind === 'keyed' && r.state)).toEqual(['avg', 'byTag', 'max', 'seen']);
    expect(ann.filter((r) => r.kind === 'timer')).toHaveLength(3);
  });

  it('clears a window of a key: contents, trigger state and its timers; a session window also leaves the merging set', () => {
    const counts = edited({ op: 'clear-window', node: 'counts', key: 'ann', window: { start: 0, end: 10_000 } });
    expect(readStateRows(counts, { node: 'counts' }).filter((r) => r.kind !== 'operator')).toEqual([]);
    const sessions = edited({ op: 'clear-window', node: 'sessions', key: 'ann', window: { start: 0, end: 4000 } });
    expect(readStateRows(sessions, { node: 'sessions', key: 'ann' })).toEqual([]);
    expect(readStateRows(sessions, { node: 'sessions', key: 'bob' }).map((r) => r.kind)).toEqual(['window', 'merging-window-set', 'timer']);
    // The restored window operator fires only bob's session.
    const params = { assigner: { type: 'session', gapMs: 3000, time: 'event' } };
    const h = restoredWindowHarness(params, asOne(sessions, 'sessions'));
    h.processWatermark(10_000);
    expect(h.records().map((r) => (r as { key: string }).key)).toEqual(['bob']);
  });

  it('writes a savepoint that says where it came from, with fresh checksums', () => {
    const sp = editSavepoint(world(), [{ op: 'delete', node: 'proc', key: 'bob' }], 42);
    expect(sp.metadata).toMatchObject({ id: 1, kind: 'savepoint', completedAt: 42, editedFrom: { id: 1, edits: 1 } });
    expect(() => decodeCheckpoint(sp)).not.toThrow();
  });

  it('refuses edits that do not fit the state, naming node, key and state', () => {
    const fails = (edit: StateEdit) => {
      try {
        editSavepoint(world(), [edit]);
      } catch (e) {
        expect(e).toBeInstanceOf(StateEditError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(fails({ op: 'set', node: 'nope', key: 'ann', state: 'seen', value: 1 })).toBe('set on node "nope", key "ann", state "seen": the checkpoint holds no state for this node (it has: counts, proc, sessions, src)');
    expect(fails({ op: 'set', node: 'proc', key: 'ann', state: 'sen', value: 1 })).toBe('set on node "proc", key "ann", state "sen": the node has no such state (it has: avg, byTag, items, max, seen)');
    expect(fails({ op: 'set', node: 'proc', key: 'ann', state: 'items', value: 3 })).toContain('a list state takes a non-empty JSON array');
    expect(fails({ op: 'set', node: 'proc', key: 'ann', state: 'items', value: [1, null] })).toContain('list state elements may not be null');
    expect(fails({ op: 'set', node: 'proc', key: 'ann', state: 'byTag', value: 'x' })).toContain('a map state takes a JSON object');
    expect(fails({ op: 'set', node: 'proc', key: 'ann', state: 'max', value: 'big' })).toContain('the reducing state holds number values, not string');
    expect(fails({ op: 'set', node: 'proc', key: 'ann', state: 'avg', value: 3 })).toContain("the aggregating state's accumulator is an object");
    expect(fails({ op: 'set', node: 'counts', key: 'ann', state: 'window-contents', value: 3 })).toContain('window state is changed with clear-window, not set');
    expect(fails({ op: 'set', node: 'src', key: 'ann', state: 'x', value: 3 })).toContain('this node has no keyed state');
    expect(fails({ op: 'delete', node: 'proc', key: 'zed' })).toBe('delete on node "proc", key "zed": the key has no state here');
    expect(fails({ op: 'clear-window', node: 'counts', key: 'ann', window: { start: 5, end: 6 } })).toBe('clear-window on node "counts", key "ann": the key has no window 5:6 here (it has: 0:10000)');
  });
});
