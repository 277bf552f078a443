/**
 * `sink.file`: writes one line per record through `ctx.io.appendText(nodeId, path, text)`,
 * buffered and appended in chunks of `FLUSH_LINES` lines, before a snapshot, and at finish.
 *
 * - `jsonl`: `JSON.stringify(record)` per line.
 * - `csv`: a header row from the first record's keys (a non-object first record gives one column
 *   named "value"), then one row per record in that column order; a field missing from a record
 *   is empty, fields it has beyond the header are not written. Nested objects and arrays are
 *   written as JSON text, null/undefined as empty. Quoting follows RFC 4180: a field containing
 *   a comma, a double quote, CR or LF is wrapped in double quotes with inner quotes doubled.
 * Lines end with "\n".
 *
 * Path "-" (standard output in the CLI): lines also leave at most `STDOUT_FLUSH_MS` after they
 * are buffered, so a stream's records reach a pipe while the job runs (a processing-time wakeup
 * per flush, never one per record). They are not held until a checkpoint completes: after a
 * restart, the lines written since the restored checkpoint are written again (at-least-once).
 */
import { ParamError } from '../graph/errors.js';
import { BaseOperator } from './base-operator.js';

/** Lines buffered before an append: few host calls, bounded memory. */
export const FLUSH_LINES = 1000;
/** How long a line for standard output may wait in the buffer (ms). */
export const STDOUT_FLUSH_MS = 20;

export class FileSinkOperator extends BaseOperator {
  private format: 'jsonl' | 'csv' = 'jsonl';
  private path: string | undefined;
  private lines: string[] = [];
  /** CSV columns, fixed by the first record; null until then. */
  private columns: string[] | null = null;
  private primitiveRows = false;
  /** Path "-": lines leave by time too (a wakeup is asked for when the buffer fills from empty). */
  private stdout = false;
  private flushAt = -1;

  protected override setup(): void {
    const { nodeId, params } = this.ctx;
    const format = params.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new ParamError('params.format', `sink.file node "${nodeId}", params.format: must be "jsonl" or "csv"`);
    if (params.path !== undefined && typeof params.path !== 'string') throw new ParamError('params.path', `sink.file node "${nodeId}", params.path: must be a string`);
    this.format = format;
    this.path = params.path;
    this.stdout = params.path === '-';
  }

  processElement(value: unknown): void {
    if (this.format === 'jsonl') this.lines.push(JSON.stringify(value) ?? 'null');
    else {
      if (this.columns === null) this.startCsv(value);
      this.lines.push(this.csvRow(value));
    }
    if (this.lines.length >= FLUSH_LINES) this.flush();
    else if (this.stdout && this.flushAt < 0) {
      const clock = this.ctx.processingTime;
      this.flushAt = clock.now() + STDOUT_FLUSH_MS;
      clock.scheduleWakeup(this.flushAt);
    }
  }

  override onProcessingTime(time: number): void {
    super.onProcessingTime(time);
    if (this.flushAt >= 0 && time >= this.flushAt) this.flush();
  }

  override finish(): void {
    this.flush();
  }

  /** Written lines are part of what a checkpoint covers, so they leave the buffer first. */
  protected override snapshotOperatorState(): unknown {
    this.flush();
    return undefined;
  }

  private flush(): void {
    if (this.lines.length === 0) {
      this.flushAt = -1;
      return;
    }
    const text = this.lines.join('\n') + '\n';
    this.lines = [];
    this.flushAt = -1;
    this.ctx.io.appendText(this.ctx.nodeId, this.path, text);
  }

  private startCsv(first: unknown): void {
    this.primitiveRows = first === null || typeof first !== 'object' || Array.isArray(first);
    this.columns = this.primitiveRows ? ['value'] : Object.keys(first as object);
    this.lines.push(this.columns.map(csvField).join(','));
  }

  private csvRow(value: unknown): string {
    if (this.primitiveRows) return csvField(value);
    const record = (value ?? {}) as Record<string, unknown>;
    const cols = this.columns!;
    let row = '';
    for (let i = 0; i < cols.length; i++) {
      if (i > 0) row += ',';
      row += csvField(typeof record === 'object' ? record[cols[i]!] : undefined);
    }
    return row;
  }
}

/** One CSV field: text of the value, quoted per RFC 4180 when it needs to be. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}
