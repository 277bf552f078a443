/**
 * Real local servers for the live sources' and sinks' tests: a WebSocket server (the `ws`
 * package) on a free port of 127.0.0.1, recording what each connection sends. Tests drive it and
 * wait for its records with `until`, never for time.
 */
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
  close(): Promise<void>;
}

/** Starts a server; `onConnection` runs for each new client (send to it, close it…). */
export async function startWebSocketServer(onConnection: (socket: WebSocket, index: number) => void = () => {}): Promise<TestWebSocketServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const server: TestWebSocketServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    connections: [],
    received: [],
    closed: 0,
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
