import { describe, expect, it } from 'vitest';
import { cepTimeDomain, layoutCepTimeline } from './cep-timeline-layout';
import { CepTimelineIndex, stagesText } from './cep-timeline-model';
import type { TraceEventLike, TraceStep } from './trace-types';

/** Steps at the CEP node `p`, subtask 0, one per call, numbered in order. */
function steps(...eventsPerStep: TraceEventLike[][]): TraceStep[] {
  return eventsPerStep.map((events, step) => ({ step, node: 'p', subtask: 0, events }));
}
const login = (ts: number, success = false) => ({ user: 'alice', success, ts });
const buffer = (ts: number, success = false): TraceEventLike[] => [{ type: 'record.in', value: login(ts, success), ts }, { type: 'cep.buffer', key: 'alice', value: login(ts, success), ts }];
const wm = (w: number): TraceEventLike => ({ type: 'watermark.in', watermark: w, channel: 0, combined: w });
const cause = { node: 'logins', offset: 3 };

describe('the timeline of a cep.pattern node', () => {
  const trace = steps(
    buffer(0),
    buffer(10_000),
    [wm(4999), { type: 'cep.partial', key: 'alice', watermark: 4999, partial: [{ stage: 'failures', start: 0, match: { failures: [login(0)] } }], cause }],
    [wm(14_999), { type: 'cep.partial', key: 'alice', watermark: 14_999, partial: [{ stage: 'failures', start: 0, match: { failures: [login(0), login(10_000)] } }, { stage: 'failures', start: 10_000, match: { failures: [login(10_000)] } }], cause }],
    buffer(20_000, true),
    [wm(24_999), { type: 'cep.match', key: 'alice', match: { failures: [login(0), login(10_000)], success: [login(20_000, true)] }, result: { user: 'alice' }, ts: 20_000, cause }, { type: 'cep.partial', key: 'alice', watermark: 24_999, partial: [], cause }],
    [{ type: 'cep.timeout', key: 'bob', match: { failures: [login(1)] }, result: 'late bob', ts: 60_001, cause }],
  );

  it('keeps records buffered until a cep.partial at a watermark past them', () => {
    const index = new CepTimelineIndex(trace, 'p', 60_000);
    expect(index.at(1).records.map((r) => r.fate)).toEqual(['buffered', 'buffered']);
    expect(index.at(2).records.map((r) => r.fate)).toEqual(['processed', 'buffered']);
    expect(index.at(3).records.map((r) => r.fate)).toEqual(['processed', 'processed']);
  });

  it('shows each key its partial matches after its last step, then the match and the timeout', () => {
    const index = new CepTimelineIndex(trace, 'p', 60_000);
    expect(index.at(1).partials).toEqual([]);
    expect(index.at(2).partials.map((p) => [p.start, stagesText(p.match)])).toEqual([[0, 'failures → …']]);
    expect(index.at(3).partials.map((p) => [p.start, stagesText(p.match)])).toEqual([
      [0, 'failures ×2 → …'],
      [10_000, 'failures → …'],
    ]);
    const done = index.at(6);
    expect(done.partials).toEqual([]);
    expect(done.outcomes.map((o) => [o.kind, o.key, o.ts, o.step])).toEqual([
      ['match', 'alice', 20_000, 5],
      ['timeout', 'bob', 60_001, 6],
    ]);
    expect(done.keys).toEqual(['alice', 'bob']);
    expect(done.combinedWatermark).toBe(24_999);
  });

  it('steps back to the earlier state, across saved states too', () => {
    const index = new CepTimelineIndex(trace, 'p', 60_000, 2);
    expect(index.at(6).outcomes).toHaveLength(2);
    const back = index.at(3);
    expect(back.outcomes).toEqual([]);
    expect(back.partials).toHaveLength(2);
    expect(back.records.map((r) => r.fate)).toEqual(['processed', 'processed']);
    expect(index.at(5).outcomes).toHaveLength(1);
    expect(index.at(4).records.map((r) => r.fate)).toEqual(['processed', 'processed', 'buffered']);
  });

  it('ignores the events of other nodes', () => {
    const other: TraceStep[] = [{ step: 0, node: 'q', subtask: 0, events: buffer(0) }];
    expect(new CepTimelineIndex(other, 'p').at(0).records).toEqual([]);
  });
});

describe('the CEP timeline in processing time and compared', () => {
  const trace = steps(
    buffer(0),
    buffer(10_000),
    [wm(4999), { type: 'cep.partial', key: 'alice', watermark: 4999, partial: [{ stage: 'failures', start: 0, match: { failures: [login(0)] } }], cause }],
    [wm(14_999), { type: 'cep.partial', key: 'alice', watermark: 14_999, partial: [{ stage: 'failures', start: 0, match: { failures: [login(0), login(10_000)] } }, { stage: 'failures', start: 10_000, match: { failures: [login(10_000)] } }], cause }],
    [{ type: 'cep.match', key: 'alice', match: { failures: [login(0)] }, result: 1, ts: 20_000, cause }, { type: 'cep.timeout', key: 'bob', match: { failures: [login(1)] }, result: 2, ts: 60_001, cause }],
  );

  it('remembers the step a partial match began at as it grows', () => {
    const m = new CepTimelineIndex(trace, 'p', 60_000).at(3);
    expect(m.partials.map((p) => [p.start, p.openedAt, p.step])).toEqual([
      [0, 2, 3],
      [10_000, 3, 3],
    ]);
    expect(m.bufferedCount).toBe(0);
    expect(new CepTimelineIndex(trace, 'p', 60_000).at(1).bufferedCount).toBe(2);
  });

  it('places records and marks at the step they came in processing time, bars from the step they began to now', () => {
    const index = new CepTimelineIndex(trace, 'p', 60_000);
    const m = index.at(4);
    expect([m.matchCount, m.outcomes.length]).toEqual([1, 2]);
    const L = layoutCepTimeline(m, 900, 'processing-time');
    expect(L.y).not.toBeNull();
    expect(L.dot(m.records[0]!).y).toBeLessThan(L.dot(m.records[1]!).y);
    expect(L.mark(m.outcomes[0]!).y).toBe(L.y!(4));
    const keys = layoutCepTimeline(m, 900, 'keys');
    // Keys: one lane each, a record and its key's match on the same line.
    expect(keys.dot(m.records[0]!).y).toBe(keys.mark(m.outcomes[0]!).y);
  });

  it('puts compared timelines on one event-time axis that holds both', () => {
    const a = new CepTimelineIndex(trace, 'p', 60_000).at(4);
    const b = new CepTimelineIndex(trace.slice(0, 3), 'p', 5_000).at(2);
    const domain = cepTimeDomain([a, b]);
    // A's partial match from 10 s is still in progress: its deadline (10 s + within 60 s) is on the axis.
    expect(domain).toEqual([0, 70_000]);
    expect(layoutCepTimeline(a, 900, 'keys', domain).x(30_000)).toBe(layoutCepTimeline(b, 900, 'keys', domain).x(30_000));
  });
});
