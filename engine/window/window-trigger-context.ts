/**
 * The trigger context the window operator hands to triggers (Flink's WindowOperator.Context):
 * one reusable object whose `window` the operator points at the window being worked on. Timers
 * and trigger state are scoped to (current key, that window's namespace).
 */
import type { KeyedStateBackend, StateTable } from '../state/keyed-state-backend.js';
import type { InternalTimerService } from '../time/timer-service.js';
import type { OnMergeContext, ReducingWindowState } from './trigger.js';
import type { Window } from './window.js';

/** Prefix of the keyed-state tables that hold trigger state. */
export const TRIGGER_STATE_PREFIX = 'trigger/';

class ReducingHandle<T> implements ReducingWindowState<T> {
  constructor(
    private readonly table: StateTable<T>,
    private readonly owner: WindowTriggerContext,
    private readonly reduce: (a: T, b: T) => T,
  ) {}

  get(): T | undefined {
    return this.table.get(this.owner.window.ns);
  }

  add(value: T): void {
    const ns = this.owner.window.ns;
    const current = this.table.get(ns);
    this.table.put(ns, current === undefined ? value : this.reduce(current, value));
  }

  clear(): void {
    this.table.remove(this.owner.window.ns);
  }
}

export class WindowTriggerContext implements OnMergeContext {
  /** The window triggers currently act on. Set by the operator before each call. */
  window!: Window;
  /** During onMerge: the windows being merged into `window`. */
  mergedWindows: readonly Window[] = [];
  private readonly handles = new Map<string, ReducingHandle<any>>();

  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly timers: InternalTimerService,
  ) {}

  currentWatermark(): number {
    return this.timers.currentWatermark();
  }

  currentProcessingTime(): number {
    return this.timers.currentProcessingTime();
  }

  registerEventTimeTimer(time: number): void {
    this.timers.registerEventTimeTimer(this.window.ns, time);
  }

  deleteEventTimeTimer(time: number): void {
    this.timers.deleteEventTimeTimer(this.window.ns, time);
  }

  registerProcessingTimeTimer(time: number): void {
    this.timers.registerProcessingTimeTimer(this.window.ns, time);
  }

  deleteProcessingTimeTimer(time: number): void {
    this.timers.deleteProcessingTimeTimer(this.window.ns, time);
  }

  reducingState<T>(name: string, reduce: (a: T, b: T) => T): ReducingWindowState<T> {
    let h = this.handles.get(name);
    if (h === undefined) {
      h = new ReducingHandle<T>(this.backend.table<T>(TRIGGER_STATE_PREFIX + name), this, reduce);
      this.handles.set(name, h);
    }
    return h;
  }

  /** Like Flink's heap merging state: fold the sources in order, then into the target's value. */
  mergeReducingState<T>(name: string, reduce: (a: T, b: T) => T): void {
    const table = this.backend.table<T>(TRIGGER_STATE_PREFIX + name);
    const target = this.window.ns;
    let merged: T | undefined;
    for (const w of this.mergedWindows) {
      if (w.ns === target) continue;
      const v = table.get(w.ns);
      if (v === undefined) continue;
      table.remove(w.ns);
      merged = merged === undefined ? v : reduce(merged, v);
    }
    if (merged === undefined) return;
    const current = table.get(target);
    table.put(target, current === undefined ? merged : reduce(current, merged));
  }
}
