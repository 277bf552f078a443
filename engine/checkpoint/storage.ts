/**
 * Where completed checkpoints and savepoints live: IndexedDB in the browser, files under the
 * CLI, memory in tests — one interface. A checkpoint is metadata plus one state blob per
 * subtask, each with its CRC-32; reading a blob whose checksum does not match fails, so the
 * caller can fall back to an older checkpoint.
 */

/** One subtask's state blob. */
export interface StateBlob {
  /** `vertex#subtask`. */
  readonly task: string;
  readonly bytes: Uint8Array;
  readonly crc32: number;
}

export interface CheckpointMetadata {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly jobName?: string;
  /** When it was triggered and completed (ms since the epoch). */
  readonly triggeredAt: number;
  readonly completedAt: number;
  /** Parallelism of every node, so a restore can redistribute state. */
  readonly parallelism: Readonly<Record<string, number>>;
  /** The job's maxParallelism (number of key groups); absent in older checkpoints, which had 128. */
  readonly maxParallelism?: number;
  /** A savepoint written by editing another checkpoint (`editSavepoint`): its id and the edits applied. */
  readonly editedFrom?: { readonly id: number; readonly edits: number };
  /**
   * Barrier alignment per task (`vertex#subtask`), ms from the task's first barrier to its last
   * (Flink's alignment duration): 0 for sources, unaligned checkpoints and tasks with one input
   * channel. Absent in checkpoints stored before it was recorded and in edited savepoints.
   */
  readonly alignmentMs?: Readonly<Record<string, number>>;
  /** Bytes of all blobs. */
  readonly size: number;
  /** The blobs it consists of, by task. */
  readonly tasks: readonly string[];
}

export interface CompletedCheckpoint {
  readonly metadata: CheckpointMetadata;
  readonly blobs: readonly StateBlob[];
}

export interface CheckpointStorage {
  /** Stores a completed checkpoint durably; resolves once it is. */
  save(checkpoint: CompletedCheckpoint): Promise<void>;
  /** Metadata of every stored checkpoint, oldest first. */
  list(): Promise<CheckpointMetadata[]>;
  /** Reads one back, blobs included. Rejects when something is missing. */
  load(id: number): Promise<CompletedCheckpoint>;
  remove(id: number): Promise<void>;
}

/** Checkpoints in memory (tests; jobs without a storage of their own). */
export class MemoryCheckpointStorage implements CheckpointStorage {
  private readonly stored = new Map<number, CompletedCheckpoint>();

  async save(checkpoint: CompletedCheckpoint): Promise<void> {
    this.stored.set(checkpoint.metadata.id, checkpoint);
  }

  async list(): Promise<CheckpointMetadata[]> {
    return [...this.stored.values()].map((c) => c.metadata).sort((a, b) => a.id - b.id);
  }

  async load(id: number): Promise<CompletedCheckpoint> {
    const c = this.stored.get(id);
    if (c === undefined) throw new Error(`checkpoint ${id} is not stored`);
    return c;
  }

  async remove(id: number): Promise<void> {
    this.stored.delete(id);
  }

  /** Test hook: damage one blob of a stored checkpoint. */
  corrupt(id: number): void {
    const c = this.stored.get(id);
    if (c === undefined || c.blobs.length === 0) return;
    const blob = c.blobs[0]!;
    const bytes = blob.bytes.slice();
    bytes[0] = bytes[0]! ^ 0xff;
    this.stored.set(id, { metadata: c.metadata, blobs: [{ ...blob, bytes }, ...c.blobs.slice(1)] });
  }
}
