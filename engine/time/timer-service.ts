/**
 * Keyed timers (Flink's InternalTimerService): event-time timers fire when the watermark
 * reaches their time, processing-time timers when the clock does. A timer is unique per
 * (key, namespace, time); registering it twice keeps one. Timers fire in time order (ties in
 * registration order) with the backend's current key set to the timer's key, and a timer
 * registered while firing fires in the same pass if it is already due.
 */
import type { KeyedStateBackend, Namespace } from '../state/keyed-state-backend.js';
import { type KeyGroupRange, type KeyId, inRange, keyGroupOfId } from '../state/key-groups.js';
import type { ProcessingTimeService } from './processing-time.js';

export interface Timer {
  readonly keyId: KeyId;
  readonly namespace: Namespace;
  readonly timestamp: number;
}

/** Receives fired timers; the backend's current key is the timer's key. */
export interface Triggerable {
  onEventTimer(timer: Timer): void;
  onProcessingTimer(timer: Timer): void;
}

interface QueuedTimer extends Timer {
  readonly seq: number;
}

/** A binary min-heap on (timestamp, seq), plus a membership index for dedupe and deletes. */
class TimerQueue {
  private readonly heap: QueuedTimer[] = [];
  private readonly live = new Map<KeyId, Map<Namespace, Set<number>>>();
  private count = 0;
  private seq = 0;

  get size(): number {
    return this.count;
  }

  has(keyId: KeyId, ns: Namespace, time: number): boolean {
    return this.live.get(keyId)?.get(ns)?.has(time) === true;
  }

  add(keyId: KeyId, ns: Namespace, time: number): boolean {
    let byNs = this.live.get(keyId);
    if (byNs === undefined) this.live.set(keyId, (byNs = new Map()));
    let times = byNs.get(ns);
    if (times === undefined) byNs.set(ns, (times = new Set()));
    if (times.has(time)) return false;
    times.add(time);
    this.count++;
    this.push({ keyId, namespace: ns, timestamp: time, seq: this.seq++ });
    return true;
  }

  remove(keyId: KeyId, ns: Namespace, time: number): void {
    const byNs = this.live.get(keyId);
    const times = byNs?.get(ns);
    if (times === undefined || !times.delete(time)) return;
    this.count--;
    if (times.size === 0) {
      byNs!.delete(ns);
      if (byNs!.size === 0) this.live.delete(keyId);
    }
    // The heap entry stays and is skipped when it surfaces.
  }

  /** Removes and returns the earliest live timer with timestamp ≤ limit. */
  pollUpTo(limit: number): Timer | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      if (top.timestamp > limit) return undefined;
      this.pop();
      if (this.has(top.keyId, top.namespace, top.timestamp)) {
        this.remove(top.keyId, top.namespace, top.timestamp);
        return top;
      }
    }
    return undefined;
  }

  /** Earliest live timestamp, or Infinity. */
  peekTime(): number {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      if (this.has(top.keyId, top.namespace, top.timestamp)) return top.timestamp;
      this.pop();
    }
    return Infinity;
  }

  /** Live timers in firing order. */
  list(): Timer[] {
    return this.heap
      .filter((t) => this.has(t.keyId, t.namespace, t.timestamp))
      .sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
  }

  private push(t: QueuedTimer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p]!, t)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = t;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(h[r]!, h[l]!) ? r : l;
      if (less(last, h[c]!)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }
}

function less(a: QueuedTimer, b: QueuedTimer): boolean {
  return a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq);
}

/** Timers of one key group in a snapshot: [keyId, namespace, time]. */
export interface KeyGroupTimersSnapshot {
  event: Array<[KeyId, Namespace, number]>;
  processing: Array<[KeyId, Namespace, number]>;
}

export class InternalTimerService {
  private readonly eventTimers = new TimerQueue();
  private readonly processingTimers = new TimerQueue();
  private target: Triggerable | null = null;
  private watermark = -Infinity;

  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly processingTime: ProcessingTimeService,
  ) {}

  /** The operator that receives fired timers. */
  setTarget(target: Triggerable): void {
    this.target = target;
  }

  currentWatermark(): number {
    return this.watermark;
  }

  currentProcessingTime(): number {
    return this.processingTime.now();
  }

  registerEventTimeTimer(namespace: Namespace, time: number): void {
    this.eventTimers.add(this.backend.currentKeyId, namespace, time);
  }

  deleteEventTimeTimer(namespace: Namespace, time: number): void {
    this.eventTimers.remove(this.backend.currentKeyId, namespace, time);
  }

  registerProcessingTimeTimer(namespace: Namespace, time: number): void {
    if (this.processingTimers.add(this.backend.currentKeyId, namespace, time)) this.processingTime.scheduleWakeup(time);
  }

  deleteProcessingTimeTimer(namespace: Namespace, time: number): void {
    this.processingTimers.remove(this.backend.currentKeyId, namespace, time);
  }

  numEventTimeTimers(): number {
    return this.eventTimers.size;
  }

  numProcessingTimeTimers(): number {
    return this.processingTimers.size;
  }

  /** Earliest pending processing-time timer, or Infinity. */
  nextProcessingTime(): number {
    return this.processingTimers.peekTime();
  }

  /** Fires every event-time timer ≤ `watermark`, in order. */
  advanceWatermark(watermark: number): void {
    if (watermark > this.watermark) this.watermark = watermark;
    const target = this.target;
    for (let t = this.eventTimers.pollUpTo(watermark); t !== undefined; t = this.eventTimers.pollUpTo(watermark)) {
      this.backend.setCurrentKeyId(t.keyId);
      target?.onEventTimer(t);
    }
  }

  /** Fires every processing-time timer ≤ `time`, in order. */
  advanceProcessingTime(time: number): void {
    const target = this.target;
    for (let t = this.processingTimers.pollUpTo(time); t !== undefined; t = this.processingTimers.pollUpTo(time)) {
      this.backend.setCurrentKeyId(t.keyId);
      target?.onProcessingTimer(t);
    }
  }

  /** Timers grouped by key group. */
  snapshot(): Record<number, KeyGroupTimersSnapshot> {
    const out: Record<number, KeyGroupTimersSnapshot> = {};
    const add = (timers: Timer[], domain: 'event' | 'processing') => {
      for (const t of timers) {
        const kg = keyGroupOfId(t.keyId, this.backend.maxParallelism);
        const g = (out[kg] ??= { event: [], processing: [] });
        g[domain].push([t.keyId, t.namespace, t.timestamp]);
      }
    };
    add(this.eventTimers.list(), 'event');
    add(this.processingTimers.list(), 'processing');
    return out;
  }

  /** Restores the timers of the key groups in `range`. */
  restore(groups: Record<number, KeyGroupTimersSnapshot | undefined>, range: KeyGroupRange): void {
    for (const [kgText, g] of Object.entries(groups)) {
      if (g === undefined || !inRange(range, Number(kgText))) continue;
      for (const [id, ns, time] of g.event) this.eventTimers.add(id, ns, time);
      for (const [id, ns, time] of g.processing) {
        if (this.processingTimers.add(id, ns, time)) this.processingTime.scheduleWakeup(time);
      }
    }
  }
}
