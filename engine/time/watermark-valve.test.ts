import { describe, expect, it } from 'vitest';
import { StatusWatermarkValve, type WatermarkStatusOutput } from './watermark-valve.js';

type Out = number | 'idle' | 'active';

/** Records what the valve emits; `pop()` returns and forgets it. */
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

describe('StatusWatermarkValve — semantics.md examples', () => {
  it('emits the minimum over channels only when it rises', () => {
    const v = new StatusWatermarkValve(3);
    const out = recorder();
    v.inputWatermark(12, 0, out);
    v.inputWatermark(8, 2, out);
    v.inputWatermark(10, 2, out);
    expect(out.pop()).toEqual([]);
    v.inputWatermark(15, 1, out);
    expect(out.pop()).toEqual([10]);
    v.inputWatermark(17, 2, out);
    expect(out.pop()).toEqual([12]);
    v.inputWatermark(20, 0, out);
    expect(out.pop()).toEqual([15]);
  });

  it('leaves an idle channel out of the minimum', () => {
    const v = new StatusWatermarkValve(3);
    const out = recorder();
    v.inputWatermark(15, 0, out);
    v.inputWatermark(10, 1, out);
    expect(out.pop()).toEqual([]);
    v.inputIdle(true, 2, out);
    expect(out.pop()).toEqual([10]);
    v.inputWatermark(18, 1, out);
    expect(out.pop()).toEqual([15]);
    v.inputWatermark(20, 0, out);
    expect(out.pop()).toEqual([18]);
  });
});

describe('StatusWatermarkValve — Flink StatusWatermarkValveTest cases', () => {
  it('advances a single channel with increasing watermarks', () => {
    const v = new StatusWatermarkValve(1);
    const out = recorder();
    v.inputWatermark(0, 0, out);
    expect(out.pop()).toEqual([0]);
    v.inputWatermark(25, 0, out);
    expect(out.pop()).toEqual([25]);
  });

  it('ignores a decreasing watermark on a single channel', () => {
    const v = new StatusWatermarkValve(1);
    const out = recorder();
    v.inputWatermark(25, 0, out);
    v.inputWatermark(18, 0, out);
    expect(out.pop()).toEqual([25]);
    v.inputWatermark(42, 0, out);
    expect(out.pop()).toEqual([42]);
  });

  it('toggles status on a single channel and ignores repeated statuses', () => {
    const v = new StatusWatermarkValve(1);
    const out = recorder();
    v.inputIdle(false, 0, out);
    expect(out.pop()).toEqual([]);
    v.inputIdle(true, 0, out);
    expect(out.pop()).toEqual(['idle']);
    v.inputIdle(true, 0, out);
    expect(out.pop()).toEqual([]);
    v.inputIdle(false, 0, out);
    expect(out.pop()).toEqual(['active']);
  });

  it('keeps a channel watermark intact while the channel is idle', () => {
    const v = new StatusWatermarkValve(1);
    const out = recorder();
    v.inputWatermark(25, 0, out);
    v.inputIdle(true, 0, out);
    expect(out.pop()).toEqual([25, 'idle']);
    v.inputWatermark(50, 0, out);
    expect(out.pop()).toEqual([]);
    expect(v.channelWatermark(0)).toBe(25);
    v.inputIdle(false, 0, out);
    expect(out.pop()).toEqual(['active']);
    v.inputWatermark(50, 0, out);
    expect(out.pop()).toEqual([50]);
  });

  it('emits only once every channel has a watermark', () => {
    const v = new StatusWatermarkValve(3);
    const out = recorder();
    v.inputWatermark(0, 0, out);
    v.inputWatermark(0, 1, out);
    expect(out.pop()).toEqual([]);
    v.inputWatermark(0, 2, out);
    expect(out.pop()).toEqual([0]);
  });

  it('ignores decreasing watermarks on several channels', () => {
    const v = new StatusWatermarkValve(3);
    const out = recorder();
    v.inputWatermark(25, 0, out);
    v.inputWatermark(10, 1, out);
    v.inputWatermark(17, 2, out);
    expect(out.pop()).toEqual([10]);
    v.inputWatermark(12, 0, out);
    v.inputWatermark(8, 1, out);
    v.inputWatermark(15, 2, out);
    expect(out.pop()).toEqual([]);
  });

  it('goes idle only when all channels are idle, and active with the first that wakes', () => {
    const v = new StatusWatermarkValve(2);
    const out = recorder();
    v.inputIdle(false, 0, out);
    v.inputIdle(false, 1, out);
    v.inputIdle(true, 1, out);
    expect(out.pop()).toEqual([]);
    v.inputIdle(true, 0, out);
    expect(out.pop()).toEqual(['idle']);
    v.inputIdle(true, 0, out);
    v.inputIdle(true, 1, out);
    expect(out.pop()).toEqual([]);
    v.inputIdle(false, 1, out);
    expect(out.pop()).toEqual(['active']);
    v.inputIdle(false, 0, out);
    expect(out.pop()).toEqual([]);
    expect(v.isIdle).toBe(false);
  });

  it('advances as channels go idle one by one', () => {
    const v = new StatusWatermarkValve(3);
    const out = recorder();
    v.inputWatermark(25, 0, out);
    v.inputWatermark(10, 1, out);
    v.inputWatermark(17, 2, out);
    expect(out.pop()).toEqual([10]);
    v.inputIdle(true, 1, out);
    expect(out.pop()).toEqual([17]);
    v.inputIdle(true, 2, out);
    expect(out.pop()).toEqual([25]);
  });

  it('flushes the max watermark, then idle, when the last channel holding the minimum goes idle', () => {
    const v = new StatusWatermarkValve(3);
    const out = recorder();
    v.inputWatermark(10, 0, out);
    v.inputWatermark(5, 1, out);
    v.inputWatermark(3, 2, out);
    expect(out.pop()).toEqual([3]);
    v.inputIdle(true, 0, out);
    v.inputIdle(true, 1, out);
    expect(out.pop()).toEqual([]);
    v.inputIdle(true, 2, out);
    expect(out.pop()).toEqual([10, 'idle']);
  });

  it('realigns a channel that wakes up only once it catches up with the last output', () => {
    const v = new StatusWatermarkValve(3);
    const out = recorder();
    v.inputWatermark(10, 0, out);
    v.inputWatermark(7, 1, out);
    v.inputWatermark(3, 2, out);
    expect(out.pop()).toEqual([3]);
    v.inputIdle(true, 2, out);
    expect(out.pop()).toEqual([7]);
    v.inputIdle(false, 2, out);
    expect(v.isChannelAligned(2)).toBe(false);
    v.inputWatermark(5, 2, out);
    expect(v.channelWatermark(2)).toBe(5);
    expect(out.pop()).toEqual([]);
    v.inputWatermark(9, 2, out);
    expect(v.isChannelAligned(2)).toBe(true);
    expect(out.pop()).toEqual([]);
    v.inputWatermark(12, 1, out);
    expect(out.pop()).toEqual([9]);
  });

  it('emits nothing when every active channel is unaligned (no +∞ by accident)', () => {
    const v = new StatusWatermarkValve(3);
    const out = recorder();
    v.inputWatermark(10, 0, out);
    v.inputWatermark(7, 1, out);
    v.inputIdle(true, 2, out);
    expect(out.pop()).toEqual([7]);
    v.inputIdle(false, 2, out);
    expect(out.pop()).toEqual([]);
    v.inputIdle(true, 0, out);
    v.inputIdle(true, 1, out);
    expect(out.pop()).toEqual([]);
    expect(v.isIdle).toBe(false);
  });
});

describe('StatusWatermarkValve — edges', () => {
  it('goes idle without a flush when the last channel to go idle is still catching up', () => {
    const v = new StatusWatermarkValve(2);
    const out = recorder();
    v.inputWatermark(10, 0, out);
    v.inputWatermark(5, 1, out);
    expect(out.pop()).toEqual([5]);
    v.inputIdle(true, 1, out);
    expect(out.pop()).toEqual([10]);
    v.inputIdle(false, 1, out); // unaligned: 5 < 10
    v.inputWatermark(7, 1, out);
    v.inputIdle(true, 0, out); // 10 held the output; only unaligned channel 1 is left
    expect(out.pop()).toEqual([]);
    v.inputIdle(true, 1, out); // 7 ≠ 10: nothing to flush
    expect(out.pop()).toEqual(['idle']);
    expect(v.currentWatermark).toBe(10);
  });

  it('passes the end-of-input watermark +∞ once every channel has ended', () => {
    const v = new StatusWatermarkValve(2);
    const out = recorder();
    v.inputWatermark(Infinity, 0, out);
    expect(out.pop()).toEqual([]);
    v.inputWatermark(Infinity, 1, out);
    expect(out.pop()).toEqual([Infinity]);
  });

  it('rejects a channel index out of range', () => {
    const v = new StatusWatermarkValve(2);
    expect(() => v.inputWatermark(1, 2, recorder())).toThrow(/channel 2 is out of range/);
    expect(() => new StatusWatermarkValve(0)).toThrow(/at least one channel/);
  });
});
