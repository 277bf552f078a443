/**
 * The `ctx` a window `process` function gets (Flink's ProcessWindowFunction.Context, and
 * ProcessAllWindowFunction.Context for windowAll): the firing window, the clocks, per-window
 * state (`windowState`: scoped to the key and the window), the key's state across windows
 * (`globalState`) and side outputs (`output(tag, value)`, the name the `process` node's `out`
 * uses).
 *
 * One context exists per operator and is re-pointed at each window before a call (`enter`), so
 * nothing is allocated per record. Both stores are UserState over the operator's keyed backend
 * (tables `window-state/<name>` in the window's namespace, `global-state/<name>` in the VOID
 * namespace), so the operator's keyed snapshot carries them and a restore redistributes them by
 * key group like the window contents.
 */
import { checkSideOutputTag } from '../operators/function-context.js';
import type { KeyedStateBackend } from '../state/keyed-state-backend.js';
import { type StateDescriptor, type StateScope, UserState } from '../state/user-state.js';
import type { ProcessingTimeService } from '../time/processing-time.js';
import type { WindowFunctionContext } from './window-function.js';
import { type Window, type WindowInfo, windowInfo } from './window.js';

export const WINDOW_STATE_PREFIX = 'window-state/';
export const GLOBAL_STATE_PREFIX = 'global-state/';
const MERGING_WINDOW_STATE = 'ctx.windowState: per-window state is not allowed with merging (session) windows, as in Flink; use ctx.globalState';

export class ProcessWindowContext implements WindowFunctionContext {
  window: WindowInfo = { start: null, end: null, maxTimestamp: Infinity };
  readonly windowState: UserState;
  readonly globalState: UserState;
  readonly output: (tag: string, value: unknown) => void;
  private readonly scope: StateScope = { ns: '' };

  constructor(
    backend: KeyedStateBackend,
    clock: ProcessingTimeService,
    /** Session windows: Flink allows no per-window state with merging windows. */
    merging: boolean,
    readonly currentWatermark: () => number,
    readonly currentProcessingTime: () => number,
    /** Emits on a side output with the firing window's max timestamp. */
    side: (tag: string, value: unknown) => void,
  ) {
    this.windowState = new UserState(merging ? null : backend, clock, MERGING_WINDOW_STATE, { scope: this.scope, tablePrefix: WINDOW_STATE_PREFIX });
    this.globalState = new UserState(backend, clock, undefined, { tablePrefix: GLOBAL_STATE_PREFIX });
    this.output = (tag, value) => {
      checkSideOutputTag(tag, 'ctx.output(tag, value)', 'return the value');
      side(tag, value);
    };
  }

  /** Points the context at `window`, whose per-window state lives in namespace `window.ns`. */
  enter(window: Window): WindowInfo {
    this.scope.ns = window.ns;
    this.window = windowInfo(window);
    return this.window;
  }

  /** Drops whatever per-window state of `window` the function left (of the current key). */
  clearWindowState(window: Window): void {
    this.windowState.clearNamespace(window.ns);
  }

  /** Both stores' descriptors, under their table names. */
  descriptors(): Record<string, StateDescriptor> {
    const out: Record<string, StateDescriptor> = {};
    for (const [name, d] of Object.entries(this.windowState.descriptors())) out[WINDOW_STATE_PREFIX + name] = d;
    for (const [name, d] of Object.entries(this.globalState.descriptors())) out[GLOBAL_STATE_PREFIX + name] = d;
    return out;
  }

  restoreDescriptors(states: Record<string, StateDescriptor>): void {
    const win: Record<string, StateDescriptor> = {};
    const global: Record<string, StateDescriptor> = {};
    for (const [name, d] of Object.entries(states)) {
      if (name.startsWith(WINDOW_STATE_PREFIX)) win[name.slice(WINDOW_STATE_PREFIX.length)] = d;
      else if (name.startsWith(GLOBAL_STATE_PREFIX)) global[name.slice(GLOBAL_STATE_PREFIX.length)] = d;
    }
    this.windowState.restoreDescriptors(win);
    this.globalState.restoreDescriptors(global);
  }
}
