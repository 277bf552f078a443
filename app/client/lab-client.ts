/**
 * The lab's bridge to the stepping host: a dedicated Web Worker holding the trace, so user
 * code never runs on the page. Tests hand the store a client over a TraceController in their
 * own thread instead (the same engine code, without the worker).
 */
import type { InputFile } from './input-files';
import { jobFetchBase } from './fetch-base';
import { type Breakpoint, type CheckpointState, type Intervention, type TraceController, type TraceMove, type TraceOpen, startTraceWorker } from '../../engine/index';

/** A checkpoint the lab steps from (docs/replay.md): restored as a replay restores it, at the job's parallelism. */
export interface LabRestore {
  readonly id: number;
  readonly state: CheckpointState;
  readonly allowNonRestoredState: boolean;
  /** Virtual time to start at: the checkpoint's completion time, so its processing-time timers and TTLs are due as after a restore. */
  readonly startTime?: number;
}

const restoreOptions = (r: LabRestore | undefined) =>
  r === undefined ? {} : { restoreFrom: r.state, allowNonRestoredState: r.allowNonRestoredState, ...(r.startTime !== undefined ? { startTime: r.startTime } : {}) };

export interface LabClient {
  /** Opens a job to step; an upload is read whole here (slice by slice), as the stepping host holds its trace in memory anyway. */
  open(doc: unknown, files: Readonly<Record<string, InputFile>>, parallelism?: number, restore?: LabRestore): Promise<TraceOpen>;
  goTo(position: number, known: number): Promise<TraceMove>;
  runUntil(breakpoints: readonly Breakpoint[], known: number, limit?: number): Promise<TraceMove>;
  intervene(action: Intervention, known: number): Promise<TraceMove>;
  removeIntervention(at: number, known: number): Promise<TraceMove>;
  clearInterventions(known: number): Promise<TraceMove>;
  close(): void;
}

export type LabClientFactory = () => LabClient;

/**
 * Every input as its whole text, an upload read slice by slice (`upload-text`, loaded with the
 * first lab opened: the page's first chunk does not carry the reader).
 */
async function textsOf(files: Readonly<Record<string, InputFile>>): Promise<Record<string, string>> {
  const { wholeText } = await import('./upload-text');
  const entries = await Promise.all(Object.entries(files).map(async ([key, file]) => [key, await wholeText(file)] as const));
  return Object.fromEntries(entries);
}

/** A client over a controller in this thread (tests, Node). */
export function controllerLabClient(controller: TraceController): LabClient {
  return {
    open: async (doc, files, parallelism, restore) => controller.open(doc, { files: await textsOf(files), ...(parallelism !== undefined ? { parallelism } : {}), ...restoreOptions(restore) }),
    goTo: async (position, known) => controller.goTo(position, known),
    runUntil: async (breakpoints, known, limit) => controller.runUntil(breakpoints, known, limit),
    intervene: async (action, known) => controller.intervene(action, known),
    removeIntervention: async (at, known) => controller.removeIntervention(at, known),
    clearInterventions: async (known) => controller.clearInterventions(known),
    close: () => {},
  };
}

/**
 * The IDE's client: the stepping host in a Web Worker of its own, terminated on close. An
 * asyncMap's relative `ctx.fetch` URLs mean the app's `examples/` folder, as on a run.
 */
export const workerLabClient: LabClientFactory = () => {
  const worker = startTraceWorker();
  const fetchBase = jobFetchBase();
  return {
    open: async (doc, files, parallelism, restore) => worker.api.open(doc, { files: await textsOf(files), fetchBase, ...(parallelism !== undefined ? { parallelism } : {}), ...restoreOptions(restore) }),
    goTo: (position, known) => worker.api.goTo(position, known),
    runUntil: (breakpoints, known, limit) => worker.api.runUntil(breakpoints, known, limit),
    intervene: (action, known) => worker.api.intervene(action, known),
    removeIntervention: (at, known) => worker.api.removeIntervention(at, known),
    clearInterventions: (known) => worker.api.clearInterventions(known),
    close: () => worker.terminate(),
  };
};
