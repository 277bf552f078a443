import { describe, expect, it } from 'vitest';
import { placeTourCard } from './tour-place';

const at1280 = { width: 1280, height: 720 };

describe("the tour card's place", () => {
  it('goes right of the palette, where there is room', () => {
    expect(placeTourCard({ left: 0, top: 37, right: 200, bottom: 488 }, at1280)).toEqual({ left: 212, top: 37 });
  });

  it('goes left of the inspector at the right edge, over the canvas, not over the inspector', () => {
    const p = placeTourCard({ left: 950, top: 37, right: 1280, bottom: 488 }, at1280);
    expect(p).toEqual({ left: 950 - 12 - 320, top: 37 });
  });

  it('goes above the panels spanning the width, so their tabs stay in view', () => {
    expect(placeTourCard({ left: 0, top: 488, right: 1280, bottom: 720 }, at1280)).toEqual({ left: 12, bottom: 720 - 488 + 12 });
  });

  it('goes inside the corner of what fills the page, and stays on screen', () => {
    const p = placeTourCard({ left: 200, top: 37, right: 948, bottom: 488 }, at1280);
    expect(p).toEqual({ left: 212, top: 49 });
    expect(placeTourCard(null, at1280)).toEqual({ left: 24, top: 80 });
  });
});
