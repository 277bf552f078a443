import { describe, expect, it } from 'vitest';
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
