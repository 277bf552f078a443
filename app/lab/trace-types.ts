/**
 * The steps of a trace as the lab reads them: the binding contract of `eddy trace`
 * (shared spec trace.md). Events may carry more fields than these; the lab reads only these.
 */
export interface WindowBounds {
  readonly start: number;
  readonly end: number;
}

/** The source element an event goes back to: following it answers "why did this happen?". */
export interface TraceCause {
  readonly node: string;
  readonly offset: number;
}

export type TraceEvent =
  | { readonly type: 'source.emit'; readonly offset: number; readonly value?: unknown; readonly watermark?: number }
  | { readonly type: 'record.in'; readonly value: unknown; readonly ts: number | null; readonly port?: string | number; readonly node?: string }
  | { readonly type: 'watermark.in'; readonly watermark: number; readonly channel: number; readonly combined: number; readonly node?: string }
  | { readonly type: 'window.assign'; readonly key: unknown; readonly windows: readonly WindowBounds[]; readonly ts: number; readonly node?: string }
  | { readonly type: 'window.merge'; readonly key: unknown; readonly merged: readonly WindowBounds[]; readonly into: WindowBounds; readonly node?: string }
  | { readonly type: 'window.fire'; readonly key: unknown; readonly window: WindowBounds; readonly result: unknown; readonly late: boolean; readonly cause: TraceCause; readonly node?: string }
  | { readonly type: 'window.purge'; readonly key: unknown; readonly window: WindowBounds; readonly node?: string }
  | { readonly type: 'late.side-output' | 'late.dropped'; readonly key: unknown; readonly value: unknown; readonly ts: number; readonly cause: TraceCause; readonly node?: string }
  | { readonly type: 'timer.fire'; readonly timeDomain: 'event' | 'processing'; readonly timestamp: number; readonly key: unknown; readonly cause: TraceCause; readonly node?: string }
  | { readonly type: 'sink.emit'; readonly sink: string; readonly value: unknown }
  | { readonly type: 'checkpoint.barrier' | 'checkpoint.snapshot' | 'checkpoint.complete'; readonly checkpointId: number; readonly node?: string }
  /** The lab's interventions (a project event): a killed slot names the checkpoint every task restarted from (null: the start). */
  | { readonly type: 'intervention'; readonly action: string; readonly applied?: boolean; readonly restoredFrom?: number | null; readonly node?: string };

/** An event as the engine hands it over: a type and its fields (the union above says which). */
export type TraceEventLike = { readonly type: string; readonly [field: string]: unknown };

export interface TraceStep {
  readonly step: number;
  /** Where the step ran: the node (task) and its subtask. */
  readonly node: string;
  readonly subtask: number;
  readonly events: readonly TraceEventLike[];
}
