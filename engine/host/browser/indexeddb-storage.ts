/**
 * Checkpoints in IndexedDB (the browser): one database per job, a store of metadata by
 * checkpoint id and a store of state blobs by [id, task]. A checkpoint is saved in one
 * transaction, so it is either entirely there or not at all; a full disk (QuotaExceededError)
 * rejects the save, which the coordinator reports as a declined checkpoint.
 */
import { type IDBPDatabase, openDB } from 'idb';
import type { CheckpointMetadata, CheckpointStorage, CompletedCheckpoint, StateBlob } from '../../checkpoint/storage.js';

const VERSION = 1;

interface BlobRow {
  id: number;
  task: string;
  crc32: number;
  bytes: Uint8Array;
}

export class IndexedDbCheckpointStorage implements CheckpointStorage {
  private db: Promise<IDBPDatabase> | null = null;

  /** @param jobId names the database: `eddy-checkpoints-<jobId>` */
  constructor(readonly jobId: string) {}

  /** The database name of a job's checkpoints. */
  static databaseName(jobId: string): string {
    return `eddy-checkpoints-${jobId}`;
  }

  private open(): Promise<IDBPDatabase> {
    this.db ??= openDB(IndexedDbCheckpointStorage.databaseName(this.jobId), VERSION, {
      upgrade(db) {
        db.createObjectStore('checkpoints', { keyPath: 'id' });
        db.createObjectStore('blobs', { keyPath: ['id', 'task'] });
      },
    });
    return this.db;
  }

  async save(checkpoint: CompletedCheckpoint): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['checkpoints', 'blobs'], 'readwrite');
    const id = checkpoint.metadata.id;
    for (const b of checkpoint.blobs) void tx.objectStore('blobs').put({ id, task: b.task, crc32: b.crc32, bytes: b.bytes } satisfies BlobRow);
    void tx.objectStore('checkpoints').put(checkpoint.metadata);
    await tx.done;
  }

  async list(): Promise<CheckpointMetadata[]> {
    const db = await this.open();
    return ((await db.getAll('checkpoints')) as CheckpointMetadata[]).sort((a, b) => a.id - b.id);
  }

  async load(id: number): Promise<CompletedCheckpoint> {
    const db = await this.open();
    const metadata = (await db.get('checkpoints', id)) as CheckpointMetadata | undefined;
    if (metadata === undefined) throw new Error(`checkpoint ${id} is not stored`);
    const blobs: StateBlob[] = [];
    for (const task of metadata.tasks) {
      const row = (await db.get('blobs', [id, task])) as BlobRow | undefined;
      // A missing blob is left out: decoding reports it, and the previous checkpoint is used.
      if (row !== undefined) blobs.push({ task, crc32: row.crc32, bytes: row.bytes });
    }
    return { metadata, blobs };
  }

  async remove(id: number): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['checkpoints', 'blobs'], 'readwrite');
    void tx.objectStore('checkpoints').delete(id);
    const blobs = tx.objectStore('blobs');
    for (const key of await blobs.getAllKeys()) if ((key as [number, string])[0] === id) void blobs.delete(key);
    await tx.done;
  }

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = null;
  }
}
