/**
 * The process window function's context (Flink's ProcessWindowFunction.Context and
 * ProcessAllWindowFunction.Context): the window, the clocks, per-window state that late firings
 * see and that goes when the window is cleaned up (after `clear(ctx)`), the key's state across
 * windows, side outputs at the window's max timestamp, and all of it through a rescaled restore.
 */
import { describe, expect, it } from 'vitest';
import { stateForSubtask } from '../checkpoint/restore.js';
import { OperatorHarness } from '../operators/harness.js';
import { keyGroupOf, subtaskForKeyGroup } from '../state/key-groups.js';
import { StateTypeChangedError } from '../state/user-state.js';
import { GLOBAL_STATE_PREFIX, WINDOW_STATE_PREFIX } from './process-window-context.js';
import { WindowOperator } from './window-operator.js';
import { rec, windowHarness, windowParams } from './window-harness.js';

const tumbling = { type: 'tumbling', sizeMs: 1000, offsetMs: 0, time: 'event' };

/** Counts the window's firings in per-window state and its key's firings in global state; `clear` reports what the window left. */
const COUNTING = `({
  process(key, window, elements, ctx) {
    const fires = ctx.windowState.value('fires');
    fires.update((fires.get() ?? 0) + 1);
    const total = ctx.globalState.value('fires');
    total.update((total.get() ?? 0) + 1);
    return { key, start: window.start, fires: fires.get(), total: total.get(), n: elements.length };
  },
  clear(ctx) {
    ctx.output('cleared', { start: ctx.window.start, fires: ctx.windowState.value('fires').get(), total: ctx.globalState.value('fires').get() });
    ctx.windowState.value('fires').clear();
  },
})`;

const counting = (extra: Record<string, any> = {}) => ({ assigner: tumbling, allowedLatenessMs: 2000, function: { type: 'process', code: COUNTING }, ...extra });

/** The side-output records of `tag` as [value, timestamp]. */
function sideWithTimestamps(h: OperatorHarness, tag: string): Array<[unknown, number]> {
  return h.output.flatMap((e) => (e.kind === 'side' && e.tag === tag ? [[e.value, e.timestamp] as [unknown, number]] : []));
}

function stateOf(h: OperatorHarness, table: string, key: unknown, ns: string): unknown {
  const backend = h.context.keyed!.backend;
  backend.setCurrentKey(key);
  return backend.table(table).get(ns);
}

describe('process window function context: per-window and global state', () => {
  it('late firings see the state earlier firings of their window left; clear(ctx) sees it at cleanup, then it is gone', () => {
    const h = windowHarness(counting());
    h.processElement(rec('a', 1), 100);
    h.processElement(rec('b', 1), 150);
    h.processWatermark(999);
    h.processElement(rec('a', 2), 200); // late, within the allowed lateness: a late firing
    h.processElement(rec('a', 3), 300);
    expect(h.recordsWithTimestamps()).toEqual([
      [{ key: 'a', start: 0, fires: 1, total: 1, n: 1 }, 999],
      [{ key: 'b', start: 0, fires: 1, total: 1, n: 1 }, 999],
      [{ key: 'a', start: 0, fires: 2, total: 2, n: 2 }, 999],
      [{ key: 'a', start: 0, fires: 3, total: 3, n: 3 }, 999],
    ]);
    expect(sideWithTimestamps(h, 'cleared')).toEqual([]);
    h.processWatermark(2999); // 999 + 2000: the window is cleaned up
    expect(sideWithTimestamps(h, 'cleared').sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
      [{ start: 0, fires: 1, total: 1 }, 999],
      [{ start: 0, fires: 3, total: 3 }, 999],
    ]);
    expect(stateOf(h, `${WINDOW_STATE_PREFIX}fires`, 'a', '0:1000')).toBeUndefined();
    // Global state outlives the window.
    expect(stateOf(h, `${GLOBAL_STATE_PREFIX}fires`, 'a', '')).toBe(3);
  });

  it('keeps per-window state apart per window, global state across the key\'s windows', () => {
    const h = windowHarness(counting());
    h.processElement(rec('a', 1), 100);
    h.processElement(rec('a', 1), 1100);
    h.processWatermark(1999);
    h.processElement(rec('a', 1), 150);
    expect(h.records()).toEqual([
      { key: 'a', start: 0, fires: 1, total: 1, n: 1 },
      { key: 'a', start: 1000, fires: 1, total: 2, n: 1 },
      { key: 'a', start: 0, fires: 2, total: 3, n: 2 },
    ]);
  });

  it('drops the per-window state a function left when it has no clear (Flink leaves that to clear; nothing leaks here)', () => {
    const code = `(key, w, els, ctx) => { const s = ctx.windowState.list('seen'); s.add(els.length); return s.get(); }`;
    const h = windowHarness({ assigner: tumbling, allowedLatenessMs: 1000, function: { type: 'process', code } });
    h.processElement(rec('a', 1), 100);
    h.processWatermark(999);
    h.processElement(rec('a', 1), 200);
    expect(h.records()).toEqual([1, 1, 2]);
    expect(stateOf(h, `${WINDOW_STATE_PREFIX}seen`, 'a', '0:1000')).toEqual([1, 2]);
    h.processWatermark(1999);
    expect(stateOf(h, `${WINDOW_STATE_PREFIX}seen`, 'a', '0:1000')).toBeUndefined();
  });

  it('calls clear at cleanup even for a window that never fired (a trigger that never fires)', () => {
    const h = windowHarness({ ...counting({ allowedLatenessMs: 0 }), trigger: { type: 'count', count: 5 } });
    h.processElement(rec('a', 1), 100);
    h.processWatermark(999);
    expect(h.records()).toEqual([]);
    expect(h.side('cleared')).toEqual([{ start: 0, fires: undefined, total: undefined }]);
  });

  it('cleans a processing-time window up when the clock reaches its max timestamp, right after its firing', () => {
    const h = windowHarness({ ...counting(), assigner: { type: 'tumbling', sizeMs: 1000, offsetMs: 0, time: 'processing' } }, { startTime: 0 });
    h.processElement(rec('a', 1), 5);
    h.processElement(rec('a', 1), 6);
    expect(h.side('cleared')).toEqual([]);
    h.setProcessingTime(999);
    expect(h.records()).toEqual([{ key: 'a', start: 0, fires: 1, total: 1, n: 2 }]);
    expect(sideWithTimestamps(h, 'cleared')).toEqual([[{ start: 0, fires: 1, total: 1 }, 999]]);
    expect(stateOf(h, `${WINDOW_STATE_PREFIX}fires`, 'a', '0:1000')).toBeUndefined();
  });

  it('refuses per-window state on session windows, as Flink does; global state works there', () => {
    const session = { type: 'session', gapMs: 100, time: 'event' };
    const win = windowHarness({ assigner: session, function: { type: 'process', code: `(k, w, els, ctx) => ctx.windowState.value('x').get()` } });
    win.processElement(rec('a', 1), 100);
    expect(() => win.processWatermark(1000)).toThrow(/per-window state is not allowed with merging \(session\) windows/);
    const global = windowHarness({ assigner: session, function: { type: 'process', code: `(k, w, els, ctx) => { const s = ctx.globalState.value('n'); s.update((s.get() ?? 0) + 1); return s.get(); }` } });
    global.processElement(rec('a', 1), 100);
    global.processElement(rec('a', 1), 500);
    global.processWatermark(1000);
    expect(global.records()).toEqual([1, 2]);
  });
});

describe('process window function context: window, clocks, side outputs', () => {
  it('gives ctx.window (the same as the window argument) and the clocks', () => {
    const code = `(key, w, els, ctx) => ({ same: JSON.stringify(w) === JSON.stringify(ctx.window), window: ctx.window, wm: ctx.currentWatermark(), pt: ctx.currentProcessingTime() })`;
    const h = windowHarness({ assigner: tumbling, allowedLatenessMs: 1000, function: { type: 'process', code } }, { startTime: 42 });
    h.processElement(rec('a', 1), 100);
    h.processWatermark(1500);
    h.processElement(rec('a', 1), 200);
    expect(h.records()).toEqual([
      { same: true, window: { start: 0, end: 1000, maxTimestamp: 999 }, wm: 1500, pt: 42 },
      { same: true, window: { start: 0, end: 1000, maxTimestamp: 999 }, wm: 1500, pt: 42 },
    ]);
  });

  it('emits ctx.output(tag, value) on the side output with the window\'s max timestamp', () => {
    const code = `(key, w, els, ctx) => { for (const e of els) if (e.v > 5) ctx.output('big', e); return els.length; }`;
    const h = windowHarness({ assigner: tumbling, function: { type: 'process', code } });
    h.processElement(rec('a', 9), 100);
    h.processElement(rec('a', 1), 200);
    h.processElement(rec('a', 7), 1200);
    h.processWatermark(1999);
    expect(sideWithTimestamps(h, 'big')).toEqual([
      [rec('a', 9), 999],
      [rec('a', 7), 1999],
    ]);
    expect(h.recordsWithTimestamps()).toEqual([
      [2, 999],
      [1, 1999],
    ]);
  });

  it('refuses the tag "out" and an empty tag with a sentence', () => {
    const h = windowHarness({ assigner: tumbling, function: { type: 'process', code: `(k, w, els, ctx) => ctx.output('out', 1)` } });
    h.processElement(rec('a', 1), 100);
    expect(() => h.processWatermark(999)).toThrow('ctx.output(tag, value): "out" is the main output; return the value');
    const e = windowHarness({ assigner: tumbling, function: { type: 'process', code: `(k, w, els, ctx) => ctx.output('', 1)` } });
    e.processElement(rec('a', 1), 100);
    expect(() => e.processWatermark(999)).toThrow('tag must be a non-empty string');
  });

  it('names the node and field when code is neither a function nor {process, clear?}', () => {
    expect(() => windowHarness({ assigner: tumbling, function: { type: 'process', code: '({ clear() {} })' } })).toThrow(
      /node "w1".*function\.code.*\{process\(key, window, elements, ctx\), clear\?\(ctx\)\}/,
    );
    expect(() => windowHarness({ assigner: tumbling, function: { type: 'process', code: '({ process() {}, clear: 3 })' } })).toThrow(/clear must be a method/);
  });
});

describe('process all-window function context (windowAll)', () => {
  it('has per-window state, global state, the window and side outputs, as ProcessAllWindowFunction.Context', () => {
    const h = windowHarness(counting(), { windowAll: true });
    h.processElement(rec('a', 1), 100);
    h.processElement(rec('b', 1), 150);
    h.processElement(rec('a', 1), 1100);
    h.processWatermark(1999);
    h.processElement(rec('c', 1), 300); // a late firing of [0, 1000)
    expect(h.records()).toEqual([
      { key: undefined, start: 0, fires: 1, total: 1, n: 2 },
      { key: undefined, start: 1000, fires: 1, total: 2, n: 1 },
      { key: undefined, start: 0, fires: 2, total: 3, n: 3 },
    ]);
    h.processWatermark(3999);
    expect(sideWithTimestamps(h, 'cleared')).toEqual([
      [{ start: 0, fires: 2, total: 3 }, 999],
      [{ start: 1000, fires: 1, total: 3 }, 1999],
    ]);
  });
});

describe('process window function context: checkpoint and restore', () => {
  const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const params = windowParams(counting());
  const subtask = (parallelism: number, index: number) =>
    new OperatorHarness(new WindowOperator(), { nodeId: 'w1', kind: 'window', params, keys: ['k'], parallelism, subtaskIndex: index, maxParallelism: 128 });
  const owner = (key: string, parallelism: number) => subtaskForKeyGroup(keyGroupOf(key, 128), 128, parallelism);

  it('per-window and global state survive a restore at another parallelism (by key group)', () => {
    const before = [subtask(2, 0), subtask(2, 1)];
    for (const k of keys) before[owner(k, 2)]!.processElement(rec(k, 1), 100);
    for (const h of before) h.processWatermark(999);
    expect(before.flatMap((h) => h.records())).toHaveLength(keys.length);
    // Through JSON, as a checkpoint on disk.
    const snapshots = before.map((h) => JSON.parse(JSON.stringify(h.snapshot())));
    expect(new Set(keys.map((k) => owner(k, 3))).size).toBe(3);
    const after = [0, 1, 2].map((i) => subtask(3, i).restore(stateForSubtask(snapshots, 2, 3, i)));
    for (const h of after) h.processWatermark(999);
    for (const k of keys) after[owner(k, 3)]!.processElement(rec(k, 2), 200); // late firings
    const fired = after.flatMap((h) => h.records()) as Array<{ key: string; fires: number; total: number; n: number }>;
    expect(fired.sort((x, y) => x.key.localeCompare(y.key))).toEqual(keys.map((key) => ({ key, start: 0, fires: 2, total: 2, n: 2 })));
    for (const h of after) h.processWatermark(2999);
    expect(after.flatMap((h) => h.side('cleared'))).toEqual(keys.map(() => ({ start: 0, fires: 2, total: 2 })));
  });

  it('records the states\' kinds, and a restore that declares one as another kind fails with a sentence', () => {
    const h = windowHarness(counting());
    h.processElement(rec('a', 1), 100);
    h.processWatermark(999);
    const snapshot = h.snapshot();
    expect(snapshot.states).toEqual({ [`${WINDOW_STATE_PREFIX}fires`]: { kind: 'value' }, [`${GLOBAL_STATE_PREFIX}fires`]: { kind: 'value' } });
    const asList = COUNTING.replace("ctx.windowState.value('fires');", "ctx.windowState.list('fires');");
    const r = windowHarness(counting({ function: { type: 'process', code: asList } })).restore(snapshot);
    r.processWatermark(999);
    expect(() => r.processElement(rec('a', 1), 200)).toThrow(StateTypeChangedError);
  });
});
