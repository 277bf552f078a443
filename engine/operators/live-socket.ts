/**
 * The WebSocket a live source or sink opens: the runtime's global `WebSocket` (browsers, their
 * workers, Node 22+). On Node 20, which has none by default, the Node host installs the `ws`
 * package's class as the global before any task runs (`host/node/web-socket.ts`). Only the few
 * members Eddy uses are typed here: the engine is compiled without the DOM library.
 */

/** The part of the WHATWG WebSocket that Eddy uses. */
export interface LiveSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: string;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string; wasClean?: boolean }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/** WebSocket.OPEN. */
export const SOCKET_OPEN = 1;

type SocketConstructor = new (url: string) => LiveSocket;

/** Checks a `url` param: a ws:// or wss:// URL, else an error naming the field. */
export function webSocketUrl(url: unknown): string {
  if (typeof url !== 'string' || !/^wss?:\/\/./i.test(url)) {
    throw new Error(`params.url must be a ws:// or wss:// URL, got ${JSON.stringify(url)}`);
  }
  return url;
}

/** A new socket to `url`. Throws when this runtime has no WebSocket. */
export function openWebSocket(url: string): LiveSocket {
  const Ctor = (globalThis as { WebSocket?: SocketConstructor }).WebSocket;
  if (typeof Ctor !== 'function') {
    throw new Error('this runtime has no WebSocket (Node 20 needs the "ws" package installed beside Eddy, or Node 22 and later)');
  }
  const socket = new Ctor(url);
  socket.binaryType = 'arraybuffer';
  return socket;
}

const utf8 = new TextDecoder();

/** A message's text: text frames as they are, binary frames decoded as UTF-8. */
export function messageText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return utf8.decode(new Uint8Array(data));
  if (ArrayBuffer.isView(data)) return utf8.decode(data as Uint8Array);
  return String(data);
}
