/**
 * Host I/O kept in memory: input files given by path or node id, output files and collected
 * records gathered in order. Used by tests, the browser (uploads and downloads) and the lab.
 */
import { type OperatorIO, ROW_KIND_SHORT, type RowKind, type RowKindShort } from '../operators/operator.js';
import { type JobFetch, baseFetch, memoryFetch } from './job-fetch.js';

/** Where `ctx.fetch` reads: a base URL the platform's fetch reaches (the browser's), or a fetch of its own. */
export interface MemoryFetchOptions {
  readonly fetchBase?: string;
  readonly fetch?: JobFetch;
}

/** A record that reached a collect sink; `op` is its row kind when not an INSERT (`-U`, `+U`, `-D`). */
export interface CollectedRecord {
  readonly sink: string;
  readonly op?: Exclude<RowKindShort, '+I'>;
  readonly value: unknown;
}

export class MemoryIO implements OperatorIO {
  readonly collected: CollectedRecord[] = [];
  readonly written: Record<string, string> = {};
  readonly fetch: JobFetch;
  readonly fetchBase?: string;

  /**
   * @param files input texts by path or by node id; without a fetch option, `ctx.fetch` of a
   * relative URL reads them too
   */
  constructor(
    private readonly files: Record<string, string> = {},
    private readonly onCollect?: (record: CollectedRecord, subtaskIndex: number) => void,
    fetchOptions: MemoryFetchOptions = {},
  ) {
    if (fetchOptions.fetchBase !== undefined) this.fetchBase = fetchOptions.fetchBase;
    this.fetch = fetchOptions.fetch ?? (fetchOptions.fetchBase !== undefined ? baseFetch(fetchOptions.fetchBase) : memoryFetch(files));
  }

  readText(nodeId: string, path: string | undefined): string {
    const text = this.files[nodeId] ?? (path !== undefined ? this.files[path] : undefined);
    if (text === undefined) throw new Error(path ? `no such input file: ${path}` : 'no input file was given for this source');
    return text;
  }

  appendText(nodeId: string, path: string | undefined, text: string): void {
    const key = path ?? nodeId;
    this.written[key] = (this.written[key] ?? '') + text;
  }

  collect(nodeId: string, subtaskIndex: number, value: unknown, kind?: RowKind): void {
    const record: CollectedRecord = kind ? { sink: nodeId, op: ROW_KIND_SHORT[kind] as Exclude<RowKindShort, '+I'>, value } : { sink: nodeId, value };
    this.collected.push(record);
    this.onCollect?.(record, subtaskIndex);
  }
}
