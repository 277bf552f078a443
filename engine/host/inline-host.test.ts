import { describe, expect, it } from 'vitest';
import { JobFailure } from '../graph/errors.js';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { runJob } from '../run-job.js';
import { InlineJob } from './inline-host.js';
import { MemoryIO } from './memory-io.js';

const doc = (nodes: unknown[], edges: unknown[], extra: Record<string, unknown> = {}) => ({ format: 'eddy/job@1', nodes, edges, ...extra });
const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));
const values = (r: { results: readonly { value: unknown }[] }) => r.results.map((x) => x.value);
const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

const clicks = [
  { user: 'ann', ts: 1_000 },
  { user: 'bob', ts: 2_000 },
  { user: 'ann', ts: 4_999 },
  { user: 'ann', ts: 5_000 },
  { user: 'bob', ts: 9_000 },
  { user: 'cid', ts: 12_000 },
];

const clicksPerUser = doc(
  [
    { id: 'src', kind: 'source.collection', params: { records: clicks, timestampField: 'ts' } },
    { id: 'by-user', kind: 'keyBy', params: { field: 'user' } },
    { id: 'count', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 5000 }, function: { type: 'aggregate', fn: 'count' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  chain('src', 'by-user', 'count', 'out'),
);

describe('inline host', () => {
  it('runs a chained stateless pipeline in order', async () => {
    const r = await runJob(
      doc(
        [
          { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3, 4, 5, 6] } },
          { id: 'double', kind: 'map', params: { code: '(n) => n * 2' } },
          { id: 'big', kind: 'filter', params: { code: '(n) => n > 4' } },
          { id: 'out', kind: 'sink.collect' },
        ],
        chain('src', 'double', 'big', 'out'),
      ),
    );
    expect(values(r)).toEqual([6, 8, 10, 12]);
    expect(r.results.every((x) => x.sink === 'out')).toBe(true);
  });

  it('never mutates the job document, even when a function mutates its input', async () => {
    const job = doc(
      [
        { id: 'src', kind: 'source.collection', params: { records: [{ n: 1 }, { n: 2 }] } },
        { id: 'bump', kind: 'map', params: { code: '(r) => { r.n += 10; return r; }' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      chain('src', 'bump', 'out'),
    );
    const before = JSON.stringify(job);
    expect(values(await runJob(job))).toEqual([{ n: 11 }, { n: 12 }]);
    expect(values(await runJob(job))).toEqual([{ n: 11 }, { n: 12 }]);
    expect(JSON.stringify(job)).toBe(before);
  });

  it('counts clicks per user per tumbling window, firing every window at the end of input', async () => {
    const r = await runJob(clicksPerUser);
    expect(values(r)).toEqual([
      { key: 'ann', windowStart: 0, windowEnd: 5000, value: 2 },
      { key: 'bob', windowStart: 0, windowEnd: 5000, value: 1 },
      { key: 'ann', windowStart: 5000, windowEnd: 10000, value: 1 },
      { key: 'bob', windowStart: 5000, windowEnd: 10000, value: 1 },
      { key: 'cid', windowStart: 10000, windowEnd: 15000, value: 1 },
    ]);
  });

  it('gives the same results at parallelism 1, 2 and 4', async () => {
    const job = doc(
      [
        { id: 'gen', kind: 'source.datagen', params: { count: 5000, seed: 7, keys: 13, startTs: 0, stepMs: 10, maxOutOfOrdernessMs: 50 } },
        { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 50, intervalMs: 0 } },
        { id: 'k', kind: 'keyBy', params: { field: 'key' } },
        { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'sum', field: 'value' } } },
        { id: 'out', kind: 'sink.collect' },
      ],
      chain('gen', 'wm', 'k', 'w', 'out'),
    );
    const p1 = sorted(values(await runJob(job, { parallelism: 1 })));
    expect(p1.length).toBeGreaterThan(13 * 40);
    expect(sorted(values(await runJob(job, { parallelism: 2 })))).toEqual(p1);
    expect(sorted(values(await runJob(job, { parallelism: 4 })))).toEqual(p1);
  });

  it('holds back a union’s watermark to the slower input', async () => {
    // Input a races to 10 s, input b stays at 1 s until it ends: the window [0, 5000) of key x
    // must wait for b, so b's record at 4000 still counts.
    const r = await runJob(
      doc(
        [
          { id: 'a', kind: 'source.collection', params: { timestampField: 't', records: [{ k: 'x', t: 100 }, { $watermark: 10_000 }] } },
          { id: 'b', kind: 'source.collection', params: { timestampField: 't', records: [{ $watermark: 1_000 }, { k: 'x', t: 4_000 }] } },
          { id: 'u', kind: 'union' },
          { id: 'k', kind: 'keyBy', params: { field: 'k' } },
          { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 5000 }, function: { type: 'aggregate', fn: 'count' } } },
          { id: 'out', kind: 'sink.collect' },
        ],
        [{ from: 'a', to: 'u' }, { from: 'b', to: 'u' }, ...chain('u', 'k', 'w', 'out')],
      ),
    );
    expect(values(r)).toEqual([{ key: 'x', windowStart: 0, windowEnd: 5000, value: 2 }]);
  });

  it('routes a window’s late records through its side output to a sink', async () => {
    const r = await runJob(
      doc(
        [
          { id: 'src', kind: 'source.collection', params: { timestampField: 't', records: [{ k: 'x', t: 1000 }, { $watermark: 6000 }, { k: 'x', t: 2000 }, { k: 'x', t: 7000 }] } },
          { id: 'k', kind: 'keyBy', params: { field: 'k' } },
          { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 5000 }, lateOutput: 'late', function: { type: 'aggregate', fn: 'count' } } },
          { id: 'out', kind: 'sink.collect' },
          { id: 'late', kind: 'sink.collect' },
        ],
        [...chain('src', 'k', 'w', 'out'), { from: 'w', fromPort: 'late', to: 'late' }],
      ),
    );
    expect(r.results).toEqual([
      { sink: 'out', value: { key: 'x', windowStart: 0, windowEnd: 5000, value: 1 } },
      { sink: 'late', value: { k: 'x', t: 2000 } },
      { sink: 'out', value: { key: 'x', windowStart: 5000, windowEnd: 10000, value: 1 } },
    ]);
  });

  it('fails the job naming the node whose function threw, and its message', async () => {
    const job = doc(
      [
        { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3] } },
        { id: 'ok', kind: 'map', params: { code: '(n) => n' } },
        { id: 'boom', kind: 'map', params: { code: "(n) => { if (n === 2) throw new Error('no twos'); return n; }" } },
        { id: 'out', kind: 'sink.collect' },
      ],
      chain('src', 'ok', 'boom', 'out'),
    );
    const failure = await runJob(job).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(JobFailure);
    expect(failure).toMatchObject({ origin: { kind: 'node', nodeId: 'boom', subtask: 0 }, reason: 'no twos' });
  });

  it('blames the keyBy node when its key function throws', async () => {
    const job = doc(
      [
        { id: 'src', kind: 'source.collection', params: { records: [{ a: 1 }, null] } },
        { id: 'key', kind: 'keyBy', params: { code: '(r) => r.a' } },
        { id: 'sum', kind: 'reduce', params: { code: '(x, y) => x' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      chain('src', 'key', 'sum', 'out'),
    );
    await expect(runJob(job)).rejects.toMatchObject({ nodeId: 'key' });
  });

  it('steps one record or event at a time and ends with the same results as a run', async () => {
    const stepped = doc(
      [
        {
          id: 'src',
          kind: 'source.collection',
          params: { timestampField: 'ts', records: [clicks[0], clicks[1], { $watermark: 4999 }, clicks[3], { $watermark: 9999 }, clicks[5]] },
        },
        ...clicksPerUser.nodes.slice(1),
      ],
      clicksPerUser.edges,
    );
    const checked = validateJob(stepped);
    if (!checked.ok) throw new Error('invalid');
    const io = new MemoryIO();
    const job = new InlineJob(planJob(checked.job), { io, clock: 'virtual', batchSize: 1 });
    let steps = 0;
    const seenAfter: number[] = [];
    while (job.stepOnce()) {
      steps++;
      seenAfter.push(io.collected.length);
    }
    expect(job.status).toBe('finished');
    expect(io.collected.map((c) => c.value)).toEqual(values(await runJob(stepped)));
    // Each watermark fires its windows in its own step: 0, then 2, 3 and 4 results.
    expect([...new Set(seenAfter)]).toEqual([0, 2, 3, 4]);
    expect(steps).toBeGreaterThan(6);
  });

  it('keeps channel backlogs bounded when a source outpaces its consumer', async () => {
    const checked = validateJob(
      doc(
        [
          { id: 'gen', kind: 'source.datagen', params: { count: 200_000, keys: 5 } },
          { id: 'k', kind: 'keyBy', params: { field: 'key' } },
          { id: 'agg', kind: 'aggregate', params: { fn: 'count' } },
          { id: 'out', kind: 'sink.collect' },
        ],
        chain('gen', 'k', 'agg', 'out'),
      ),
    );
    if (!checked.ok) throw new Error('invalid');
    let maxBacklog = 0;
    const job = new InlineJob(planJob(checked.job, { parallelism: 2 }), { io: new MemoryIO(), clock: 'virtual', batchSize: 256, channelCapacity: 2 });
    const channels = job.channels();
    job.start();
    while (job.runRound() !== 'finished') for (const ch of channels) maxBacklog = Math.max(maxBacklog, ch.backlog);
    // Capacity 2 plus the events (watermark, end) a finishing task may add past its credit.
    expect(maxBacklog).toBeLessThanOrEqual(4);
  });

  it('fires processing-time windows on the virtual clock of a rate-limited source', async () => {
    const r = await runJob(
      doc(
        [
          { id: 'src', kind: 'source.collection', params: { ratePerSec: 10, records: Array.from({ length: 20 }, (_, i) => ({ k: 'a', i })) } },
          { id: 'k', kind: 'keyBy', params: { field: 'k' } },
          { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000, time: 'processing' }, function: { type: 'aggregate', fn: 'count' } } },
          { id: 'out', kind: 'sink.collect' },
        ],
        chain('src', 'k', 'w', 'out'),
      ),
      { clock: 'virtual' },
    );
    // 10 records per second of virtual time: every full second holds 10 records.
    const counts = values(r).map((v) => (v as { value: number }).value);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10);
    expect(counts.every((c) => c <= 10)).toBe(true);
  });

  it('lets an idle input stop holding back the watermark of a union (idleness)', async () => {
    const job = (idleTimeoutMs?: number) =>
      doc(
        [
          { id: 'fast', kind: 'source.collection', params: { ratePerSec: 10, timestampField: 't', records: Array.from({ length: 20 }, (_, i) => ({ k: 'x', t: i * 1000 })) } },
          { id: 'fast-wm', kind: 'watermarks', params: { timestampField: 't', intervalMs: 0 } },
          // One early record, then nothing for 10 s of processing time.
          { id: 'slow', kind: 'source.collection', params: { ratePerSec: 0.1, timestampField: 't', records: [{ k: 'x', t: 0 }, { k: 'x', t: 30_000 }] } },
          { id: 'slow-wm', kind: 'watermarks', params: { timestampField: 't', intervalMs: 100, ...(idleTimeoutMs ? { idleTimeoutMs } : {}) } },
          { id: 'u', kind: 'union' },
          { id: 'k', kind: 'keyBy', params: { field: 'k' } },
          {
            id: 'w',
            kind: 'window',
            params: { assigner: { type: 'tumbling', sizeMs: 5000 }, function: { type: 'process', code: '(key, w, els, ctx) => ({ start: w.start, n: els.length, firedAt: ctx.currentProcessingTime() })' } },
          },
          { id: 'out', kind: 'sink.collect' },
        ],
        [...chain('fast', 'fast-wm', 'u'), ...chain('slow', 'slow-wm', 'u'), ...chain('u', 'k', 'w', 'out')],
      );
    const firstFiring = async (idle?: number) => (values(await runJob(job(idle), { clock: 'virtual' }))[0] as { start: number; n: number; firedAt: number });
    // Without idleness the slow input holds window [0, 5000) until its next record at 10 s.
    expect(await firstFiring()).toMatchObject({ start: 0, n: 6 });
    expect((await firstFiring()).firedAt).toBeGreaterThanOrEqual(10_000);
    // With idleness it goes idle after 1 s, and the fast input alone fires the window.
    const idle = await firstFiring(1000);
    expect(idle).toMatchObject({ start: 0, n: 6 });
    expect(idle.firedAt).toBeLessThan(2000);
  });
});
