/**
 * Job errors carry the published codes only (`JobErrorCode`): the type says so, and the errors
 * that validation and the lab's stepping report are members of the union at run time.
 */
import { describe, expect, it } from 'vitest';
import { JobValidationError } from '../run-job.js';
import { planForTrace } from '../trace/trace-job.js';
import { JobErrorCode } from './error-codes.js';
import type { JobError } from './errors.js';
import { validateJob } from './validate.js';

const published = new Set<string>(Object.values(JobErrorCode));

const src = { id: 'src', kind: 'source.collection', params: { records: [{ k: 'a', v: 1, ts: 1 }], timestampField: 'ts' } };
const sink = { id: 'out', kind: 'sink.collect' };
const job = (nodes: unknown[], edges: unknown[], extra: object = {}) => ({ format: 'eddy/job@1', nodes, edges, ...extra });

describe('JobError.code', () => {
  it('is typed as the union of published codes', () => {
    // @ts-expect-error: a code outside JobErrorCode does not typecheck
    const unknownCode: JobError = { code: 'no-such-code', message: 'not a published code' };
    const known: JobError = { code: JobErrorCode.Cycle, message: 'a published code' };
    expect([published.has(unknownCode.code), published.has(known.code)]).toEqual([false, true]);
  });

  it('validation of broken documents reports published codes only', () => {
    const broken: unknown[] = [
      null,
      {},
      job([src, { id: 'm', kind: 'map', params: { code: '(r) => ' } }, sink], [{ from: 'src', to: 'm' }, { from: 'm', to: 'out' }]),
      job([src, { id: 'x', kind: 'no-such-kind' }, sink], [{ from: 'src', to: 'x' }, { from: 'x', to: 'out' }]),
      job([src, { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: -1 } } }, sink], [{ from: 'src', to: 'w' }, { from: 'w', to: 'out' }]),
      job([src, { id: 'src', kind: 'map', params: { code: '(r) => r' } }, sink], [{ from: 'src', to: 'gone' }]),
      job([src, { id: 'j', kind: 'join.interval', params: { lowerMs: 5, upperMs: 1, leftKey: 'k', rightKey: 'k', code: '(l, r) => l' } }, sink], [{ from: 'src', to: 'j' }, { from: 'j', to: 'out' }]),
      job([src, sink], [{ from: 'src', to: 'out' }], { parallelism: 0, extra: true }),
    ];
    const seen = new Set<string>();
    for (const doc of broken) {
      const r = validateJob(doc);
      expect(r.ok, JSON.stringify(doc)).toBe(false);
      if (r.ok) continue;
      for (const e of r.errors) {
        seen.add(e.code);
        expect(published, `${e.code}: ${e.message}`).toContain(e.code);
      }
    }
    expect(seen.size).toBeGreaterThan(5);
  });

  it('the lab refuses a live source with the published not-traceable code', () => {
    const live = job([{ id: 'ws', kind: 'source.websocket', params: { url: 'ws://localhost:1/' } }, sink], [{ from: 'ws', to: 'out' }]);
    let error: unknown;
    try {
      planForTrace(live);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobValidationError);
    expect((error as JobValidationError).errors.map((e) => e.code)).toEqual([JobErrorCode.NotTraceable]);
  });
});
