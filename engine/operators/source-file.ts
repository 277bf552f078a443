/**
 * `source.file`: one record per JSON line or per CSV row of a text file the host provides
 * (a path in the CLI, an upload in the browser, memory in tests) — or, with path "-" where the
 * host offers `io.readLines` (the CLI), of standard input read as a stream while the job runs.
 */
import { ParamError, messageOf } from '../graph/errors.js';
import { csvValue } from './csv.js';
import { BaseOperator } from './base-operator.js';
import { MAX_WATERMARK, NO_TIMESTAMP, type SourceOperator, SourceStatus, type StreamedLines } from './operator.js';
import { type Tracer, traceSourceEmit, traceSourceEnd } from './tracer.js';
import { type TimestampReader, timestampFieldReader } from './watermarks.js';
import { type FileSourceError, type Header, readHeader, readRow, rowIsWhole, utf8Length } from './file-lines.js';

/** Offset state: the index (0-based) of the next physical line to read. */
export interface FileSourceState {
  line: number;
  /**
   * A streamed file's: the byte offset where line `line` starts, so a restore seeks there instead
   * of counting lines from the start. Absent in checkpoints from before it was kept (they still
   * restore, by counting) and for standard input.
   */
  byte?: number;
  /** Standard input read as CSV: the header read from it (a restored source does not read it again). */
  header?: string[];
}

/** An input file that cannot be read, as the error of the source's `params.path` (it fails every attempt alike). */
export function inputFileError(error: unknown): ParamError {
  return error instanceof ParamError ? error : new ParamError('params.path', `params.path: cannot read the input file: ${messageOf(error)}`);
}

/** Without a mailbox (a bare operator under test) a source waiting for standard input polls this often (ms). */
const POLL_WITHOUT_MAILBOX_MS = 5;

/** The side output that receives malformed lines. */
export const FILE_ERRORS_TAG = 'errors';

/**
 * Invariants: every non-blank line (jsonl) or row (csv) leaves exactly once, in file order, one
 * per `emitNext` — as a record, or on side output `"errors"` as `{line, reason, text}` when it does
 * not parse, has the wrong number of CSV fields, or lacks a numeric `timestampField`. A malformed
 * line is never dropped silently: with `"errors"` not wired it fails the job, naming its line (Flink's
 * json/csv formats with `ignore-parse-errors` false, their default), or with `ignoreParseErrors`
 * it is skipped and counted (`skippedLines`). Blank lines
 * are skipped. The file is read once, at the first `emitNext`. At the end +∞ leaves and END
 * follows. Only subtask 0 reads (a CSV row may span lines, so lines cannot be dealt out); other
 * subtasks end at once. A restored reader continues at its saved line.
 *
 * Standard input (path "-" with `io.readLines`), or a file where the host `streamsFiles` (the CLI): the lines are asked for when the source has none
 * left to emit — so a back-pressured source asks for nothing, and the host leaves the rest in the
 * pipe — and the task waits for them through its mailbox (no timer). Only the lines not yet
 * emitted are held. It ends when the input ends. Line numbers (of errors) are the input's, from 1
 * (a file's own: its `origin` is always 0, so a restored source's numbers stay the file's).
 *
 * CSV: the first non-blank row is the header (unless `columns` names the fields: no header row); unquoted numeric-looking fields become numbers;
 * a quoted field may span lines, but a row that only parses by swallowing later lines is
 * reported as its first line alone, and reading goes on with the next line.
 */
export class FileSource extends BaseOperator implements SourceOperator {
  readonly isSource = true as const;
  private format: 'jsonl' | 'csv' = 'jsonl';
  /** The lines read, from absolute line `base` on (a file: all, `base` 0; standard input: those not yet emitted). */
  private lines: string[] | null = null;
  private base = 0;
  private header: Header | null = null;
  private line = 0;
  /** Standard input, read as a stream through `io.readLines`. */
  private streaming = false;
  private streamEnded = false;
  private reading = false;
  private arrived: StreamedLines | null = null;
  private readFailure: Error | null = null;
  private waitingForData = false;
  /** The stream line that is line 1 of this process's input (see `StreamedLines.origin`). */
  private origin = 0;
  /** A streamed file: where line `base` starts in the file (null while unknown), and each held line's bytes with its newline. */
  private tracksBytes = false;
  private baseByte: number | null = null;
  private lineBytes: number[] = [];
  /** The byte offset a restored checkpoint gave for its line. */
  private restoredByte: number | null = null;
  private finished = false;
  private timestampOf: TimestampReader | null = null;
  private tracer: Tracer | null = null;
  /** Whether side output `"errors"` has an edge: malformed lines go there, else fail or are skipped. */
  private toErrors = true;
  private ignoreParseErrors = false;
  /** Malformed lines skipped (ignoreParseErrors, "errors" not wired), since the job (re)started. */
  skippedLines = 0;

  protected override setup(): void {
    const p = this.ctx.params;
    this.tracer = this.ctx.tracer ?? null;
    if (p.format !== 'jsonl' && p.format !== 'csv') {
      throw new ParamError('params.format', `params.format must be "jsonl" or "csv", got ${JSON.stringify(p.format)}`);
    }
    this.format = p.format;
    this.toErrors = this.ctx.wiredPorts.has(FILE_ERRORS_TAG);
    this.ignoreParseErrors = p.ignoreParseErrors === true;
    this.streaming = this.ctx.io.readLines !== undefined && (p.path === '-' || this.ctx.io.streamsFiles === true);
    this.tracksBytes = this.streaming && p.path !== '-';
    if (p.timestampField != null) {
      if (typeof p.timestampField !== 'string' || p.timestampField === '') {
        throw new ParamError('params.timestampField', 'params.timestampField must be a field name (dot path)');
      }
      this.timestampOf = timestampFieldReader(p.timestampField);
    }
    // Only subtask 0 reads: a missing file fails the start, not the first read.
    if (this.ctx.subtaskIndex !== 0 || p.path === '-') return;
    try {
      if (this.streaming) this.ctx.io.checkInput?.(this.ctx.nodeId, p.path as string | undefined);
      else this.lines = this.load();
    } catch (e) {
      throw inputFileError(e);
    }
  }

  processElement(): void {
    throw new Error('source.file has no input');
  }

  emitNext(): SourceStatus {
    if (this.finished) return SourceStatus.END;
    if (this.ctx.subtaskIndex !== 0) return this.end();
    if (this.streaming) return this.emitStreamed();
    const lines = (this.lines ??= this.load());
    for (;;) {
      while (this.line < lines.length && lines[this.line]!.trim() === '') this.line++;
      if (this.line >= lines.length) return this.end();
      const header = this.header;
      if (header && this.line < header.end) {
        this.line = header.end;
        if (header.error) {
          this.malformed(header.error, header.error.line - 1);
          return SourceStatus.MORE;
        }
        continue;
      }
      break;
    }
    if (this.format === 'jsonl') this.emitJsonLine();
    else this.emitCsvRow();
    return SourceStatus.MORE;
  }

  /** One line or row of standard input, or WAIT for the next lines (the mailbox wakes the task), or END. */
  private emitStreamed(): SourceStatus {
    this.waitingForData = false;
    if (this.readFailure !== null) throw this.readFailure;
    if (this.lines === null) {
      this.lines = [];
      this.base = this.line;
      if (this.tracksBytes) this.baseByte = this.restoredByte ?? (this.line === 0 ? 0 : null);
    }
    if (this.arrived !== null) this.take(this.arrived);
    const lines = this.lines;
    for (;;) {
      const available = this.base + lines.length;
      while (this.line < available && lines[this.line - this.base]!.trim() === '') this.line++;
      if (this.line >= available) return this.streamEnded ? this.end() : this.awaitLines();
      if (this.format === 'csv') {
        // A quoted field may go on in lines not read yet.
        if (!this.streamEnded && !rowIsWhole(lines, this.line - this.base)) return this.awaitLines();
        if (this.header === null) {
          const columns = this.ctx.params.columns as string[] | undefined;
          if (columns) this.header = { end: 0, names: columns, error: null };
          else {
            const start = this.line;
            const { row, text, next } = readRow(lines, start - this.base);
            this.line = next + this.base;
            this.header = { end: 0, names: row.ok ? row.fields : null, error: null };
            if (!row.ok) {
              this.error(start, `header: ${row.reason}`, text);
              return SourceStatus.MORE;
            }
            continue;
          }
        }
      }
      break;
    }
    if (this.format === 'jsonl') this.emitJsonLine();
    else this.emitCsvRow();
    return SourceStatus.MORE;
  }

  /** Lines that arrived join those not yet emitted (the emitted ones are let go). */
  private take(arrived: StreamedLines): void {
    this.arrived = null;
    this.origin = arrived.origin;
    if (arrived.end) this.streamEnded = true;
    const lines = this.lines!;
    if (this.line > this.base) {
      const letGo = this.line - this.base;
      lines.splice(0, letGo);
      if (this.baseByte !== null) for (const n of this.lineBytes.splice(0, letGo)) this.baseByte += n;
      this.base = this.line;
    }
    if (this.tracksBytes && lines.length === 0 && arrived.byte !== undefined) {
      // The answer starts at line `base`: where it starts in the file is where `base` does.
      this.baseByte = arrived.byte;
      this.lineBytes = [];
    }
    if (arrived.text === '') return;
    const newline = arrived.text.endsWith('\n');
    const text = newline ? arrived.text.slice(0, -1) : arrived.text;
    const parts = text.split('\n');
    for (let i = 0; i < parts.length; i++) {
      const l = parts[i]!;
      lines.push(l.endsWith('\r') ? l.slice(0, -1) : l);
      if (this.baseByte !== null) this.lineBytes.push(utf8Length(l) + (i < parts.length - 1 || newline ? 1 : 0));
    }
  }

  /** Where line `line` starts in a streamed file, when known (the lines up to it are held, or it is their end). */
  private byteOf(line: number): number | null {
    if (this.baseByte === null || line < this.base || line - this.base > this.lineBytes.length) return null;
    let byte = this.baseByte;
    for (let i = 0; i < line - this.base; i++) byte += this.lineBytes[i]!;
    return byte;
  }

  /** Asks for the lines after those held (once), and waits. */
  private awaitLines(): SourceStatus {
    if (!this.reading) {
      this.reading = true;
      const from = this.base + this.lines!.length;
      const fromByte = this.byteOf(from);
      this.ctx.io.readLines!(this.ctx.nodeId, from, this.ctx.params.path as string | undefined, ...(fromByte !== null ? [fromByte] : [])).then(
        (lines) => {
          this.reading = false;
          this.arrived = lines;
          this.ctx.mailbox?.notify();
        },
        (e: unknown) => {
          this.reading = false;
          this.readFailure = e instanceof Error ? e : new Error(String(e));
          this.ctx.mailbox?.notify();
        },
      );
    }
    if (this.ctx.mailbox === undefined) {
      const clock = this.ctx.processingTime;
      clock.scheduleWakeup(clock.now() + POLL_WITHOUT_MAILBOX_MS);
    } else this.waitingForData = true;
    return SourceStatus.WAIT;
  }

  /** Waiting for standard input, not for time: a virtual clock must not jump ahead. */
  awaitsCalls(): boolean {
    return this.waitingForData;
  }

  private load(): string[] {
    const text = this.ctx.io.readText(this.ctx.nodeId, this.ctx.params.path);
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
    }
    if (this.format === 'csv') {
      const columns = this.ctx.params.columns as string[] | undefined;
      this.header = columns ? { end: 0, names: columns, error: null } : readHeader(lines);
    }
    return lines;
  }

  private emitJsonLine(): void {
    const index = this.line++;
    const text = this.lines![index - this.base]!;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.error(index, (e as Error).message, text);
      return;
    }
    this.emitRecord(value, index, text);
  }

  private emitCsvRow(): void {
    const start = this.line;
    const names = this.header!.names;
    const lines = this.lines!;
    const { row, text, next } = readRow(lines, start - this.base, names?.length);
    this.line = next + this.base;
    if (!row.ok) return this.error(start, row.reason, text);
    if (!names) return this.error(start, 'the header row is malformed, so no row can be read', text);
    if (row.fields.length !== names.length) {
      return this.error(start, `expected ${names.length} fields as in the header, found ${row.fields.length}`, text);
    }
    const record: Record<string, string | number> = {};
    for (let k = 0; k < names.length; k++) record[names[k]!] = csvValue(row.fields[k]!, row.quoted[k]!);
    this.emitRecord(record, start, text);
  }

  private emitRecord(value: unknown, index: number, text: string): void {
    let ts = NO_TIMESTAMP;
    if (this.timestampOf) {
      try {
        ts = this.timestampOf(value);
      } catch (e) {
        return this.error(index, (e as Error).message, text);
      }
    }
    if (this.tracer !== null) traceSourceEmit(this.tracer, this.ctx.nodeId, index, { value });
    this.out.collect(value, ts);
  }

  private error(index: number, reason: string, text: string): void {
    this.malformed({ line: index - this.origin + 1, reason, text }, index);
  }

  private malformed(e: FileSourceError, index: number): void {
    if (this.toErrors) {
      if (this.tracer !== null) traceSourceEmit(this.tracer, this.ctx.nodeId, index, { value: e, port: FILE_ERRORS_TAG });
      this.out.collectSide(FILE_ERRORS_TAG, e, NO_TIMESTAMP);
      return;
    }
    if (!this.ignoreParseErrors) {
      throw new Error(
        `line ${e.line}: ${e.reason} (text: ${JSON.stringify(e.text.length > 80 ? `${e.text.slice(0, 80)}…` : e.text)}). Wire the "errors" side output to a sink to keep malformed lines, or set ignoreParseErrors to skip them`,
      );
    }
    this.skippedLines++;
  }

  private end(): SourceStatus {
    this.finished = true;
    if (this.tracer !== null && !this.streaming) {
      // The input's length in lines (a final newline starts no line), in every subtask: the
      // last subtask to end is the cause of what the end of input fires downstream.
      const lines = (this.lines ??= this.load());
      traceSourceEnd(this.tracer, this.ctx.nodeId, lines.length - (lines[lines.length - 1] === '' ? 1 : 0));
    }
    this.out.emitWatermark(MAX_WATERMARK);
    return SourceStatus.END;
  }

  protected override snapshotOperatorState(): FileSourceState | undefined {
    if (this.ctx.subtaskIndex !== 0) return undefined;
    const names = this.streaming && this.ctx.params.columns === undefined ? this.header?.names : undefined;
    // Not started yet (restored, no lines asked for): the restored offset stands.
    const byte = this.tracksBytes ? (this.lines === null ? this.restoredByte ?? (this.line === 0 ? 0 : null) : this.byteOf(this.line)) : null;
    return { line: this.line, ...(byte !== null ? { byte } : {}), ...(names ? { header: names } : {}) };
  }

  protected override restoreOperatorState(state: unknown): void {
    if (this.ctx.subtaskIndex !== 0) return;
    const list = Array.isArray(state) ? state : [state];
    const s = list.find((x) => x && typeof (x as FileSourceState).line === 'number') as FileSourceState | undefined;
    if (!s) return;
    this.line = Math.max(0, Math.floor(s.line));
    this.restoredByte = typeof s.byte === 'number' && Number.isInteger(s.byte) && s.byte >= 0 ? s.byte : null;
    if (this.streaming && Array.isArray(s.header)) this.header = { end: 0, names: s.header, error: null };
    this.finished = false;
  }
}
