/**
 * The live sources recover on the worker host as the docs promise (job-format.md, "Live sources
 * and sinks"): a slot worker is killed once a completed checkpoint covers some results, every
 * task restarts from that checkpoint, and the source goes back to its checkpointed position — the
 * WebSocket source sends its resume message with the last offset, the SSE source reconnects with
 * `Last-Event-ID` — against real local servers that replay from there. The keyed running sums
 * downstream (state restored from the same checkpoint) then come out exactly as in a run without
 * a failure, at parallelism 1 to 3. (The inline host's recovery: engine/operators/websocket.test.ts
 * and sse.test.ts.)
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCheckpointStorage } from '../engine/checkpoint/storage.js';
import { validateJob } from '../engine/graph/validate.js';
import { MemoryIO } from '../engine/host/memory-io.js';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { provideWebSocket } from '../engine/host/node/web-socket.js';
import { WorkerJob } from '../engine/host/worker-job.js';
import { planJob } from '../engine/plan/plan-job.js';
import { type TestSseServer, type TestWebSocketServer, startSseServer, startWebSocketServer } from '../engine/testing/live-servers.js';

const COUNT = 400;
const HALF = COUNT / 2;
const records = Array.from({ length: COUNT }, (_, i) => ({ seq: i + 1, k: `k${i % 5}`, n: i }));
/** The running sum per key after each record: what a run without failures prints. */
const expected = (() => {
  const sums = new Map<string, number>();
  return records.map((r) => {
    const sum = (sums.get(r.k) ?? 0) + r.n;
    sums.set(r.k, sum);
    return JSON.stringify({ k: r.k, n: sum });
  });
})().sort();

beforeAll(provideWebSocket);

let servers: Array<TestWebSocketServer | TestSseServer> = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

function summing(source: Record<string, unknown>) {
  return {
    format: 'eddy/job@1',
    checkpointing: { intervalMs: 20 },
    restart: { strategy: 'fixed-delay', attempts: 2, delayMs: 1 },
    nodes: [
      { ...source, id: 'src', parallelism: 1 },
      // Chained to the source (parallelism 1): a rebalance to parallel maps would reorder a key's
      // records between channels, and running sums depend on the order.
      { id: 'strip', kind: 'map', parallelism: 1, params: { code: '(r) => ({ k: r.k, n: r.n })' } },
      { id: 'byKey', kind: 'keyBy', params: { field: 'k' } },
      { id: 'sum', kind: 'reduce', params: { code: '(a, b) => ({ k: a.k, n: a.n + b.n })' } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'strip' },
      { from: 'strip', to: 'byKey' },
      { from: 'byKey', to: 'sum' },
      { from: 'sum', to: 'out' },
    ],
  };
}

/**
 * Runs `doc` in Node worker-thread slots and kills slot 0 once a completed checkpoint has
 * published results (the collect sink commits on checkpoints); returns the results and restarts.
 */
async function runKillingASlot(doc: unknown, parallelism: number) {
  const checked = validateJob(doc);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const io = new MemoryIO();
  let killed = false;
  let committed!: () => void;
  const resultsCommitted = new Promise<void>((resolve) => (committed = resolve));
  const job: WorkerJob = new WorkerJob(planJob(checked.job, { parallelism }), {
    io,
    spawner: nodeSlotSpawner,
    storage: new MemoryCheckpointStorage(),
    onCheckpoint: (stats) => {
      if (stats.status === 'completed' && io.collected.length > 0) committed();
    },
  });
  const running = job.run();
  // The kill waits for the condition, not for time: a job that ends first returns killed false.
  await Promise.race([resultsCommitted, running]);
  if (job.status === 'running') {
    killed = true;
    job.slotKillForTests(0);
  }
  await running;
  return { killed, restarts: job.restarts, lines: io.collected.map((r) => JSON.stringify(r.value)).sort() };
}

describe('live sources restored from a checkpoint on the worker host', () => {
  for (const parallelism of [1, 2, 3]) {
    it(`source.websocket with offsetField and resumeMessage: exactly-once after a slot dies (parallelism ${parallelism})`, async () => {
      // The first connection gets the first half and stays open (the job cannot end before the
      // kill); a restored source is answered after its resume message with the records after
      // its offset, then the server closes.
      const resumedAfter: number[] = [];
      const feed = await startWebSocketServer((socket, i) => {
        if (i === 0) for (const r of records.slice(0, HALF)) socket.send(JSON.stringify(r));
        else
          socket.once('message', (m) => {
            const after = JSON.parse(m.toString()).after as number;
            resumedAfter.push(after);
            for (const r of records) if (r.seq > after) socket.send(JSON.stringify(r));
            socket.close(1000);
          });
      });
      servers.push(feed);
      const source = { kind: 'source.websocket', params: { url: feed.url, offsetField: 'seq', resumeMessage: '{"after": {offset}}' } };
      const run = await runKillingASlot(summing(source), parallelism);
      expect(run.killed).toBe(true);
      expect(run.restarts).toBe(1);
      expect(feed.connections).toHaveLength(2);
      expect(resumedAfter).toHaveLength(1);
      expect(resumedAfter[0]).toBeGreaterThan(0);
      expect(run.lines).toEqual(expected);
    });

    it(`source.sse with event IDs: exactly-once after a slot dies, resuming with Last-Event-ID (parallelism ${parallelism})`, async () => {
      // Events of two records each, so the checkpoint may fall inside an event.
      const events = Array.from({ length: HALF }, (_, i) => ({ id: String(i + 1), lines: [records[2 * i]!, records[2 * i + 1]!] }));
      const write = (res: { write(t: string): void }, from: number, to: number) => {
        for (const e of events.slice(from, to)) res.write(`id: ${e.id}\n${e.lines.map((l) => `data: ${JSON.stringify(l)}\n`).join('')}\n`);
      };
      const feed = await startSseServer((res, i, req) => {
        if (i === 0) return write(res, 0, events.length / 2);
        write(res, Number(req.headers['last-event-id'] ?? 0), events.length);
        res.end();
      });
      servers.push(feed);
      const run = await runKillingASlot(summing({ kind: 'source.sse', params: { url: feed.url } }), parallelism);
      expect(run.killed).toBe(true);
      expect(run.restarts).toBe(1);
      expect(feed.lastEventIds).toHaveLength(2);
      expect(feed.lastEventIds[1]).not.toBe('');
      expect(run.lines).toEqual(expected);
    });
  }
});
