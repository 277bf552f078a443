/**
 * The run of the current job: status, where it failed, the results it collected and live
 * throughput per node. Live updates land here only, so the canvas (which selects the graph)
 * never re-renders for them; node badges select their own node's figure.
 */
import type { StateCreator } from 'zustand';
import type { SlotReport } from '../../engine/index';
import type { JobStarter, RunningJob } from '../client/engine-client';
import type { AppState } from './app-store';
import { ResultBuffer } from './result-buffer';
import { type NodeThroughput, ThroughputMeter } from './throughput';

export type RunStatus = 'idle' | 'running' | 'finished' | 'failed' | 'canceled';

export interface RunSlice {
  readonly runStatus: RunStatus;
  /** Why the last run failed: the node (when known) and the engine's message. */
  readonly runFailure: { readonly nodeId: string | null; readonly message: string } | null;
  readonly results: ResultBuffer;
  /** Bumped whenever `results` grew: select this to redraw result views. */
  readonly resultsVersion: number;
  /** Where the last finished run's slots ran and which subtasks. */
  readonly slots: readonly SlotReport[];
  readonly throughput: Readonly<Record<string, NodeThroughput>>;
  /** Why the job cannot run now, or null when it can. */
  runBlocker(): string | null;
  runJob(): void;
  stopJob(): void;
  /** Stops any run and forgets its results (another job was opened). */
  resetRun(): void;
}

/** The reason Run is disabled, from the state alone (also the Run button's title). */
export function runBlockerOf(s: Pick<AppState, 'runStatus' | 'problems' | 'untrustedCode' | 'doc'>): string | null {
  if (s.runStatus === 'running') return 'The job is running';
  if (s.doc.nodes.length === 0) return 'The job is empty: add nodes from the palette';
  if (s.untrustedCode) return 'This job came from a link: review its code and accept it before running';
  if (s.problems.length > 0) {
    const first = s.problems[0]!;
    const where = first.nodeId !== undefined ? `node "${first.nodeId}": ` : '';
    const more = s.problems.length > 1 ? ` (and ${s.problems.length - 1} more problem${s.problems.length > 2 ? 's' : ''})` : '';
    return `Fix the job first — ${where}${first.message}${more}`;
  }
  return null;
}

export const createRunSlice =
  (startJob: JobStarter): StateCreator<AppState, [], [], RunSlice> =>
  (set, get) => {
    let current: RunningJob | null = null;
    return {
      runStatus: 'idle',
      runFailure: null,
      results: new ResultBuffer(),
      resultsVersion: 0,
      slots: [],
      throughput: {},
      runBlocker: () => runBlockerOf(get()),
      runJob: () => {
        if (get().runBlocker() !== null) return;
        const { doc, files } = get();
        const results = new ResultBuffer();
        const meter = new ThroughputMeter();
        set({ runStatus: 'running', runFailure: null, results, resultsVersion: get().resultsVersion + 1, slots: [], throughput: {}, activeTab: 'results' });
        const job = startJob(doc, files, {
          onResults: (batch) => {
            if (current !== job) return;
            results.append(batch);
            set((s) => ({ resultsVersion: s.resultsVersion + 1 }));
          },
          onMetrics: (samples) => {
            if (current === job) set((s) => ({ throughput: meter.update(samples, performance.now(), s.throughput) }));
          },
        });
        current = job;
        void job.done.then((outcome) => {
          if (current !== job) return;
          current = null;
          set({
            runStatus: outcome.status,
            runFailure: outcome.status === 'failed' ? { nodeId: outcome.nodeId, message: outcome.message } : null,
            slots: outcome.slots,
            resultsVersion: get().resultsVersion + 1,
          });
        });
      },
      stopJob: () => {
        if (!current) return;
        const job = current;
        current = null;
        job.cancel();
        set({ runStatus: 'canceled' });
      },
      resetRun: () => {
        if (current) current.cancel();
        current = null;
        set((s) => ({ runStatus: 'idle', runFailure: null, results: new ResultBuffer(), resultsVersion: s.resultsVersion + 1, slots: [], throughput: {} }));
      },
    };
  };
