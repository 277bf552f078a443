/**
 * The work behind a run of the IDE's job, apart from the store that shows it: preparing the
 * checkpoint storage (a fresh run forgets the job's old checkpoints, a resumed one starts from
 * the newest journaled checkpoint with the results committed up to it, a savepoint's state is
 * handed to the starter), journaling the results each completed checkpoint commits so a tab
 * closed mid-run can resume, and finding the unfinished run a reopened page may offer to resume.
 *
 * The store (`store/run-slice`) holds the run's state and hears what happens through a
 * `RunListener`; a run it canceled or replaced tells it nothing more.
 */
import type { CheckpointStorage, CollectedRecord } from '../../engine/index';
import { messageOf } from '../../engine/index';
import type { RunJournal } from '../persist/run-journal';
import { findResumePoint, forgetAfter } from './checkpoint-runs';
import type { DecodedCheckpoint, JobStarter, RunCallbacks, RunOutcome, RunningJob, StartOptions } from './engine-client';

/** Where checkpointed runs keep their checkpoints and journal (IndexedDB in the browser). */
export interface CheckpointEnv {
  storageFor(jobId: string): CheckpointStorage;
  readonly journal: RunJournal;
}

/** Whether a job document turns checkpoints on. */
export function hasCheckpointing(doc: { readonly [k: string]: unknown }): boolean {
  return typeof doc.checkpointing === 'object' && doc.checkpointing !== null;
}

/** What to run and from where. */
export interface RunRequest {
  readonly doc: { readonly [k: string]: unknown };
  readonly files: Parameters<JobStarter>[1];
  /** The job's id: its checkpoint storage and journal entries are kept under it. */
  readonly jobId: string;
  /** From the newest checkpoint an unfinished run of this job left (see `findResumeOffer`). */
  readonly resume?: boolean;
  /** From a savepoint's state (at the job's current parallelism: state is redistributed). */
  readonly savepoint?: { readonly state: DecodedCheckpoint; readonly allowNonRestoredState: boolean };
}

/** What a run tells the store, only while the run is current (neither canceled nor replaced). */
export interface RunListener extends RunCallbacks {
  /**
   * The job started (once checkpoint storage is prepared). `preload`: the results a resumed
   * run's checkpoint committed before, which the resumed job will not produce again.
   */
  onStart(job: RunningJob, preload: readonly CollectedRecord[]): void;
  onDone(outcome: RunOutcome): void;
  /** A sentence for the status line. */
  notify(text: string, tone?: 'info' | 'error'): void;
}

/** A run from the moment it was asked for: its job once started. */
export interface RunHandle {
  /** The running job; null while checkpoint storage is being prepared, or when canceled before. */
  readonly job: RunningJob | null;
  /** Stops the run (or keeps it from starting); its listener hears nothing more. */
  cancel(): void;
  /** Settles once the job started, or was kept from starting (canceled while its storage was prepared). */
  readonly settled: Promise<void>;
}

/**
 * Journals a checkpointed run's results: those that arrive are held until a checkpoint
 * completes, then written as that checkpoint's commit; a restart drops what no checkpoint
 * covered (the restarted job produces it again). Writes happen in order, one after the other.
 */
class CommitJournal {
  private uncommitted: CollectedRecord[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly journal: RunJournal,
    private readonly jobId: string,
    private readonly onError: (e: unknown) => void,
  ) {}

  results(batch: readonly CollectedRecord[]): void {
    for (const r of batch) this.uncommitted.push(r);
  }

  completed(checkpointId: number): void {
    const records = this.uncommitted;
    this.uncommitted = [];
    this.write((j) => j.commit({ jobId: this.jobId, checkpointId, records }));
  }

  restarted(): void {
    this.uncommitted = [];
  }

  ended(): void {
    this.write((j) => j.end(this.jobId));
  }

  private write(step: (j: RunJournal) => Promise<void>): void {
    this.writing = this.writing.then(() => step(this.journal)).catch(this.onError);
  }
}

/** Starts the IDE's runs through `startJob`, with checkpoints and the journal where `env` keeps them. */
export class RunOrchestrator {
  constructor(
    private readonly startJob: JobStarter,
    private readonly env: () => CheckpointEnv,
  ) {}

  /** Where a job's checkpoints are stored (the checkpoint browser reads them). */
  storageOf(jobId: string): CheckpointStorage {
    return this.env().storageFor(jobId);
  }

  /**
   * Starts a run. A job without a `checkpointing` block starts at once; one with it after its
   * storage is prepared. Storage that cannot be prepared (full, unavailable) is reported, not
   * fatal: the job runs, each checkpoint it takes is declined with the storage's reason, and
   * the run cannot be resumed.
   */
  start(request: RunRequest, listener: RunListener): RunHandle {
    /** Canceled, or its job ended: the listener hears nothing more. */
    let over = false;
    let job: RunningJob | null = null;
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const handle: RunHandle = {
      get job() {
        return job;
      },
      cancel: () => {
        if (over) return;
        over = true;
        job?.cancel();
      },
      settled,
    };
    const { savepoint } = request;
    const restore: StartOptions = savepoint ? { restoreFrom: savepoint.state, allowNonRestoredState: savepoint.allowNonRestoredState } : {};
    const launch = (options: StartOptions, preload: readonly CollectedRecord[], journal: RunJournal | null) => {
      if (over) return;
      job = this.launch(request, options, journal, listener, {
        live: () => !over,
        ended: () => {
          over = true;
        },
      });
      listener.onStart(job, preload);
    };
    if (!hasCheckpointing(request.doc)) {
      launch(restore, [], null);
      settle();
      return handle;
    }
    const { storageFor, journal } = this.env();
    const storage = storageFor(request.jobId);
    this.prepare(storage, journal, request, listener).then(
      (prepared) => launch({ storage, ...(prepared ? { restoreFrom: prepared.state } : restore) }, prepared?.records ?? [], journal),
      (e: unknown) => {
        if (over) return;
        listener.notify(`Checkpoint storage is unavailable (${messageOf(e)}): the job runs without stored checkpoints`, 'error');
        launch({ storage, ...restore }, [], null);
      },
    ).finally(settle);
    return handle;
  }

  /** A checkpoint an unfinished run of this job left, which a resume would start from; null when none. */
  async findResumeOffer(jobId: string): Promise<number | null> {
    const { storageFor, journal } = this.env();
    if (!(await journal.marker(jobId))) return null;
    const point = await findResumePoint(storageFor(jobId), journal, jobId);
    return point ? point.checkpointId : null;
  }

  /** Forgets the unfinished run of a job (the user declined to resume it). */
  forgetUnfinished(jobId: string): Promise<void> {
    return this.env().journal.end(jobId);
  }

  /**
   * Prepares storage and journal for a checkpointed run: with `resume`, the resume point (newer
   * checkpoints and commits forgotten), else nothing (all of them forgotten: a fresh run must
   * never restart from another run's checkpoint).
   */
  private async prepare(storage: CheckpointStorage, journal: RunJournal, request: RunRequest, listener: RunListener) {
    const { jobId } = request;
    if (request.resume) {
      const point = await findResumePoint(storage, journal, jobId, (e) => listener.notify(`Skipped ${e.message}`, 'error'));
      if (point) {
        await forgetAfter(storage, journal, jobId, point.checkpointId);
        await journal.begin(jobId);
        listener.notify(`Resuming from checkpoint ${point.checkpointId} with ${point.records.length} results committed before`);
        return point;
      }
      listener.notify('No usable checkpoint was left: the job starts from the beginning', 'error');
    }
    await forgetAfter(storage, journal, jobId, -1);
    await journal.begin(jobId);
    return null;
  }

  /** Starts the job; `run.live()` says whether the listener still hears it, `run.ended()` that it no longer does. */
  private launch(request: RunRequest, options: StartOptions, journal: RunJournal | null, listener: RunListener, run: { live(): boolean; ended(): void }): RunningJob {
    const { live } = run;
    const commits = journal ? new CommitJournal(journal, request.jobId, (e) => listener.notify(`Could not record the run in this browser: ${String(e)}`, 'error')) : null;
    const job = this.startJob(
      request.doc,
      request.files,
      {
        onResults: (batch) => {
          if (!live()) return;
          commits?.results(batch);
          listener.onResults(batch);
        },
        onMetrics: (samples) => {
          if (live()) listener.onMetrics(samples);
        },
        onCheckpoint: (stats) => {
          if (!live()) return;
          if (stats.status === 'completed') commits?.completed(stats.id);
          listener.onCheckpoint?.(stats);
        },
        onRestart: (attempt, reason) => {
          if (!live()) return;
          commits?.restarted();
          listener.onRestart?.(attempt, reason);
        },
        onUnresponsive: (slot, stall) => {
          if (live()) listener.onUnresponsive?.(slot, stall);
        },
        onCorruptCheckpoint: (checkpointId, message) => {
          if (live()) listener.onCorruptCheckpoint?.(checkpointId, message);
        },
      },
      options,
    );
    void job.done.then((outcome) => {
      commits?.ended();
      if (!live()) return;
      run.ended();
      listener.onDone(outcome);
    });
    return job;
  }
}
