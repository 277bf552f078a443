/**
 * Chaos on the running job (docs/ide.md, "Chaos"): the controls the Chaos tab sends through the
 * client to the slot workers, the log of what was applied in this run, and the exactly-once
 * check — the run's sink output against an undisturbed run of the same job and inputs, run
 * headless in worker slots by the same engine. The run slice clears the log and the check when
 * a run starts.
 */
import type { StateCreator } from 'zustand';
import type { ChaosCommand, CollectedRecord } from '../../engine/index';
import type { JobStarter } from '../client/engine-client';
import type { ChaosLogEntry } from '../client/exactly-once-check';
import type { OutputComparer } from '../client/output-comparer';
import type { AppState } from './app-store';

/** Where the exactly-once check stands for the current run. */
export type ExactlyOnceCheck =
  | { readonly status: 'checking' }
  | { readonly status: 'done'; readonly equal: boolean; readonly headline: string; readonly lines: readonly string[]; readonly note?: string }
  | { readonly status: 'not-applicable'; readonly reason: string };

/** What the Chaos tab's form holds, kept while other tabs are shown. */
export interface ChaosForm {
  /** The chosen node ('' = the one selected on the canvas, else the first source). */
  readonly nodeId: string;
  /** 'all' or a subtask index. */
  readonly subtask: string;
  readonly seconds: string;
  readonly delayMs: string;
  /** '' = 1 s behind the watermark. */
  readonly eventTime: string;
  /** The record to inject, per source node, as edited. */
  readonly records: Readonly<Record<string, string>>;
}

export interface ChaosSlice {
  readonly chaosForm: ChaosForm;
  setChaosForm(patch: Partial<ChaosForm>): void;
  /** The chaos applied during the current run, oldest first. */
  readonly chaosLog: readonly ChaosLogEntry[];
  readonly exactlyOnce: ExactlyOnceCheck | null;
  /** The job and input files the current run started with (what the check runs undisturbed). */
  readonly ranJob: { readonly doc: unknown; readonly files: AppState['files'] } | null;
  /** Adds an entry to the chaos log of the current run. */
  logChaos(kind: ChaosLogEntry['kind'], text: string): void;
  /**
   * Sends a chaos control to the running job; `text` says what it does (log and status line).
   * Resolves true when it reached a subtask; a refusal is reported in the status line.
   */
  applyChaos(command: ChaosCommand, text: string): Promise<boolean>;
  /**
   * Runs the exactly-once check on the finished run (the run slice starts it by itself when a
   * run with chaos and checkpoints finishes); while one runs, asking again waits for it.
   */
  checkExactlyOnce(): Promise<void>;
}

/** The log's kind for a command: an idle pause is an idle source. */
function kindOf(command: ChaosCommand): ChaosLogEntry['kind'] {
  return command.kind === 'pause-source' && command.idle ? 'idle-source' : command.kind;
}

export const createChaosSlice =
  (startJob: JobStarter, comparer: OutputComparer): StateCreator<AppState, [], [], ChaosSlice> =>
  (set, get) => {
    // The check under way and the run it checks: asking again for that run waits for it.
    let inFlight: { readonly run: unknown; readonly done: Promise<void> } | null = null;
    const check = async (): Promise<void> => {
      const { runStatus, ranJob, chaosLog, activeRun } = get();
      if (ranJob === null) return;
      if (runStatus !== 'finished') {
        set({ exactlyOnce: { status: 'not-applicable', reason: 'The check compares a finished run\'s output: let the job finish (bounded sources) first.' } });
        return;
      }
      // Loaded on the first check: the page's first load does without it.
      const { checkApplicability, describeComparison } = await import('../client/exactly-once-check');
      const doc = ranJob.doc as { checkpointing?: { mode?: string } };
      const verdict = checkApplicability(chaosLog, doc.checkpointing ?? null);
      if (!verdict.applies) {
        set({ exactlyOnce: { status: 'not-applicable', reason: verdict.reason } });
        return;
      }
      set({ exactlyOnce: { status: 'checking' } });
      const actual = get().results.records();
      const expected: CollectedRecord[] = [];
      // The undisturbed run: same document and inputs, no chaos, checkpoints in memory.
      const outcome = await startJob(ranJob.doc, ranJob.files, { onResults: (batch) => expected.push(...batch), onMetrics: () => {} }).done;
      if (get().activeRun !== activeRun) return;
      if (outcome.status !== 'finished') {
        const why = outcome.status === 'failed' ? outcome.message : 'it was canceled';
        set({ exactlyOnce: { status: 'not-applicable', reason: `The undisturbed run did not finish: ${why}` } });
        return;
      }
      // Off the page: a large output's comparison would freeze it.
      const comparison = await comparer.compare(actual, expected);
      if (get().activeRun !== activeRun) return;
      const { headline, lines } = describeComparison(comparison);
      set({ exactlyOnce: { status: 'done', equal: comparison.equal, headline, lines, ...(verdict.note ? { note: verdict.note } : {}) } });
      get().notify(`Exactly-once check: ${headline}`, comparison.equal ? 'info' : 'error');
    };
    return {
      chaosForm: { nodeId: '', subtask: 'all', seconds: '5', delayMs: '20', eventTime: '', records: {} },
      setChaosForm: (patch) => set((s) => ({ chaosForm: { ...s.chaosForm, ...patch } })),
      chaosLog: [],
      exactlyOnce: null,
      ranJob: null,
      logChaos: (kind, text) => set((s) => ({ chaosLog: [...s.chaosLog, { kind, at: Date.now(), text }] })),
      applyChaos: async (command, text) => {
        const run = get().activeRun;
        if (run === null || get().runStatus !== 'running' || run.chaos === undefined) {
          get().notify('Chaos needs a running job', 'error');
          return false;
        }
        try {
          await run.chaos(command);
        } catch (e) {
          get().notify(`Chaos refused — ${e instanceof Error ? e.message : String(e)}`, 'error');
          return false;
        }
        if (get().activeRun !== run) return false;
        get().logChaos(kindOf(command), text);
        get().notify(`Chaos: ${text}`);
        return true;
      },
      checkExactlyOnce: () => {
        const run = get().activeRun;
        if (inFlight !== null && inFlight.run === run) return inFlight.done;
        const current = {
          run,
          done: check().finally(() => {
            if (inFlight === current) inFlight = null;
          }),
        };
        inFlight = current;
        return current.done;
      },
    };
  };
