/**
 * Server-Sent Events over `fetch`, for `source.sse`: the event stream format of the HTML
 * standard (fields `data`, `event`, `id`, `retry`; comments; CRLF, LF or CR line ends), read from
 * a streamed response body. `fetch` rather than `EventSource`: only a request of our own can send
 * a chosen `Last-Event-ID` on a new connection (the offset a restored source resumes from), and
 * `fetch` is the same in browsers, their workers and Node 18+.
 */

/** One dispatched event. `lastEventId` is the stream's last event ID when it was dispatched. */
export interface SseEvent {
  type: string;
  data: string;
  lastEventId: string;
}

/**
 * The event stream parser. Invariant: `feed` may split the text anywhere (even between CR and
 * LF); events are dispatched at their blank line, exactly as the standard's algorithm does —
 * an event with an empty data buffer is not dispatched, but its `id` still sets the last event ID.
 */
export class SseParser {
  private buffer = '';
  private data = '';
  private hasData = false;
  private type = '';
  private pendingCR = false;
  lastEventId = '';
  /** The reconnection time the server asked for (ms), or null. */
  retryMs: number | null = null;

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  /** Feeds decoded text. */
  feed(text: string): void {
    let s = text;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (s.startsWith('\n')) s = s.slice(1);
    }
    let start = 0;
    const all = this.buffer + s;
    const offset = this.buffer.length;
    this.buffer = '';
    for (let i = offset; i < all.length; i++) {
      const c = all.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(all.slice(start, i));
      if (c === 13) {
        if (i + 1 < all.length) {
          if (all.charCodeAt(i + 1) === 10) i++;
        } else this.pendingCR = true;
      }
      start = i + 1;
    }
    this.buffer = all.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data += this.hasData ? `\n${value}` : value;
        this.hasData = true;
        break;
      case 'event':
        this.type = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
    }
  }

  private dispatch(): void {
    const { data, hasData, type } = this;
    this.data = '';
    this.hasData = false;
    this.type = '';
    if (!hasData) return;
    this.onEvent({ type: type === '' ? 'message' : type, data, lastEventId: this.lastEventId });
  }
}

/** What ended a connection: the server closed the stream, or why it failed. */
export type SseEnd = { clean: true } | { clean: false; reason: string };

/** A connection in progress; `abort` closes it (no end is reported after that). */
export interface SseConnection {
  abort(): void;
}

interface FetchResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> } } | null;
}

/**
 * Opens `url` as an event stream, sending `Last-Event-ID` when `lastEventId` is not empty, and
 * feeds what arrives to `parser`; `onEnd` is called once when the stream ends or fails.
 */
export function connectSse(url: string, lastEventId: string, parser: SseParser, onEnd: (end: SseEnd) => void): SseConnection {
  const g = globalThis as { fetch?: (url: string, init: unknown) => Promise<FetchResponse>; AbortController?: new () => { signal: unknown; abort(): void } };
  if (typeof g.fetch !== 'function' || typeof g.AbortController !== 'function') throw new Error('this runtime has no fetch: source.sse needs a browser or Node 18 and later');
  const controller = new g.AbortController();
  let aborted = false;
  const headers: Record<string, string> = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' };
  if (lastEventId !== '') headers['Last-Event-ID'] = lastEventId;
  const end = (e: SseEnd) => {
    if (!aborted) onEnd(e);
    aborted = true;
  };
  (async () => {
    let response: FetchResponse;
    try {
      response = await g.fetch!(url, { headers, signal: controller.signal, cache: 'no-store' });
    } catch (e) {
      return end({ clean: false, reason: `could not connect to ${url} (${(e as Error).message})` });
    }
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) return end({ clean: false, reason: `${url} answered ${response.status} ${response.statusText}`.trim() });
    if (!type.toLowerCase().startsWith('text/event-stream')) return end({ clean: false, reason: `${url} answered with content type "${type}", not text/event-stream` });
    if (response.body === null) return end({ clean: true });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (aborted) return;
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      parser.feed(decoder.decode());
      end({ clean: true });
    } catch (e) {
      end({ clean: false, reason: `the event stream from ${url} broke off (${(e as Error).message})` });
    }
  })();
  return {
    abort() {
      if (aborted) return;
      aborted = true;
      controller.abort();
    },
  };
}
