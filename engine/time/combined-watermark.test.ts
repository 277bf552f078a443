import { describe, expect, it } from 'vitest';
import { CombinedWatermark } from './combined-watermark.js';
import type { WatermarkStatusOutput } from './watermark-valve.js';

type Out = number | 'idle' | 'active';

function recorder(): WatermarkStatusOutput & { pop(): Out[] } {
  let seen: Out[] = [];
  return {
    emitWatermark: (w) => seen.push(w),
    emitIdle: (idle) => seen.push(idle ? 'idle' : 'active'),
    pop() {
      const s = seen;
      seen = [];
      return s;
    },
  };
}

describe('CombinedWatermark', () => {
  it('emits the minimum of the two inputs once both have one, and only when it rises', () => {
    const c = new CombinedWatermark(2);
    const out = recorder();
    c.inputWatermark(10, 0, out);
    expect(out.pop()).toEqual([]);
    c.inputWatermark(5, 1, out);
    expect(out.pop()).toEqual([5]);
    c.inputWatermark(8, 1, out);
    expect(out.pop()).toEqual([8]);
    c.inputWatermark(4, 1, out);
    expect(out.pop()).toEqual([]);
    c.inputWatermark(20, 1, out);
    expect(out.pop()).toEqual([10]);
    expect(c.currentWatermark).toBe(10);
  });

  it('leaves an idle input out of the minimum', () => {
    const c = new CombinedWatermark(2);
    const out = recorder();
    c.inputWatermark(10, 0, out);
    c.inputIdle(true, 1, out);
    expect(out.pop()).toEqual([10]);
    c.inputWatermark(15, 0, out);
    expect(out.pop()).toEqual([15]);
  });

  it('goes idle when all inputs are idle without moving the watermark', () => {
    const c = new CombinedWatermark(2);
    const out = recorder();
    c.inputWatermark(10, 0, out);
    c.inputWatermark(30, 1, out);
    expect(out.pop()).toEqual([10]);
    c.inputIdle(true, 1, out);
    expect(out.pop()).toEqual([]);
    c.inputIdle(true, 0, out);
    expect(out.pop()).toEqual(['idle']);
    expect(c.isIdle).toBe(true);
    expect(c.currentWatermark).toBe(10);
  });

  it('announces active before the watermark that waking up lets through', () => {
    const c = new CombinedWatermark(2);
    const out = recorder();
    c.inputWatermark(10, 0, out);
    c.inputWatermark(30, 1, out);
    c.inputIdle(true, 0, out);
    c.inputIdle(true, 1, out);
    expect(out.pop()).toEqual([10, 30, 'idle']);
    c.inputWatermark(40, 0, out);
    expect(out.pop()).toEqual(['active', 40]);
  });

  it('treats an ended input as +∞ so the other input alone drives the watermark', () => {
    const c = new CombinedWatermark(2);
    const out = recorder();
    c.inputWatermark(3, 1, out);
    c.endInput(0, out);
    expect(out.pop()).toEqual([3]);
    c.inputWatermark(9, 1, out);
    expect(out.pop()).toEqual([9]);
    c.endInput(1, out);
    expect(out.pop()).toEqual([Infinity]);
  });

  it('lets an ended input end its idleness, since an end is a watermark', () => {
    const c = new CombinedWatermark(2);
    const out = recorder();
    c.inputIdle(true, 0, out);
    c.inputIdle(true, 1, out);
    expect(out.pop()).toEqual(['idle']);
    c.endInput(0, out);
    expect(out.pop()).toEqual(['active', Infinity]);
  });

  it('rejects an input index out of range', () => {
    expect(() => new CombinedWatermark(2).inputIdle(true, 2, recorder())).toThrow(/input 2 is out of range/);
  });
});
