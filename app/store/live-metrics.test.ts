import { describe, expect, it } from 'vitest';
import type { SubtaskMetrics } from '../../engine/index';
import { LiveMetrics, backpressureLevel, formatBytes, watermarkLag } from './live-metrics';

function sample(vertex: string, subtask: number, ops: Array<[string, number, number]>, extra: Partial<SubtaskMetrics> = {}): SubtaskMetrics {
  return {
    vertex,
    subtask,
    slot: subtask,
    operators: ops.map(([nodeId, outputWatermark, stateKeys]) => ({
      nodeId,
      recordsOut: 10,
      recordsOutPerSecond: 5,
      outputWatermark,
      newestTimestamp: -Infinity,
      outputIdle: false,
      stateKeys,
      stateBytes: stateKeys * 100,
    })),
    recordsIn: 0,
    recordsInPerSecond: 7,
    bytesIn: 0,
    bytesOut: 0,
    bytesInPerSecond: 0,
    bytesOutPerSecond: 0,
    inputWatermark: -Infinity,
    inputIdle: false,
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

  it('counts each operator’s records in along the chain, and a node’s records over its subtasks', () => {
    const m = new LiveMetrics();
    const s = (subtask: number, recordsIn: number, mapOut: number) => {
      const base = sample('wm', subtask, [['wm', 0, 0], ['map', 0, 0]], { recordsIn });
      return { ...base, operators: base.operators.map((o) => (o.nodeId === 'map' ? { ...o, recordsOut: mapOut } : o)) };
    };
    m.update([s(0, 40, 3), s(1, 25, 4)], 0);
    const rows = m.rows();
    expect(rows.filter((r) => r.nodeId === 'wm').map((r) => r.recordsIn)).toEqual([40, 25]);
    // The map's input is the watermark assigner's output (10 per subtask in these samples).
    expect(rows.filter((r) => r.nodeId === 'map').map((r) => r.recordsIn)).toEqual([10, 10]);
    expect(m.recordsOf('map')).toEqual({ recordsIn: 20, recordsOut: 7 });
    expect(m.recordsOf('wm')).toEqual({ recordsIn: 65, recordsOut: 20 });
    expect(m.recordsOf('nowhere')).toBeUndefined();
  });

  it('charts the slowest subtask’s watermark and sums rates and keys over subtasks', () => {
    const m = new LiveMetrics();
    m.update([sample('w', 0, [['w', 900, 2]]), sample('w', 1, [['w', 400, 3]])], 0);
    expect(m.times).toEqual([0]);
    expect(m.watermark.get('w')).toEqual([400]);
    expect(m.stateKeys.get('w')).toEqual([5]);
    expect(m.stateBytes.get('w')).toEqual([500]);
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

  it('moves its history version when a point is added, not on every sample (charts redraw on it)', () => {
    const m = new LiveMetrics();
    m.update([sample('a', 0, [['a', 1, 0]])], 0);
    expect(m.historyVersion).toBe(1);
    m.update([sample('a', 0, [['a', 2, 0]])], 100);
    m.update([sample('a', 1, [['a', 2, 0]])], 150);
    expect(m.historyVersion).toBe(1);
    m.update([sample('a', 0, [['a', 3, 0]])], 200);
    expect(m.historyVersion).toBe(2);
    m.close(210);
    expect(m.historyVersion).toBe(2);
    m.update([sample('a', 0, [['a', 4, 0]])], 250);
    m.close(260);
    expect(m.historyVersion).toBe(3);
  });

  it('ends the history on the final samples of a run shorter than a point’s spacing', () => {
    const m = new LiveMetrics();
    m.close(0);
    expect(m.times).toEqual([]);
    m.update([sample('a', 0, [['a', 1, 0]])], 1000);
    m.update([sample('a', 0, [['a', 9, 0]])], 1050);
    expect(m.times).toEqual([0]);
    m.close(1060);
    // Two points: a line from the first figures to the final ones, at least a spacing apart.
    expect(m.times).toEqual([0, 0.2]);
    expect(m.watermark.get('a')).toEqual([1, 9]);
    // Nothing new since: no further point.
    m.close(2000);
    expect(m.times).toHaveLength(2);
  });

  it('draws a run whose only samples came at once from its start to its end', () => {
    const m = new LiveMetrics();
    m.update([sample('a', 0, [['a', 4, 0]])], 500);
    m.close(500);
    expect(m.times).toEqual([0, 0.2]);
    expect(m.watermark.get('a')).toEqual([4, 4]);
  });

  it('charts state bytes over time beside keys, aligned with the other series', () => {
    const m = new LiveMetrics();
    m.update([sample('w', 0, [['w', 0, 1]])], 0);
    m.update([sample('w', 0, [['w', 0, 4]])], 200);
    m.update([sample('v', 0, [['v', 0, 2]])], 400);
    expect(m.stateBytes.get('w')).toEqual([100, 400, 400]);
    expect(m.stateBytes.get('v')).toEqual([null, null, 200]);
    expect(m.rows().find((r) => r.nodeId === 'w')!.stateBytes).toBe(400);
  });

  it('gives each operator its watermark lag behind the newest record, and idle status along the chain', () => {
    const m = new LiveMetrics();
    const s = sample('gen', 0, [['gen', -Infinity, 0], ['wm', 7_000, 0], ['map', 7_000, 0]], { inputIdle: false });
    const ops = s.operators.map((o) => ({ ...o, newestTimestamp: o.nodeId === 'gen' ? 9_500 : 9_000, outputIdle: o.nodeId !== 'gen' }));
    m.update([{ ...s, operators: ops }, sample('count', 0, [['count', 5_000, 3]], { inputIdle: true })], 0);
    const byNode = Object.fromEntries(m.rows().map((r) => [r.nodeId, r]));
    expect(byNode.gen).toMatchObject({ inputIdle: false, outputIdle: false });
    expect(byNode.gen!.watermarkLag).toBeNaN();
    expect(byNode.wm).toMatchObject({ watermarkLag: 2_000, inputIdle: false, outputIdle: true });
    expect(byNode.map).toMatchObject({ inputIdle: true, outputIdle: true });
    // No record emitted yet: no lag to speak of.
    expect(byNode.count).toMatchObject({ inputIdle: true, outputIdle: false });
    expect(byNode.count!.watermarkLag).toBeNaN();
  });

  it('gives each node the worst back-pressure level of its subtasks', () => {
    const m = new LiveMetrics();
    m.update([sample('gen', 0, [['gen', 0, 0], ['wm', 0, 0]], { backPressuredMsPerSecond: 20 }), sample('gen', 1, [['gen', 0, 0], ['wm', 0, 0]], { backPressuredMsPerSecond: 700 })], 0);
    expect(m.backpressure()).toEqual({ gen: 'high', wm: 'high' });
  });
});

describe('formatting', () => {
  it('writes byte counts with units', () => {
    expect([0, 512.4, 12_595, 3 * 1024 * 1024, 5 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '512 B', '12.3 KB', '3.0 MB', '5.0 GB']);
  });

  it('measures lag only between known instants', () => {
    expect(watermarkLag(10_000, 8_000)).toBe(2_000);
    expect(watermarkLag(10_000, -Infinity)).toBeNaN();
    expect(watermarkLag(-Infinity, 5)).toBeNaN();
    expect(watermarkLag(10_000, Infinity)).toBeNaN();
  });
});
