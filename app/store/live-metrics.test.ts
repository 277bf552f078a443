import { describe, expect, it } from 'vitest';
import type { SubtaskMetrics } from '../../engine/index';
import { LiveMetrics, backpressureLevel, formatDuration, formatEventTime } from './live-metrics';

function sample(vertex: string, subtask: number, ops: Array<[string, number, number]>, extra: Partial<SubtaskMetrics> = {}): SubtaskMetrics {
  return {
    vertex,
    subtask,
    slot: subtask,
    operators: ops.map(([nodeId, outputWatermark, stateKeys]) => ({ nodeId, recordsOut: 10, recordsOutPerSecond: 5, outputWatermark, stateKeys })),
    recordsIn: 0,
    recordsInPerSecond: 7,
    bytesIn: 0,
    bytesOut: 0,
    bytesInPerSecond: 0,
    bytesOutPerSecond: 0,
    inputWatermark: -Infinity,
    busyMsPerSecond: 0,
    idleMsPerSecond: 0,
    backPressuredMsPerSecond: 0,
    inputBufferUsage: 0,
    outputBufferUsage: 0,
    ...extra,
  };
}

describe('backpressureLevel', () => {
  it('is OK up to 10%, LOW up to 50%, HIGH above, as in Flink', () => {
    expect([0, 100, 101, 500, 501, 1000].map(backpressureLevel)).toEqual(['ok', 'ok', 'low', 'low', 'high', 'high']);
  });
});

describe('LiveMetrics', () => {
  it('feeds a chained operator the previous operator’s output watermark and rate', () => {
    const m = new LiveMetrics();
    m.update([sample('gen', 0, [['gen', 100, 0], ['wm', 50, 0]], { inputWatermark: 3 })], 0);
    const [gen, wm] = m.rows();
    expect(gen).toMatchObject({ nodeId: 'gen', inputWatermark: 3, outputWatermark: 100, recordsInPerSecond: 7 });
    expect(wm).toMatchObject({ nodeId: 'wm', inputWatermark: 100, outputWatermark: 50, recordsInPerSecond: 5 });
  });

  it('charts the slowest subtask’s watermark and sums rates and keys over subtasks', () => {
    const m = new LiveMetrics();
    m.update([sample('w', 0, [['w', 900, 2]]), sample('w', 1, [['w', 400, 3]])], 0);
    expect(m.times).toEqual([0]);
    expect(m.watermark.get('w')).toEqual([400]);
    expect(m.stateKeys.get('w')).toEqual([5]);
    expect(m.recordsOutPerSecond.get('w')).toEqual([10]);
  });

  it('adds at most one history point per 200 ms and keeps series aligned', () => {
    const m = new LiveMetrics();
    expect(m.update([sample('a', 0, [['a', -Infinity, 0]])], 0)).toBe(true);
    expect(m.update([sample('b', 0, [['b', 5, 0]])], 100)).toBe(false);
    expect(m.update([sample('b', 0, [['b', 6, 0]])], 250)).toBe(true);
    expect(m.times).toEqual([0, 0.25]);
    expect(m.watermark.get('a')).toEqual([null, null]);
    expect(m.watermark.get('b')).toEqual([null, 6]);
  });

  it('gives each node the worst back-pressure level of its subtasks', () => {
    const m = new LiveMetrics();
    m.update([sample('gen', 0, [['gen', 0, 0], ['wm', 0, 0]], { backPressuredMsPerSecond: 20 }), sample('gen', 1, [['gen', 0, 0], ['wm', 0, 0]], { backPressuredMsPerSecond: 700 })], 0);
    expect(m.backpressure()).toEqual({ gen: 'high', wm: 'high' });
  });
});

describe('formatting', () => {
  it('writes event times as seconds, or as a UTC clock time for epoch millis', () => {
    expect(formatEventTime(-Infinity)).toBe('none yet');
    expect(formatEventTime(2500)).toBe('2.50 s');
    expect(formatEventTime(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02 03:04:05.000 UTC');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });
});
