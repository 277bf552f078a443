/**
 * `source.websocket`: records from the messages of a WebSocket server — each text message is one
 * or more lines, read as JSON lines or CSV rows like `source.file`. Unbounded: it runs until the
 * server closes the connection (the source then ends, with the watermark +∞), or forever with
 * `reconnect`. The messages arrive on the thread's event loop and wake the task through its
 * mailbox; ending, failing and reconnecting are `LiveConnection`'s, shared with `source.sse`.
 */
import { ParamError } from '../graph/errors.js';
import { BaseOperator } from './base-operator.js';
import { LiveConnection } from './live-connection.js';
import { LIVE_ERRORS_TAG, LiveRecords } from './live-records.js';
import { type LiveSocket, SOCKET_OPEN, messageText, openWebSocket, webSocketUrl } from './live-socket.js';
import { MAX_WATERMARK, type SourceOperator, SourceStatus } from './operator.js';

/** Offset state: messages seen, the last record's offset (with `offsetField`), the CSV header read. */
export interface WebSocketSourceState {
  message: number;
  offset?: unknown;
  header?: string[];
}

/** Close codes of a connection the server ended on purpose (normal, going away, no status). */
const CLEAN_CLOSE = new Set([1000, 1001, 1005]);

/**
 * Invariants: lines leave in the order the server sent them, one per `emitNext` (records, or
 * `{message, line, reason, text}` on side output `"errors"`). With `offsetField`, the offset of
 * the last emitted record is part of every snapshot; a restored source (or one reconnecting)
 * sends `resumeMessage` with `{offset}` replaced by that offset's JSON right after connecting,
 * so a server that replays what follows that offset gives exactly-once results. Without it a
 * restore starts from whatever the server sends next: what arrived after the checkpoint and
 * before the failure is not seen again. A connection that never opens, or that drops without
 * a clean close, fails the job (a restart strategy then reconnects) unless `reconnect` is on.
 * Only one subtask (parallelism 1: one connection).
 */
export class WebSocketSource extends BaseOperator implements SourceOperator {
  readonly isSource = true as const;
  private url = '';
  private records!: LiveRecords;
  private offsetOf: FieldReader | null = null;
  private resumeMessage: string | null = null;
  private link!: LiveConnection;
  private reconnect = false;
  private socket: LiveSocket | null = null;
  private opened = false;
  /** Message number of the last line emitted. */
  private message = 0;
  /** Messages received so far (numbering goes on from the restored count). */
  private receivedMessages = 0;
  private offset: unknown = undefined;
  private finished = false;

  protected override setup(): void {
    const p = this.ctx.params;
    this.url = webSocketUrl(p.url);
    this.records = new LiveRecords(p, this.ctx.wiredPorts.has(LIVE_ERRORS_TAG));
    if (p.offsetField != null) {
      if (typeof p.offsetField !== 'string' || p.offsetField === '') throw new ParamError('params.offsetField', 'params.offsetField must be a field name (dot path)');
      this.offsetOf = fieldReader(p.offsetField);
    }
    if (p.resumeMessage != null) {
      if (typeof p.resumeMessage !== 'string' || !p.resumeMessage.includes('{offset}')) {
        throw new ParamError('params.resumeMessage', 'params.resumeMessage must be a text containing {offset}, for example {"resumeAfter": {offset}}');
      }
      this.resumeMessage = p.resumeMessage;
    }
    this.reconnect = p.reconnect === true;
    this.link = new LiveConnection(this.ctx, this.reconnect, p.reconnectDelayMs ?? 500);
  }

  /** Malformed lines skipped (for the CLI's note on stderr, as `source.file` counts them). */
  get skippedLines(): number {
    return this.records.skippedLines;
  }

  processElement(): void {
    throw new Error('source.websocket has no input');
  }

  emitNext(): SourceStatus {
    if (this.finished) return SourceStatus.END;
    if (this.ctx.subtaskIndex !== 0) return this.end();
    if (this.socket === null && this.link.shouldOpen) this.connect();
    if (this.records.emitOne(this.out)) {
      if (this.offsetOf !== null && this.records.lastValue !== undefined) {
        this.offset = this.offsetOf(this.records.lastValue);
        this.records.lastValue = undefined;
      }
      this.message = this.records.lastMessage;
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
    const socket = openWebSocket(this.url);
    this.socket = socket;
    this.opened = false;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.opened = true;
      this.link.succeeded();
      if (this.resumeMessage !== null && this.offset !== undefined) {
        socket.send(this.resumeMessage.split('{offset}').join(JSON.stringify(this.offset)));
      }
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      this.records.push(messageText(ev.data), ++this.receivedMessages);
      this.link.notify();
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      const what = this.opened ? `the connection to ${this.url} closed` : `could not connect to ${this.url}`;
      // Lines queued from the old connection still leave; with a resume message the server
      // replays from the last emitted offset after a reconnect, so none is lost or repeated.
      if (this.reconnect && this.resumeMessage !== null && this.offset !== undefined) this.records.clear();
      this.link.ended(this.opened && CLEAN_CLOSE.has(ev.code) ? 'clean' : `${what} (close code ${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`);
    };
    socket.onerror = () => {};
  }

  private end(): SourceStatus {
    this.finished = true;
    this.disconnect();
    this.out.emitWatermark(MAX_WATERMARK);
    return SourceStatus.END;
  }

  private disconnect(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket !== null && socket.readyState <= SOCKET_OPEN) socket.close(1000, 'Eddy source stopped');
  }

  override close(): void {
    this.disconnect();
  }

  protected override snapshotOperatorState(): WebSocketSourceState | undefined {
    if (this.ctx.subtaskIndex !== 0) return undefined;
    const state: WebSocketSourceState = { message: this.message };
    if (this.offset !== undefined) state.offset = this.offset;
    const header = this.records.header;
    if (header !== null) state.header = header;
    return state;
  }

  protected override restoreOperatorState(state: unknown): void {
    if (this.ctx.subtaskIndex !== 0) return;
    const list = Array.isArray(state) ? state : [state];
    const s = list.find((x) => x && typeof (x as WebSocketSourceState).message === 'number') as WebSocketSourceState | undefined;
    if (!s) return;
    this.message = s.message;
    this.receivedMessages = s.message;
    if (s.offset !== undefined) this.offset = s.offset;
    if (s.header) this.records.header = s.header;
    this.finished = false;
  }
}

type FieldReader = (value: unknown) => unknown;

/** Reads a dot-path field of any JSON type; throws naming the field when it is absent. */
function fieldReader(field: string): FieldReader {
  const parts = field.split('.');
  return (value) => {
    let cur: any = value;
    for (let i = 0; i < parts.length && cur != null; i++) cur = typeof cur === 'object' ? cur[parts[i]!] : undefined;
    if (cur === undefined || cur === null) throw new Error(`record has no offset in field "${field}"`);
    return cur;
  };
}
