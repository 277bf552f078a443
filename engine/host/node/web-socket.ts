/**
 * Gives Node a global `WebSocket` for `source.websocket` and `sink.websocket`: Node 22 and later
 * have one; Node 20 has it only behind `--experimental-websocket`, so there the `ws` package's
 * class (WHATWG-compatible: onopen, onmessage, send, close) is installed. Called by every Node
 * thread that runs tasks before the first one opens.
 */
export async function provideWebSocket(): Promise<void> {
  const g = globalThis as { WebSocket?: unknown };
  if (typeof g.WebSocket === 'function') return;
  const { WebSocket } = await import('ws');
  g.WebSocket = WebSocket;
}
