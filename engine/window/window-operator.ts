/**
 * The window operator (Flink's WindowOperator and EvictingWindowOperator in one): assigns each
 * record to windows, keeps window contents, consults the trigger on records and timers, fires the
 * window function, drops late records (or sends them to the late side output), and cleans each
 * window up at `maxTimestamp + allowedLateness`.
 *
 * Everything it keeps — contents, accumulators, the session mapping, trigger state, timers —
 * lives in keyed state and timers, so BaseOperator's keyed snapshot captures all of it.
 */
import { BaseOperator } from '../operators/base-operator.js';
import type { InputIndex, KeyedContext } from '../operators/operator.js';
import { type Tracer, traceTimestamp } from '../operators/tracer.js';
import type { StateTable } from '../state/keyed-state-backend.js';
import type { Timer } from '../time/timer-service.js';
import type { Evictor, TimestampedElements } from './evictor.js';
import { MERGING_WINDOW_SET_STATE, type MergeFunction, MergingWindowSet, type MergingWindowRows } from './merging-window-set.js';
import type { TimeWindow } from './time-window.js';
import { EventTimeTrigger } from './event-time-trigger.js';
import { type Trigger, type TriggerResult, isFire, isPurge } from './trigger.js';
import { type Window, windowFromNamespace, windowInfo } from './window.js';
import { type MergingWindowAssigner, type WindowAssigner, type WindowAssignerContext, isMergingAssigner } from './window-assigner.js';
import { AccumulatorContents, ElementListContents, TimestampedListContents, type WindowContents } from './window-contents.js';
import { type WindowFunction, aggregateAll } from './window-function.js';
import { createWindowFunction, createWindowSpec, paramError } from './window-spec.js';
import { WindowTriggerContext } from './window-trigger-context.js';
import { ProcessWindowContext } from './process-window-context.js';
import type { StateDescriptor } from '../state/user-state.js';

/**
 * The `window` node. Invariants (Flink's): a window is late once `cleanupTime ≤ watermark` and
 * takes no more records; a record reaches the late side output only if every window it belongs to
 * was late and `timestamp + allowedLateness ≤ watermark`; results carry the window's max timestamp.
 */
export class WindowOperator extends BaseOperator {
  protected assigner!: WindowAssigner;
  protected trigger!: Trigger;
  protected evictor: Evictor | null = null;
  protected allowedLateness = 0;
  protected lateOutput: string | undefined;
  protected fn!: WindowFunction;
  /** Late records dropped because no late output tag was set (Flink's numLateRecordsDropped). */
  lateRecordsDropped = 0;

  private keyed!: KeyedContext;
  private contents!: WindowContents;
  private triggerCtx!: WindowTriggerContext;
  private mergingAssigner: MergingWindowAssigner | null = null;
  private mergingTable: StateTable<MergingWindowRows> | null = null;
  /** The trigger is exactly EventTimeTrigger: see `addAndTrigger`. */
  private plainEventTimeTrigger = false;
  private emitTimestamp = 0;
  private readonly emit = (value: unknown): void => this.out.collect(value, this.emitTimestamp);
  private tracer: Tracer | null = null;
  /** Traced: what the firing window function emitted. */
  private traceResults: unknown[] = [];
  private readonly tracedEmit = (value: unknown): void => {
    this.traceResults.push(value);
    this.out.collect(value, this.emitTimestamp);
  };
  private readonly assignerCtx: WindowAssignerContext = {
    currentProcessingTime: () => this.keyed.timers.currentProcessingTime(),
  };
  private fnCtx!: ProcessWindowContext;

  protected override setup(): void {
    const keyed = this.ctx.keyed;
    if (keyed === null) throw paramError(this.ctx.nodeId, 'input', 'the window operator needs keyed state (a keyed input, or windowAll)');
    this.keyed = keyed;
    this.tracer = this.ctx.tracer ?? null;
    const spec = createWindowSpec(this.windowParams(), this.paramsPrefix(), this.ctx.nodeId, (code, field) =>
      this.ctx.compile(code, field),
    );
    this.assigner = spec.assigner;
    this.trigger = spec.trigger;
    this.evictor = spec.evictor;
    this.allowedLateness = spec.allowedLateness;
    this.lateOutput = spec.lateOutput;
    this.fn = this.createFunction();
    const backend = keyed.backend;
    this.fnCtx = new ProcessWindowContext(
      backend,
      this.ctx.processingTime,
      isMergingAssigner(this.assigner),
      () => keyed.timers.currentWatermark(),
      () => keyed.timers.currentProcessingTime(),
      (tag, value) => this.out.collectSide(tag, value, this.emitTimestamp),
    );
    if (this.evictor !== null) this.contents = new TimestampedListContents(backend);
    else if (this.fn.aggregate !== null) this.contents = new AccumulatorContents(backend, this.fn.aggregate);
    else this.contents = new ElementListContents(backend);
    this.triggerCtx = new WindowTriggerContext(backend, keyed.timers);
    this.plainEventTimeTrigger = this.trigger instanceof EventTimeTrigger;
    if (isMergingAssigner(this.assigner)) {
      this.mergingAssigner = this.assigner;
      this.mergingTable = backend.table<MergingWindowRows>(MERGING_WINDOW_SET_STATE);
    }
  }

  /** The params that describe the window (a window join keeps them under `window`). */
  protected windowParams(): Record<string, any> {
    return this.ctx.params;
  }

  /** Where `windowParams` sit, for error messages. */
  protected paramsPrefix(): string {
    return 'params';
  }

  protected createFunction(): WindowFunction {
    return createWindowFunction(this.ctx.params.function, 'params', this.ctx.nodeId, !this.keyed.constantKey, (code, field) =>
      this.ctx.compile(code, field),
    );
  }

  /** What goes into window state for a record arriving on `input` (a join tags its sides). */
  protected storedValue(value: unknown, _input: InputIndex): unknown {
    return value;
  }

  processElement(value: unknown, timestamp: number, input: InputIndex): void {
    this.setKeyOf(value, input);
    const stored = this.storedValue(value, input);
    const windows = this.assigner.assignWindows(value, timestamp, this.assignerCtx);
    const tracer = this.tracer;
    if (tracer !== null) tracer.event({ type: 'window.assign', node: this.ctx.nodeId, key: this.traceKey(), windows: windows.map(spanOf), ts: traceTimestamp(timestamp) });
    let skipped = true;
    if (this.mergingAssigner !== null) {
      const set = this.mergingSet();
      for (const window of windows as readonly TimeWindow[]) {
        // The window may merge with in-flight sessions; work with the window it ended up in.
        const actual = set.addWindow(window, this.mergeWindows);
        if (this.isWindowLate(actual)) {
          set.retireWindow(actual);
          continue;
        }
        skipped = false;
        const stateNs = set.getStateWindow(actual);
        if (stateNs === undefined) throw new Error(`window ${actual} is not in the in-flight window set`);
        this.addAndTrigger(actual, stateNs, value, timestamp, stored, false);
      }
      set.persist();
    } else {
      for (let i = 0; i < windows.length; i++) {
        const window = windows[i]!;
        if (this.isWindowLate(window)) continue;
        skipped = false;
        this.addAndTrigger(window, window.ns, value, timestamp, stored, true);
      }
    }
    if (skipped && this.isElementLate(timestamp)) {
      if (tracer !== null) this.traceLate(this.lateOutput !== undefined ? 'late.side-output' : 'late.dropped', value, timestamp);
      if (this.lateOutput !== undefined) this.out.collectSide(this.lateOutput, value, timestamp);
      else this.lateRecordsDropped++;
    }
  }

  override onEventTimer(timer: Timer): void {
    this.onTimer(timer, true);
  }

  override onProcessingTimer(timer: Timer): void {
    this.onTimer(timer, false);
  }

  private onTimer(timer: Timer, eventTime: boolean): void {
    const window = windowFromNamespace(timer.namespace);
    let set: MergingWindowSet | null = null;
    let stateNs = window.ns;
    if (this.mergingAssigner !== null) {
      set = this.mergingSet();
      const s = set.getStateWindow(window as TimeWindow);
      // A timer of a window merged away or already cleaned up: nothing to do.
      if (s === undefined) return;
      stateNs = s;
    }
    const tc = this.triggerCtx;
    tc.window = window;
    const result: TriggerResult = eventTime
      ? this.trigger.onEventTime(timer.timestamp, window, tc)
      : this.trigger.onProcessingTime(timer.timestamp, window, tc);
    this.act(result, window, stateNs, false);
    if (this.assigner.isEventTime === eventTime && timer.timestamp === this.cleanupTime(window)) {
      this.clearAllState(window, stateNs, set);
    }
    set?.persist();
  }

  /**
   * Adds the record to the window and consults the trigger. `ownState` means the window is its own
   * state namespace (no merging): then a window that already has contents already has its cleanup
   * timer, registered with its first contents and removed only by firing (which clears the
   * contents) or by merging — so registering it again would be a no-op, and is skipped. Likewise
   * EventTimeTrigger's timer at the max timestamp while the watermark is below it: without
   * allowed lateness that timer is the cleanup timer, pending while there are contents. With
   * allowed lateness it may have fired and left the contents for late records, and a restore
   * starts the watermark over (as in Flink, a checkpoint holds none): a replayed record then finds
   * the watermark below the end again, and the trigger must register the timer anew so the window
   * fires once more when the new watermark passes its end — so there the timer is looked up.
   */
  private addAndTrigger(window: Window, stateNs: string, value: unknown, timestamp: number, stored: unknown, ownState: boolean): void {
    const isNew = this.contents.add(stateNs, stored, timestamp);
    if (ownState && !isNew) {
      if (this.plainEventTimeTrigger) {
        const end = window.maxTimestamp();
        const timers = this.keyed.timers;
        if (end > timers.currentWatermark() && (this.allowedLateness === 0 || timers.hasEventTimeTimer(window.ns, end))) return;
      }
      const tc = this.triggerCtx;
      tc.window = window;
      this.act(this.trigger.onElement(value, timestamp, window, tc), window, stateNs, true);
      return;
    }
    const tc = this.triggerCtx;
    tc.window = window;
    this.act(this.trigger.onElement(value, timestamp, window, tc), window, stateNs, true);
    this.registerCleanupTimer(window);
  }

  /** `onElement`: the trigger answered a record (not a timer), which for a window past its end is a late firing. */
  private act(result: TriggerResult, window: Window, stateNs: string, onElement: boolean): void {
    if (isFire(result)) this.fire(window, stateNs, onElement);
    if (isPurge(result)) {
      if (this.tracer !== null) this.tracePurge(window, 'trigger');
      this.contents.clear(stateNs);
    }
  }

  /** Runs the window function over the window's contents (evicting first, if configured). */
  private fire(window: Window, stateNs: string, onElement: boolean): void {
    let contents = this.contents.get(stateNs);
    if (contents === undefined) return;
    if (this.evictor !== null) {
      const elements = contents as TimestampedElements;
      // Eviction edits the stored lists in place, so evicted elements are gone from state too.
      this.evictor.evictBefore(elements, window, this.fnCtx);
      if (elements.values.length === 0) {
        this.contents.clear(stateNs);
        return;
      }
      contents = this.fn.aggregate !== null ? aggregateAll(this.fn.aggregate, elements.values) : elements.values;
    }
    this.emitTimestamp = window.maxTimestamp();
    this.fnCtx.enter(window);
    const key = this.keyed.constantKey ? undefined : this.keyed.backend.getCurrentKey();
    const tracer = this.tracer;
    if (tracer === null) {
      this.fn.apply(key, window, contents, this.fnCtx, this.emit);
      return;
    }
    // Reported before what the results cause downstream; the results once the function ran.
    const late = onElement && this.assigner.isEventTime && window.maxTimestamp() <= this.keyed.timers.currentWatermark();
    const at = tracer.event({
      type: 'window.fire',
      node: this.ctx.nodeId,
      key: this.traceKey(),
      window: spanOf(window),
      result: null,
      results: [],
      late,
      cause: tracer.cause,
    });
    this.traceResults = [];
    this.fn.apply(key, window, contents, this.fnCtx, this.tracedEmit);
    const results = this.traceResults;
    // `result` is the one result a window function usually emits; `results` every one.
    tracer.amend(at, { result: results.length === 1 ? results[0] : results.length === 0 ? null : results, results });
  }

  /** The current key as events show it: null for windowAll's stand-in key. */
  private traceKey(): unknown {
    return this.keyed.constantKey ? null : this.keyed.backend.getCurrentKey();
  }

  private tracePurge(window: Window, reason: 'trigger' | 'cleanup'): void {
    this.tracer!.event({ type: 'window.purge', node: this.ctx.nodeId, key: this.traceKey(), window: spanOf(window), reason });
  }

  private traceLate(type: 'late.side-output' | 'late.dropped', value: unknown, timestamp: number): void {
    const tracer = this.tracer!;
    tracer.event({ type, node: this.ctx.nodeId, key: this.traceKey(), value, ts: traceTimestamp(timestamp), cause: tracer.cause });
  }

  /** Called by the merging window set when adding a window merged in-flight sessions. */
  private readonly mergeWindows: MergeFunction = (mergeResult, mergedWindows, stateWindowResult, mergedStateWindows) => {
    const timers = this.keyed.timers;
    if (this.assigner.isEventTime && this.cleanupTime(mergeResult) <= timers.currentWatermark()) {
      throw new Error(
        `the end timestamp of an event-time window cannot become earlier than the current watermark by merging (watermark ${timers.currentWatermark()}, window ${mergeResult})`,
      );
    }
    if (!this.assigner.isEventTime && mergeResult.maxTimestamp() <= timers.currentProcessingTime()) {
      throw new Error(
        `the end timestamp of a processing-time window cannot become earlier than the current processing time by merging (time ${timers.currentProcessingTime()}, window ${mergeResult})`,
      );
    }
    if (this.tracer !== null) {
      this.tracer.event({ type: 'window.merge', node: this.ctx.nodeId, key: this.traceKey(), merged: mergedWindows.map(spanOf), into: spanOf(mergeResult) });
    }
    const tc = this.triggerCtx;
    tc.window = mergeResult;
    tc.mergedWindows = mergedWindows;
    this.trigger.onMerge(mergeResult, tc);
    tc.mergedWindows = [];
    for (const m of mergedWindows) {
      tc.window = m;
      this.trigger.clear(m, tc);
      this.deleteCleanupTimer(m);
    }
    this.contents.merge(stateWindowResult, mergedStateWindows);
  };

  private clearAllState(window: Window, stateNs: string, set: MergingWindowSet | null): void {
    if (this.tracer !== null) this.tracePurge(window, 'cleanup');
    this.contents.clear(stateNs);
    this.triggerCtx.window = window;
    this.trigger.clear(window, this.triggerCtx);
    const fnCtx = this.fnCtx;
    if (this.fn.clear !== undefined) {
      this.emitTimestamp = window.maxTimestamp();
      fnCtx.enter(window);
      this.fn.clear(fnCtx);
    }
    // Flink leaves per-window state to clear(); what it left is dropped too, so none outlives its window.
    fnCtx.clearWindowState(window);
    if (set !== null) set.retireWindow(window as TimeWindow);
  }

  protected override stateDescriptors(): Record<string, StateDescriptor> {
    return this.fnCtx.descriptors();
  }

  protected override restoreStateDescriptors(states: Record<string, StateDescriptor>): void {
    this.fnCtx.restoreDescriptors(states);
  }

  private mergingSet(): MergingWindowSet {
    return new MergingWindowSet(this.mergingAssigner!, this.mergingTable!);
  }

  /** Event time: `maxTimestamp + allowedLateness`, saturating at +∞; processing time: `maxTimestamp`. */
  private cleanupTime(window: Window): number {
    const max = window.maxTimestamp();
    if (!this.assigner.isEventTime) return max;
    const t = max + this.allowedLateness;
    return t >= max ? t : Infinity;
  }

  private isWindowLate(window: Window): boolean {
    return this.assigner.isEventTime && this.cleanupTime(window) <= this.keyed.timers.currentWatermark();
  }

  private isElementLate(timestamp: number): boolean {
    return this.assigner.isEventTime && timestamp + this.allowedLateness <= this.keyed.timers.currentWatermark();
  }

  private registerCleanupTimer(window: Window): void {
    const t = this.cleanupTime(window);
    // No cleanup timer for "end of time" (the global window).
    if (t === Infinity) return;
    if (this.assigner.isEventTime) this.keyed.timers.registerEventTimeTimer(window.ns, t);
    else this.keyed.timers.registerProcessingTimeTimer(window.ns, t);
  }

  private deleteCleanupTimer(window: Window): void {
    const t = this.cleanupTime(window);
    if (t === Infinity) return;
    if (this.assigner.isEventTime) this.keyed.timers.deleteEventTimeTimer(window.ns, t);
    else this.keyed.timers.deleteProcessingTimeTimer(window.ns, t);
  }
}

/** A window as events show it: `{start, end}` (null for the global window). */
function spanOf(window: Window): { start: number | null; end: number | null } {
  const { start, end } = windowInfo(window);
  return { start, end };
}
