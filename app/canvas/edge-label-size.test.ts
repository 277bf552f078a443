import { describe, expect, it } from 'vitest';
import { formatInstant } from '../format/time';
import { type LabelSize, LabelSizes, labelSizeKey } from './edge-label-size';

/** What JobEdgeView does on a step: use a known size of the label's kind, else measure the box (counted) and remember it. */
function stepTo(sizes: LabelSizes, tag: string, text: string, idle: boolean, box: { measured: number; size: LabelSize }): LabelSize {
  const key = labelSizeKey(tag, text, idle);
  const known = sizes.known(key);
  if (known !== undefined) return known;
  box.measured++;
  sizes.remember(key, box.size);
  return box.size;
}

describe('LabelSizes', () => {
  it('measures nothing on a step that only moves the watermark on: 2 000 steps of a trace measure one box per shape of text', () => {
    const sizes = new LabelSizes();
    const box = { measured: 0, size: { width: 74, height: 17 } };
    // A watermark every 10 ms of event time from 00:00:00.000 on, for 2 000 steps (never past ten minutes: one shape).
    for (let i = 0; i < 2000; i++) stepTo(sizes, 'main', formatInstant(i * 10 + 3), false, box);
    expect(box.measured).toBe(1);
    // The same texts again (a step back, a scrub): nothing more.
    for (let i = 1999; i >= 0; i -= 7) stepTo(sizes, 'main', formatInstant(i * 10 + 3), false, box);
    expect(box.measured).toBe(1);
  });

  it('measures again when the label’s kind changes: idle, another tag, a text of another shape', () => {
    const sizes = new LabelSizes();
    const box = { measured: 0, size: { width: 74, height: 17 } };
    stepTo(sizes, '', formatInstant(5_000), false, box);
    stepTo(sizes, '', formatInstant(5_000), true, box);
    stepTo(sizes, 'late', formatInstant(5_000), false, box);
    stepTo(sizes, '', formatInstant(-Infinity), false, box);
    stepTo(sizes, '', formatInstant(1_700_000_000_000), false, box);
    expect(box.measured).toBe(5);
    stepTo(sizes, 'late', formatInstant(9_999), false, box);
    stepTo(sizes, '', formatInstant(1_700_000_123_456), false, box);
    expect(box.measured).toBe(5);
  });

  it('keys texts by shape: digits alike, other characters and lengths apart', () => {
    expect(labelSizeKey('', '00:01:00.000', false)).toBe(labelSizeKey('', '00:59:47.318', false));
    expect(labelSizeKey('', '00:01:00.000', false)).not.toBe(labelSizeKey('', '100:01:00.000', false));
    expect(labelSizeKey('', '00:01:00.000', false)).not.toBe(labelSizeKey('', '−00:01:00.000', false));
    expect(labelSizeKey('a', '00:01:00.000', false)).not.toBe(labelSizeKey('b', '00:01:00.000', false));
  });

  it('does not remember a box measured before it was laid out (0 × 0)', () => {
    const sizes = new LabelSizes();
    const key = labelSizeKey('', '00:00:01.000', false);
    sizes.remember(key, { width: 0, height: 0 });
    expect(sizes.known(key)).toBeUndefined();
    sizes.remember(key, { width: 70, height: 17 });
    expect(sizes.known(key)).toEqual({ width: 70, height: 17 });
  });
});
