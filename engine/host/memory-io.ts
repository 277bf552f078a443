/**
 * Host I/O kept in memory: input files given by path or node id, output files and collected
 * records gathered in order. Used by tests, the browser (uploads and downloads) and the lab.
 */
import type { OperatorIO } from '../operators/operator.js';

export interface CollectedRecord {
  readonly sink: string;
  readonly value: unknown;
}

export class MemoryIO implements OperatorIO {
  readonly collected: CollectedRecord[] = [];
  readonly written: Record<string, string> = {};

  /** @param files input texts by path or by node id */
  constructor(
    private readonly files: Record<string, string> = {},
    private readonly onCollect?: (record: CollectedRecord, subtaskIndex: number) => void,
  ) {}

  readText(nodeId: string, path: string | undefined): string {
    const text = this.files[nodeId] ?? (path !== undefined ? this.files[path] : undefined);
    if (text === undefined) throw new Error(path ? `no such input file: ${path}` : 'no input file was given for this source');
    return text;
  }

  appendText(nodeId: string, path: string | undefined, text: string): void {
    const key = path ?? nodeId;
    this.written[key] = (this.written[key] ?? '') + text;
  }

  collect(nodeId: string, subtaskIndex: number, value: unknown): void {
    const record = { sink: nodeId, value };
    this.collected.push(record);
    this.onCollect?.(record, subtaskIndex);
  }
}
