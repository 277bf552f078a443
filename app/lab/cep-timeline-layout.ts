/**
 * Where a CEP node's timeline draws things: event time across (the window timeline's d3 scale and
 * ticks), a lane per key, tall enough for one bar per partial match in progress, the records as
 * dots and the completed and timed-out matches as marks on their lane. Pure geometry, so drawing
 * and hit-testing (hover a mark or a dot) agree.
 */
import { type ScaleLinear, scaleLinear } from 'd3-scale';
import type { CepOutcome, CepPartial, CepRecord, CepTimelineModel } from './cep-timeline-model';
import { AXIS_HEIGHT, GUTTER, LANE_HEIGHT, timeTicks } from './timeline-layout';

const PAD = 12;
/** Height of one partial match's bar within its lane. */
export const BAR_HEIGHT = 14;

export interface CepTimelineLayout {
  readonly width: number;
  readonly height: number;
  readonly x: ScaleLinear<number, number>;
  readonly xTicks: readonly number[];
  laneTop(key: string): number;
  laneHeight(key: string): number;
  dot(r: CepRecord): { x: number; y: number };
  mark(o: CepOutcome): { x: number; y: number };
  /** A partial match's bar from its first event to now (the watermark), and its deadline (start + within) when it has one. */
  bar(p: CepPartial): { x: number; y: number; w: number; h: number; deadline: number | null };
}

/** The events a CEP timeline spans, with room for the deadlines of the partial matches in progress. */
export function cepTimeDomain(model: CepTimelineModel): readonly [number, number] {
  let lo = model.minTime;
  let hi = model.maxTime;
  if (model.withinMs > 0) for (const p of model.partials) hi = Math.max(hi, p.start + model.withinMs);
  if (!Number.isFinite(lo)) lo = 0;
  if (!Number.isFinite(hi)) hi = lo + 10_000;
  return [lo, hi];
}

export function layoutCepTimeline(model: CepTimelineModel, width: number): CepTimelineLayout {
  const [lo, hi] = cepTimeDomain(model);
  const span = Math.max(1, hi - lo);
  const x = scaleLinear()
    .domain([lo - span * 0.02, hi + span * 0.02])
    .range([GUTTER, Math.max(GUTTER + 100, width - PAD)]);
  const count = new Map<string, number>();
  const slot = new Map<CepPartial, number>();
  for (const p of model.partials) {
    const n = count.get(p.key) ?? 0;
    slot.set(p, n);
    count.set(p.key, n + 1);
  }
  const tops = new Map<string, number>();
  const heights = new Map<string, number>();
  let y = AXIS_HEIGHT;
  for (const k of model.keys) {
    const h = Math.max(LANE_HEIGHT, 8 + (count.get(k) ?? 0) * (BAR_HEIGHT + 2));
    tops.set(k, y);
    heights.set(k, h);
    y += h;
  }
  const laneTop = (key: string) => tops.get(key) ?? AXIS_HEIGHT;
  const laneHeight = (key: string) => heights.get(key) ?? LANE_HEIGHT;
  const middle = (key: string) => laneTop(key) + laneHeight(key) / 2;
  const now = model.combinedWatermark;
  return {
    width,
    height: Math.max(y, AXIS_HEIGHT + LANE_HEIGHT) + PAD,
    x,
    xTicks: timeTicks(x),
    laneTop,
    laneHeight,
    dot: (r) => ({ x: x(r.ts), y: middle(r.key) }),
    mark: (o) => ({ x: x(o.ts), y: middle(o.key) }),
    bar: (p) => {
      const deadline = model.withinMs > 0 ? p.start + model.withinMs : null;
      const end = Math.max(p.start, Math.min(Number.isFinite(now) ? now : p.start, deadline ?? Infinity));
      const x0 = x(p.start);
      return { x: x0, y: laneTop(p.key) + 4 + (slot.get(p) ?? 0) * (BAR_HEIGHT + 2), w: Math.max(4, x(end) - x0), h: BAR_HEIGHT, deadline: deadline === null ? null : x(deadline) };
    },
  };
}

/** The mark (match or timeout), else the record, nearest (x, y) within `radius` pixels. */
export function cepItemAt(model: CepTimelineModel, L: CepTimelineLayout, px: number, py: number, radius = 7): CepOutcome | CepRecord | null {
  let best: CepOutcome | CepRecord | null = null;
  let bestD = radius * radius;
  for (const o of model.outcomes) {
    const m = L.mark(o);
    const d = (m.x - px) ** 2 + (m.y - py) ** 2;
    if (d <= bestD) {
      best = o;
      bestD = d;
    }
  }
  if (best !== null) return best;
  for (const r of model.records) {
    const m = L.dot(r);
    const d = (m.x - px) ** 2 + (m.y - py) ** 2;
    if (d <= bestD) {
      best = r;
      bestD = d;
    }
  }
  return best;
}
