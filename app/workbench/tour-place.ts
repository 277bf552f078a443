/**
 * Where the first-run tour's card goes beside what a step points at, so that it never hides
 * the thing it explains: on its right when there is room, else on its left, else above it (the
 * panels at the bottom: the card must not cover their tabs), else inside its top-left corner.
 */

export interface TourBox {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The card's CSS position (fixed): `left` and either `top` or `bottom`. */
export type TourPlace = { readonly left: number; readonly top: number } | { readonly left: number; readonly bottom: number };

export const TOUR_CARD_WIDTH = 320;
/** The card's height with a long step's text, and a margin. */
const CARD_HEIGHT = 200;
const GAP = 12;

export function placeTourCard(box: TourBox | null, viewport: { width: number; height: number }): TourPlace {
  if (box === null) return { left: 24, top: 80 };
  const top = Math.max(8, Math.min(box.top, viewport.height - CARD_HEIGHT - 8));
  if (box.right + GAP + TOUR_CARD_WIDTH + 8 <= viewport.width) return { left: box.right + GAP, top };
  if (box.left - GAP - TOUR_CARD_WIDTH >= 8) return { left: box.left - GAP - TOUR_CARD_WIDTH, top };
  if (box.top >= CARD_HEIGHT + GAP) return { left: Math.max(8, box.left + GAP), bottom: viewport.height - box.top + GAP };
  return { left: Math.max(8, box.left + GAP), top: Math.max(8, Math.min(box.top + GAP, viewport.height - CARD_HEIGHT - 8)) };
}
