import { describe, expect, it } from 'vitest';
import type { SubtaskMetrics } from '../../engine/index';
import { ThroughputMeter, formatRate } from './throughput';

function sample(subtask: number, ops: Record<string, number>): SubtaskMetrics {
  return {
    vertex: 'v',
    subtask,
    slot: subtask,
    operators: Object.entries(ops).map(([nodeId, recordsOut]) => ({ nodeId, recordsOut, recordsOutPerSecond: 0, outputWatermark: 0, newestTimestamp: 0, outputIdle: false, stateKeys: 0, stateBytes: 0 })),
    recordsIn: 0,
    recordsInPerSecond: 0,
    bytesIn: 0,
    bytesOut: 0,
    bytesInPerSecond: 0,
    bytesOutPerSecond: 0,
    inputWatermark: 0,
    inputIdle: false,
    busyMsPerSecond: 0,
    idleMsPerSecond: 1000,
    backPressuredMsPerSecond: 0,
    inputBufferUsage: 0,
    outputBufferUsage: 0,
  };
}

describe('throughput', () => {
  it('is the change of records out over the time between samples, summed over subtasks', () => {
    const meter = new ThroughputMeter();
    meter.update([sample(0, { m: 100 }), sample(1, { m: 50 })], 1000);
    const t = meter.update([sample(0, { m: 350 }), sample(1, { m: 100 })], 1250);
    expect(t.m).toEqual({ perSecond: 1000 + 200, total: 450 });
  });

  it('keeps the figures of subtasks from other slots between their samples', () => {
    const meter = new ThroughputMeter();
    meter.update([sample(0, { m: 0 })], 0);
    meter.update([sample(1, { m: 0 })], 10);
    meter.update([sample(0, { m: 100 })], 1000);
    const t = meter.update([sample(1, { m: 10 })], 1010);
    expect(t.m!.perSecond).toBeCloseTo(100 + 10);
    expect(t.m!.total).toBe(110);
  });

  it('returns unchanged figures as the same objects, so per-node views skip redrawing', () => {
    const meter = new ThroughputMeter();
    const first = meter.update([sample(0, { a: 5, b: 1 })], 0);
    const second = meter.update([sample(0, { a: 5, b: 9 })], 1000, first);
    expect(second.a).toBe(first.a);
    expect(second.b).not.toBe(first.b);
    expect(second.b).toEqual({ perSecond: 8, total: 9 });
  });

  it('formats rates to fit on a node', () => {
    expect(formatRate(35.4)).toBe('35/s');
    expect(formatRate(1234)).toBe('1.2k/s');
    expect(formatRate(2_400_000)).toBe('2.4M/s');
  });
});
