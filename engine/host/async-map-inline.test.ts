import { describe, expect, it } from 'vitest';
import { JobFailure, runJob } from '../run-job.js';

/** Calls that take a few real milliseconds each, in an order unrelated to the input's. */
const SLOW = `async (r) => {
  const g = (globalThis.__asyncJob ??= { inFlight: 0, max: 0 });
  g.inFlight++;
  g.max = Math.max(g.max, g.inFlight);
  await new Promise((done) => setTimeout(done, (r.n * 7) % 4));
  g.inFlight--;
  return { n: r.n, sq: r.n * r.n };
}`;

function job(asyncParams: Record<string, unknown>, count = 40) {
  const records: unknown[] = [];
  for (let n = 0; n < count; n++) {
    records.push({ n, ts: n * 10 });
    if (n % 10 === 9) records.push({ $watermark: n * 10 });
  }
  return {
    format: 'eddy/job@1',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records, timestampField: 'ts' } },
      { id: 'enrich', kind: 'asyncMap', params: { code: SLOW, timeoutMs: 60_000, ...asyncParams } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'enrich' },
      { from: 'enrich', to: 'out' },
    ],
  };
}

const expected = (count: number) => Array.from({ length: count }, (_, n) => ({ n, sq: n * n }));

describe('asyncMap on the inline host', () => {
  it('ordered: the results in input order, at every parallelism, in virtual and system time', async () => {
    for (const parallelism of [1, 2, 3]) {
      for (const clock of ['virtual', 'system'] as const) {
        const { results } = await runJob(job({ mode: 'ordered' }), { parallelism, clock });
        const values = results.map((r) => r.value);
        // At p > 1 the sink merges subtasks' streams: each subtask's part stays in order.
        if (parallelism === 1) expect(values).toEqual(expected(40));
        else expect([...values].sort((a: any, b: any) => a.n - b.n)).toEqual(expected(40));
      }
    }
  });

  it('unordered: every result once', async () => {
    const { results } = await runJob(job({ mode: 'unordered' }));
    expect(results.map((r) => r.value).sort((a: any, b: any) => a.n - b.n)).toEqual(expected(40));
  });

  it('never has more calls in flight than its capacity: the task stops pulling input', async () => {
    (globalThis as any).__asyncJob = { inFlight: 0, max: 0 };
    await runJob(job({ capacity: 3 }, 60));
    expect((globalThis as any).__asyncJob.max).toBe(3);
  });

  it('fails the job naming the node, the record and the timeout', async () => {
    const never = { code: 'async (r) => (r.n === 2 ? new Promise(() => {}) : r)', timeoutMs: 50 };
    const failure = await runJob(job(never), { clock: 'system' }).catch((e) => e);
    expect(failure).toBeInstanceOf(JobFailure);
    expect(failure.origin.nodeId).toBe('enrich');
    expect(failure.reason).toMatch(/^the async call timed out after 50 ms .* on record \{"n":2,"ts":20\}$/);
  });
});
