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

/** The namespaces one key has timers in at one instant: usually one, so kept bare until a second. */
type NamespacesAtTime = Namespace | Set<Namespace>;

/**
 * The timers of one instant: entries in registration order (a deleted one stays until it reaches
 * the head, where it is skipped), and which (key, namespace) pairs are live.
 */
class TimeSlot {
  readonly entries: Timer[] = [];
  head = 0;
  readonly live = new Map<KeyId, NamespacesAtTime>();

  constructor(readonly time: number) {}

  isLive(keyId: KeyId, ns: Namespace): boolean {
    const v = this.live.get(keyId);
    if (v === undefined) return false;
    return typeof v === 'object' ? v.has(ns) : sameNamespace(v, ns);
  }

  /** Marks (keyId, ns) live; false when it already was. */
  mark(keyId: KeyId, ns: Namespace): boolean {
    const v = this.live.get(keyId);
    if (v === undefined) {
      this.live.set(keyId, ns);
      return true;
    }
    if (typeof v === 'object') {
      if (v.has(ns)) return false;
      v.add(ns);
      return true;
    }
    if (sameNamespace(v, ns)) return false;
    this.live.set(keyId, new Set([v, ns]));
    return true;
  }

  /** Marks (keyId, ns) not live; false when it was not. */
  unmark(keyId: KeyId, ns: Namespace): boolean {
    const v = this.live.get(keyId);
    if (v === undefined) return false;
    if (typeof v === 'object') {
      if (!v.delete(ns)) return false;
      if (v.size === 0) this.live.delete(keyId);
      return true;
    }
    if (!sameNamespace(v, ns)) return false;
    this.live.delete(keyId);
    return true;
  }
}

/** Map/Set equality (SameValueZero), which the namespace sets use too. */
function sameNamespace(a: Namespace, b: Namespace): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Timers grouped by instant: a min-heap of distinct times, each slot holding its timers in
 * registration order. Fires in (time, registration) order — the order of a heap on
 * (time, sequence number) with lazy deletion, which this replaces: a deleted timer leaves its
 * entry in place until the entry reaches the head, so registering it again before then revives
 * it at its first place. Registering costs a slot lookup (none for the same time as the last
 * registration) and one key lookup, instead of a heap push and three nested maps.
 */
class TimerQueue {
  private readonly heap: TimeSlot[] = [];
  private readonly slots = new Map<number, TimeSlot>();
  private lastSlot: TimeSlot | null = null;
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(keyId: KeyId, ns: Namespace, time: number): boolean {
    let slot = this.lastSlot;
    if (slot === null || slot.time !== time) {
      let found = this.slots.get(time);
      if (found === undefined) {
        found = new TimeSlot(time);
        this.slots.set(time, found);
        this.push(found);
      }
      this.lastSlot = slot = found;
    }
    if (!slot.mark(keyId, ns)) return false;
    slot.entries.push({ keyId, namespace: ns, timestamp: time });
    this.count++;
    return true;
  }

  /** Whether (keyId, ns) has a live timer at `time`. */
  has(keyId: KeyId, ns: Namespace, time: number): boolean {
    const slot = this.lastSlot !== null && this.lastSlot.time === time ? this.lastSlot : this.slots.get(time);
    return slot?.isLive(keyId, ns) === true;
  }

  remove(keyId: KeyId, ns: Namespace, time: number): void {
    const slot = this.lastSlot !== null && this.lastSlot.time === time ? this.lastSlot : this.slots.get(time);
    if (slot?.unmark(keyId, ns)) this.count--;
    // The entry stays and is skipped when it reaches the head.
  }

  /** Removes and returns the earliest live timer with timestamp ≤ limit. */
  pollUpTo(limit: number): Timer | undefined {
    while (this.heap.length > 0) {
      const slot = this.heap[0]!;
      if (slot.time > limit) return undefined;
      const entries = slot.entries;
      while (slot.head < entries.length) {
        const t = entries[slot.head]!;
        entries[slot.head++] = undefined as unknown as Timer; // let fired timers go
        if (slot.unmark(t.keyId, t.namespace)) {
          this.count--;
          if (slot.head === entries.length) this.dropHead();
          return t;
        }
      }
      this.dropHead();
    }
    return undefined;
  }

  /** Earliest live timestamp, or Infinity. */
  peekTime(): number {
    while (this.heap.length > 0) {
      const slot = this.heap[0]!;
      const entries = slot.entries;
      while (slot.head < entries.length) {
        const t = entries[slot.head]!;
        if (slot.isLive(t.keyId, t.namespace)) return slot.time;
        entries[slot.head++] = undefined as unknown as Timer;
      }
      this.dropHead();
    }
    return Infinity;
  }

  /** Live timers in firing order (a timer deleted and registered again may be listed twice). */
  list(): Timer[] {
    const out: Timer[] = [];
    const slots = [...this.heap].sort((a, b) => a.time - b.time);
    for (const slot of slots) {
      for (let i = slot.head; i < slot.entries.length; i++) {
        const t = slot.entries[i]!;
        if (slot.isLive(t.keyId, t.namespace)) out.push(t);
      }
    }
    return out;
  }

  /** Up to `limit` live timers, in no particular order, visiting at most `8 × limit` entries. */
  sample(limit: number): Timer[] {
    const out: Timer[] = [];
    let budget = 8 * limit;
    for (const slot of this.heap) {
      for (let i = slot.head; i < slot.entries.length; i++) {
        if (out.length >= limit || budget-- <= 0) return out;
        const t = slot.entries[i]!;
        if (slot.isLive(t.keyId, t.namespace)) out.push(t);
      }
    }
    return out;
  }

  /** Removes the earliest slot, whose entries have all been taken. */
  private dropHead(): void {
    const h = this.heap;
    const slot = h[0]!;
    this.slots.delete(slot.time);
    if (this.lastSlot === slot) this.lastSlot = null;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && h[r]!.time < h[l]!.time ? r : l;
      if (last.time < h[c]!.time) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }

  private push(slot: TimeSlot): void {
    const h = this.heap;
    h.push(slot);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.time < slot.time) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = slot;
  }
}

/** Timers of one key group in a snapshot: [keyId, namespace, time]. */
export interface KeyGroupTimersSnapshot {
  event: Array<[KeyId, Namespace, number]>;
  processing: Array<[KeyId, Namespace, number]>;
}

/** Timers in firing order, and the watermark, as `saveQueues` takes them. */
export interface TimerQueuesState {
  readonly event: Array<[KeyId, Namespace, number]>;
  readonly processing: Array<[KeyId, Namespace, number]>;
  /** The service's current watermark (a checkpoint holds none; stepping back keeps it). */
  readonly watermark?: number;
}

export class InternalTimerService {
  private eventTimers = new TimerQueue();
  private processingTimers = new TimerQueue();
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

  /** Whether the current key has an event-time timer in `namespace` at `time` (registered, not yet fired or deleted). */
  hasEventTimeTimer(namespace: Namespace, time: number): boolean {
    return this.eventTimers.has(this.backend.currentKeyId, namespace, time);
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

  /** The number of pending timers (both domains) and up to `limit` of them: for the state-size estimate. */
  sampleTimers(limit: number): { timers: number; sample: Timer[] } {
    const sample = this.eventTimers.sample(limit);
    if (sample.length < limit) sample.push(...this.processingTimers.sample(limit - sample.length));
    return { timers: this.eventTimers.size + this.processingTimers.size, sample };
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

  /**
   * Every timer in firing order, ties included — which a snapshot by key group does not keep
   * (Flink makes no promise for equal times after a restore), but the stepping host (`trace/`)
   * must, to go back to a step exactly.
   */
  saveQueues(): TimerQueuesState {
    const rows = (q: TimerQueue) => q.list().map((t): [KeyId, Namespace, number] => [t.keyId, t.namespace, t.timestamp]);
    return { event: rows(this.eventTimers), processing: rows(this.processingTimers), watermark: this.watermark };
  }

  /** Replaces every timer and the watermark with those `saveQueues` took, timers in their order. */
  loadQueues(s: TimerQueuesState): void {
    if (s.watermark !== undefined) this.watermark = s.watermark;
    this.eventTimers = new TimerQueue();
    this.processingTimers = new TimerQueue();
    for (const [id, ns, time] of s.event) this.eventTimers.add(id, ns, time);
    for (const [id, ns, time] of s.processing) if (this.processingTimers.add(id, ns, time)) this.processingTime.scheduleWakeup(time);
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
