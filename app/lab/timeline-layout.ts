/**
 * Where a window node's timeline draws things, on the axes every lab timeline shares
 * (`timeline-axis`): event time across, and down the side either one lane per key or — the
 * Streaming Systems two-axis view — processing time, i.e. the step at which the window node took
 * each record. Pure geometry, so drawing and hit-testing (hover a dot, click a pane) agree.
 */
import { AXIS_HEIGHT, GUTTER, LANE_HEIGHT, PAD, type TimeFrame, type TimelineAxis, eventTimeScale, nearestItem, processingFrame, sharedDomain, stackLanes, timeTicks } from './timeline-axis';
import type { TimelineModel, TimelinePane, TimelineRecord } from './timeline-types';

export interface TimelineLayout extends TimeFrame {
  laneTop(key: string): number;
  dot(r: TimelineRecord): { x: number; y: number };
  /** A pane's box; in the processing-time view it spans from its opening step to its last firing or now. */
  paneBox(p: TimelinePane): { x: number; y: number; w: number; h: number };
}

/** The event times a timeline spans: its model's, or a range shared with another timeline (Compare). */
export function timeDomain(models: readonly TimelineModel[]): readonly [number, number] {
  return sharedDomain(models.map((m) => [m.minTime, m.maxTime] as const));
}

export function layoutTimeline(model: TimelineModel, width: number, axis: TimelineAxis, domain: readonly [number, number] = timeDomain([model])): TimelineLayout {
  const x = eventTimeScale(domain, width);
  const lanes = stackLanes(model.keys);
  const laneTop = lanes.top;
  if (axis === 'keys') {
    return {
      width,
      height: lanes.bottom + PAD,
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
  const frame = processingFrame(x, width, model.step);
  const y = frame.y!;
  return {
    ...frame,
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
  return nearestItem(model.records, layout.dot, px, py, radius);
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

/** Where the allowed-lateness band lies: its box in frame pixels and the lateness horizon's x. */
export interface LatenessBand {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** The lateness horizon (watermark − allowed lateness): its x when in view, else null. */
  readonly horizonX: number | null;
}

/**
 * The allowed-lateness band: event times from the lateness horizon (watermark − allowed lateness)
 * to the watermark — a window whose end lies there has fired and still takes late records, one
 * left of it is purged (Flink's cleanup time `end − 1 + allowedLateness`). It covers the lanes
 * (never below the last one) or the processing-time plot; null when there is no lateness, no
 * watermark yet, or the band lies outside the axis.
 */
export function latenessBand(L: TimelineLayout, watermark: number, allowedLatenessMs: number): LatenessBand | null {
  if (!(allowedLatenessMs > 0) || !Number.isFinite(watermark)) return null;
  const right = L.x.range()[1]!;
  const horizon = L.x(watermark - allowedLatenessMs);
  const x0 = Math.max(GUTTER, horizon);
  const x1 = Math.min(right, L.x(watermark));
  if (x1 <= x0) return null;
  const bottom = L.y === null ? L.height - PAD : L.y.range()[1]!;
  return { x: x0, y: AXIS_HEIGHT, w: x1 - x0, h: bottom - AXIS_HEIGHT, horizonX: horizon >= GUTTER ? horizon : null };
}
