/**
 * The CEP events of a trace (docs/trace.md): a record buffered until the watermark passes it
 * (`cep.buffer`), the key's partial matches after the matcher ran (`cep.partial`, the NFA's
 * state the lab shows while stepping), a match and a timeout with their cause, and a late record.
 */
import { describe, expect, it } from 'vitest';
import { traceJob } from './trace-job.js';

const job = {
  format: 'eddy/job@1',
  nodes: [
    {
      id: 'src',
      kind: 'source.collection',
      params: {
        timestampField: 'ts',
        records: [
          { u: 'x', ok: false, ts: 1 },
          { $watermark: 1 },
          { u: 'x', ok: false, ts: 2 },
          { $watermark: 2 },
          { u: 'x', ok: true, ts: 3 },
          { u: 'y', ok: false, ts: 4 },
          { $watermark: 4 },
          { u: 'y', ok: true, ts: 1 },
        ],
      },
    },
    { id: 'by', kind: 'keyBy', params: { field: 'u' } },
    {
      id: 'cep',
      kind: 'cep.pattern',
      params: {
        pattern: [
          { name: 'fail', type: 'begin', where: '(e) => !e.ok', oneOrMore: true, consecutive: true },
          { name: 'ok', type: 'next', where: '(e) => e.ok' },
        ],
        withinMs: 100,
        afterMatchSkip: 'skipPastLastEvent',
        select: '(m, ctx) => ctx.key + ":" + m.fail.length',
        timeoutOutput: 'timeouts',
      },
    },
    { id: 'out', kind: 'sink.collect' },
    { id: 'to', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'by' },
    { from: 'by', to: 'cep' },
    { from: 'cep', to: 'out' },
    { from: 'cep', fromPort: 'timeouts', to: 'to' },
  ],
};

describe('CEP trace events', () => {
  const { steps } = traceJob(job);
  const events = steps.flatMap((s) => s.events.filter((e) => e.type.startsWith('cep.') || e.type.startsWith('late.'))) as Array<Record<string, any>>;

  it('shows each record buffered, then the partial matches after the watermark passed it', () => {
    expect(events.filter((e) => e.type === 'cep.buffer').map((e) => [e.key, e.ts])).toEqual([
      ['x', 1],
      ['x', 2],
      ['x', 3],
      ['y', 4],
    ]);
    const partials = events.filter((e) => e.type === 'cep.partial' && e.key === 'x').map((e) => e.partial);
    // After the watermark 1: one partial match waiting in "fail" with [x@1].
    expect(partials[0]).toEqual([{ stage: 'fail', start: 1, match: { fail: [{ u: 'x', ok: false, ts: 1 }] } }]);
    // After 2: the run [1, 2] and the one starting at 2.
    expect(partials[1]).toEqual([
      { stage: 'fail', start: 1, match: { fail: [{ u: 'x', ok: false, ts: 1 }, { u: 'x', ok: false, ts: 2 }] } },
      { stage: 'fail', start: 2, match: { fail: [{ u: 'x', ok: false, ts: 2 }] } },
    ]);
  });

  it('shows the match with its result and cause, the timeout, and the late record', () => {
    const match = events.find((e) => e.type === 'cep.match')!;
    expect(match).toMatchObject({ key: 'x', result: 'x:2', ts: 3, match: { fail: [{ ts: 1 }, { ts: 2 }], ok: [{ ts: 3 }] } });
    // The watermark that completed it came from the source's marker at offset 6.
    expect(match.cause).toEqual({ node: 'src', offset: 6 });
    expect(events.filter((e) => e.type === 'cep.timeout').map((e) => [e.key, e.ts, e.result])).toEqual([['y', 104, { fail: [{ u: 'y', ok: false, ts: 4 }] }]]);
    expect(events.filter((e) => e.type === 'late.dropped').map((e) => [e.key, e.ts])).toEqual([['y', 1]]);
  });
});
