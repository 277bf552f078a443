import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../operators/harness.js';
import { ProcessOperator } from '../operators/process.js';
import { JobFailure, suppressesRestarts } from '../graph/errors.js';
import { OperatorError } from '../runtime/operator-error.js';
import { StateTypeChangedError } from '../state/user-state.js';
import { ProcessBroadcastOperator } from '../operators/process-broadcast.js';
import { decodeCheckpoint, restoreStateFor, stateForSubtask } from './restore.js';
import { parseKeyText, readStateRows } from './state-rows.js';
import { EVERY_STATE_CODE, ownerOf, packCheckpoint, stateWorld, worldCheckpoint } from './state-world.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';

const rowsOf = (filter: Parameters<typeof readStateRows>[1] = {}) => readStateRows(decodeCheckpoint(worldCheckpoint(1, stateWorld())), filter);

describe('reading a checkpoint as state rows', () => {
  it('shows every kind of keyed state of a function per key, with the kind, the value as the function reads it and TTL expiry', () => {
    const rows = rowsOf({ node: 'proc', key: 'ann' }).filter((r) => r.kind === 'keyed');
    const owner = ownerOf('ann');
    expect(rows.map((r) => [r.state, r.stateKind, r.value, r.subtask])).toEqual([
      ['avg', 'aggregating', { n: 2, s: 8 }, owner],
      ['byTag', 'map', [['x', 3], ['y', 5]], owner],
      ['items', 'list', [3, 5], owner],
      ['max', 'reducing', 5, owner],
      ['seen', 'value', 2, owner],
    ]);
    const seen = rows.find((r) => r.state === 'seen')!;
    expect(seen.ttl).toEqual({ ttlMs: 60000, writtenAt: 1000, expiresAt: 61000 });
  });

  it("shows TTL per element of a list and per entry of a map", () => {
    const code = `({ onElement(r, ctx) { ctx.state.list('l', { ttlMs: 10 }).add(r.v); ctx.state.map('m', { ttlMs: 20 }).put(7, r.v); } })`;
    const h = new OperatorHarness(new ProcessOperator(), { nodeId: 'p', kind: 'process', params: { code }, keys: ['user'], startTime: 100 });
    h.processElement({ user: 'a', v: 1 }, 1);
    h.setProcessingTime(105);
    h.processElement({ user: 'a', v: 2 }, 2);
    const rows = readStateRows(decodeCheckpoint(packCheckpoint(1, { p: [h.snapshot()] })));
    expect(rows.map((r) => r.kind === 'keyed' && [r.state, r.value, r.ttl])).toEqual([
      ['l', [1, 2], { ttlMs: 10, writtenAt: [100, 105], expiresAt: [110, 115] }],
      ['m', [[7, 2]], { ttlMs: 20, writtenAt: [105], expiresAt: [125] }],
    ]);
  });

  it("shows a function's broadcast and operator list state per subtask", () => {
    const code = `({
      processElement(r, ctx) { ctx.operatorState.list('seen').add(r); },
      processBroadcastElement(rule, ctx) { ctx.broadcastState('rules').put(rule.sensor, rule.max); ctx.operatorState.unionList('rules').add(rule.sensor); },
    })`;
    const h = new OperatorHarness(new ProcessBroadcastOperator(), { nodeId: 'b', kind: 'process.broadcast', params: { code } });
    h.processElement({ sensor: 's1', max: 30 }, 1, 1).processElement('r1', 2, 0);
    const rows = readStateRows(decodeCheckpoint(packCheckpoint(1, { b: [h.snapshot()] })));
    expect(rows).toEqual([
      { kind: 'operator', node: 'b', subtask: 0, operatorState: { list: { seen: ['r1'] }, union: { rules: ['s1'] }, broadcast: { rules: [['s1', 30]] } } },
    ]);
  });

  it("shows a function's event and processing timers per key", () => {
    const timers = rowsOf({ node: 'proc' }).filter((r) => r.kind === 'timer');
    expect(timers.map((r) => [r.key, r.domain, r.timestamp, 'window' in r])).toEqual([
      ['ann', 'event', 1100, false],
      ['ann', 'event', 1300, false],
      ['ann', 'processing', 5000, false],
      ['bob', 'event', 1200, false],
      ['bob', 'processing', 5000, false],
    ]);
  });

  it('shows window contents per key and window with the pending trigger state, and the cleanup timers', () => {
    const rows = rowsOf({ node: 'counts' });
    expect(rows).toEqual([
      { kind: 'window', node: 'counts', subtask: ownerOf('ann'), keyGroup: expect.any(Number), key: 'ann', window: { start: 0, end: 10_000 }, contents: 3, trigger: { count: 2 } },
      { kind: 'timer', node: 'counts', subtask: ownerOf('ann'), keyGroup: expect.any(Number), key: 'ann', domain: 'event', timestamp: 9999, window: { start: 0, end: 10_000 } },
    ]);
  });

  it('shows the merging window set of session windows: each session and the window that holds its contents', () => {
    const ann = rowsOf({ node: 'sessions', key: 'ann' });
    expect(ann.map((r) => r.kind)).toEqual(['window', 'merging-window-set', 'timer']);
    expect(ann[0]).toMatchObject({ window: { start: 0, end: 3000 }, contents: 3 });
    expect(ann[1]).toMatchObject({ windows: [{ window: { start: 0, end: 4000 }, stateWindow: { start: 0, end: 3000 } }] });
  });

  it("shows a source's offsets as operator state; no input watermark (as in Flink, a checkpoint holds none) but an older checkpoint's", () => {
    expect(rowsOf({ node: 'src' })).toEqual([{ kind: 'operator', node: 'src', subtask: 0, state: { index: 2 } }]);
    const w = stateWorld();
    w.counts.processWatermark(50);
    const rows = readStateRows(decodeCheckpoint(worldCheckpoint(2, w)), { node: 'counts' });
    expect(rows.filter((r) => r.kind === 'operator')).toEqual([]);
    const older = readStateRows(decodeCheckpoint(packCheckpoint(3, { counts: [{ watermark: 50 }] })), { node: 'counts' });
    expect(older).toEqual([{ kind: 'operator', node: 'counts', subtask: 0, watermark: 50 }]);
  });

  it('shows in-flight records of an unaligned checkpoint per input and output', () => {
    const cp = packCheckpoint(3, {
      w: [{ channels: { inputs: [{ input: 0, values: [{ a: 1 }], timestamps: [5] }], outputs: [{ node: 'w', edge: 0, values: ['x'], timestamps: [-Infinity] }] } }],
    });
    expect(readStateRows(decodeCheckpoint(cp))).toEqual([
      { kind: 'in-flight', node: 'w', subtask: 0, direction: 'input', input: 0, records: [{ value: { a: 1 }, timestamp: 5 }] },
      { kind: 'in-flight', node: 'w', subtask: 0, direction: 'output', from: 'w', edge: 0, records: [{ value: 'x', timestamp: null }] },
    ]);
  });

  it('filters by key (numbers and JSON keys as typed) and names the nodes there are when one is missing', () => {
    expect(rowsOf({ key: 'bob' }).every((r) => 'key' in r && r.key === 'bob')).toBe(true);
    expect(rowsOf({ key: 'nobody' })).toEqual([]);
    expect(parseKeyText('42')).toBe(42);
    expect(parseKeyText('"42"')).toBe('42');
    expect(parseKeyText('["a",1]')).toEqual(['a', 1]);
    expect(parseKeyText('ann')).toBe('ann');
    expect(() => rowsOf({ node: 'nope' })).toThrow('holds no state for node "nope" (it has: counts, proc, sessions, src)');
  });
});

describe('state descriptors across a restore', () => {
  const planOf = (p: number) => ({ nodes: { proc: { id: 'proc', parallelism: p } } }) as unknown as ExecutionPlan;

  it('travel with the state when it is rescaled, so a reader still knows each state kind', () => {
    const cp = decodeCheckpoint(worldCheckpoint(1, stateWorld()));
    const restored = restoreStateFor(planOf(3), cp, true);
    for (const s of restored.proc!) expect(s.states?.seen).toEqual({ kind: 'value', ttlMs: 60000 });
    expect(stateForSubtask(cp.byNode.proc!, 2, 1, 0).states).toEqual(cp.byNode.proc![0]!.states);
  });

  it('a function that declares a restored state as another kind fails with a sentence naming the state', () => {
    const snapshot = stateWorld().process.snapshot();
    const changed = EVERY_STATE_CODE.replace("ctx.state.list('items')", "ctx.state.map('items')").replace('.add(r.v);\n    ctx.state.map', ".put('k', r.v);\n    ctx.state.map");
    const h = new OperatorHarness(new ProcessOperator(), { nodeId: 'proc', kind: 'process', params: { code: changed }, keys: ['user'] }).restore(snapshot);
    expect(() => h.processElement({ user: 'ann', tag: 'x', v: 1 }, 1)).toThrow(StateTypeChangedError);
    // The cause suppresses restarts (Flink's SuppressRestartsException): recovery does not ask the strategy.
    const cause = (() => {
      try {
        h.processElement({ user: 'ann', tag: 'x', v: 1 }, 1);
      } catch (e) {
        return e instanceof OperatorError ? e.original : e;
      }
      return null;
    })();
    expect(suppressesRestarts(cause)).toBe(true);
    expect(JobFailure.atNode('proc', 0, 'state changed', cause).restartable).toBe(false);
    expect(JobFailure.atNode('proc', 0, 'a function threw', new Error('boom')).restartable).toBe(true);
    expect(() => h.processElement({ user: 'ann', tag: 'x', v: 1 }, 1)).toThrow('state "items" was restored as a list state without TTL, but the function declares a map state without TTL');
  });

  it('dropping TTL is a change of type; changing its length is not', () => {
    const snapshot = stateWorld().process.snapshot();
    const run = (code: string) => () =>
      new OperatorHarness(new ProcessOperator(), { nodeId: 'proc', kind: 'process', params: { code }, keys: ['user'] }).restore(snapshot).processElement({ user: 'ann', tag: 'x', v: 1 }, 1);
    expect(run(EVERY_STATE_CODE.replace("{ ttlMs: 60000 }", '{ ttlMs: 5 }'))).not.toThrow();
    expect(run(EVERY_STATE_CODE.replace(", { ttlMs: 60000 }", ''))).toThrow('state "seen" was restored as a value state with TTL, but the function declares a value state without TTL');
  });

  it('descriptors restored but not yet declared are kept in the next snapshot', () => {
    const snapshot = stateWorld().process.snapshot();
    const h = new OperatorHarness(new ProcessOperator(), { nodeId: 'proc', kind: 'process', params: { code: '({ onElement() {} })' }, keys: ['user'] }).restore(snapshot);
    expect(h.snapshot().states).toEqual(snapshot.states);
  });
});

describe('reading a checkpoint of many keys', () => {
  it('reads 500 000 keys of one node (no argument list as long as the rows)', () => {
    const n = 500_000;
    const entries: Array<[number, string, unknown]> = [];
    for (let i = 0; i < n; i++) entries.push([i, '', i * 2]);
    const checkpoint = { id: 1, byNode: { big: [{ keyed: { 0: { state: { last: entries } } }, states: { last: { kind: 'value' } } }] }, parallelism: { big: 1 } } as unknown as Parameters<typeof readStateRows>[0];
    const rows = readStateRows(checkpoint, { node: 'big' });
    expect(rows).toHaveLength(n);
    expect(rows[n - 1]).toMatchObject({ kind: 'keyed', state: 'last', stateKind: 'value' });
  });
});
