import { afterEach, describe, expect, it } from 'vitest';
import { validateJob } from '../graph/validate.js';
import { InlineJob } from '../host/inline-host.js';
import { MemoryCheckpointStorage } from '../checkpoint/storage.js';
import { runInline } from '../host/inline-recovery.js';
import { MemoryIO } from '../host/memory-io.js';
import { planJob } from '../plan/plan-job.js';
import { runJob } from '../run-job.js';
import { type TestSseServer, startSseServer } from '../testing/live-servers.js';
import { until } from '../testing/until.js';
import { OperatorHarness } from './harness.js';
import { type SourceOperator, SourceStatus } from './operator.js';
import { SseSource } from './source-sse.js';
import { type SseEvent, SseParser } from './sse-reader.js';

const servers: TestSseServer[] = [];
async function server(onRequest: Parameters<typeof startSseServer>[0]) {
  const s = await startSseServer(onRequest);
  servers.push(s);
  return s;
}
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const job = (nodes: unknown[], edges: unknown[]) => ({ format: 'eddy/job@1', nodes, edges });

describe('SseParser', () => {
  it("follows the standard's event stream format however the text is split", () => {
    const text = ': comment\r\nid: 1\r\ndata: {"a":1}\r\n\r\nevent: ping\ndata: x\n\nid: 2\ndata:{"a":2}\ndata: {"a":3}\rretry: 250\r\r\nid\ndata\n\n';
    for (const size of [1, 2, 3, text.length]) {
      const events: SseEvent[] = [];
      const p = new SseParser((e) => events.push(e));
      for (let i = 0; i < text.length; i += size) p.feed(text.slice(i, i + size));
      expect(events).toEqual([
        { type: 'message', data: '{"a":1}', lastEventId: '1' },
        { type: 'ping', data: 'x', lastEventId: '1' },
        { type: 'message', data: '{"a":2}\n{"a":3}', lastEventId: '2' },
        { type: 'message', data: '', lastEventId: '' },
      ]);
      expect(p.retryMs).toBe(250);
    }
  });
});

describe('source.sse against a real HTTP server', () => {
  it('reads the data lines of message events, sends malformed lines to "errors", and ends when the server ends the stream', async () => {
    const s = await server((res) => {
      res.write('id: 1\ndata: {"n":1}\n\n');
      res.write('event: other\ndata: {"n":99}\n\n');
      res.write('id: 2\ndata: {"n":2}\ndata: nope\n\n');
      res.end('id: 3\ndata: {"n":3}\n\n');
    });
    const result = await runJob(
      job(
        [
          { id: 'sse', kind: 'source.sse', params: { url: s.url } },
          { id: 'out', kind: 'sink.collect' },
          { id: 'bad', kind: 'sink.collect' },
        ],
        [
          { from: 'sse', to: 'out' },
          { from: 'sse', fromPort: 'errors', to: 'bad' },
        ],
      ),
      { clock: 'system' },
    );
    expect(result.results.filter((r) => r.sink === 'out').map((r) => r.value)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(result.results.filter((r) => r.sink === 'bad').map((r) => r.value)).toEqual([expect.objectContaining({ message: 2, line: 2, text: 'nope' })]);
    expect(s.lastEventIds).toEqual(['']);
  });

  it('fails the job naming the node and the URL when it cannot connect', async () => {
    const s = await server((res) => res.end());
    const url = s.url.replace('/events', '/missing');
    await s.close();
    servers.length = 0;
    const run = runJob(job([{ id: 'feed', kind: 'source.sse', params: { url } }, { id: 'out', kind: 'sink.collect' }], [{ from: 'feed', to: 'out' }]), { clock: 'system' });
    await expect(run).rejects.toThrow(/node "feed".*could not connect to http:\/\/127\.0\.0\.1/);
  });

  it('stops cleanly on cancel: the response is closed', async () => {
    const s = await server((res) => res.write('data: {"n":1}\n\n'));
    const checked = validateJob(job([{ id: 'sse', kind: 'source.sse', params: { url: s.url } }, { id: 'out', kind: 'sink.collect' }], [{ from: 'sse', to: 'out' }]));
    if (!checked.ok) throw new Error('invalid');
    const io = new MemoryIO();
    const inline = new InlineJob(planJob(checked.job), { io, clock: 'system' });
    const done = inline.run();
    await until(() => io.collected.length === 1);
    inline.cancel();
    await done;
    expect(inline.status).toBe('canceled');
    await until(() => s.closed === 1);
  });

  it('with reconnect, connects again sending the last event ID', async () => {
    const s = await server((res, i) => {
      res.end(i === 0 ? 'retry: 1\nid: a\ndata: {"n":1}\n\n' : 'id: b\ndata: {"n":2}\n\n');
    });
    const checked = validateJob(job([{ id: 'sse', kind: 'source.sse', params: { url: s.url, reconnect: true } }, { id: 'out', kind: 'sink.collect' }], [{ from: 'sse', to: 'out' }]));
    if (!checked.ok) throw new Error('invalid');
    const io = new MemoryIO();
    const inline = new InlineJob(planJob(checked.job), { io, clock: 'system' });
    const done = inline.run();
    await until(() => io.collected.length >= 2);
    inline.cancel();
    await done;
    expect(io.collected.slice(0, 2).map((r) => r.value)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(s.lastEventIds.slice(0, 2)).toEqual(['', 'a']);
  });

  it('recovers a failed job exactly-once: the restored source resumes with Last-Event-ID from its checkpoint', async () => {
    // Events of two records each, so checkpoints may fall inside an event.
    const events = Array.from({ length: 100 }, (_, i) => ({ id: String(i + 1), lines: [{ seq: 2 * i + 1 }, { seq: 2 * i + 2 }] }));
    const write = (res: { write(t: string): void }, from: number, to: number) => {
      for (const e of events.slice(from, to)) res.write(`id: ${e.id}\n${e.lines.map((l) => `data: ${JSON.stringify(l)}\n`).join('')}\n`);
    };
    // The first request gets the first half and stays open; a resumed one gets the rest, then the end.
    const s = await server((res, i, req) => {
      if (i === 0) return write(res, 0, 50);
      write(res, Number(req.headers['last-event-id'] ?? 0), events.length);
      res.end();
    });
    const checked = validateJob({
      format: 'eddy/job@1',
      checkpointing: { intervalMs: 20 },
      restart: { strategy: 'fixed-delay', attempts: 2, delayMs: 1 },
      nodes: [
        { id: 'sse', kind: 'source.sse', params: { url: s.url } },
        { id: 'm', kind: 'map', params: { code: '(r) => r' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'sse', to: 'm' },
        { from: 'm', to: 'out' },
      ],
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const io = new MemoryIO();
    let attempt: InlineJob | null = null;
    let failed = false;
    await runInline(planJob(checked.job), {
      io,
      storage: new MemoryCheckpointStorage(),
      clock: 'system',
      onAttempt: (j: InlineJob) => (attempt = j),
      onCheckpoint: (stats) => {
        if (failed || stats.status !== 'completed' || attempt === null || io.collected.length === 0) return;
        failed = true;
        attempt.injectFailure('m', 'injected');
      },
    });
    expect(failed).toBe(true);
    expect(s.lastEventIds).toHaveLength(2);
    expect(s.lastEventIds[1]).not.toBe('');
    expect(io.collected.map((r) => r.value)).toEqual(events.flatMap((e) => e.lines));
  });

  it('checkpoints the event ID and resumes with Last-Event-ID after a restore, mid-event too: no line lost or repeated', async () => {
    const events = [
      { id: '1', lines: ['{"n":1}'] },
      { id: '2', lines: ['{"n":2}', '{"n":3}', '{"n":4}'] },
      { id: '3', lines: ['{"n":5}'] },
    ];
    // A server honouring Last-Event-ID: it sends the events after that ID.
    const s = await server((res, _i, req) => {
      const after = String(req.headers['last-event-id'] ?? '');
      const from = after === '' ? 0 : events.findIndex((e) => e.id === after) + 1;
      for (const e of events.slice(from)) res.write(`id: ${e.id}\n${e.lines.map((l) => `data: ${l}\n`).join('')}\n`);
    });
    const params = { url: s.url, format: 'jsonl', event: 'message' };
    const all: unknown[] = [];
    let snapshot = undefined as ReturnType<OperatorHarness['snapshot']> | undefined;
    // Cut after 3 records (inside event 2), then after 2 more (event 2 done), then read to the end.
    for (const take of [3, 1, 1]) {
      const h = new OperatorHarness(new SseSource(), { kind: 'source.sse', nodeId: 'sse', params });
      if (snapshot) h.restore(snapshot);
      const source = h.operator as SourceOperator;
      await until(() => {
        while (h.records().length < take && source.emitNext() === SourceStatus.MORE);
        return h.records().length === take;
      });
      snapshot = h.snapshot();
      h.operator.close();
      all.push(...h.records());
    }
    expect(all).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
    expect(s.lastEventIds).toEqual(['', '1', '2']);
    expect(snapshot!.operator).toEqual({ message: 3, resumeId: '3' });
  });

  /** Reads `take` records from a new source (restored from `snapshot` if given); returns them and its snapshot. */
  async function readSome(params: Record<string, unknown>, take: number, snapshot?: ReturnType<OperatorHarness['snapshot']>) {
    const h = new OperatorHarness(new SseSource(), { kind: 'source.sse', nodeId: 'sse', params });
    if (snapshot) h.restore(snapshot);
    const source = h.operator as SourceOperator;
    await until(() => {
      while (h.records().length < take && source.emitNext() === SourceStatus.MORE);
      return h.records().length === take;
    });
    const after = h.snapshot();
    h.operator.close();
    return { records: h.records(), snapshot: after };
  }

  it('without event IDs, a restore cut inside a multi-line event resumes at the next event boundary: the next event is emitted whole', async () => {
    // A live server without IDs: each connection gets what it sends from then on.
    const s = await server((res, i) => {
      if (i === 0) res.write('data: {"n":1}\n\ndata: {"n":2}\ndata: {"n":3}\ndata: {"n":4}\n\n');
      else res.write('data: {"n":10}\ndata: {"n":11}\ndata: {"n":12}\n\n');
    });
    const params = { url: s.url, format: 'jsonl' };
    // Cut after 2 records: inside the second event, which the server will not send again.
    const first = await readSome(params, 2);
    expect(first.records).toEqual([{ n: 1 }, { n: 2 }]);
    expect(first.snapshot.operator).toEqual({ message: 1, resumeId: '', skipLines: 1 });
    const second = await readSome(params, 3, first.snapshot);
    // Not [{n:11},{n:12}]: the cut event's line count is not applied to another event.
    expect(second.records).toEqual([{ n: 10 }, { n: 11 }, { n: 12 }]);
    expect(s.lastEventIds).toEqual(['', '']);
  });

  it('with event IDs, lines are skipped only in the event that was cut: another event first (a server that cannot replay) is emitted whole', async () => {
    const s = await server((res, i) => {
      if (i === 0) res.write('id: 1\ndata: {"n":1}\n\nid: 2\ndata: {"n":2}\ndata: {"n":3}\n\n');
      else res.write('id: 7\ndata: {"n":70}\ndata: {"n":71}\n\nid: 2\ndata: {"n":2}\ndata: {"n":3}\n\n');
    });
    const params = { url: s.url, format: 'jsonl' };
    const first = await readSome(params, 2);
    expect(first.snapshot.operator).toEqual({ message: 1, resumeId: '1', skipLines: 1, skipId: '2' });
    const second = await readSome(params, 4, first.snapshot);
    expect(second.records).toEqual([{ n: 70 }, { n: 71 }, { n: 2 }, { n: 3 }]);
    expect(s.lastEventIds).toEqual(['', '1']);
  });
});
