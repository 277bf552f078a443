/**
 * Where the timeline draws things: event time on the x axis (a d3 linear scale with its
 * ticks), and on the y axis either one lane per key or — the Streaming Systems two-axis view —
 * processing time, i.e. the step at which the window node took each record. Pure geometry, so
 * drawing and hit-testing (hover a dot, click a pane) agree.
 */
import { type ScaleLinear, scaleLinear } from 'd3-scale';
import { formatInstant } from '../format/time';
import type { TimelineModel, TimelinePane, TimelineRecord } from './timeline-model';

export type TimelineAxis = 'keys' | 'processing-time';

export const LANE_HEIGHT = 26;
export const GUTTER = 112;
export const AXIS_HEIGHT = 26;
const PAD = 12;
/** Height of the processing-time view's plot. */
const PROCESSING_HEIGHT = 320;

export interface TimelineLayout {
  readonly width: number;
  readonly height: number;
  readonly x: ScaleLinear<number, number>;
  readonly xTicks: readonly number[];
  /** In the processing-time view: step → y. */
  readonly y: ScaleLinear<number, number> | null;
  readonly axis: TimelineAxis;
  laneTop(key: string): number;
  dot(r: TimelineRecord): { x: number; y: number };
  /** A pane's box; in the processing-time view it spans from its opening step to its last firing or now. */
  paneBox(p: TimelinePane): { x: number; y: number; w: number; h: number };
}

/** Roughly how wide an 11 px label of `n` characters is, in pixels. */
const labelWidth = (n: number) => n * 6.6;

/**
 * Event-time ticks as dense as their labels allow: at most one label per label width plus a gap,
 * so a narrow timeline (1280 px, or half of it in Compare) shows fewer, never overlapping.
 */
export function timeTicks(x: ScaleLinear<number, number>): number[] {
  const [a, b] = x.range() as [number, number];
  const plot = Math.max(1, b - a);
  let ticks: number[] = [];
  for (let count = Math.max(2, Math.floor(plot / 60)); count >= 1; count--) {
    ticks = x.ticks(count);
    const widest = Math.max(0, ...ticks.map((t) => labelWidth(formatInstant(t).length)));
    const gap = ticks.length < 2 ? Infinity : Math.abs(x(ticks[1]!) - x(ticks[0]!));
    if (gap >= widest + 16) return ticks;
    // Even the sparsest nice ticks crowd (long date labels on a narrow timeline): keep every k-th.
    if (count === 1) return ticks.filter((_, i) => i % Math.ceil((widest + 16) / gap) === 0);
  }
  return ticks;
}

/** The event times a timeline spans: its model's, or a range shared with another timeline (Compare). */
export function timeDomain(models: readonly TimelineModel[]): readonly [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of models) {
    lo = Math.min(lo, m.minTime);
    hi = Math.max(hi, m.maxTime);
  }
  if (!Number.isFinite(lo)) lo = 0;
  if (!Number.isFinite(hi)) hi = lo + 10_000;
  return [lo, hi];
}

export function layoutTimeline(model: TimelineModel, width: number, axis: TimelineAxis, domain: readonly [number, number] = timeDomain([model])): TimelineLayout {
  const [lo, hi] = domain;
  const span = Math.max(1, hi - lo);
  const x = scaleLinear()
    .domain([lo - span * 0.02, hi + span * 0.02])
    .range([GUTTER, Math.max(GUTTER + 100, width - PAD)]);
  const laneIndex = new Map(model.keys.map((k, i) => [k, i]));
  const laneTop = (key: string) => AXIS_HEIGHT + (laneIndex.get(key) ?? 0) * LANE_HEIGHT;
  if (axis === 'keys') {
    const height = AXIS_HEIGHT + Math.max(1, model.keys.length) * LANE_HEIGHT + PAD;
    return {
      width,
      height,
      x,
      xTicks: timeTicks(x),
      y: null,
      axis,
      laneTop,
      dot: (r) => ({ x: x(r.ts), y: laneTop(r.key) + LANE_HEIGHT / 2 }),
      paneBox: (p) => {
        const x0 = x(p.start);
        return { x: x0, y: laneTop(p.key) + 3, w: Math.max(2, x(p.end) - x0), h: LANE_HEIGHT - 6 };
      },
    };
  }
  const height = AXIS_HEIGHT + PROCESSING_HEIGHT + PAD;
  const y = scaleLinear()
    .domain([0, Math.max(1, model.step)])
    .range([AXIS_HEIGHT + 6, AXIS_HEIGHT + PROCESSING_HEIGHT]);
  return {
    width,
    height,
    x,
    xTicks: timeTicks(x),
    y,
    axis,
    laneTop,
    dot: (r) => ({ x: x(r.ts), y: y(r.step) }),
    paneBox: (p) => {
      const x0 = x(p.start);
      const last = p.purgedAt ?? model.step;
      const y0 = y(p.openedAt);
      return { x: x0, y: y0, w: Math.max(2, x(p.end) - x0), h: Math.max(2, y(last) - y0) };
    },
  };
}

/** The record whose dot is nearest (x, y), within `radius` pixels. */
export function recordAt(model: TimelineModel, layout: TimelineLayout, px: number, py: number, radius = 6): TimelineRecord | null {
  let best: TimelineRecord | null = null;
  let bestD = radius * radius;
  for (const r of model.records) {
    const d = layout.dot(r);
    const dd = (d.x - px) ** 2 + (d.y - py) ** 2;
    if (dd <= bestD) {
      best = r;
      bestD = dd;
    }
  }
  return best;
}

/** The pane drawn under (x, y), newest first (a reopened pane lies over its purged one). */
export function paneAt(model: TimelineModel, layout: TimelineLayout, px: number, py: number): TimelinePane | null {
  for (let i = model.panes.length - 1; i >= 0; i--) {
    const p = model.panes[i]!;
    if (p.mergedInto !== null) continue;
    const b = layout.paneBox(p);
    if (px >= b.x && px <= b.x + b.w && py >= b.y && py <= b.y + b.h) return p;
  }
  return null;
}

/** The rows of the canvas in view (its scroll box's scroll position and height), in canvas pixels. */
export interface VisibleRows {
  readonly top: number;
  readonly height: number;
}

/** Whether something drawn from `y` to `y + h` is in view, or within a lane of it (what drawing skips otherwise). */
export function rowsInView(view: VisibleRows): (y: number, h?: number) => boolean {
  const from = view.top - LANE_HEIGHT;
  const to = view.top + Math.max(view.height, 1) + LANE_HEIGHT;
  return (y, h = 0) => y + h > from && y < to;
}
