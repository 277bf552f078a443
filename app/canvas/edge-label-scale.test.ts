import { describe, expect, it } from 'vitest';
import { LABEL_PX, LEGIBLE_PX, labelScale } from './edge-label-scale';

describe('edge labels in the lab', () => {
  it('keep at least the legible size on screen when the canvas is zoomed out, and never shrink', () => {
    for (const zoom of [0.625, 0.7, 0.8, 0.9, 1]) expect(LABEL_PX * zoom * labelScale(zoom)).toBeGreaterThanOrEqual(LEGIBLE_PX);
    expect(labelScale(1)).toBe(1);
    expect(labelScale(2)).toBe(1);
  });

  it('stop growing far out, so labels do not cover a whole zoomed-out graph', () => {
    expect(labelScale(0.2)).toBe(1.6);
    expect(labelScale(0.5)).toBe(1.6);
  });
});
