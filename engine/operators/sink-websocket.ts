/**
 * `sink.websocket`: sends each record to a WebSocket server as one text message, its JSON.
 * Each subtask opens its own connection when it opens; records that arrive before the
 * connection is up wait in a queue and leave, in order, once it opens. A finishing job waits
 * until every message has been handed to the network (`flushing`), then closes the connection.
 */
import { BaseOperator } from './base-operator.js';
import { type LiveSocket, SOCKET_OPEN, openWebSocket, webSocketUrl } from './live-socket.js';

/**
 * Invariants: messages leave in record order, one per record, `JSON.stringify(record)` (`null`
 * for undefined). The connection closing or failing before the job ends fails the job, naming
 * the URL. No transactions: after a restore the records since the last checkpoint are sent again
 * (at-least-once while the server stays connected).
 */
export class WebSocketSinkOperator extends BaseOperator {
  private url = '';
  private socket: LiveSocket | null = null;
  private queue: string[] = [];
  private failure: string | null = null;
  private done = false;

  protected override setup(): void {
    this.url = webSocketUrl(this.ctx.params.url);
    const socket = openWebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      const queued = this.queue;
      this.queue = [];
      for (const text of queued) socket.send(text);
    };
    socket.onclose = (ev) => {
      if (this.done) return;
      this.failure = `the connection to ${this.url} closed before the job ended (close code ${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`;
    };
    socket.onerror = () => {};
    socket.onmessage = null;
  }

  processElement(value: unknown): void {
    if (this.failure !== null) throw new Error(this.failure);
    const text = JSON.stringify(value) ?? 'null';
    const socket = this.socket!;
    if (socket.readyState === SOCKET_OPEN && this.queue.length === 0) socket.send(text);
    else this.queue.push(text);
  }

  /** True while messages wait for the connection or sit in its send buffer. */
  flushing(): boolean {
    if (this.failure !== null) throw new Error(this.failure);
    const socket = this.socket;
    return socket !== null && (this.queue.length > 0 || (socket.readyState === SOCKET_OPEN && socket.bufferedAmount > 0));
  }

  override close(): void {
    this.done = true;
    const socket = this.socket;
    this.socket = null;
    if (socket !== null && socket.readyState <= SOCKET_OPEN) socket.close(1000, 'Eddy sink finished');
  }
}
