import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateJob } from '../graph/validate.js';
import { InlineJob } from '../host/inline-host.js';
import { MemoryCheckpointStorage } from '../checkpoint/storage.js';
import type { InlineJob as InlineAttempt } from '../host/inline-host.js';
import { runInline } from '../host/inline-recovery.js';
import { MemoryIO } from '../host/memory-io.js';
import { provideWebSocket } from '../host/node/web-socket.js';
import { planJob } from '../plan/plan-job.js';
import { runJob } from '../run-job.js';
import { type TestWebSocketServer, startWebSocketServer } from '../testing/live-servers.js';
import { until } from '../testing/until.js';
import { OperatorHarness } from './harness.js';
import { type SourceOperator, SourceStatus } from './operator.js';
import { WebSocketSource } from './source-websocket.js';

const servers: TestWebSocketServer[] = [];
async function server(onConnection?: Parameters<typeof startWebSocketServer>[0], options?: Parameters<typeof startWebSocketServer>[1]) {
  const s = await startWebSocketServer(onConnection, options);
  servers.push(s);
  return s;
}

beforeAll(provideWebSocket);
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const job = (nodes: unknown[], edges: unknown[]) => ({ format: 'eddy/job@1', nodes, edges });

function startInline(doc: unknown) {
  const checked = validateJob(doc);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const io = new MemoryIO();
  const inline = new InlineJob(planJob(checked.job), { io, clock: 'system' });
  return { inline, io, done: inline.run() };
}

describe('source.websocket against a real server', () => {
  it('reads JSON lines from each message, sends malformed lines to "errors" with message and line numbers, and ends when the server closes', async () => {
    const s = await server((socket) => {
      socket.send('{"n":1}');
      socket.send('{"n":2}\n\n{"n":3}\nnot json');
      socket.send(Buffer.from('{"n":4}'), { binary: true });
      socket.close(1000, 'done');
    });
    const result = await runJob(
      job(
        [
          { id: 'ws', kind: 'source.websocket', params: { url: s.url } },
          { id: 'out', kind: 'sink.collect' },
          { id: 'bad', kind: 'sink.collect' },
        ],
        [
          { from: 'ws', to: 'out' },
          { from: 'ws', fromPort: 'errors', to: 'bad' },
        ],
      ),
      { clock: 'system' },
    );
    expect(result.results.filter((r) => r.sink === 'out').map((r) => r.value)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    const errors = result.results.filter((r) => r.sink === 'bad').map((r) => r.value as Record<string, unknown>);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ message: 2, line: 4, text: 'not json' });
  });

  it('reads CSV: the first line is the header, numbers become numbers, event time from timestampField fires windows at the end', async () => {
    const s = await server((socket) => {
      socket.send('key,value,ts');
      socket.send('a,1,1000\nb,2,2000');
      socket.send('a,3,6000');
      socket.close();
    });
    const result = await runJob(
      job(
        [
          { id: 'ws', kind: 'source.websocket', params: { url: s.url, format: 'csv', timestampField: 'ts' } },
          { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 5000 }, function: { type: 'aggregate', fn: 'sum', field: 'value' } } },
          { id: 'out', kind: 'sink.collect' },
        ],
        [
          { from: 'ws', to: 'w' },
          { from: 'w', to: 'out' },
        ],
      ),
      { clock: 'system' },
    );
    expect(result.results.map((r) => r.value)).toEqual([
      { windowStart: 0, windowEnd: 5000, value: 3 },
      { windowStart: 5000, windowEnd: 10000, value: 3 },
    ]);
  });

  it('fails the job naming the node and the URL when it cannot connect', async () => {
    const s = await server();
    const url = s.url;
    await s.close();
    servers.length = 0;
    const run = runJob(job([{ id: 'feed', kind: 'source.websocket', params: { url } }, { id: 'out', kind: 'sink.collect' }], [{ from: 'feed', to: 'out' }]), { clock: 'system' });
    await expect(run).rejects.toThrow(new RegExp(`node "feed".*could not connect to ${url}`));
  });

  it('stops cleanly on cancel: the connection closes and the job ends canceled', async () => {
    const s = await server((socket) => socket.send('{"n":1}'));
    const { inline, io, done } = startInline(job([{ id: 'ws', kind: 'source.websocket', params: { url: s.url } }, { id: 'out', kind: 'sink.collect' }], [{ from: 'ws', to: 'out' }]));
    await until(() => io.collected.length === 1);
    inline.cancel();
    await done;
    expect(inline.status).toBe('canceled');
    await until(() => s.closed === 1);
  });

  it('waits for the server\'s next message on the task\'s mailbox, with no timer: under a virtual clock time does not jump while it waits', async () => {
    let connected: { send(text: string): void; close(code?: number): void } | null = null;
    const s = await server((socket) => {
      connected = socket;
      socket.send('{"n":1}');
    });
    const checked = validateJob(
      job(
        [
          { id: 'ws', kind: 'source.websocket', params: { url: s.url } },
          { id: 'stamp', kind: 'process', params: { code: '({ onElement(r, ctx, out) { out.collect({ n: r.n, at: ctx.currentProcessingTime() }); } })' } },
          { id: 'out', kind: 'sink.collect' },
        ],
        [
          { from: 'ws', to: 'stamp' },
          { from: 'stamp', to: 'out' },
        ],
      ),
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const io = new MemoryIO();
    const inline = new InlineJob(planJob(checked.job), { io, clock: 'virtual' });
    const done = inline.run();
    await until(() => io.collected.length === 1);
    // Idle between two messages: the source waits for data (which wakes its task), not for a
    // poll timer, so the virtual clock has nothing to jump to.
    const [task] = inline.tasks;
    expect(task!.awaitsCalls()).toBe(true);
    expect(task!.nextWakeup()).toBe(Infinity);
    connected!.send('{"n":2}');
    await until(() => io.collected.length === 2);
    connected!.close(1000);
    await done;
    expect(io.collected.map((r) => (r.value as { n: number }).n)).toEqual([1, 2]);
  });

  it('with reconnect, connects again after the server closes and goes on numbering messages', async () => {
    const s = await server((socket, i) => {
      socket.send(i === 0 ? '{"n":1}' : 'oops');
      socket.close();
    });
    const { inline, io, done } = startInline(
      job(
        [
          { id: 'ws', kind: 'source.websocket', params: { url: s.url, reconnect: true, reconnectDelayMs: 1 } },
          { id: 'out', kind: 'sink.collect' },
          { id: 'bad', kind: 'sink.collect' },
        ],
        [
          { from: 'ws', to: 'out' },
          { from: 'ws', fromPort: 'errors', to: 'bad' },
        ],
      ),
    );
    await until(() => io.collected.length >= 2);
    inline.cancel();
    await done;
    expect(io.collected[0]).toMatchObject({ sink: 'out', value: { n: 1 } });
    expect(io.collected[1]).toMatchObject({ sink: 'bad', value: { message: 2, line: 1, text: 'oops' } });
  });

  it('checkpoints the offset of the last record and sends the resume message after a restore (exactly-once with a replaying server)', async () => {
    const log = Array.from({ length: 6 }, (_, i) => ({ seq: i + 1 }));
    // The first client gets the whole log; the restored one is served after its resume message.
    const sendAfter = (socket: { send(t: string): void }, after: number) => {
      for (const r of log) if (r.seq > after) socket.send(JSON.stringify(r));
    };
    const s = await server((socket, i) => {
      if (i === 0) sendAfter(socket, 0);
      else socket.once('message', (m) => sendAfter(socket, JSON.parse(m.toString()).after));
    });
    const params = { url: s.url, offsetField: 'seq', resumeMessage: '{"after": {offset}}' };
    const first = new OperatorHarness(new WebSocketSource(), { kind: 'source.websocket', nodeId: 'ws', params });
    const source = first.operator as SourceOperator;
    // Pull until three records are out, letting messages arrive between pulls.
    await until(() => {
      while (first.records().length < 3 && source.emitNext() === SourceStatus.MORE);
      return first.records().length === 3;
    });
    const snapshot = first.snapshot();
    expect(snapshot.operator).toEqual({ message: 3, offset: 3 });
    first.operator.close();

    const second = new OperatorHarness(new WebSocketSource(), { kind: 'source.websocket', nodeId: 'ws', params });
    second.restore(snapshot);
    const resumed = second.operator as SourceOperator;
    await until(() => {
      while (resumed.emitNext() === SourceStatus.MORE);
      return second.records().length === 3;
    });
    second.operator.close();
    expect(s.received).toEqual(['{"after": 3}']);
    expect([...first.records(), ...second.records()]).toEqual(log);
  });

  it('without offsetField a restore resumes nothing: it reads what the server sends next, and what came after the checkpoint is lost (at-most-once)', async () => {
    const s = await server((socket, i) => {
      const seqs = i === 0 ? [1, 2, 3, 4, 5, 6] : [7, 8];
      for (const seq of seqs) socket.send(JSON.stringify({ seq }));
      if (i > 0) socket.close(1000);
    });
    const params = { url: s.url };
    const first = new OperatorHarness(new WebSocketSource(), { kind: 'source.websocket', nodeId: 'ws', params });
    const source = first.operator as SourceOperator;
    await until(() => {
      while (first.records().length < 3 && source.emitNext() === SourceStatus.MORE);
      return first.records().length === 3;
    });
    const snapshot = first.snapshot();
    // No position in the server's stream: only the message count.
    expect(snapshot.operator).toEqual({ message: 3 });
    // Records 4–6 are read after the checkpoint (a restore rolls back what they did).
    await until(() => {
      while (first.records().length < 6 && source.emitNext() === SourceStatus.MORE);
      return first.records().length === 6;
    });
    first.operator.close();

    const second = new OperatorHarness(new WebSocketSource(), { kind: 'source.websocket', nodeId: 'ws', params });
    second.restore(snapshot);
    const resumed = second.operator as SourceOperator;
    await until(() => resumed.emitNext() === SourceStatus.END || second.records().length === 2);
    while (resumed.emitNext() === SourceStatus.MORE);
    second.operator.close();
    expect(s.received).toEqual([]);
    expect(second.records()).toEqual([{ seq: 7 }, { seq: 8 }]);
  });

  it('recovers a failed job exactly-once: the restored source resumes after its checkpointed offset', async () => {
    const log = Array.from({ length: 300 }, (_, i) => ({ seq: i + 1, v: i % 7 }));
    // The first connection gets the first half of the log and stays open; a restored source is
    // answered after its resume message, with the rest of the log, and then the server closes.
    const s = await server((socket, i) => {
      if (i === 0) for (const r of log.slice(0, 150)) socket.send(JSON.stringify(r));
      else
        socket.once('message', (m) => {
          const after = JSON.parse(m.toString()).after as number;
          for (const r of log) if (r.seq > after) socket.send(JSON.stringify(r));
          socket.close(1000);
        });
    });
    const checked = validateJob({
      format: 'eddy/job@1',
      checkpointing: { intervalMs: 20 },
      restart: { strategy: 'fixed-delay', attempts: 2, delayMs: 1 },
      nodes: [
        { id: 'ws', kind: 'source.websocket', params: { url: s.url, offsetField: 'seq', resumeMessage: '{"after": {offset}}' } },
        { id: 'm', kind: 'map', params: { code: '(r) => r' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'ws', to: 'm' },
        { from: 'm', to: 'out' },
      ],
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const io = new MemoryIO();
    let attempt: InlineAttempt | null = null;
    let failed = false;
    const restarts: string[] = [];
    await runInline(planJob(checked.job), {
      io,
      storage: new MemoryCheckpointStorage(),
      clock: 'system',
      onRestart: (n, f) => restarts.push(`${n} ${f.nodeId}: ${f.reason}`),
      onAttempt: (j: InlineAttempt) => (attempt = j),
      onCheckpoint: (stats) => {
        // Fail once a completed checkpoint covers some records (the collect sink commits them then).
        if (failed || stats.status !== 'completed' || attempt === null || io.collected.length === 0) return;
        failed = true;
        attempt.injectFailure('m', 'injected');
      },
    });
    expect(restarts).toEqual(['1 m: injected']);
    expect(s.connections).toHaveLength(2);
    expect(io.collected.map((r) => r.value)).toEqual(log);
  });

  it('rejects a resumeMessage without offsetField or without {offset}, naming the field', () => {
    const doc = (params: Record<string, unknown>) => job([{ id: 'ws', kind: 'source.websocket', params: { url: 'ws://x', ...params } }, { id: 'out', kind: 'sink.collect' }], [{ from: 'ws', to: 'out' }]);
    const a = validateJob(doc({ resumeMessage: '{"after": {offset}}' }));
    expect(a.ok ? [] : a.errors).toEqual([expect.objectContaining({ nodeId: 'ws', field: 'params.offsetField' })]);
    const b = validateJob(doc({ offsetField: 'seq', resumeMessage: 'resume' }));
    expect(b.ok ? [] : b.errors).toEqual([expect.objectContaining({ nodeId: 'ws', field: 'params.resumeMessage' })]);
    const c = validateJob(doc({ url: 'http://x' }));
    expect(c.ok ? [] : c.errors).toEqual([expect.objectContaining({ nodeId: 'ws', field: 'params.url' })]);
  });
});

describe('sink.websocket against a real server', () => {
  it('sends every record as one JSON text message, in order, and the job ends once they are delivered', async () => {
    const s = await server();
    const records = Array.from({ length: 50 }, (_, i) => ({ i, text: `r${i}` }));
    await runJob(job([{ id: 'src', kind: 'source.collection', params: { records } }, { id: 'ws', kind: 'sink.websocket', params: { url: s.url } }], [{ from: 'src', to: 'ws' }]), { clock: 'system' });
    await until(() => s.received.length === records.length);
    expect(s.received.map((m) => JSON.parse(m))).toEqual(records);
    await until(() => s.closed === 1);
  });

  it('a sink still delivering after its input ended does not hold up checkpoints of the rest of the job', async () => {
    const slow = await server(undefined, { holdHandshakes: true });
    const feed = await server((socket) => socket.send('{"n":1}'));
    const checked = validateJob({
      format: 'eddy/job@1',
      checkpointing: { intervalMs: 10 },
      nodes: [
        { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3] } },
        { id: 'push', kind: 'sink.websocket', params: { url: slow.url } },
        { id: 'feed', kind: 'source.websocket', params: { url: feed.url } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        // Not chained to its source: the sink's task has an input that ends.
        { from: 'src', to: 'push', partition: 'rebalance' },
        { from: 'feed', to: 'out' },
      ],
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    let completed = 0;
    const run = runInline(planJob(checked.job), {
      io: new MemoryIO(),
      storage: new MemoryCheckpointStorage(),
      clock: 'system',
      onCheckpoint: (stats) => void (stats.status === 'completed' && completed++),
    });
    // The sink's records wait for a handshake the server holds: meanwhile checkpoints complete.
    await until(() => slow.held === 1);
    const before = completed;
    await until(() => completed >= before + 2);
    slow.release();
    await until(() => slow.received.length === 3);
    feed.connections[0]!.close(1000);
    await run;
    expect(slow.received).toEqual(['1', '2', '3']);
  });

  it('fails the job naming the node when the server is gone', async () => {
    const s = await server();
    const url = s.url;
    await s.close();
    servers.length = 0;
    const run = runJob(job([{ id: 'src', kind: 'source.collection', params: { records: [1, 2] } }, { id: 'push', kind: 'sink.websocket', params: { url } }], [{ from: 'src', to: 'push' }]), { clock: 'system' });
    await expect(run).rejects.toThrow(/node "push".*connection to ws:\/\/127\.0\.0\.1:\d+ closed/);
  });
});
