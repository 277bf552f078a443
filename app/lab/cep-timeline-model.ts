/**
 * What one `cep.pattern` node's timeline shows after a number of trace steps: its keys (lanes),
 * every record it took (buffered until the watermark passes it, then fed to the pattern's NFA,
 * or late), each key's partial matches in progress (the NFA's state after the key's last
 * `cep.partial`), and every completed and timed-out match. Built by applying steps in order;
 * going back restores a saved state (`CepTimelineIndex`, one every 256 steps) and replays from it.
 */
import { TIMELINE_SNAPSHOT_EVERY } from './timeline-index';
import { keyText } from './timeline-types';
import type { TraceCause, TraceStep } from './trace-types';

/** Events by stage, as the trace gives them. */
export type CepMatchEvents = Readonly<Record<string, readonly unknown[]>>;

/** What became of a record at the CEP node. */
export type CepRecordFate =
  /** Waiting in the buffer for the watermark to pass its time (Flink orders by event time). */
  | 'buffered'
  /** The watermark passed it: fed to the key's NFA. */
  | 'processed'
  /** At or behind the watermark on arrival: to the late side output, or dropped. */
  | 'side-output'
  | 'dropped';

export interface CepRecord {
  readonly key: string;
  readonly ts: number;
  readonly value: unknown;
  readonly step: number;
  readonly fate: CepRecordFate;
  readonly cause: TraceCause | null;
}

/** A partial match in progress: the stage it waits in, its first event's time, its events by stage. */
export interface CepPartial {
  readonly key: string;
  readonly stage: string;
  readonly start: number;
  readonly match: CepMatchEvents;
  /** The step whose `cep.partial` showed it in this state. */
  readonly step: number;
  /** The step whose `cep.partial` first showed it (a partial match of the key with the same first stage and first event's time), for the processing-time view. */
  readonly openedAt: number;
}

export interface CepOutcome {
  readonly kind: 'match' | 'timeout';
  readonly key: string;
  /** The match time (its last event's), or the timeout's. */
  readonly ts: number;
  readonly match: CepMatchEvents;
  readonly result: unknown;
  readonly step: number;
  readonly cause: TraceCause | null;
}

export interface CepTimelineModel {
  readonly node: string;
  /** The pattern's `within` (ms), 0 for none: a partial match times out at its start + this. */
  readonly withinMs: number;
  readonly step: number;
  readonly keys: readonly string[];
  readonly records: readonly CepRecord[];
  /** Per key, the indices of its records and of its outcomes: drawing a lane reads only its own. */
  readonly recordsByKey: ReadonlyMap<string, readonly number[]>;
  readonly outcomesByKey: ReadonlyMap<string, readonly number[]>;
  /** Every key's partial matches in progress, key by key in lane order. */
  readonly partials: readonly CepPartial[];
  readonly outcomes: readonly CepOutcome[];
  /** How many records wait in the buffer, and how many outcomes are matches (the rest timed out). */
  readonly bufferedCount: number;
  readonly matchCount: number;
  readonly combinedWatermark: number;
  readonly minTime: number;
  readonly maxTime: number;
}

/** The stages a partial match has matched so far and where it waits, e.g. "failures ×2 → …". */
export function stagesText(match: CepMatchEvents, open = true): string {
  const done = Object.entries(match).map(([stage, evs]) => (evs.length > 1 ? `${stage} ×${evs.length}` : stage));
  return open ? `${done.join(' → ')} → …` : done.join(' → ');
}

/** The key's list in a per-key index, made on first use. */
function indexOf(byKey: Map<string, number[]>, key: string): number[] {
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = []));
  return list;
}

const firstStage = (match: CepMatchEvents): string | undefined => Object.keys(match)[0];

/** Applies steps to one CEP node's timeline, in order. Records and outcomes are replaced, never changed. */
export class CepTimelineBuilder {
  private step = -1;
  private keys: string[] = [];
  private keySet = new Set<string>();
  private records: CepRecord[] = [];
  /** Indices of records still buffered, by key. */
  private buffered = new Map<string, number[]>();
  private partials = new Map<string, readonly CepPartial[]>();
  private outcomes: CepOutcome[] = [];
  private recordsByKey = new Map<string, number[]>();
  private outcomesByKey = new Map<string, number[]>();
  private matchCount = 0;
  private watermarks = new Map<number, number>();
  private minTime = Infinity;
  private maxTime = -Infinity;

  constructor(
    readonly node: string,
    readonly withinMs = 0,
  ) {}

  copy(): CepTimelineBuilder {
    const c = new CepTimelineBuilder(this.node, this.withinMs);
    c.step = this.step;
    c.keys = this.keys.slice();
    c.keySet = new Set(this.keySet);
    c.records = this.records.slice();
    for (const [k, v] of this.buffered) c.buffered.set(k, v.slice());
    c.partials = new Map(this.partials);
    c.outcomes = this.outcomes.slice();
    c.matchCount = this.matchCount;
    for (const [k, v] of this.recordsByKey) c.recordsByKey.set(k, v.slice());
    for (const [k, v] of this.outcomesByKey) c.outcomesByKey.set(k, v.slice());
    c.watermarks = new Map(this.watermarks);
    c.minTime = this.minTime;
    c.maxTime = this.maxTime;
    return c;
  }

  apply(s: TraceStep): void {
    this.step = s.step;
    for (const e of s.events) {
      const node = typeof e['node'] === 'string' ? e['node'] : s.node;
      if (node !== this.node) continue;
      switch (e.type) {
        case 'watermark.in':
          this.watermarks.set(s.subtask, e['combined'] as number);
          break;
        case 'cep.buffer': {
          const key = this.lane(e['key']);
          let b = this.buffered.get(key);
          if (!b) this.buffered.set(key, (b = []));
          b.push(this.records.length);
          this.addRecord({ key, ts: e['ts'] as number, value: e['value'], step: s.step, fate: 'buffered', cause: null });
          break;
        }
        case 'late.side-output':
        case 'late.dropped':
          this.addRecord({ key: this.lane(e['key']), ts: e['ts'] as number, value: e['value'], step: s.step, fate: e.type === 'late.side-output' ? 'side-output' : 'dropped', cause: (e['cause'] as TraceCause) ?? null });
          break;
        case 'cep.partial': {
          const key = this.lane(e['key']);
          const watermark = e['watermark'] as number;
          // The operator fed the NFA every buffered record of the key up to the watermark.
          const b = this.buffered.get(key) ?? [];
          const still = b.filter((i) => {
            const r = this.records[i]!;
            if (r.ts > watermark) return true;
            this.records[i] = { ...r, fate: 'processed' };
            return false;
          });
          this.buffered.set(key, still);
          const before = this.partials.get(key) ?? [];
          const list = (e['partial'] as Array<{ stage: string; start: number; match: CepMatchEvents }>).map((p) => {
            const first = firstStage(p.match);
            const was = before.find((q) => q.start === p.start && firstStage(q.match) === first);
            return { key, stage: p.stage, start: p.start, match: p.match, step: s.step, openedAt: was?.openedAt ?? s.step };
          });
          this.partials.set(key, list);
          for (const p of list) this.extend(p.start);
          break;
        }
        case 'cep.match':
        case 'cep.timeout': {
          const ts = e['ts'] as number;
          if (e.type === 'cep.match') this.matchCount++;
          const key = this.lane(e['key']);
          indexOf(this.outcomesByKey, key).push(this.outcomes.length);
          this.outcomes.push({ kind: e.type === 'cep.match' ? 'match' : 'timeout', key, ts, match: e['match'] as CepMatchEvents, result: e['result'], step: s.step, cause: (e['cause'] as TraceCause) ?? null });
          this.extend(ts);
          break;
        }
        default:
          break;
      }
    }
  }

  model(): CepTimelineModel {
    let combined = Infinity;
    for (const w of this.watermarks.values()) combined = Math.min(combined, w);
    const partials: CepPartial[] = [];
    for (const k of this.keys) for (const p of this.partials.get(k) ?? []) partials.push(p);
    let bufferedCount = 0;
    for (const b of this.buffered.values()) bufferedCount += b.length;
    return {
      node: this.node,
      withinMs: this.withinMs,
      step: this.step,
      keys: this.keys,
      records: this.records,
      recordsByKey: this.recordsByKey,
      outcomesByKey: this.outcomesByKey,
      partials,
      outcomes: this.outcomes,
      bufferedCount,
      matchCount: this.matchCount,
      combinedWatermark: this.watermarks.size === 0 ? -Infinity : combined,
      minTime: this.minTime,
      maxTime: this.maxTime,
    };
  }

  private lane(key: unknown): string {
    const k = keyText(key);
    if (!this.keySet.has(k)) {
      this.keySet.add(k);
      this.keys.push(k);
    }
    return k;
  }

  private addRecord(r: CepRecord): void {
    indexOf(this.recordsByKey, r.key).push(this.records.length);
    this.records.push(r);
    this.extend(r.ts);
  }

  private extend(t: number): void {
    if (!Number.isFinite(t)) return;
    this.minTime = Math.min(this.minTime, t);
    this.maxTime = Math.max(this.maxTime, t);
  }
}

/**
 * One CEP node's timeline at any position of a growing trace, as `TimelineIndex` does for a
 * window node: the builder at the last position asked for, and a saved copy every `every` steps.
 */
export class CepTimelineIndex {
  private builder: CepTimelineBuilder;
  private applied = -1;
  private readonly saved: CepTimelineBuilder[] = [];

  constructor(
    readonly steps: readonly TraceStep[],
    readonly node: string,
    readonly withinMs = 0,
    readonly every = TIMELINE_SNAPSHOT_EVERY,
  ) {
    this.builder = new CepTimelineBuilder(node, withinMs);
  }

  /** The timeline after `steps[0..upTo]` (inclusive; −1: before any). */
  at(upTo: number): CepTimelineModel {
    const target = Math.min(upTo, this.steps.length - 1);
    const k = Math.min(this.saved.length, Math.floor((target + 1) / this.every)) - 1;
    const savedStep = k >= 0 ? (k + 1) * this.every - 1 : -1;
    if (this.applied > target || this.applied < savedStep) {
      this.builder = k >= 0 ? this.saved[k]!.copy() : new CepTimelineBuilder(this.node, this.withinMs);
      this.applied = savedStep;
    }
    while (this.applied < target) {
      this.applied++;
      this.builder.apply(this.steps[this.applied]!);
      if ((this.applied + 1) % this.every === 0 && this.saved.length === (this.applied + 1) / this.every - 1) this.saved.push(this.builder.copy());
    }
    return this.builder.model();
  }
}
