/**
 * The live figures of a run, from the subtask samples slots push: the latest sample of every
 * subtask, and a short history (one point every ~200 ms, the last few minutes) of per-node
 * watermarks, rates, state keys and estimated state bytes for the charts. Mutated in place by the run slice, which
 * bumps `metricsVersion` after each update; views select that number, then read from here.
 */
import type { SubtaskMetrics } from '../../engine/index';

/** Flink's back-pressure levels: OK ≤ 10% < LOW ≤ 50% < HIGH of back-pressured time. */
export const BACKPRESSURE_LEVELS = ['ok', 'low', 'high'] as const;
export type BackpressureLevel = (typeof BACKPRESSURE_LEVELS)[number];

/** The level of a subtask that spent `msPerSecond` of each second back-pressured. */
export function backpressureLevel(msPerSecond: number): BackpressureLevel {
  if (msPerSecond <= 100) return 'ok';
  if (msPerSecond <= 500) return 'low';
  return 'high';
}

/** One operator in one subtask, as the panels' tables show it. */
export interface OperatorRow {
  readonly nodeId: string;
  readonly vertex: string;
  readonly subtask: number;
  readonly slot: number;
  /** The watermark reaching this operator (the chain's input, or the previous operator's output). */
  readonly inputWatermark: number;
  readonly outputWatermark: number;
  readonly recordsInPerSecond: number;
  readonly recordsOutPerSecond: number;
  /** Records the operator received so far (the chain's input, or the previous operator's output). */
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly stateKeys: number;
  /** The engine's estimate of the operator's keyed state and timers in a checkpoint, in bytes. */
  readonly stateBytes: number;
  /** The newest record timestamp the operator emitted (−∞ before any). */
  readonly newestTimestamp: number;
  /** How far the output watermark trails the newest record emitted (ms); NaN while either is unknown. */
  readonly watermarkLag: number;
  /** Whether the operator's input is idle (Flink's watermark status): the chain's input, or the previous operator's output. */
  readonly inputIdle: boolean;
  /** Whether the operator marked its output idle. */
  readonly outputIdle: boolean;
  readonly idleMsPerSecond: number;
}

/** A per-node series over the history's times; null where the node had no figure. */
export type Series = ReadonlyArray<number | null>;

const POINT_EVERY_MS = 200;
const MAX_POINTS = 900;

export class LiveMetrics {
  /** The latest sample by `vertex#subtask`. */
  readonly latest = new Map<string, SubtaskMetrics>();
  /** Seconds since the first sample, one per history point. */
  readonly times: number[] = [];
  readonly watermark = new Map<string, Array<number | null>>();
  readonly recordsInPerSecond = new Map<string, Array<number | null>>();
  readonly recordsOutPerSecond = new Map<string, Array<number | null>>();
  readonly stateKeys = new Map<string, Array<number | null>>();
  readonly stateBytes = new Map<string, Array<number | null>>();
  /**
   * Counts the history's changes (a point added): charts redraw when it moved, not on every
   * sample — slots send samples more often than the history takes points, and at 90 lines a
   * redraw is most of a tick's work.
   */
  historyVersion = 0;
  /** The furthest finite watermark each node reached: where its line stays once input ends. */
  private readonly lastWatermark = new Map<string, number>();
  private startedAt: number | null = null;
  private lastPointAt = -Infinity;
  private lastSampleAt = -Infinity;

  /** Takes one slot's samples, received at `now` (ms). Returns whether a history point was added. */
  update(samples: readonly SubtaskMetrics[], now: number): boolean {
    for (const s of samples) this.latest.set(`${s.vertex}#${s.subtask}`, s);
    this.startedAt ??= now;
    this.lastSampleAt = now;
    if (now - this.lastPointAt < POINT_EVERY_MS) return false;
    this.lastPointAt = now;
    this.addPoint((now - this.startedAt) / 1000);
    return true;
  }

  /**
   * The run ended at `now`: its last samples become the history's last point, however soon
   * after the previous one they came. A job shorter than a point's spacing still charts a line
   * from its first figures to its final ones.
   */
  close(now: number): void {
    // New samples since the last point, or a single point (a line needs two): the figures at the end.
    if (this.startedAt === null || (this.lastSampleAt <= this.lastPointAt && this.times.length !== 1)) return;
    this.lastPointAt = now;
    this.addPoint(Math.max((now - this.startedAt) / 1000, (this.times.at(-1) ?? 0) + POINT_EVERY_MS / 1000));
  }

  /** Every operator of every subtask seen, by vertex, subtask and chain order. */
  rows(): OperatorRow[] {
    const out: OperatorRow[] = [];
    const samples = [...this.latest.values()].sort((a, b) => (a.vertex === b.vertex ? a.subtask - b.subtask : a.vertex < b.vertex ? -1 : 1));
    for (const s of samples) {
      let inWm = s.inputWatermark;
      let inRate = s.recordsInPerSecond;
      let inCount = s.recordsIn;
      let inIdle = s.inputIdle;
      for (const op of s.operators) {
        out.push({
          nodeId: op.nodeId,
          vertex: s.vertex,
          subtask: s.subtask,
          slot: s.slot,
          inputWatermark: inWm,
          outputWatermark: op.outputWatermark,
          recordsInPerSecond: inRate,
          recordsOutPerSecond: op.recordsOutPerSecond,
          recordsIn: inCount,
          recordsOut: op.recordsOut,
          stateKeys: op.stateKeys,
          stateBytes: op.stateBytes,
          newestTimestamp: op.newestTimestamp,
          watermarkLag: watermarkLag(op.newestTimestamp, op.outputWatermark),
          inputIdle: inIdle,
          outputIdle: op.outputIdle,
          idleMsPerSecond: s.idleMsPerSecond,
        });
        // Chained operators call each other directly: one's output is the next one's input.
        inWm = op.outputWatermark;
        inRate = op.recordsOutPerSecond;
        inCount = op.recordsOut;
        inIdle = op.outputIdle;
      }
    }
    return out;
  }

  /** A node's records in and out so far, over its subtasks; undefined before any sample names it. */
  recordsOf(nodeId: string): { readonly recordsIn: number; readonly recordsOut: number } | undefined {
    let found: { recordsIn: number; recordsOut: number } | undefined;
    for (const row of this.rows()) {
      if (row.nodeId !== nodeId) continue;
      found ??= { recordsIn: 0, recordsOut: 0 };
      found.recordsIn += row.recordsIn;
      found.recordsOut += row.recordsOut;
    }
    return found;
  }

  /** The subtasks' latest samples, by vertex then subtask. */
  subtasks(): SubtaskMetrics[] {
    return [...this.latest.values()].sort((a, b) => (a.vertex === b.vertex ? a.subtask - b.subtask : a.vertex < b.vertex ? -1 : 1));
  }

  /** The worst back-pressure level of each node's subtasks (every node of a chain shares its task's). */
  backpressure(): Record<string, BackpressureLevel> {
    const out: Record<string, BackpressureLevel> = {};
    for (const s of this.latest.values()) {
      const level = backpressureLevel(s.backPressuredMsPerSecond);
      for (const op of s.operators) {
        const old = out[op.nodeId];
        if (old === undefined || BACKPRESSURE_LEVELS.indexOf(level) > BACKPRESSURE_LEVELS.indexOf(old)) out[op.nodeId] = level;
      }
    }
    return out;
  }

  /**
   * A node's watermark as its line shows it: the watermark while finite; none before the first
   * (−∞); at the end of input (+∞), the furthest event time the node reached — its last finite
   * watermark or the newest record it emitted — so a job too short for a sample between its
   * first record and its end still charts where each node got to.
   */
  private chartedWatermark(node: string, wm: number, newest: number): number | null {
    if (Number.isFinite(wm)) {
      this.lastWatermark.set(node, Math.max(wm, this.lastWatermark.get(node) ?? -Infinity));
      return wm;
    }
    if (wm === Infinity) {
      const reached = Math.max(this.lastWatermark.get(node) ?? -Infinity, Number.isFinite(newest) ? newest : -Infinity);
      return Number.isFinite(reached) ? reached : null;
    }
    return null;
  }

  private addPoint(t: number): void {
    const perNode = new Map<string, { wm: number; newest: number; inRate: number; outRate: number; keys: number; bytes: number }>();
    for (const row of this.rows()) {
      const n = perNode.get(row.nodeId);
      // A node's watermark is the slowest of its subtasks', as downstream operators see it.
      if (n === undefined) perNode.set(row.nodeId, { wm: row.outputWatermark, newest: row.newestTimestamp, inRate: row.recordsInPerSecond, outRate: row.recordsOutPerSecond, keys: row.stateKeys, bytes: row.stateBytes });
      else {
        n.wm = Math.min(n.wm, row.outputWatermark);
        n.newest = Math.max(n.newest, row.newestTimestamp);
        n.inRate += row.recordsInPerSecond;
        n.outRate += row.recordsOutPerSecond;
        n.keys += row.stateKeys;
        n.bytes += row.stateBytes;
      }
    }
    const index = this.times.length;
    this.historyVersion++;
    this.times.push(t);
    const put = (series: Map<string, Array<number | null>>, node: string, value: number | null) => {
      let list = series.get(node);
      if (list === undefined) series.set(node, (list = new Array<number | null>(index).fill(null)));
      list.push(value);
    };
    for (const [node, n] of perNode) {
      put(this.watermark, node, this.chartedWatermark(node, n.wm, n.newest));
      put(this.recordsInPerSecond, node, n.inRate);
      put(this.recordsOutPerSecond, node, n.outRate);
      put(this.stateKeys, node, n.keys);
      put(this.stateBytes, node, n.bytes);
    }
    // Nodes without a figure this time keep their series aligned with `times`.
    for (const series of [this.watermark, this.recordsInPerSecond, this.recordsOutPerSecond, this.stateKeys, this.stateBytes])
      for (const list of series.values()) if (list.length < this.times.length) list.push(null);
    if (this.times.length > MAX_POINTS) {
      this.times.shift();
      for (const series of [this.watermark, this.recordsInPerSecond, this.recordsOutPerSecond, this.stateKeys, this.stateBytes]) for (const list of series.values()) list.shift();
    }
  }
}

/**
 * How far a watermark trails the newest record (ms): newest − watermark, NaN while either is
 * unknown or the watermark is already at the end of input. Negative when the watermark ran ahead
 * of the records (a late-records situation downstream).
 */
export function watermarkLag(newestTimestamp: number, watermark: number): number {
  return Number.isFinite(newestTimestamp) && Number.isFinite(watermark) ? newestTimestamp - watermark : NaN;
}

/** Durations are written by the one time module (`format/time`). */
export { formatDuration } from '../format/time';

/** A byte count: "512 B", "3.4 KB", "1.2 MB", "2.0 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
}

/** A share of each second: "12%". */
export function formatShare(msPerSecond: number): string {
  return `${Math.round(Math.max(0, Math.min(1000, msPerSecond)) / 10)}%`;
}
