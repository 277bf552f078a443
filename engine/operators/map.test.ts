import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { MapOperator } from './map.js';
import { NO_TIMESTAMP } from './operator.js';

const harness = (code: string) => new OperatorHarness(new MapOperator(), { nodeId: 'm1', kind: 'map', params: { code } });

describe('map', () => {
  it('emits fn(record) with the input timestamp', () => {
    const h = harness('(r) => ({ ...r, x: r.x * 2 })');
    h.processElement({ x: 1 }, 10).processElement({ x: 5 }, NO_TIMESTAMP);
    expect(h.recordsWithTimestamps()).toEqual([
      [{ x: 2 }, 10],
      [{ x: 10 }, NO_TIMESTAMP],
    ]);
  });

  it('forwards watermarks', () => {
    const h = harness('(r) => r').processWatermark(7);
    expect(h.watermarks()).toEqual([7]);
  });

  it('accepts TypeScript code', () => {
    const h = harness('(r: { x: number }): number => r.x + 1');
    h.processElement({ x: 1 }, 3);
    expect(h.records()).toEqual([2]);
  });

  it('names the node and field when the code is not a function', () => {
    expect(() => harness('42')).toThrow(/map node "m1", params\.code: must evaluate to a function/);
  });
});
