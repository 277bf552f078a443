/**
 * The run of the current job: status, where it failed, the results it collected, live metrics
 * and checkpoints. Live updates land here only, so the canvas (which selects the graph) never
 * re-renders for them; node badges select their own node's figure, panels a version number.
 *
 * The work behind a run (checkpoint storage prepared, a resume from an unfinished run, a
 * savepoint's state, the journal of committed results) is `client/run-orchestrator`'s: the slice
 * asks it to start runs and takes in what they report.
 */
import type { StateCreator } from 'zustand';
import type { CheckpointStats, CheckpointStorage, JobError, SlotReport } from '../../engine/index';
import { skippedLinesByNode, skippedLinesText } from '../../engine/index';
import type { DecodedCheckpoint, RunOutcome, RunningJob, SlotStall } from '../client/engine-client';
import { type RunHandle, type RunListener, type RunOrchestrator, hasCheckpointing } from '../client/run-orchestrator';
import type { AppState } from './app-store';
import { countWork } from '../perf/work-counts';
import { frameBatch } from './frame-batch';
import { type BackpressureLevel, LiveMetrics } from './live-metrics';
import { ResultBuffer } from './result-buffer';
import { type NodeThroughput, ThroughputMeter } from './throughput';

export type RunStatus = 'idle' | 'running' | 'restarting' | 'finished' | 'failed' | 'canceled';

export interface RunFailure {
  readonly nodeId: string | null;
  readonly message: string;
  /** Records the failed node had received (a source: emitted) when it failed. */
  readonly records?: number;
  /**
   * A slot worker that crashed (no node threw): the nodes it ran, each with its records in that
   * slot as the last metrics counted them. The failure shows on each of them.
   */
  readonly crashedSlot?: { readonly slot: number; readonly records: Readonly<Record<string, number>> };
  /**
   * A param of the failed node that proved wrong as it started (code that evaluates to no
   * function, an input file that is missing), as validation names a problem, and the job that
   * ran: the inspector and the Problems tab show it like a validation error while the job is
   * that one (`runProblemOf`), so until it is edited or run again.
   */
  readonly param?: { readonly problem: JobError; readonly doc: AppState['doc'] };
}

export interface RunSlice {
  readonly runStatus: RunStatus;
  /**
   * Why the last run failed: the node (when known), the engine's message, and the records the
   * node had received before it failed (a source: emitted), when its metrics said.
   */
  readonly runFailure: RunFailure | null;
  readonly results: ResultBuffer;
  /** Bumped whenever `results` grew: select this to redraw result views. */
  readonly resultsVersion: number;
  /** Where the last finished run's slots ran and which subtasks. */
  readonly slots: readonly SlotReport[];
  readonly throughput: Readonly<Record<string, NodeThroughput>>;
  /** The run's live figures (mutated in place); `metricsVersion` says when they changed. */
  readonly metrics: LiveMetrics;
  readonly metricsVersion: number;
  /** The worst back-pressure level per node; unchanged levels keep the same object. */
  readonly backpressure: Readonly<Record<string, BackpressureLevel>>;
  /** The run's checkpoints, oldest first. */
  readonly checkpoints: readonly CheckpointStats[];
  /** Restarts of the current run so far. */
  readonly restarts: number;
  /** Per completed checkpoint of the run: how many results it had committed (collect sinks publish on completion). */
  readonly committedResults: Readonly<Record<number, number>>;
  /**
   * While a "Replay from checkpoint N" runs and after: what the original run produced after N,
   * to compare with the replay's results (docs/replay.md). Null for other runs.
   */
  readonly replayBaseline: ReplayBaseline | null;
  /** The savepoint the current run started from (its checkpoint ids go on after it); null for a fresh start. */
  readonly restoredFrom: number | null;
  /**
   * Checkpoints a restart of the current run found unusable (a blob missing or failing its
   * checksum), in the order reported; the restart fell back to an older one.
   */
  readonly corruptCheckpoints: readonly CorruptCheckpoint[];
  /** The job of the current run once it started (kept after it ends), for data taps; null before. */
  readonly activeRun: RunningJob | null;
  /**
   * Slots stuck inside a function right now (for over a second), by slot index: the panels say
   * so instead of showing the last figures as if they were current. Empty when none.
   */
  readonly stalls: Readonly<Record<number, SlotStall>>;
  /** A checkpoint an unfinished run of this job left behind, which the user may resume from. */
  readonly resumeOffer: { readonly checkpointId: number } | null;
  /** Why the job cannot run now, or null when it can. */
  runBlocker(): string | null;
  /**
   * Runs the job; with `resume`, from the checkpoint of `resumeOffer`; with `savepoint`, from an
   * imported savepoint's state (at the job's current parallelism: state is redistributed).
   */
  /** Starts a run; settles once the job started or was kept from starting (stopped while its checkpoint storage was prepared). */
  runJob(options?: { resume?: boolean; savepoint?: SavepointStart }): Promise<void>;
  /**
   * "Replay from checkpoint N": runs the job as it is now from N's state, keeping what the
   * current run produced after N (when it finished and N is one of its checkpoints) to compare.
   */
  replayFrom(from: SavepointStart): void;
  stopJob(): void;
  /** Stops any run and forgets its results (another job was opened). */
  resetRun(): void;
  /** Fault injection: kills one slot worker of the running job. */
  killSlot(): void;
  /** Takes a savepoint of the running job: the eddy/savepoint@1 file text; `stop` then stops the job. */
  takeSavepoint(options?: { readonly stop?: boolean }): Promise<string>;
  /** Looks for an unfinished checkpointed run of the current job and offers to resume it. */
  checkResume(): Promise<void>;
  /** Where the current job's checkpoints are stored (the checkpoint browser reads them; docs/replay.md). */
  checkpointStorage(): CheckpointStorage;
  /** Declines the offer: the unfinished run is forgotten. */
  dismissResume(): void;
}

/** The original run's results after a checkpoint, kept for a replay from it. */
export interface ReplayBaseline {
  readonly checkpointId: number;
  readonly original: ReadonlyArray<{ readonly sink: string; readonly value: unknown }>;
}

/** A checkpoint that could not be restored: its id and the engine's message (what is wrong with it). */
export interface CorruptCheckpoint {
  readonly id: number;
  readonly message: string;
}

/** A savepoint to start a run from (an imported file, decoded). */
export interface SavepointStart {
  readonly id: number;
  readonly state: DecodedCheckpoint;
  /** Drop state of nodes the job no longer has instead of refusing to start. */
  readonly allowNonRestoredState: boolean;
}

export { hasCheckpointing };

export function isActive(status: RunStatus): boolean {
  return status === 'running' || status === 'restarting';
}

/** The reason Run is disabled, from the state alone (also the Run button's title). */
export function runBlockerOf(s: Pick<AppState, 'runStatus' | 'problems' | 'untrustedCode' | 'doc' | 'files'>): string | null {
  if (isActive(s.runStatus)) return 'The job is running';
  if (s.doc.nodes.length === 0) return 'The job is empty: add nodes from the palette';
  if (s.untrustedCode) return 'This job came from a link: review its code and accept it before running';
  if (s.problems.length > 0) {
    const first = s.problems[0]!;
    const where = first.nodeId !== undefined ? `node "${first.nodeId}": ` : '';
    const more = s.problems.length > 1 ? ` (and ${s.problems.length - 1} more problem${s.problems.length > 2 ? 's' : ''})` : '';
    return `Fix the job first — ${where}${first.message}${more}`;
  }
  const unread = fileSourceWithoutInput(s.doc, s.files);
  if (unread !== null) return `Pick the input first — node "${unread}": choose an input file in the inspector (the browser cannot read a job's path)`;
  return null;
}

/** The first file source that has no input in this browser (neither by node id nor by its path), or null. */
export function fileSourceWithoutInput(doc: AppState['doc'], files: AppState['files']): string | null {
  for (const n of doc.nodes) {
    if (n.kind !== 'source.file') continue;
    const path = n.params?.path;
    if (files[n.id] === undefined && (typeof path !== 'string' || files[path] === undefined)) return n.id;
  }
  return null;
}

/** A failure with the failed node's record count from the last metrics (the slot sends a sample as it fails). */
function failureOf(outcome: RunOutcome & { status: 'failed' }, metrics: LiveMetrics, doc: AppState['doc']): RunFailure {
  const { nodeId, crashedSlot, message } = outcome;
  const param = outcome.param !== undefined ? { param: { problem: outcome.param, doc } } : {};
  const isSource = (id: string) => doc.nodes.find((n) => n.id === id)?.kind.startsWith('source.') ?? false;
  if (crashedSlot !== undefined) {
    const slot = crashedSlot;
    const records: Record<string, number> = {};
    for (const row of metrics.rows()) if (row.slot === slot) records[row.nodeId] = (records[row.nodeId] ?? 0) + (isSource(row.nodeId) ? row.recordsOut : row.recordsIn);
    return { nodeId: null, message, crashedSlot: { slot, records }, ...param };
  }
  const counts = nodeId === null ? undefined : metrics.recordsOf(nodeId);
  if (counts === undefined) return { nodeId, message, ...param };
  return { nodeId, message, records: isSource(nodeId!) ? counts.recordsOut : counts.recordsIn, ...param };
}

/**
 * The param problem the last run failed with, while the job is still the one that ran (an edit
 * makes a new document, a new run clears the failure); null otherwise. The store keeps it apart
 * from `problems`: it does not stop the job from running again.
 */
export function runProblemOf(s: Pick<AppState, 'runFailure' | 'doc'>): JobError | null {
  const param = s.runFailure?.param;
  return param !== undefined && param.doc === s.doc ? param.problem : null;
}

/** The status line's last word on a run that restarted: how it ended, and why when it failed. */
export function endedAfterRestarts(outcome: RunOutcome, restarts: number): string {
  const after = `after ${restarts} restart${restarts === 1 ? '' : 's'}`;
  if (outcome.status === 'finished') return `Finished ${after}`;
  if (outcome.status === 'canceled') return `Stopped ${after}`;
  return `Failed ${after}${outcome.nodeId === null ? '' : ` at node "${outcome.nodeId}"`}: ${outcome.message}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The live panels take new figures at most every 250 ms (the slots' sampling interval): each slot
 * sends its samples on its own clock, and publishing each slot's separately re-rendered the
 * panels once per slot per interval.
 */
export const METRICS_EVERY_MS = 250;

/**
 * The canvas's live figures (a throughput badge on every node, back-pressure tints) change at
 * most once a second. On a 100-node job the badges were ~80 re-renders, relayouts and repaints
 * inside the canvas per tick; a node's rate read once a second is as useful.
 */
export const CANVAS_FIGURES_EVERY_MS = 1000;

/** Whether figures last published at `lastAt` are due again at `now` every `everyMs`; the run's final figures always are. */
export function figuresDue(now: number, lastAt: number, everyMs: number, final: boolean): boolean {
  return final || now - lastAt >= everyMs;
}

/** `next` unless it holds the same levels as `prev` (so per-node selectors stay quiet). */
function sameOr(prev: Readonly<Record<string, BackpressureLevel>>, next: Record<string, BackpressureLevel>): Readonly<Record<string, BackpressureLevel>> {
  const keys = Object.keys(next);
  return keys.length === Object.keys(prev).length && keys.every((k) => prev[k] === next[k]) ? prev : next;
}

export const createRunSlice =
  (orchestrator: RunOrchestrator): StateCreator<AppState, [], [], RunSlice> =>
  (set, get) => {
    /** The current run, from the moment it was asked for until it ended, was stopped or replaced. */
    let run: RunHandle | null = null;
    const fresh = () => ({ results: new ResultBuffer(), metrics: new LiveMetrics(), throughput: {}, backpressure: {}, checkpoints: [], restarts: 0, restoredFrom: null, corruptCheckpoints: [], slots: [], activeRun: null, stalls: {}, chaosLog: [], exactlyOnce: null, ranJob: null, committedResults: {} });

    /** What the store takes in from a run: the state it publishes, paced for the views. */
    const listenerFor = (doc: AppState['doc'], files: AppState['files'], isCurrent: () => boolean): RunListener => {
      const { results, metrics } = get();
      const meter = new ThroughputMeter();
      let throughput = get().throughput;
      let restarting = false;
      // Results and metrics are taken in as they arrive and published to the views once a frame.
      let resultsChanged = false;
      let metricsChanged = false;
      let metricsAt = -Infinity;
      let canvasAt = -Infinity;
      /** A publication of figures that came too soon after the previous one, waiting its turn. */
      let paced: ReturnType<typeof setTimeout> | null = null;
      /** Set as the run ends: its last figures show at once, on the canvas too. */
      let final = false;
      /** The canvas's figures are due and wait for a frame without the panels' tick. */
      let canvasDue = false;
      const publication = frameBatch(() => {
        if (!isCurrent()) return;
        const now = performance.now();
        let metricsNow = metricsChanged;
        if (metricsChanged && !figuresDue(now, metricsAt, METRICS_EVERY_MS, final)) {
          metricsNow = false;
          if (paced === null)
            paced = setTimeout(() => {
              paced = null;
              publication.request();
            }, METRICS_EVERY_MS - (now - metricsAt));
        }
        const news = { results: resultsChanged, metrics: metricsNow };
        resultsChanged = false;
        if (metricsNow) {
          metricsChanged = false;
          metricsAt = now;
          countWork('metrics.publish');
        }
        if (news.metrics && figuresDue(now, canvasAt, CANVAS_FIGURES_EVERY_MS, final)) {
          canvasAt = now;
          canvasDue = true;
        }
        // Not in the same frame as the panels' tick: each re-renders on its own (the live panel
        // and charts; a badge on every node), and together they made the page's longest frames.
        const canvas = canvasDue && (final || !news.metrics);
        if (canvas) canvasDue = false;
        else if (canvasDue) publication.request();
        set((s) => ({
          ...(news.results ? { resultsVersion: s.resultsVersion + 1 } : {}),
          ...(news.metrics ? { metricsVersion: s.metricsVersion + 1 } : {}),
          ...(canvas ? { throughput, backpressure: sameOr(s.backpressure, metrics.backpressure()) } : {}),
        }));
      });
      return {
        notify: (text, tone) => get().notify(text, tone),
        onStart: (job, preload) => {
          if (preload.length > 0) results.append(preload);
          set({ activeRun: job, ranJob: { doc, files } });
        },
        onResults: (batch) => {
          results.append(batch);
          resultsChanged = true;
          publication.request();
        },
        onMetrics: (samples) => {
          const now = performance.now();
          metrics.update(samples, now);
          throughput = meter.update(samples, now, throughput);
          metricsChanged = true;
          // Samples of a new deployment: the restart is done.
          if (restarting) {
            restarting = false;
            publication.flush();
            set({ runStatus: 'running' });
            // The status line moves on too, or it would say "restarting…" for the rest of the run.
            get().notify(`Recovered: running again after restart ${get().restarts}`);
          }
          publication.request();
        },
        onCheckpoint: (stats) => {
          if (stats.status === 'completed') {
            // Collect sinks publish on completion: what arrived by now is what this checkpoint committed.
            const total = results.total;
            set((s) => ({ committedResults: { ...s.committedResults, [stats.id]: total } }));
          }
          set((s) => {
            const i = s.checkpoints.findIndex((c) => c.id === stats.id);
            return { checkpoints: i < 0 ? [...s.checkpoints, stats] : s.checkpoints.map((c, k) => (k === i ? stats : c)) };
          });
        },
        onRestart: (attempt, reason) => {
          restarting = true;
          set({ runStatus: 'restarting', restarts: attempt });
          get().notify(`Job failed (${reason}) — restarting… (attempt ${attempt}, from the latest checkpoint)`);
        },
        onUnresponsive: (slot, stall) => {
          set((s) => {
            const { [slot]: _, ...others } = s.stalls;
            return { stalls: stall === null ? others : { ...others, [slot]: stall } };
          });
        },
        onCorruptCheckpoint: (checkpointId, message) => {
          set((s) => ({ corruptCheckpoints: [...s.corruptCheckpoints, { id: checkpointId, message }] }));
          get().notify(`${capitalized(message)} — trying the one before it`, 'error');
        },
        onDone: (outcome) => {
          if (!isCurrent()) return;
          // The final samples become the charts' last point, even for a job shorter than a point's spacing.
          metrics.close(performance.now());
          metricsChanged = true;
          final = true;
          publication.request();
          publication.flush();
          run = null;
          set({
            runStatus: outcome.status,
            runFailure: outcome.status === 'failed' ? failureOf(outcome, metrics, doc) : null,
            slots: outcome.slots,
            resultsVersion: get().resultsVersion + 1,
            stalls: {},
          });
          // After a restart the status line says "restarting…" or "Recovered: running again": it
          // must not outlive the run (a job that failed for good still said it was running).
          const restarts = get().restarts;
          if (restarts > 0) get().notify(endedAfterRestarts(outcome, restarts), outcome.status === 'failed' ? 'error' : 'info');
          // Malformed lines a file source skipped (ignoreParseErrors) are never silent.
          const skipped = [...skippedLinesByNode(metrics.subtasks())].map(([nodeId, lines]) => skippedLinesText(nodeId, lines));
          if (skipped.length > 0) get().notify(`${outcome.status === 'finished' ? 'Finished' : 'Stopped'}: ${skipped.join('; ')}`, 'error');
          // The built-in invariant check: after chaos with checkpoints on, is the output an undisturbed run's?
          if (outcome.status === 'finished' && get().chaosLog.length > 0 && hasCheckpointing(doc)) void get().checkExactlyOnce();
        },
      };
    };

    return {
      runStatus: 'idle',
      runFailure: null,
      resultsVersion: 0,
      metricsVersion: 0,
      resumeOffer: null,
      replayBaseline: null,
      ...fresh(),
      runBlocker: () => runBlockerOf(get()),
      replayFrom: (from) => {
        if (get().runBlocker() !== null) return;
        const { runStatus, results, committedResults } = get();
        const upTo = committedResults[from.id];
        const baseline = runStatus === 'finished' && upTo !== undefined ? { checkpointId: from.id, original: results.records().slice(upTo) } : null;
        get().runJob({ savepoint: from });
        set({ replayBaseline: baseline });
      },
      runJob: (options = {}) => {
        if (get().runBlocker() !== null) return Promise.resolve();
        set({ replayBaseline: null });
        const { doc, files, jobId } = get();
        set((s) => ({ runStatus: 'running', runFailure: null, ...fresh(), resultsVersion: s.resultsVersion + 1, metricsVersion: s.metricsVersion + 1, resumeOffer: null, activeTab: 'results' }));
        const from = options.savepoint;
        if (from) {
          set({ restoredFrom: from.id });
          get().notify(`Running from savepoint ${from.id}`);
        }
        let handle: RunHandle | null = null;
        const listener = listenerFor(doc, files, () => handle !== null && run === handle);
        handle = run = orchestrator.start({ doc, files, jobId, ...(options.resume ? { resume: true } : {}), ...(from ? { savepoint: { state: from.state, allowNonRestoredState: from.allowNonRestoredState } } : {}) }, listener);
        return handle.settled;
      },
      stopJob: () => {
        if (run === null) return;
        const stopping = run;
        run = null;
        stopping.cancel();
        set(stopping.job === null ? { runStatus: 'canceled' } : { runStatus: 'canceled', stalls: {} });
      },
      resetRun: () => {
        run?.cancel();
        run = null;
        set((s) => ({ runStatus: 'idle', runFailure: null, ...fresh(), resultsVersion: s.resultsVersion + 1, metricsVersion: s.metricsVersion + 1, resumeOffer: null }));
      },
      killSlot: () => {
        const job = run?.job;
        if (!job) return;
        job.killSlot();
        get().logChaos('kill-slot', 'killed a slot worker');
      },
      checkpointStorage: () => orchestrator.storageOf(get().jobId),
      takeSavepoint: (o) => (run?.job ? run.job.takeSavepoint(o) : Promise.reject(new Error('the job is not running'))),
      checkResume: async () => {
        const { doc, jobId } = get();
        if (!hasCheckpointing(doc) || get().runStatus !== 'idle') return;
        const checkpointId = await orchestrator.findResumeOffer(jobId);
        if (checkpointId !== null && get().jobId === jobId && get().runStatus === 'idle') set({ resumeOffer: { checkpointId } });
      },
      dismissResume: () => {
        const { jobId } = get();
        set({ resumeOffer: null });
        void orchestrator.forgetUnfinished(jobId);
      },
    };
  };
