/**
 * The checkpoint coordinator (Flink's CheckpointCoordinator), host-agnostic: it numbers
 * checkpoints, collects one state blob per subtask, stores a checkpoint once every subtask has
 * acknowledged it, keeps the last `retained`, and publishes collect-sink results exactly once.
 *
 * Two-phase commit of results: with checkpointing on, records reaching a collect sink are held
 * here per sink subtask. When that subtask acknowledges checkpoint n, what it held so far is
 * covered by n (results and acknowledgements come in order from a subtask); when n is durably
 * stored, the covered records are published. A failure discards what is not covered by a
 * completed checkpoint — the restored job produces it again.
 */
import type { SinkResult } from '../operators/operator.js';
import { messageOf } from '../graph/errors.js';
import { crc32 } from './state-codec.js';
import type { CheckpointMetadata, CheckpointStorage, StateBlob } from './storage.js';

export interface CheckpointStats {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly status: 'in-progress' | 'completed' | 'declined';
  readonly triggeredAt: number;
  readonly durationMs?: number;
  readonly size?: number;
  readonly reason?: string;
  /**
   * Something went wrong that did not make the checkpoint fail: older retained checkpoints could
   * not be removed (storage keeps more than `retained` until a later prune succeeds).
   */
  readonly warning?: string;
  /** Per task (`vertex#subtask`): ms from its first barrier to the last (barrier alignment). */
  readonly alignmentMs?: Readonly<Record<string, number>>;
  /** Where a completed checkpoint's time went (absent when declined). */
  readonly phases?: CheckpointPhases;
}

/**
 * Where the time of a completed checkpoint went, in ms. `acknowledgedMs` and `durationMs` are
 * from the trigger; the others are the longest (encode, transfer) or summed (checksum) parts of
 * it, and `storeMs` follows `durationMs`: the checkpoint completes only once stored.
 */
export interface CheckpointPhases {
  /** The longest state encoding of a task (in its slot), when the tasks reported it. */
  readonly encodeMs: number;
  /**
   * CRC-32 of the states: the longest of a task's in its slot (the slots compute them in
   * parallel, off the controller's thread), plus those computed here for tasks that sent none.
   */
  readonly checksumMs: number;
  /** The longest time from a task's encoded state leaving its slot to its arrival here. */
  readonly transferMs: number;
  /** From the trigger to the last task's state arriving: barriers, snapshots, encoding, checksums, transfer. */
  readonly acknowledgedMs: number;
  /** `storage.save`, after `durationMs`. */
  readonly storeMs: number;
}

/**
 * What a task's slot adds to its acknowledgement: the CRC-32 of the encoded state (computed where
 * the bytes were made, so it also covers their way here), and how long encoding and checksum took.
 */
export interface AckDetails {
  readonly crc32: number;
  readonly encodeMs: number;
  readonly checksumMs: number;
  /** Epoch ms (`performance.timeOrigin + performance.now()`, comparable across threads). */
  readonly sentAt: number;
}

/** Epoch ms with sub-ms resolution, on the same scale in every thread of the process or page. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface CoordinatorOptions {
  readonly storage: CheckpointStorage;
  readonly retained: number;
  readonly jobName?: string;
  /** Parallelism of every node, recorded for restores at another parallelism. */
  readonly parallelism: Readonly<Record<string, number>>;
  /** The job's maxParallelism, recorded so readers place keys in key groups and subtasks as the job did. */
  readonly maxParallelism?: number;
  /** Every task key (`vertex#subtask`) that must acknowledge. */
  readonly tasks: readonly string[];
  /** Publishes committed results: [sink node id, subtask, value]. */
  publish(records: readonly SinkResult[]): void;
  onStats?(stats: CheckpointStats): void;
  now?(): number;
}

interface Waiter {
  resolve(m: CheckpointMetadata): void;
  reject(e: Error): void;
}

interface Pending {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly triggeredAt: number;
  readonly blobs: Map<string, StateBlob>;
  /** Per sink task: how many results (counted from the first) this checkpoint covers. */
  readonly covers: Map<string, number>;
  readonly alignment: Record<string, number>;
  encodeMs: number;
  transferMs: number;
  /** The longest checksum in a slot. */
  slotChecksumMs: number;
  /** Checksums computed here, summed. */
  checksumMs: number;
  acknowledgedAt: number;
}

export class CheckpointCoordinator {
  private nextId: number;
  private pending: Pending | null = null;
  /** Results not yet published, per sink task key, in arrival order. */
  private readonly held = new Map<string, SinkResult[]>();
  /** Per sink task: how many results were ever published (the absolute index of `held[0]`). */
  private readonly published = new Map<string, number>();
  private saving: Promise<void> = Promise.resolve();
  /** Whether a completed checkpoint is being stored (`saving` has not settled). */
  private storingNow = false;
  private readonly waiters = new Map<number, Waiter>();
  /** Savepoints asked for while a checkpoint was in progress, in order. */
  private readonly queued: Array<{ trigger: (id: number) => void; waiter: Waiter }> = [];
  readonly history: CheckpointStats[] = [];
  /** The task keys (`taskKey`) that must acknowledge. */
  private readonly tasks: ReadonlySet<string>;

  constructor(
    private readonly options: CoordinatorOptions,
    firstId = 1,
  ) {
    this.nextId = firstId;
    this.tasks = new Set(options.tasks);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * Starts checkpoint (or savepoint) n; null while another is in progress, and for a periodic
   * checkpoint also while a savepoint waits its turn (savepoints go first).
   */
  begin(kind: 'checkpoint' | 'savepoint' = 'checkpoint'): number | null {
    if (this.pending !== null || (kind === 'checkpoint' && this.queued.length > 0)) return null;
    const id = this.nextId++;
    this.pending = { id, kind, triggeredAt: this.now(), blobs: new Map(), covers: new Map(), alignment: {}, encodeMs: 0, transferMs: 0, slotChecksumMs: 0, checksumMs: 0, acknowledgedAt: 0 };
    this.report({ id, kind, status: 'in-progress', triggeredAt: this.pending.triggeredAt });
    return id;
  }

  /**
   * Takes a savepoint as soon as no checkpoint is in progress — at once, or when the one in
   * progress completes or is declined; periodic checkpoints wait for it. `trigger` sends its
   * barriers. Resolves when it is stored; rejects when it is declined or the job ends first.
   */
  requestSavepoint(trigger: (id: number) => void): Promise<CheckpointMetadata> {
    return new Promise((resolve, reject) => {
      this.queued.push({ trigger, waiter: { resolve, reject } });
      this.startQueued();
    });
  }

  private startQueued(): void {
    if (this.pending !== null) return;
    const next = this.queued.shift();
    if (next === undefined) return;
    const id = this.begin('savepoint')!;
    this.waiters.set(id, next.waiter);
    next.trigger(id);
  }

  /**
   * The job ended: the checkpoint in progress is declined (`declineReason`), and nobody waits
   * forever for a checkpoint or savepoint that cannot come now.
   */
  private endWaits(reason: string, declineReason: string): void {
    // Queued savepoints go first: declining the pending one would start the next.
    for (const q of this.queued.splice(0)) q.waiter.reject(new Error(`the savepoint was not taken: ${reason}`));
    if (this.pending !== null) this.decline(this.pending.id, declineReason);
    for (const [id, w] of this.waiters) w.reject(new Error(`checkpoint ${id} did not complete: ${reason}`));
    this.waiters.clear();
  }

  /**
   * Whether a checkpoint every task acknowledged is being stored (asynchronous storage). A virtual
   * clock waits for it rather than jumping ahead, so checkpoints fall at the same virtual times
   * every run.
   */
  get storing(): boolean {
    return this.storingNow;
  }

  /** Resolves when no checkpoint is being stored (whether storing succeeded or not). */
  whenStored(): Promise<void> {
    return this.saving;
  }

  get inProgress(): number | null {
    return this.pending?.id ?? null;
  }

  /** Results that reached collect sink subtask `task`, in order. */
  hold(task: string, records: readonly SinkResult[]): void {
    let list = this.held.get(task);
    if (!list) this.held.set(task, (list = []));
    for (const r of records) list.push(r);
  }

  /**
   * Task `task` took its state for checkpoint `id`: the results it produced so far are what the
   * checkpoint covers. Implied by `acknowledge`; an unaligned checkpoint's task calls it at the
   * barrier and acknowledges later, once its in-flight data is complete.
   */
  cover(id: number, task: string): void {
    const p = this.pending;
    if (p === null || p.id !== id) return;
    p.covers.set(task, (this.published.get(task) ?? 0) + (this.held.get(task)?.length ?? 0));
  }

  /**
   * Task `task` snapshotted checkpoint `id` (its state encoded). Resolves with the stored
   * metadata when this was the last acknowledgement, else with undefined.
   */
  async acknowledge(id: number, task: string, bytes: Uint8Array, alignmentMs = 0, details?: AckDetails): Promise<CheckpointMetadata | undefined> {
    const p = this.pending;
    // An acknowledgement from a task the job does not have is discarded (Flink's PendingCheckpoint
    // answers UNKNOWN): it must not stand in for one of the job's tasks.
    if (p === null || p.id !== id || !this.tasks.has(task)) return undefined;
    const arrived = preciseNow();
    p.acknowledgedAt = this.now();
    let crc: number;
    if (details !== undefined) {
      p.encodeMs = Math.max(p.encodeMs, details.encodeMs);
      p.slotChecksumMs = Math.max(p.slotChecksumMs, details.checksumMs);
      p.transferMs = Math.max(p.transferMs, arrived - details.sentAt);
      crc = details.crc32;
    } else {
      crc = crc32(bytes);
      p.checksumMs += preciseNow() - arrived;
    }
    p.blobs.set(task, { task, bytes, crc32: crc });
    p.alignment[task] = alignmentMs;
    if (!p.covers.has(task)) this.cover(id, task);
    if (p.blobs.size < this.tasks.size) return undefined;
    this.pending = null;
    const done = this.complete(p);
    this.startQueued();
    this.storingNow = true;
    const saving = done.then(
      () => undefined,
      () => undefined,
    );
    this.saving = saving;
    void saving.then(() => {
      if (this.saving === saving) this.storingNow = false;
    });
    return done;
  }

  /** Gives up checkpoint `id` (timeout, a task failed): its covered results wait for the next one. */
  decline(id: number, reason: string): void {
    const p = this.pending;
    if (p === null || p.id !== id) return;
    this.pending = null;
    this.report({ id, kind: p.kind, status: 'declined', triggeredAt: p.triggeredAt, durationMs: this.now() - p.triggeredAt, reason });
    this.waiters.get(id)?.reject(new Error(`${p.kind} ${id} was declined: ${reason}`));
    this.waiters.delete(id);
    this.startQueued();
  }

  /** The job finished: everything held is final (the last, implicit commit). */
  finish(): void {
    this.endWaits('the job finished first', 'the job finished');
    for (const list of this.held.values()) this.options.publish(list);
    this.held.clear();
    this.published.clear();
  }

  /**
   * A failure: waits for a checkpoint being stored (so the restore sees it), then discards the
   * one in progress and every result not covered by a completed checkpoint.
   */
  async abort(): Promise<void> {
    await this.saving;
    this.endWaits('the job stopped or failed first', 'the job failed');
    this.held.clear();
    this.published.clear();
  }

  private async complete(p: Pending): Promise<CheckpointMetadata> {
    const blobs = [...p.blobs.values()];
    const metadata: CheckpointMetadata = {
      id: p.id,
      kind: p.kind,
      ...(this.options.jobName !== undefined ? { jobName: this.options.jobName } : {}),
      triggeredAt: p.triggeredAt,
      completedAt: this.now(),
      parallelism: this.options.parallelism,
      ...(this.options.maxParallelism !== undefined ? { maxParallelism: this.options.maxParallelism } : {}),
      alignmentMs: p.alignment,
      size: blobs.reduce((s, b) => s + b.bytes.length, 0),
      tasks: blobs.map((b) => b.task),
    };
    const storing = preciseNow();
    try {
      await this.options.storage.save({ metadata, blobs });
    } catch (e) {
      const reason = `storage failed: ${messageOf(e)}`;
      this.report({ id: p.id, kind: p.kind, status: 'declined', triggeredAt: p.triggeredAt, reason });
      this.waiters.get(p.id)?.reject(new Error(`${p.kind} ${p.id} was declined: ${reason}`));
      this.waiters.delete(p.id);
      throw e;
    }
    const storeMs = preciseNow() - storing;
    // Durable: publish what it covers, exactly once.
    for (const [task, cover] of p.covers) {
      const list = this.held.get(task);
      const done = this.published.get(task) ?? 0;
      if (!list || cover <= done) continue;
      this.options.publish(list.splice(0, cover - done));
      this.published.set(task, cover);
    }
    // Stored and published: a prune that fails does not undo that, it is said as a warning.
    const warning = p.kind === 'checkpoint' ? await this.prune() : null;
    this.report({
      id: p.id,
      kind: p.kind,
      status: 'completed',
      triggeredAt: p.triggeredAt,
      durationMs: metadata.completedAt - p.triggeredAt,
      size: metadata.size,
      alignmentMs: p.alignment,
      ...(warning !== null ? { warning } : {}),
      phases: { encodeMs: p.encodeMs, checksumMs: p.slotChecksumMs + p.checksumMs, transferMs: p.transferMs, acknowledgedMs: p.acknowledgedAt - p.triggeredAt, storeMs },
    });
    this.waiters.get(p.id)?.resolve(metadata);
    this.waiters.delete(p.id);
    return metadata;
  }

  /** Removes checkpoints beyond the `retained` newest; says why when it could not (null when it could). */
  private async prune(): Promise<string | null> {
    try {
      const checkpoints = (await this.options.storage.list()).filter((m) => m.kind === 'checkpoint');
      for (const old of checkpoints.slice(0, Math.max(0, checkpoints.length - this.options.retained))) await this.options.storage.remove(old.id);
      return null;
    } catch (e) {
      return `older checkpoints could not be removed: ${messageOf(e)}`;
    }
  }

  private report(stats: CheckpointStats): void {
    const i = this.history.findIndex((h) => h.id === stats.id);
    if (i >= 0) this.history[i] = stats;
    else this.history.push(stats);
    this.options.onStats?.(stats);
  }
}
