/**
 * The live sources and sinks on both hosts at parallelism 1 to 3: a WebSocket source and an SSE
 * source (each one subtask: one connection) feeding a keyed running sum that runs at the job's
 * parallelism, into a collect sink and a WebSocket sink — against real local servers, inline and
 * in Node worker-thread slots, with the same results everywhere.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { provideWebSocket } from '../engine/host/node/web-socket.js';
import { runJob } from '../engine/run-job.js';
import { until } from '../engine/testing/until.js';
import { type TestSseServer, type TestWebSocketServer, startSseServer, startWebSocketServer } from '../engine/testing/live-servers.js';

const records = Array.from({ length: 30 }, (_, i) => ({ k: `k${i % 4}`, n: i }));
const expected = (() => {
  const sums = new Map<string, number>();
  return records.map((r) => {
    const sum = (sums.get(r.k) ?? 0) + r.n;
    sums.set(r.k, sum);
    return JSON.stringify({ k: r.k, n: sum });
  });
})().sort();

// This thread runs the inline host's tasks (slot workers provide their own).
beforeAll(provideWebSocket);

let servers: Array<TestWebSocketServer | TestSseServer> = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

function summing(source: Record<string, unknown>, sinkUrl: string) {
  return {
    format: 'eddy/job@1',
    nodes: [
      source,
      { id: 'byKey', kind: 'keyBy', params: { field: 'k' } },
      { id: 'sum', kind: 'reduce', params: { code: '(a, b) => ({ k: a.k, n: a.n + b.n })' } },
      { id: 'out', kind: 'sink.collect' },
      { id: 'push', kind: 'sink.websocket', params: { url: sinkUrl } },
    ],
    edges: [
      { from: 'src', to: 'byKey' },
      { from: 'byKey', to: 'sum' },
      { from: 'sum', to: 'out' },
      { from: 'sum', to: 'push' },
    ],
  };
}

const hosts = [
  ['inline', undefined],
  ['workers', nodeSlotSpawner],
] as const;

describe('live sources and sinks on both hosts', () => {
  for (const [host, spawner] of hosts) {
    for (const parallelism of [1, 2, 3]) {
      it(`source.websocket → keyed sum → sink.collect and sink.websocket (${host}, parallelism ${parallelism})`, async () => {
        const feed = await startWebSocketServer((socket) => {
          // Several records per message, then the server ends the stream.
          for (let i = 0; i < records.length; i += 7) socket.send(records.slice(i, i + 7).map((r) => JSON.stringify(r)).join('\n'));
          socket.close(1000);
        });
        const sink = await startWebSocketServer();
        servers.push(feed, sink);
        const result = await runJob(summing({ id: 'src', kind: 'source.websocket', params: { url: feed.url } }, sink.url), {
          parallelism,
          clock: 'system',
          ...(spawner ? { spawner } : {}),
        });
        expect(result.results.map((r) => JSON.stringify(r.value)).sort()).toEqual(expected);
        // Sent before the job ended; the server takes them from its socket a little later.
        await until(() => sink.received.length >= expected.length);
        expect([...sink.received].sort()).toEqual(expected);
      });

      it(`source.sse → keyed sum → sink.collect and sink.websocket (${host}, parallelism ${parallelism})`, async () => {
        const feed = await startSseServer((res) => {
          for (const [i, r] of records.entries()) res.write(`id: ${i + 1}\ndata: ${JSON.stringify(r)}\n\n`);
          res.end();
        });
        const sink = await startWebSocketServer();
        servers.push(feed, sink);
        const result = await runJob(summing({ id: 'src', kind: 'source.sse', params: { url: feed.url } }, sink.url), {
          parallelism,
          clock: 'system',
          ...(spawner ? { spawner } : {}),
        });
        expect(result.results.map((r) => JSON.stringify(r.value)).sort()).toEqual(expected);
        // Sent before the job ended; the server takes them from its socket a little later.
        await until(() => sink.received.length >= expected.length);
        expect([...sink.received].sort()).toEqual(expected);
      });
    }
  }
});
