/**
 * Records from a live feed (`source.websocket`, `source.sse`): each message's text is split into
 * lines, and each line becomes a record as in `source.file` — a JSON value (`jsonl`) or a CSV
 * row (`csv`, header from the feed's first line unless `columns` names the fields). Lines wait
 * in a queue until the source emits them, one per `emitNext`, so a checkpoint barrier can come
 * between any two records.
 */
import { ParamError } from '../graph/errors.js';
import { csvValue, parseCsvRow } from './csv.js';
import { NO_TIMESTAMP, type Output } from './operator.js';
import { type TimestampReader, timestampFieldReader } from './watermarks.js';

/** What goes to side output `"errors"` for a line of a message that could not become a record. */
export interface LiveSourceError {
  /** 1-based number of the message since the source started (it goes on after a restore). */
  message: number;
  /** 1-based line within the message. */
  line: number;
  reason: string;
  text: string;
}

/** The side output that receives malformed lines (the same tag as `source.file`'s). */
export const LIVE_ERRORS_TAG = 'errors';

/** The params every live source reads like a file source's. */
export interface LiveFormatParams {
  format?: unknown;
  timestampField?: unknown;
  columns?: unknown;
  ignoreParseErrors?: unknown;
}

/**
 * Invariants: every non-blank line of every pushed message leaves exactly once, in order, one per
 * `emitOne` — as a record on the main output, or on side output `"errors"` as
 * `{message, line, reason, text}`. With `"errors"` not wired a malformed line fails the job
 * (naming message and line), or with `ignoreParseErrors` it is skipped and counted.
 * Queued lines are held in parallel arrays (texts, message numbers, line numbers): no object per line.
 */
export class LiveRecords {
  private readonly format: 'jsonl' | 'csv';
  private readonly timestampOf: TimestampReader | null;
  private readonly ignoreParseErrors: boolean;
  private names: string[] | null;
  private texts: string[] = [];
  private messages: number[] = [];
  private lines: number[] = [];
  private head = 0;
  /** Malformed lines skipped (ignoreParseErrors with "errors" not wired). */
  skippedLines = 0;
  /** The value of the last record emitted (for a source's offset field). */
  lastValue: unknown = undefined;
  /** Message number of the last line taken from the queue. */
  lastMessage = 0;
  /** Line number (within its message) of the last line taken from the queue. */
  lastLine = 0;

  constructor(
    p: LiveFormatParams,
    private readonly toErrors: boolean,
  ) {
    const format = p.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new ParamError('params.format', `params.format must be "jsonl" or "csv", got ${JSON.stringify(format)}`);
    this.format = format;
    if (p.timestampField != null && (typeof p.timestampField !== 'string' || p.timestampField === '')) {
      throw new ParamError('params.timestampField', 'params.timestampField must be a field name (dot path)');
    }
    this.timestampOf = typeof p.timestampField === 'string' ? timestampFieldReader(p.timestampField) : null;
    this.names = Array.isArray(p.columns) ? (p.columns as string[]) : null;
    this.ignoreParseErrors = p.ignoreParseErrors === true;
  }

  /** Queues the lines of message number `message` (blank lines are skipped; a final `\r` is dropped). */
  push(text: string, message: number): void {
    let start = 0;
    for (let line = 1; start <= text.length; line++) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let l = text.slice(start, end);
      if (l.endsWith('\r')) l = l.slice(0, -1);
      if (l.trim() !== '') {
        this.texts.push(l);
        this.messages.push(message);
        this.lines.push(line);
      }
      start = end + 1;
    }
  }

  /** Lines waiting to be emitted. */
  get pending(): number {
    return this.texts.length - this.head;
  }

  /** The message number of the next queued line, or -1 when none is queued. */
  nextMessage(): number {
    return this.head < this.texts.length ? this.messages[this.head]! : -1;
  }

  /** Drops every queued line (a reconnect that resumes from an offset gets them again). */
  clear(): void {
    this.texts = [];
    this.messages = [];
    this.lines = [];
    this.head = 0;
  }

  /** Emits the next queued line as a record or an error; false when the queue is empty. */
  emitOne(out: Output): boolean {
    if (this.head >= this.texts.length) return false;
    const i = this.head++;
    const text = this.texts[i]!;
    const message = this.messages[i]!;
    const line = this.lines[i]!;
    this.lastMessage = message;
    this.lastLine = line;
    if (this.head === this.texts.length) this.clear();
    else if (this.head > 4096 && this.head * 2 > this.texts.length) this.compact();
    let value: unknown;
    if (this.format === 'jsonl') {
      try {
        value = JSON.parse(text);
      } catch (e) {
        this.malformed(out, { message, line, reason: (e as Error).message, text });
        return true;
      }
    } else {
      const row = parseCsvRow(text);
      if (!row.ok) {
        this.malformed(out, { message, line, reason: row.reason, text });
        return true;
      }
      if (this.names === null) {
        this.names = row.fields; // the feed's first line is its header
        return true;
      }
      if (row.fields.length !== this.names.length) {
        this.malformed(out, { message, line, reason: `expected ${this.names.length} fields as in the header, found ${row.fields.length}`, text });
        return true;
      }
      const record: Record<string, string | number> = {};
      for (let k = 0; k < this.names.length; k++) record[this.names[k]!] = csvValue(row.fields[k]!, row.quoted[k]!);
      value = record;
    }
    let ts = NO_TIMESTAMP;
    if (this.timestampOf !== null) {
      try {
        ts = this.timestampOf(value);
      } catch (e) {
        this.malformed(out, { message, line, reason: (e as Error).message, text });
        return true;
      }
    }
    this.lastValue = value;
    out.collect(value, ts);
    return true;
  }

  /** The CSV header read from the feed, for a snapshot (null for jsonl or before the header). */
  get header(): string[] | null {
    return this.format === 'csv' ? this.names : null;
  }

  set header(names: string[] | null) {
    if (this.format === 'csv' && names !== null) this.names = names;
  }

  private compact(): void {
    this.texts = this.texts.slice(this.head);
    this.messages = this.messages.slice(this.head);
    this.lines = this.lines.slice(this.head);
    this.head = 0;
  }

  private malformed(out: Output, e: LiveSourceError): void {
    if (this.toErrors) {
      out.collectSide(LIVE_ERRORS_TAG, e, NO_TIMESTAMP);
      return;
    }
    if (!this.ignoreParseErrors) {
      throw new Error(
        `message ${e.message}, line ${e.line}: ${e.reason} (text: ${JSON.stringify(e.text.length > 80 ? `${e.text.slice(0, 80)}…` : e.text)}). Wire the "errors" side output to a sink to keep malformed lines, or set ignoreParseErrors to skip them`,
      );
    }
    this.skippedLines++;
  }
}
