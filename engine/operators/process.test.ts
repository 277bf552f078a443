import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { NO_TIMESTAMP } from './operator.js';
import { ProcessOperator } from './process.js';

const harness = (code: string) => new OperatorHarness(new ProcessOperator(), { nodeId: 'p1', kind: 'process', params: { code }, keys: ['user'] });

const counter = `({
  onElement(r, ctx, out) {
    const seen = ctx.state.value('seen');
    seen.update((seen.get() ?? 0) + 1);
    out.collect({ key: ctx.key, n: seen.get() });
  },
})`;

describe('process', () => {
  it('value state counts per key, and keys do not see each other', () => {
    const h = harness(counter);
    h.processElements([
      [{ user: 'a' }, 1],
      [{ user: 'b' }, 2],
      [{ user: 'a' }, 3],
    ]);
    expect(h.recordsWithTimestamps()).toEqual([
      [{ key: 'a', n: 1 }, 1],
      [{ key: 'b', n: 1 }, 2],
      [{ key: 'a', n: 2 }, 3],
    ]);
  });

  it('list state collects the records of a key', () => {
    const h = harness(`({ onElement(r, ctx, out) { const l = ctx.state.list('l'); l.add(r.v); out.collect(l.get()); } })`);
    h.processElements([
      [{ user: 'a', v: 1 }, 1],
      [{ user: 'b', v: 2 }, 2],
      [{ user: 'a', v: 3 }, 3],
    ]);
    expect(h.records()).toEqual([[1], [2], [1, 3]]);
  });

  it('map state counts pages per key', () => {
    const h = harness(`({ onElement(r, ctx, out) {
      const m = ctx.state.map('pages');
      m.put(r.page, (m.get(r.page) ?? 0) + 1);
      out.collect(Object.fromEntries(m.entries()));
    } })`);
    h.processElements([
      [{ user: 'a', page: 'x' }, 1],
      [{ user: 'a', page: 'y' }, 2],
      [{ user: 'a', page: 'x' }, 3],
    ]);
    expect(h.records().at(-1)).toEqual({ x: 2, y: 1 });
  });

  it('reducing state keeps the running max', () => {
    const h = harness(`({ onElement(r, ctx, out) {
      const m = ctx.state.reducing('max', (a, b) => Math.max(a, b));
      m.add(r.v);
      out.collect(m.get());
    } })`);
    h.processElements([
      [{ user: 'a', v: 4 }, 1],
      [{ user: 'a', v: 2 }, 2],
      [{ user: 'a', v: 9 }, 3],
    ]);
    expect(h.records()).toEqual([4, 4, 9]);
  });

  it('aggregating state keeps a running average', () => {
    const h = harness(`({ onElement(r, ctx, out) {
      const avg = ctx.state.aggregating('avg', {
        create: () => ({ sum: 0, n: 0 }),
        add: (v, acc) => ({ sum: acc.sum + v, n: acc.n + 1 }),
        result: (acc) => acc.sum / acc.n,
      });
      avg.add(r.v);
      out.collect(avg.get());
    } })`);
    h.processElements([
      [{ user: 'a', v: 1 }, 1],
      [{ user: 'a', v: 5 }, 2],
    ]);
    expect(h.records()).toEqual([1, 3]);
  });

  it('state with a TTL expires on processing time', () => {
    const h = harness(`({ onElement(r, ctx, out) {
      const last = ctx.state.value('last', { ttlMs: 1000 });
      out.collect(last.get() ?? null);
      last.update(r.v);
    } })`);
    h.processElement({ user: 'a', v: 1 }, 1);
    h.setProcessingTime(999).processElement({ user: 'a', v: 2 }, 2);
    h.setProcessingTime(1999).processElement({ user: 'a', v: 3 }, 3);
    expect(h.records()).toEqual([null, 1, null]);
  });

  it('event-time timers fire when the watermark reaches them, output carrying the timer time', () => {
    const h = harness(`({
      onElement(r, ctx, out) { ctx.timers.registerEventTime(ctx.timestamp + 100); },
      onTimer(ts, ctx, out) { out.collect({ key: ctx.key, ts, at: ctx.timestamp, domain: ctx.timeDomain }); },
    })`);
    h.processElement({ user: 'a' }, 10).processElement({ user: 'b' }, 20);
    h.processWatermark(109);
    expect(h.records()).toEqual([]);
    h.processWatermark(110);
    expect(h.output).toEqual([
      { kind: 'watermark', watermark: 109 },
      { kind: 'record', value: { key: 'a', ts: 110, at: 110, domain: 'event-time' }, timestamp: 110 },
      { kind: 'watermark', watermark: 110 },
    ]);
  });

  it('processing-time timers fire on the clock and emit without a timestamp', () => {
    const h = harness(`({
      onElement(r, ctx, out) { ctx.timers.registerProcessingTime(ctx.currentProcessingTime() + 50); },
      onTimer(ts, ctx, out) { out.collect({ key: ctx.key, ts, domain: ctx.timeDomain }); },
    })`);
    h.setProcessingTime(100).processElement({ user: 'a' }, 5);
    h.setProcessingTime(149);
    expect(h.records()).toEqual([]);
    h.setProcessingTime(150);
    expect(h.recordsWithTimestamps()).toEqual([[{ key: 'a', ts: 150, domain: 'processing-time' }, NO_TIMESTAMP]]);
  });

  it('a side output in a processing-time timer carries the timer time (Flink)', () => {
    const h = harness(`({
      onElement(r, ctx, out) { ctx.timers.registerProcessingTime(30); },
      onTimer(ts, ctx, out) { out.output('ticks', ctx.key); },
    })`);
    h.processElement({ user: 'a' }, 5).setProcessingTime(30);
    expect(h.output).toEqual([{ kind: 'side', tag: 'ticks', value: 'a', timestamp: 30 }]);
  });

  it('deleted timers do not fire', () => {
    const h = harness(`({
      onElement(r, ctx, out) {
        if (r.cancel) { ctx.timers.deleteEventTime(100); ctx.timers.deleteProcessingTime(100); }
        else { ctx.timers.registerEventTime(100); ctx.timers.registerProcessingTime(100); }
      },
      onTimer(ts, ctx, out) { out.collect(ctx.key); },
    })`);
    h.processElement({ user: 'a' }, 1).processElement({ user: 'b' }, 1).processElement({ user: 'a', cancel: true }, 2);
    h.processWatermark(200).setProcessingTime(200);
    expect(h.records()).toEqual(['b', 'b']);
  });

  it('out.output sends to a side output with the record timestamp', () => {
    const h = harness(`({ onElement(r, ctx, out) { if (r.v < 0) out.output('negative', r); else out.collect(r); } })`);
    h.processElement({ user: 'a', v: -1 }, 7).processElement({ user: 'a', v: 1 }, 8);
    expect(h.side('negative')).toEqual([{ user: 'a', v: -1 }]);
    expect(h.output[0]).toEqual({ kind: 'side', tag: 'negative', value: { user: 'a', v: -1 }, timestamp: 7 });
    expect(h.records()).toEqual([{ user: 'a', v: 1 }]);
  });

  it('out.output refuses the tag "out", which is the main output', () => {
    const h = harness(`({ onElement(r, ctx, out) { out.output('out', r); } })`);
    expect(() => h.processElement({ user: 'a' }, 1)).toThrow('"out" is the main output');
  });

  it('ctx.timestamp is null for a record without one, and ctx.currentWatermark follows the input', () => {
    const h = harness(`({ onElement(r, ctx, out) { out.collect([ctx.timestamp, ctx.currentWatermark()]); } })`);
    h.processElement({ user: 'a' }, NO_TIMESTAMP).processWatermark(42).processElement({ user: 'a' }, 50);
    expect(h.records()).toEqual([
      [null, -Infinity],
      [50, 42],
    ]);
  });

  it('hands the same ctx and out objects to every call', () => {
    const h = harness(`({ seen: [], onElement(r, ctx, out) { this.seen.push(ctx, out); out.collect(this.seen.length === 4 ? this.seen[0] === this.seen[2] && this.seen[1] === this.seen[3] : null); } })`);
    h.processElement({ user: 'a' }, 1).processElement({ user: 'b' }, 2);
    expect(h.records()).toEqual([null, true]);
  });

  it('calls open once before the first record', () => {
    const h = harness(`({ open(ctx) { this.prefix = 'k:'; }, onElement(r, ctx, out) { out.collect(this.prefix + ctx.key); } })`);
    h.processElement({ user: 'a' }, 1);
    expect(h.records()).toEqual(['k:a']);
  });

  it('continues state and timers after a snapshot is restored into a fresh operator', () => {
    const code = `({
      onElement(r, ctx, out) {
        const seen = ctx.state.value('seen');
        seen.update((seen.get() ?? 0) + 1);
        ctx.timers.registerEventTime(1000);
      },
      onTimer(ts, ctx, out) { out.collect({ key: ctx.key, n: ctx.state.value('seen').get() }); },
    })`;
    const h = harness(code);
    h.processElement({ user: 'a' }, 1).processElement({ user: 'a' }, 2).processElement({ user: 'b' }, 3);
    const restored = harness(code).restore(h.snapshot());
    restored.processElement({ user: 'a' }, 4).processWatermark(1000);
    // Timers of equal time fire in no promised order across keys (as in Flink).
    const fired = restored.records() as Array<{ key: string }>;
    expect(fired.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { key: 'a', n: 3 },
      { key: 'b', n: 1 },
    ]);
  });

  it('on a non-keyed input is a ProcessFunction: no key, operator state, keyed state and timers refused', () => {
    const plain = (code: string) => new OperatorHarness(new ProcessOperator(), { nodeId: 'p1', kind: 'process', params: { code } });
    const h = plain(`({ onElement(r, ctx, out) {
      const seen = ctx.operatorState.list('seen');
      seen.add(r.v);
      out.collect({ key: ctx.key, seen: seen.get(), wm: ctx.currentWatermark() });
    } })`);
    h.processElement({ v: 1 }, 1);
    h.processWatermark(5);
    h.processElement({ v: 2 }, 6);
    expect(h.records()).toEqual([
      { seen: [1], wm: -Infinity },
      { seen: [1, 2], wm: 5 },
    ]);
    expect(() => plain(`({ onElement(r, ctx) { ctx.state.value('n').get(); } })`).processElement({}, 1)).toThrow(
      /process node "p1": keyed state and timers need a keyed input .*ctx\.operatorState/,
    );
    expect(() => plain(`({ onElement(r, ctx) { ctx.timers.registerEventTime(10); } })`).processElement({}, 1)).toThrow(/keyed state and timers need a keyed input/);
  });

  it('names the missing method when the code is not a handler object', () => {
    expect(() => harness('({ onTimer() {} })')).toThrow(/process node "p1", params\.code: method onElement is missing/);
  });
});
