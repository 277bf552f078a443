/**
 * The geometry every lab timeline shares (a window node's and a CEP node's): event time across
 * on a d3 linear scale with readable ticks, one domain for timelines compared side by side, the
 * processing-time axis (the step at which a record arrived, the Streaming Systems two-axis
 * view), lanes stacked under the axis, which of them are scrolled into view, and the nearest
 * mark under the pointer. Pure, so drawing and hit-testing agree and tests need no canvas.
 */
import { type ScaleLinear, scaleLinear } from 'd3-scale';
import { formatInstant } from '../format/time';

/** The vertical axis: one lane per key, or processing time (the step) running down. */
export type TimelineAxis = 'keys' | 'processing-time';

export const LANE_HEIGHT = 26;
export const GUTTER = 112;
export const AXIS_HEIGHT = 26;
export const PAD = 12;
/** Height of the processing-time view's plot. */
export const PROCESSING_HEIGHT = 320;

/** What every timeline's drawing needs of its layout: the size, event time across, and the processing-time scale when that axis is chosen. */
export interface TimeFrame {
  readonly width: number;
  readonly height: number;
  readonly axis: TimelineAxis;
  readonly x: ScaleLinear<number, number>;
  readonly xTicks: readonly number[];
  /** In the processing-time view: step → y. */
  readonly y: ScaleLinear<number, number> | null;
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

/** The event times spanned by several timelines (Compare: one axis for both), each an extent `[lo, hi]`; 0 to 10 s when none saw anything. */
export function sharedDomain(extents: readonly (readonly [number, number])[]): readonly [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const [a, b] of extents) {
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  if (!Number.isFinite(lo)) lo = 0;
  if (!Number.isFinite(hi)) hi = lo + 10_000;
  return [lo, hi];
}

/** Event time across `width` pixels after the lane labels, with 2 % of room at either end. */
export function eventTimeScale(domain: readonly [number, number], width: number): ScaleLinear<number, number> {
  const [lo, hi] = domain;
  const span = Math.max(1, hi - lo);
  return scaleLinear()
    .domain([lo - span * 0.02, hi + span * 0.02])
    .range([GUTTER, Math.max(GUTTER + 100, width - PAD)]);
}

/** The processing-time view's frame: steps 0 to `lastStep` running down a plot of fixed height. */
export function processingFrame(x: ScaleLinear<number, number>, width: number, lastStep: number): TimeFrame {
  const y = scaleLinear()
    .domain([0, Math.max(1, lastStep)])
    // Room above step 0 for the axis's name under the event-time label.
    .range([AXIS_HEIGHT + 22, AXIS_HEIGHT + PROCESSING_HEIGHT]);
  return { width, height: AXIS_HEIGHT + PROCESSING_HEIGHT + PAD, axis: 'processing-time', x, xTicks: timeTicks(x), y };
}

/** Lanes stacked under the axis in key order, each `heightOf(key)` tall (all `LANE_HEIGHT` unless given). */
export interface Lanes {
  top(key: string): number;
  height(key: string): number;
  /** Where the last lane ends. */
  readonly bottom: number;
}

export function stackLanes(keys: readonly string[], heightOf?: (key: string) => number): Lanes {
  if (heightOf === undefined) {
    const index = new Map(keys.map((k, i) => [k, i]));
    return { top: (k) => AXIS_HEIGHT + (index.get(k) ?? 0) * LANE_HEIGHT, height: () => LANE_HEIGHT, bottom: AXIS_HEIGHT + Math.max(1, keys.length) * LANE_HEIGHT };
  }
  const tops = new Map<string, number>();
  const heights = new Map<string, number>();
  let y = AXIS_HEIGHT;
  for (const k of keys) {
    const h = heightOf(k);
    tops.set(k, y);
    heights.set(k, h);
    y += h;
  }
  return { top: (k) => tops.get(k) ?? AXIS_HEIGHT, height: (k) => heights.get(k) ?? LANE_HEIGHT, bottom: Math.max(y, AXIS_HEIGHT + LANE_HEIGHT) };
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

/** The item whose point is nearest (px, py) within `radius` pixels, or null. */
export function nearestItem<T>(items: Iterable<T>, point: (item: T) => { x: number; y: number }, px: number, py: number, radius: number): T | null {
  let best: T | null = null;
  let bestD = radius * radius;
  for (const item of items) {
    const p = point(item);
    const d = (p.x - px) ** 2 + (p.y - py) ** 2;
    if (d <= bestD) {
      best = item;
      bestD = d;
    }
  }
  return best;
}

/** The items of these keys, in key order, through a per-key index of their positions in `all`: what a timeline draws of the lanes in view. */
export function ofKeys<T>(keys: readonly string[], byKey: ReadonlyMap<string, readonly number[]>, all: readonly T[]): T[] {
  const out: T[] = [];
  for (const k of keys) for (const i of byKey.get(k) ?? []) out.push(all[i]!);
  return out;
}
