/**
 * Real local servers for the live sources' and sinks' tests, on free ports of 127.0.0.1: a
 * WebSocket server (the `ws` package) recording what each connection sends, and an HTTP server
 * for Server-Sent Events (CORS open, so a page of another origin may read it). Tests drive them
 * and wait for their records with `until`, never for time.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface TestWebSocketServer {
  readonly url: string;
  /** Connections in the order they came, open or closed. */
  readonly connections: WebSocket[];
  /** Text messages received, over every connection, in arrival order. */
  readonly received: string[];
  /** Connections closed so far (by either side). */
  closed: number;
  /** Handshakes held back (with `holdHandshakes`), waiting for `release`. */
  readonly held: number;
  /** Lets the held handshakes (and every later one) complete. */
  release(): void;
  close(): Promise<void>;
}

/** Starts a server; `onConnection` runs for each new client (send to it, close it…). */
export async function startWebSocketServer(
  onConnection: (socket: WebSocket, index: number) => void = () => {},
  options: { holdHandshakes?: boolean } = {},
): Promise<TestWebSocketServer> {
  let holding = options.holdHandshakes === true;
  const held: Array<(ok: boolean) => void> = [];
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (_info: unknown, done: (ok: boolean) => void) => (holding ? held.push(done) : done(true)),
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const server: TestWebSocketServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    connections: [],
    received: [],
    closed: 0,
    get held() {
      return held.length;
    },
    release() {
      holding = false;
      for (const done of held.splice(0)) done(true);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (socket) => {
    const index = server.connections.length;
    server.connections.push(socket);
    socket.on('message', (data, isBinary) => server.received.push(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString()));
    socket.on('close', () => server.closed++);
    onConnection(socket, index);
  });
  return server;
}

export interface TestSseServer {
  readonly url: string;
  /** The `Last-Event-ID` header of each request, in order ('' when absent). */
  readonly lastEventIds: string[];
  /** Responses ended or aborted so far. */
  closed: number;
  close(): Promise<void>;
}

/**
 * Starts an SSE server: `onRequest` writes the stream (`res.write('data: …\n\n')`) and may end it;
 * the status and headers are sent already.
 */
export async function startSseServer(onRequest: (res: ServerResponse, index: number, req: IncomingMessage) => void): Promise<TestSseServer> {
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Last-Event-ID, Cache-Control', 'Cross-Origin-Resource-Policy': 'cross-origin' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const index = sse.lastEventIds.length;
    sse.lastEventIds.push(String(req.headers['last-event-id'] ?? ''));
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', ...cors });
    res.flushHeaders();
    open.add(res);
    res.on('close', () => {
      open.delete(res);
      sse.closed++;
    });
    onRequest(res, index, req);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const sse: TestSseServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    lastEventIds: [],
    closed: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of open) r.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return sse;
}
