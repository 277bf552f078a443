/**
 * `source.sse`: records from a Server-Sent Events stream — each event's data is one or more lines,
 * read as JSON lines or CSV rows like `source.file`. The event ID (`id:`) is the offset: it is
 * checkpointed and sent back as `Last-Event-ID` when the source connects again after a restore
 * (or a reconnect), so a server that honours it replays exactly what the restored job has not
 * seen. Unbounded: it runs until the server ends the response, or forever with `reconnect`.
 */
import { ParamError } from '../graph/errors.js';
import { BaseOperator } from './base-operator.js';
import { LiveConnection } from './live-connection.js';
import { LIVE_ERRORS_TAG, LiveRecords } from './live-records.js';
import { MAX_WATERMARK, type SourceOperator, SourceStatus } from './operator.js';
import { type SseConnection, type SseEvent, SseParser, connectSse } from './sse-reader.js';

/**
 * Offset state. `resumeId` is the `Last-Event-ID` that makes the server send again the first
 * event not wholly emitted; `skipLines` > 0 when that event was emitted in part: its lines up to
 * that line number are skipped on replay, in that event only. `skipId` is the ID that event
 * carried itself (absent when it had no `id:` field). `message` counts the events fully emitted.
 */
export interface SseSourceState {
  message: number;
  resumeId: string;
  skipLines?: number;
  skipId?: string;
  header?: string[];
}

/**
 * Invariants: lines leave in stream order, one per `emitNext` (records, or
 * `{message, line, reason, text}` on side output `"errors"`, where `message` numbers the events of
 * the chosen type). A snapshot's `resumeId`/`skipLines` name exactly the next line to emit, so
 * after a restore against a server honouring `Last-Event-ID` no line is lost or repeated.
 * Lines are skipped only in the event that was emitted in part: the first event after the
 * restore, if it carries that event's own ID, or (that event having no ID of its own) if the
 * source reconnected with a `Last-Event-ID`. Without event IDs nothing names the offset, so the
 * restored source takes the events the server sends, each whole, from the event boundary: the
 * rest of the event cut by the checkpoint is lost unless the server sends it again.
 * Events of other types are not records. A stream that cannot be opened (network error, a status
 * other than 2xx, a content type other than text/event-stream) or breaks off fails the job unless
 * `reconnect` is on; a stream the server ends ends the source (+∞ first).
 */
export class SseSource extends BaseOperator implements SourceOperator {
  readonly isSource = true as const;
  private url = '';
  private eventType = 'message';
  private records!: LiveRecords;
  private link!: LiveConnection;
  private connection: SseConnection | null = null;
  private parser: SseParser | null = null;
  private finished = false;
  /** Events of the chosen type received (numbering goes on from the restored count). */
  private received = 0;
  /** The stream's last event ID as of the previous dispatch (what gets the next event again). */
  private idBeforeNext = '';
  /** Per queued event, in order: its number and the IDs before and after it. Parallel arrays. */
  private evMessages: number[] = [];
  private evIdBefore: string[] = [];
  private evIdAfter: string[] = [];
  /** The restored offset until something is emitted. */
  private restored: SseSourceState = { message: 0, resumeId: '' };
  private emitted = false;
  /** Lines of the first replayed event still to skip (line numbers up to this). */
  private skipLines = 0;
  /** The ID of the event emitted in part before the restore, if it carried one. */
  private skipId: string | undefined;

  protected override setup(): void {
    const p = this.ctx.params;
    if (typeof p.url !== 'string' || !/^https?:\/\/./i.test(p.url)) throw new ParamError('params.url', `params.url must be an http:// or https:// URL, got ${JSON.stringify(p.url)}`);
    this.url = p.url;
    if (p.event != null) this.eventType = String(p.event);
    this.records = new LiveRecords(p, this.ctx.wiredPorts.has(LIVE_ERRORS_TAG));
    this.link = new LiveConnection(this.ctx, p.reconnect === true, p.reconnectDelayMs ?? 500);
  }

  get skippedLines(): number {
    return this.records.skippedLines;
  }

  processElement(): void {
    throw new Error('source.sse has no input');
  }

  emitNext(): SourceStatus {
    if (this.finished) return SourceStatus.END;
    if (this.ctx.subtaskIndex !== 0) return this.end();
    if (this.connection === null && this.link.shouldOpen) this.connect();
    if (this.records.emitOne(this.out)) {
      this.emitted = true;
      return SourceStatus.MORE;
    }
    return this.link.idle(
      () => this.connect(),
      () => this.end(),
    );
  }

  awaitsCalls(): boolean {
    return this.link.awaitsData();
  }

  private connect(): void {
    // A reconnect goes on from the last event received (as EventSource does); a fresh start
    // from the restored offset.
    const lastId = this.parser?.lastEventId ?? this.restored.resumeId;
    this.idBeforeNext = lastId;
    const parser = new SseParser((e) => this.onEvent(e));
    parser.lastEventId = lastId;
    const previous = this.parser;
    this.parser = parser;
    if (previous?.retryMs != null) parser.retryMs = previous.retryMs;
    const connection = connectSse(this.url, lastId, parser, (end) => {
      if (this.connection !== connection) return;
      this.connection = null;
      this.link.ended(end.clean ? 'clean' : end.reason, parser.retryMs ?? undefined);
    });
    this.connection = connection;
  }

  private onEvent(e: SseEvent): void {
    const before = this.idBeforeNext;
    this.idBeforeNext = e.lastEventId;
    if (e.type !== this.eventType) return;
    this.link.succeeded();
    let data = e.data;
    if (this.skipLines > 0) {
      // The event emitted in part before the restore, if this is it: drop the lines already
      // emitted. Another event (a server that cannot replay) is emitted whole.
      const same = this.skipId !== undefined ? e.lastEventId === this.skipId : this.restored.resumeId !== '';
      if (same) {
        const lines = data.split('\n');
        for (let i = 0; i < this.skipLines && i < lines.length; i++) lines[i] = '';
        data = lines.join('\n');
      }
      this.skipLines = 0;
    }
    const message = ++this.received;
    this.evMessages.push(message);
    this.evIdBefore.push(before);
    this.evIdAfter.push(e.lastEventId);
    this.records.push(data, message);
    this.link.notify();
  }

  private end(): SourceStatus {
    this.finished = true;
    this.disconnect();
    this.out.emitWatermark(MAX_WATERMARK);
    return SourceStatus.END;
  }

  private disconnect(): void {
    const c = this.connection;
    this.connection = null;
    c?.abort();
  }

  override close(): void {
    this.disconnect();
  }

  protected override snapshotOperatorState(): SseSourceState | undefined {
    if (this.ctx.subtaskIndex !== 0) return undefined;
    const header = this.records.header;
    const withHeader = (s: SseSourceState): SseSourceState => (header !== null ? { ...s, header } : s);
    if (!this.emitted) return withHeader(this.restored);
    const m = this.records.lastMessage;
    // Forget the events before the last emitted one.
    let k = 0;
    while (k < this.evMessages.length && this.evMessages[k]! < m) k++;
    if (k > 0) {
      this.evMessages.splice(0, k);
      this.evIdBefore.splice(0, k);
      this.evIdAfter.splice(0, k);
    }
    const complete = this.records.nextMessage() !== m;
    const state: SseSourceState = complete
      ? { message: m, resumeId: this.evIdAfter[0]! }
      : this.evIdAfter[0] !== this.evIdBefore[0]
        ? { message: m - 1, resumeId: this.evIdBefore[0]!, skipLines: this.records.lastLine, skipId: this.evIdAfter[0]! }
        : { message: m - 1, resumeId: this.evIdBefore[0]!, skipLines: this.records.lastLine };
    return withHeader(state);
  }

  protected override restoreOperatorState(state: unknown): void {
    if (this.ctx.subtaskIndex !== 0) return;
    const list = Array.isArray(state) ? state : [state];
    const s = list.find((x) => x && typeof (x as SseSourceState).resumeId === 'string') as SseSourceState | undefined;
    if (!s) return;
    this.restored = { ...s };
    this.received = s.message;
    this.skipLines = s.skipLines ?? 0;
    this.skipId = s.skipId;
    if (s.header) this.records.header = s.header;
    this.finished = false;
  }
}
