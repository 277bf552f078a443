/**
 * Builds what one window node's timeline shows (timeline-types) after a number of trace steps: its keys (lanes), every
 * record as a dot at its event time with what became of it, every window pane from the record
 * that opened it (or from step 0, when the checkpoint the trace starts from held it) to its purge
 * (with each firing and its cause), and the watermark per subtask
 * and combined. Built by applying steps in order, so the model never needs undoing: going back
 * restores a saved state (`TimelineIndex`, one every 256 steps) and replays from it.
 */
import type { PlanShape } from '../../engine/index';
import type { TraceCause, TraceEvent, TraceStep, WindowBounds } from './trace-types';
import { type PaneFiring, type RecordFate, type RestoredPane, type TimelineModel, type TimelinePane, type TimelineRecord, type WatermarkPoint, cleanupTime, keyText } from './timeline-types';

/** A pane as a subtask's snapshot for a checkpoint held it. */
interface SavedSubtask {
  readonly panes: readonly SavedPane[];
}

interface SavedPane {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly records: readonly number[];
}

/** The key's list in a per-key index, made on first use. */
function indexOf(byKey: Map<string, number[]>, key: string): number[] {
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = []));
  return list;
}

const paneKey = (key: string, w: WindowBounds) => `${key}\u0000${w.start}\u0000${w.end}`;

/** The head of the task `node` runs in (its plan vertex), or `node` itself when the plan does not have it (or is not known). */
export function chainHeadOf(shape: Pick<PlanShape, 'vertices'> | null, node: string): string {
  return shape?.vertices.find((v) => v.nodes.includes(node))?.id ?? node;
}

/** Applies steps to one window node's timeline, in order. */
export class TimelineBuilder {
  private step = -1;
  private keys: string[] = [];
  private keySet = new Set<string>();
  private records: TimelineRecord[] = [];
  private panes: TimelinePane[] = [];
  private recordsByKey = new Map<string, number[]>();
  private panesByKey = new Map<string, number[]>();
  /**
   * The pane currently holding each (key, window), until it is purged or merged away. Only these
   * change: a purged or merged pane is never touched again, so copies of the builder share it.
   */
  private livePanes = new Map<string, TimelinePane>();
  /** The subtask of the step being applied. */
  private stepSubtask = 0;
  private watermarks = new Map<number, number>();
  private history = new Map<number, WatermarkPoint[]>();
  private minTime = Infinity;
  private maxTime = -Infinity;
  /** What each subtask's window operator held when it snapshotted, per checkpoint in progress; then the latest completed one. */
  private snapshotting = new Map<number, ReadonlyMap<number, SavedSubtask>>();
  private completed: { readonly id: number; readonly panes: readonly SavedPane[] } | null = null;
  /**
   * `restored`: the panes of `node` in the checkpoint the trace starts from; they are live before step 0.
   * `chainHead`: the head of the chain the node runs in, from the plan (`chainHeadOf`): a step runs
   * one task's chain and is named after its head, and so is the task's `checkpoint.snapshot` —
   * which may come before any record reached the node (a lab stepping from a checkpoint).
   */
  constructor(
    readonly node: string,
    readonly allowedLatenessMs = 0,
    restored: readonly RestoredPane[] = [],
    readonly chainHead: string = node,
  ) {
    for (const r of restored) {
      const k = paneKey(r.key, r);
      if (this.livePanes.has(k)) continue;
      this.lane(r.key);
      const pane: TimelinePane = { id: this.panes.length, key: r.key, start: r.start, end: r.end, openedAt: 0, records: [], firings: [], purgedAt: null, mergedInto: null, restored: { contents: r.contents } };
      indexOf(this.panesByKey, r.key).push(pane.id);
      this.panes.push(pane);
      this.livePanes.set(k, pane);
      this.extend(r.start, r.end);
    }
  }

  get lastStep(): number {
    return this.step;
  }

  /**
   * An independent builder in the same state. Records are replaced, never changed, and purged or
   * merged panes are final, so only the arrays and the live panes are copied: a copy costs the
   * number of records and panes in pointers, plus the live panes (about keys × open windows).
   */
  copy(): TimelineBuilder {
    const c = new TimelineBuilder(this.node, this.allowedLatenessMs, [], this.chainHead);
    c.step = this.step;
    c.keys = this.keys.slice();
    c.keySet = new Set(this.keySet);
    c.records = this.records.slice();
    const copies = new Map<TimelinePane, TimelinePane>();
    for (const [k, p] of this.livePanes) {
      const q = { ...p, records: p.records.slice(), firings: p.firings.slice() };
      copies.set(p, q);
      c.livePanes.set(k, q);
    }
    c.panes = this.panes.map((p) => copies.get(p) ?? p);
    for (const [k, v] of this.recordsByKey) c.recordsByKey.set(k, v.slice());
    for (const [k, v] of this.panesByKey) c.panesByKey.set(k, v.slice());
    c.watermarks = new Map(this.watermarks);
    for (const [s, h] of this.history) c.history.set(s, h.slice());
    c.minTime = this.minTime;
    c.maxTime = this.maxTime;
    c.snapshotting = new Map(this.snapshotting);
    c.completed = this.completed;
    return c;
  }

  apply(s: TraceStep): void {
    this.step = s.step;
    this.stepSubtask = s.subtask;
    let lastValue: unknown;
    let took: PaneFiring['by'] = 'record';
    // The operator announces a record's windows before it checks their lateness: a record it
    // then drops (or sends to the side output) joins no pane.
    let assigned: { record: number; windows: readonly WindowBounds[] } | null = null;
    const commit = () => {
      if (assigned === null) return;
      const r = this.records[assigned.record]!;
      // Windows past their cleanup time take nothing (Flink skips them: `isWindowLate`).
      for (const w of assigned.windows) if (cleanupTime(w, this.allowedLatenessMs) > r.watermarkAtArrival) this.paneFor(r.key, w, s.step).records.push(assigned.record);
      assigned = null;
    };
    for (const event of s.events) {
      // The spec's fields by type (trace.md is binding); other events are passed over.
      const e = event as TraceEvent;
      // A checkpoint completes, and a killed slot restarts every task, whatever node the step ran at.
      if (e.type === 'checkpoint.complete') this.complete(e.checkpointId);
      if (e.type === 'intervention' && e.action === 'kill-slot' && e.applied !== false) {
        commit();
        this.failover(s.step, e.restoredFrom ?? null);
        continue;
      }
      if (!this.concerns(s, e)) continue;
      if (e.type !== 'late.side-output' && e.type !== 'late.dropped' && e.type !== 'window.assign') commit();
      switch (e.type) {
        case 'record.in':
          lastValue = e.value;
          took = 'record';
          break;
        case 'watermark.in':
          took = 'watermark';
          this.setWatermark(s.subtask, e.combined, s.step);
          break;
        case 'window.assign':
          commit();
          assigned = { record: this.assign(s, keyText(e.key), e.ts, e.windows, lastValue), windows: e.windows };
          break;
        case 'window.merge':
          this.merge(keyText(e.key), e.merged, e.into);
          break;
        case 'window.fire': {
          const pane = this.paneFor(keyText(e.key), e.window, s.step);
          pane.firings.push({ step: s.step, result: e.result, late: e.late, cause: e.cause, by: took, watermark: this.watermarks.get(s.subtask) ?? -Infinity });
          break;
        }
        case 'checkpoint.snapshot':
          this.snapshot(e.checkpointId, s.subtask);
          break;
        case 'window.purge': {
          const k = paneKey(keyText(e.key), e.window);
          const pane = this.livePanes.get(k);
          if (pane) {
            pane.purgedAt = s.step;
            this.livePanes.delete(k);
          }
          break;
        }
        case 'late.side-output':
        case 'late.dropped': {
          const fate = e.type === 'late.side-output' ? 'side-output' : 'dropped';
          const r = assigned === null ? undefined : this.records[assigned.record];
          if (r !== undefined && r.key === keyText(e.key) && r.ts === e.ts) {
            // It keeps the windows it was assigned (the tip names them), but joins none of their panes.
            this.records[r.index] = { ...r, fate, cause: e.cause };
            assigned = null;
          } else this.addRecord(s, keyText(e.key), e.ts, e.value, fate, [], e.cause);
          break;
        }
        default:
          break;
      }
    }
    commit();
  }

  /** The model as of the last applied step (a view over the builder's arrays: read, don't keep). */
  model(): TimelineModel {
    let combined = Infinity;
    for (const w of this.watermarks.values()) combined = Math.min(combined, w);
    return {
      node: this.node,
      allowedLatenessMs: this.allowedLatenessMs,
      step: this.step,
      keys: this.keys,
      records: this.records,
      panes: this.panes,
      recordsByKey: this.recordsByKey,
      panesByKey: this.panesByKey,
      watermarks: this.watermarks,
      watermarkHistory: this.history,
      combinedWatermark: this.watermarks.size === 0 ? -Infinity : combined,
      minTime: this.minTime,
      maxTime: this.maxTime,
    };
  }

  /** Events name their node when a step runs a chain of several; otherwise the step's node is theirs. */
  private concerns(s: TraceStep, e: TraceEvent): boolean {
    const node = 'node' in e && e.node !== undefined ? e.node : s.node;
    // A task snapshots its whole chain: the event names the head.
    if (e.type === 'checkpoint.snapshot') return node === this.node || node === this.chainHead;
    return node === this.node;
  }

  private setWatermark(subtask: number, combined: number, step: number): void {
    if (this.watermarks.get(subtask) === combined) return;
    this.watermarks.set(subtask, combined);
    let h = this.history.get(subtask);
    if (!h) this.history.set(subtask, (h = []));
    h.push({ step, watermark: combined });
  }

  /** A record the window operator took; its panes are joined once the step shows it was not dropped. */
  private assign(s: TraceStep, key: string, ts: number, windows: readonly WindowBounds[], value: unknown): number {
    const watermark = this.watermarks.get(s.subtask) ?? -Infinity;
    const late = windows.some((w) => w.end - 1 <= watermark);
    return this.addRecord(s, key, ts, value, late ? 'late' : 'on-time', windows, null);
  }

  private addRecord(s: TraceStep, key: string, ts: number, value: unknown, fate: RecordFate, windows: readonly WindowBounds[], cause: TraceCause | null): number {
    this.lane(key);
    const index = this.records.length;
    this.records.push({ index, key, ts, value, step: s.step, subtask: s.subtask, fate, windows, watermarkAtArrival: this.watermarks.get(s.subtask) ?? -Infinity, cause });
    indexOf(this.recordsByKey, key).push(index);
    this.extend(ts, ts);
    return index;
  }

  /** The live pane of (key, window), opened by this step if there is none. */
  private paneFor(key: string, w: WindowBounds, step: number): TimelinePane {
    const k = paneKey(key, w);
    let pane = this.livePanes.get(k);
    if (!pane) {
      this.lane(key);
      pane = { id: this.panes.length, key, start: w.start, end: w.end, openedAt: step, records: [], firings: [], purgedAt: null, mergedInto: null, subtask: this.stepSubtask };
      indexOf(this.panesByKey, key).push(pane.id);
      this.panes.push(pane);
      this.livePanes.set(k, pane);
      this.extend(w.start, w.end);
    }
    return pane;
  }

  /** Session windows merged: their records move to the pane of the window they became. */
  private merge(key: string, merged: readonly WindowBounds[], into: WindowBounds): void {
    const target = this.paneFor(key, into, this.step);
    for (const w of merged) {
      const k = paneKey(key, w);
      const pane = this.livePanes.get(k);
      if (!pane || pane === target) continue;
      for (const r of pane.records) if (!target.records.includes(r)) target.records.push(r);
      for (const f of pane.firings) target.firings.push(f);
      pane.mergedInto = target.id;
      this.livePanes.delete(k);
    }
    target.records.sort((a, b) => a - b);
    target.firings.sort((a, b) => a.step - b.step);
  }

  /** Subtask `subtask` snapshots for checkpoint `id`: what its panes hold now is what a restore from it gives back. */
  private snapshot(id: number, subtask: number): void {
    const panes: SavedPane[] = [];
    for (const p of this.livePanes.values()) if (p.subtask === subtask || p.subtask === undefined || p.subtask < 0) panes.push({ key: p.key, start: p.start, end: p.end, records: p.records.slice() });
    const bySubtask = new Map(this.snapshotting.get(id) ?? []);
    bySubtask.set(subtask, { panes });
    this.snapshotting.set(id, bySubtask);
  }

  private complete(id: number): void {
    const bySubtask = this.snapshotting.get(id);
    for (const k of [...this.snapshotting.keys()]) if (k <= id) this.snapshotting.delete(k);
    if (bySubtask === undefined) return;
    const seen = new Set<string>();
    const panes: SavedPane[] = [];
    for (const saved of bySubtask.values()) {
      for (const p of saved.panes) {
        const k = paneKey(p.key, p);
        if (!seen.has(k)) panes.push(p);
        seen.add(k);
      }
    }
    this.completed = { id, panes };
  }

  /**
   * A killed slot restarts every task from checkpoint `restoredFrom` (null: from the start): the
   * live panes end there (lost), the panes the checkpoint held open again with the records they
   * held, and each subtask's watermark starts over from none (as in Flink, a checkpoint holds no
   * watermark: a record late before the kill may be on time when the sources replay it).
   */
  private failover(step: number, restoredFrom: number | null): void {
    for (const p of this.livePanes.values()) {
      p.purgedAt = step;
      p.lost = true;
    }
    this.livePanes.clear();
    this.snapshotting.clear();
    const restored = restoredFrom !== null && this.completed?.id === restoredFrom ? this.completed.panes : [];
    for (const r of restored) {
      const pane: TimelinePane = { id: this.panes.length, key: r.key, start: r.start, end: r.end, openedAt: step, records: r.records.slice(), firings: [], purgedAt: null, mergedInto: null, restored: { contents: null, checkpointId: restoredFrom! }, subtask: -1 };
      indexOf(this.panesByKey, r.key).push(pane.id);
      this.panes.push(pane);
      this.livePanes.set(paneKey(r.key, r), pane);
    }
    for (const sub of this.watermarks.keys()) this.setWatermark(sub, -Infinity, step);
  }

  private lane(key: string): void {
    if (this.keySet.has(key)) return;
    this.keySet.add(key);
    this.keys.push(key);
  }

  private extend(from: number, to: number): void {
    if (Number.isFinite(from)) this.minTime = Math.min(this.minTime, from);
    if (Number.isFinite(to)) this.maxTime = Math.max(this.maxTime, to);
  }
}
