/**
 * What a window node's timeline holds, as the lab draws it: records with their fates, window panes
 * with their firings, restored panes, watermarks (`TimelineModel`), and the small rules read off
 * them (a pane's state, its cleanup time, a key as text). Built by `TimelineBuilder`
 * (timeline-model.ts), kept at any position by `TimelineIndex` (timeline-index.ts).
 */
import type { TraceCause, WindowBounds } from './trace-types';

/** What became of a record at the window node (Flink's `WindowOperator` rules). */
export type RecordFate =
  /** Put into its windows before the watermark passed their end. */
  | 'on-time'
  /** Put into windows the watermark had passed, within allowed lateness: it fires them again. */
  | 'late'
  /** All its windows were past lateness: sent to the late side output. */
  | 'side-output'
  /** All its windows were past lateness and no side output takes it: dropped. */
  | 'dropped';

export interface TimelineRecord {
  readonly index: number;
  readonly key: string;
  readonly ts: number;
  readonly value: unknown;
  /** The step at which the window node took it, and the subtask that did. */
  readonly step: number;
  readonly subtask: number;
  readonly fate: RecordFate;
  /** The windows the assigner put it in (for a late record to the side output or dropped: the windows that were all past lateness). */
  readonly windows: readonly WindowBounds[];
  /** The combined watermark of its subtask when it arrived. */
  readonly watermarkAtArrival: number;
  /** For side-output and dropped records: the source element the record came from. */
  readonly cause: TraceCause | null;
}

export interface PaneFiring {
  readonly step: number;
  readonly result: unknown;
  readonly late: boolean;
  readonly cause: TraceCause;
  /** What the firing step took: a watermark (an event-time trigger; +∞ at end of input) or a record (a late record, a count trigger). */
  readonly by: 'watermark' | 'record';
  /** The subtask's combined watermark when it fired. */
  readonly watermark: number;
}

export type PaneState = 'open' | 'fired' | 'purged' | 'merged';

export interface TimelinePane {
  readonly id: number;
  readonly key: string;
  start: number;
  end: number;
  readonly openedAt: number;
  /** Indices into `records` of the records the pane holds (or held, once purged). */
  readonly records: number[];
  readonly firings: PaneFiring[];
  purgedAt: number | null;
  /** A session window merged into another: the pane it became part of. */
  mergedInto: number | null;
  /**
   * A pane held in the checkpoint the lab steps from: its contents then (elements or accumulator).
   * Or a pane a failover (a killed slot) restored from checkpoint `checkpointId`: its records are the ones the checkpoint held.
   */
  readonly restored?: { readonly contents: unknown; readonly checkpointId?: number };
  /** The subtask that holds it (−1: unknown, a pane of the checkpoint the lab steps from). */
  readonly subtask?: number;
  /** Ended by a failover at `purgedAt`: the restarted task's state came from a checkpoint, without this pane as it was. */
  lost?: boolean;
}

/** A window pane held in a restored checkpoint's state: drawn from step 0, before it fires. */
export interface RestoredPane {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly contents: unknown;
}


export interface WatermarkPoint {
  readonly step: number;
  readonly watermark: number;
}

export interface TimelineModel {
  readonly node: string;
  readonly allowedLatenessMs: number;
  /** The last step applied (−1 before any). */
  readonly step: number;
  /** Keys in order of first appearance: one lane each. */
  readonly keys: readonly string[];
  readonly records: readonly TimelineRecord[];
  readonly panes: readonly TimelinePane[];
  /** Per key, the indices of its records and of its panes in order: drawing a lane reads only its own. */
  readonly recordsByKey: ReadonlyMap<string, readonly number[]>;
  readonly panesByKey: ReadonlyMap<string, readonly number[]>;
  /** The combined input watermark of each subtask, and its history. */
  readonly watermarks: ReadonlyMap<number, number>;
  readonly watermarkHistory: ReadonlyMap<number, readonly WatermarkPoint[]>;
  /** The minimum over the subtasks that have a watermark: the node's watermark as a whole. */
  readonly combinedWatermark: number;
  /** Event-time extent of what was seen (records and windows), for the x axis. */
  readonly minTime: number;
  readonly maxTime: number;
}

export function paneState(p: TimelinePane): PaneState {
  if (p.mergedInto !== null) return 'merged';
  if (p.purgedAt !== null) return 'purged';
  return p.firings.length > 0 ? 'fired' : 'open';
}

/** The event time past which a window takes no more records: `end − 1 + allowedLateness`. */
export function cleanupTime(p: { end: number }, allowedLatenessMs: number): number {
  return p.end - 1 + allowedLatenessMs;
}

/** Keys shown as text: strings as they are, anything else as JSON. */
export function keyText(key: unknown): string {
  return typeof key === 'string' ? key : JSON.stringify(key);
}
