/**
 * When a live chart redraws. Redrawing dozens of lines is most of what a metrics tick costs the
 * page, so a chart redraws only when its data changed since it last drew, only while it is in
 * view (one scrolled out of its panel catches up when it comes back), and a chart of many lines
 * at most once per `minGapMs` — the latest data then draws at the end of the gap, so the last
 * point of a run always shows.
 */
export interface RedrawInput {
  /** Whether the data changed since the last draw. */
  readonly changed: boolean;
  readonly inView: boolean;
  /** When the chart last drew (ms, the same clock as `now`). */
  readonly lastDrawAt: number;
  readonly now: number;
  readonly minGapMs: number;
}

/** null: nothing to draw now (unchanged, or out of view); otherwise how long to wait before drawing (0: now). */
export function redrawDelay({ changed, inView, lastDrawAt, now, minGapMs }: RedrawInput): number | null {
  if (!changed || !inView) return null;
  return Math.max(0, lastDrawAt + minGapMs - now);
}

/** The least time between two redraws of a chart of `lines` lines: none for a few, a second for many. */
export function minRedrawGapMs(lines: number): number {
  return lines > 12 ? 1000 : 0;
}
