import { describe, expect, it } from 'vitest';
import { NO_TIMESTAMP } from '../operators/operator.js';
import { DataTap, tapPointsOf } from './data-tap.js';
import { OperatorOutput, type OutputTarget } from './operator-output.js';

/** A downstream that remembers what reached it. */
class Recorder implements OutputTarget {
  readonly values: unknown[] = [];
  watermarks = 0;
  record(value: unknown): void {
    this.values.push(value);
  }
  watermark(): void {
    this.watermarks++;
  }
  idle(): void {}
}

const point = { nodeId: 'n', port: 'out' };

describe('DataTap', () => {
  it('keeps exactly the last N records, oldest first, and counts them all', () => {
    const tap = new DataTap(3);
    for (let i = 0; i < 10; i++) tap.record({ i }, 100 + i);
    const s = tap.snapshot(point, 2);
    expect(s).toEqual({ nodeId: 'n', port: 'out', subtask: 2, count: 10, values: [{ i: 7 }, { i: 8 }, { i: 9 }], timestamps: [107, 108, 109] });
  });

  it('shows fewer records than its capacity until it fills, and no timestamp as null', () => {
    const tap = new DataTap();
    tap.record('a', NO_TIMESTAMP);
    tap.record('b', 5);
    expect(tap.snapshot(point, 0)).toMatchObject({ count: 2, values: ['a', 'b'], timestamps: [null, 5] });
  });

  it('copies values when it snapshots, so later changes to a record do not show', () => {
    const tap = new DataTap(2);
    const r = { x: 1 };
    tap.record(r, 0);
    const s = tap.snapshot(point, 0);
    r.x = 2;
    expect(s.values).toEqual([{ x: 1 }]);
  });
});

describe('OperatorOutput taps', () => {
  it('sees the records of its port while attached, and nothing after it is detached', () => {
    const chained = new Recorder();
    const side = new Recorder();
    const out = new OperatorOutput([chained], new Map([['late', [side]]]));
    const tap = new DataTap(10);
    out.collect(0, 0);
    out.addTap('out', tap);
    out.collect(1, 1);
    out.collect(2, 2);
    out.collectSide('late', 'side', 3);
    out.emitWatermark(5);
    out.removeTap('out', tap);
    out.collect(3, 4);
    expect(tap.snapshot(point, 0).values).toEqual([1, 2]);
    expect(chained.values).toEqual([0, 1, 2, 3]);
    expect(side.values).toEqual(['side']);
    expect(chained.watermarks).toBe(1);
  });

  it('taps a side-output port, also one with no edge', () => {
    const out = new OperatorOutput([new Recorder()], new Map());
    const tap = new DataTap(10);
    out.addTap('late', tap);
    out.collectSide('late', 'x', 1);
    out.collect('main', 2);
    out.removeTap('late', tap);
    out.collectSide('late', 'y', 3);
    expect(tap.snapshot({ nodeId: 'n', port: 'late' }, 0).values).toEqual(['x']);
  });
});

describe('tapPointsOf', () => {
  it('taps an edge out of a keyBy at the ports that feed it', () => {
    const job = {
      nodes: [
        { id: 'a', kind: 'map' },
        { id: 'b', kind: 'map' },
        { id: 'k1', kind: 'keyBy' },
        { id: 'k2', kind: 'keyBy' },
        { id: 'w', kind: 'reduce' },
      ],
      edges: [
        { from: 'a', to: 'k1', fromPort: 'out', toPort: 'in' },
        { from: 'b', to: 'k1', fromPort: 'late', toPort: 'in' },
        { from: 'k1', to: 'k2', fromPort: 'out', toPort: 'in' },
        { from: 'k2', to: 'w', fromPort: 'out', toPort: 'in' },
      ],
    } as unknown as Parameters<typeof tapPointsOf>[0];
    expect(tapPointsOf(job, 'k2', 'out')).toEqual([
      { nodeId: 'a', port: 'out' },
      { nodeId: 'b', port: 'late' },
    ]);
    expect(tapPointsOf(job, 'a', 'out')).toEqual([{ nodeId: 'a', port: 'out' }]);
  });
});
