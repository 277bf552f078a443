/**
 * Where a CEP node's timeline draws things, on the axes every lab timeline shares
 * (`timeline-axis`): event time across; down the side a lane per key, tall enough for one bar
 * per partial match in progress, or processing time (the step). Records are dots, partial
 * matches bars from their first event to now, completed and timed-out matches marks. Pure
 * geometry, so drawing and hit-testing (hover a mark or a dot) agree.
 */
import type { CepOutcome, CepPartial, CepRecord, CepTimelineModel } from './cep-timeline-model';
import { LANE_HEIGHT, PAD, type TimeFrame, type TimelineAxis, eventTimeScale, nearestItem, processingFrame, sharedDomain, stackLanes, timeTicks } from './timeline-axis';

/** Height of one partial match's bar within its lane. */
export const BAR_HEIGHT = 14;

export interface CepTimelineLayout extends TimeFrame {
  laneTop(key: string): number;
  laneHeight(key: string): number;
  dot(r: CepRecord): { x: number; y: number };
  mark(o: CepOutcome): { x: number; y: number };
  /**
   * A partial match's bar from its first event to now (the watermark), and its deadline (start +
   * within) when it has one; in the processing-time view it runs down from the step it began at to now.
   */
  bar(p: CepPartial): { x: number; y: number; w: number; h: number; deadline: number | null };
}

/** The event times one CEP timeline spans, with room for the deadlines of the partial matches in progress (may be infinite: nothing seen). */
export function cepExtent(model: CepTimelineModel): readonly [number, number] {
  let hi = model.maxTime;
  if (model.withinMs > 0) for (const p of model.partials) hi = Math.max(hi, p.start + model.withinMs);
  return [model.minTime, hi];
}

/** The event times of CEP timelines shown together (Compare: one axis for both). */
export function cepTimeDomain(models: readonly CepTimelineModel[]): readonly [number, number] {
  return sharedDomain(models.map(cepExtent));
}

export function layoutCepTimeline(model: CepTimelineModel, width: number, axis: TimelineAxis = 'keys', domain: readonly [number, number] = cepTimeDomain([model])): CepTimelineLayout {
  const x = eventTimeScale(domain, width);
  const count = new Map<string, number>();
  const slot = new Map<CepPartial, number>();
  for (const p of model.partials) {
    const n = count.get(p.key) ?? 0;
    slot.set(p, n);
    count.set(p.key, n + 1);
  }
  const lanes = stackLanes(model.keys, (k) => Math.max(LANE_HEIGHT, 8 + (count.get(k) ?? 0) * (BAR_HEIGHT + 2)));
  const middle = (key: string) => lanes.top(key) + lanes.height(key) / 2;
  const now = model.combinedWatermark;
  const across = (p: CepPartial) => {
    const deadline = model.withinMs > 0 ? p.start + model.withinMs : null;
    const end = Math.max(p.start, Math.min(Number.isFinite(now) ? now : p.start, deadline ?? Infinity));
    const x0 = x(p.start);
    return { x: x0, w: Math.max(4, x(end) - x0), deadline: deadline === null ? null : x(deadline) };
  };
  const lanesOf = { laneTop: lanes.top, laneHeight: lanes.height };
  if (axis === 'keys') {
    return {
      width,
      height: lanes.bottom + PAD,
      axis,
      x,
      xTicks: timeTicks(x),
      y: null,
      ...lanesOf,
      dot: (r) => ({ x: x(r.ts), y: middle(r.key) }),
      mark: (o) => ({ x: x(o.ts), y: middle(o.key) }),
      bar: (p) => ({ ...across(p), y: lanes.top(p.key) + 4 + (slot.get(p) ?? 0) * (BAR_HEIGHT + 2), h: BAR_HEIGHT }),
    };
  }
  const frame = processingFrame(x, width, model.step);
  const y = frame.y!;
  return {
    ...frame,
    ...lanesOf,
    dot: (r) => ({ x: x(r.ts), y: y(r.step) }),
    mark: (o) => ({ x: x(o.ts), y: y(o.step) }),
    bar: (p) => {
      const y0 = y(p.openedAt);
      return { ...across(p), y: y0, h: Math.max(BAR_HEIGHT / 2, y(model.step) - y0) };
    },
  };
}

/** The mark (match or timeout), else the record, nearest (x, y) within `radius` pixels. */
export function cepItemAt(model: CepTimelineModel, L: CepTimelineLayout, px: number, py: number, radius = 7): CepOutcome | CepRecord | null {
  return nearestItem<CepOutcome>(model.outcomes, L.mark, px, py, radius) ?? nearestItem<CepRecord>(model.records, L.dot, px, py, radius);
}
