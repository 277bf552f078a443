/** The window operator's trace events at emit time (spec/trace.md), driven through the operator harness. */
import { describe, expect, it } from 'vitest';
import type { Cause, TraceEvent, Tracer } from '../operators/tracer.js';
import { rec, windowHarness } from './window-harness.js';

/** Keeps every event; the test sets `cause` as a channel would before each element. */
class ListTracer implements Tracer {
  cause: Cause | null = null;
  readonly events: Array<Record<string, unknown>> = [];
  event(e: TraceEvent): number {
    this.events.push({ ...e });
    return this.events.length - 1;
  }
  amend(at: number, fields: Record<string, unknown>): void {
    Object.assign(this.events[at]!, fields);
  }
  at(offset: number): this {
    this.cause = { node: 'src', offset };
    return this;
  }
}

const tumbling = (sizeMs: number, extra: Record<string, unknown> = {}) => ({ assigner: { type: 'tumbling', sizeMs, offsetMs: 0, time: 'event' }, ...extra });
const types = (t: ListTracer) => t.events.map((e) => e.type);

describe('window operator trace events', () => {
  it('emits the same records traced or not', () => {
    const run = (tracer?: Tracer) => {
      const h = windowHarness(tumbling(1000, { allowedLatenessMs: 500 }), tracer ? { tracer } : {});
      h.processElement(rec('a', 1), 10).processElement(rec('b', 2), 20).processWatermark(999).processElement(rec('a', 3), 30).processWatermark(5000);
      return h.output;
    };
    expect(run(new ListTracer())).toEqual(run());
  });

  it('assign, fire (result before what it causes, cause at the time), purge at cleanup', () => {
    const t = new ListTracer();
    const h = windowHarness(tumbling(1000), { tracer: t });
    t.at(0);
    h.processElement(rec('a', 5), 100);
    t.at(1);
    h.processWatermark(999);
    expect(t.events).toEqual([
      { type: 'window.assign', node: 'w1', key: 'a', windows: [{ start: 0, end: 1000 }], ts: 100 },
      {
        type: 'window.fire',
        node: 'w1',
        key: 'a',
        window: { start: 0, end: 1000 },
        result: { key: 'a', windowStart: 0, windowEnd: 1000, value: 5 },
        results: [{ key: 'a', windowStart: 0, windowEnd: 1000, value: 5 }],
        late: false,
        cause: { node: 'src', offset: 1 },
      },
      { type: 'window.purge', node: 'w1', key: 'a', window: { start: 0, end: 1000 }, reason: 'cleanup' },
    ]);
  });

  it('a firing on a record for a window past its end is late; its cause is that record', () => {
    const t = new ListTracer();
    const h = windowHarness(tumbling(1000, { allowedLatenessMs: 1000 }), { tracer: t });
    h.processElement(rec('a', 1), 100);
    t.at(1);
    h.processWatermark(1200);
    t.at(2);
    h.processElement(rec('a', 2), 200);
    const fires = t.events.filter((e) => e.type === 'window.fire');
    expect(fires.map((f) => [f.late, f.cause, (f.result as { value: number }).value])).toEqual([
      [false, { node: 'src', offset: 1 }, 1],
      [true, { node: 'src', offset: 2 }, 3],
    ]);
  });

  it('late records: late.side-output with a late output tag, else late.dropped, with key, value, ts and cause', () => {
    for (const lateOutput of ['late', undefined]) {
      const t = new ListTracer();
      const h = windowHarness(tumbling(1000, lateOutput ? { lateOutput } : {}), { tracer: t });
      h.processWatermark(5000);
      t.at(7);
      h.processElement(rec('a', 1), 10);
      expect(t.events.filter((e) => String(e.type).startsWith('late.'))).toEqual([
        { type: lateOutput ? 'late.side-output' : 'late.dropped', node: 'w1', key: 'a', value: rec('a', 1), ts: 10, cause: { node: 'src', offset: 7 } },
      ]);
    }
  });

  it('session merges name the sessions merged and the result; windowAll has a null key', () => {
    const t = new ListTracer();
    const h = windowHarness({ assigner: { type: 'session', gapMs: 100, time: 'event' } }, { tracer: t, windowAll: true });
    h.processElement(rec('a', 1), 0).processElement(rec('a', 1), 150).processElement(rec('a', 1), 100);
    expect(t.events.filter((e) => e.type === 'window.merge')).toEqual([
      { type: 'window.merge', node: 'w1', key: null, merged: [{ start: 0, end: 100 }, { start: 150, end: 250 }], into: { start: 0, end: 250 } },
    ]);
  });

  it('a purging count trigger fires and purges; a window function with two results lists both', () => {
    const t = new ListTracer();
    const fn = { type: 'process', code: '(key, w, rs) => [rs.length, key]' };
    const h = windowHarness({ assigner: { type: 'count', size: 2 }, function: fn }, { tracer: t });
    t.at(0);
    h.processElement(rec('a', 1), 1);
    t.at(1);
    h.processElement(rec('a', 2), 2);
    expect(types(t)).toEqual(['window.assign', 'window.assign', 'window.fire', 'window.purge']);
    expect(t.events[2]).toMatchObject({ window: { start: null, end: null }, result: [2, 'a'], results: [2, 'a'], late: false, cause: { node: 'src', offset: 1 } });
    expect(t.events[3]).toMatchObject({ reason: 'trigger' });
  });
});
