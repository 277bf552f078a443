/**
 * A param the validator cannot judge before the run (code that evaluates to no function, an
 * input file that does not exist) fails the job at the start on both hosts with the failure's
 * code and field kept — as a JobError the IDE and CLI mark like a validation error — and no
 * restart (it would fail alike).
 */
import { describe, expect, it } from 'vitest';
import { JobErrorCode } from '../graph/error-codes.js';
import { JobFailure, formatJobError } from '../graph/errors.js';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { runInline } from './inline-recovery.js';
import { MemoryIO } from './memory-io.js';
import { nodeSlotSpawner } from './node/node-slots.js';
import { WorkerJob } from './worker-job.js';

const restartable = { checkpointing: { intervalMs: 50 }, restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 1 } };

function plan(nodes: unknown[], edges: unknown[]) {
  const checked = validateJob({ format: 'eddy/job@1', nodes, edges, ...restartable });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job);
}

const source = { id: 'src', kind: 'source.collection', params: { records: [{ n: 1 }, { n: 2 }] } };
const sink = { id: 'out', kind: 'sink.collect' };

const cases = [
  {
    name: 'a map whose code evaluates to a number',
    plan: () => plan([source, { id: 'm', kind: 'map', params: { code: '42' } }, sink], [{ from: 'src', to: 'm' }, { from: 'm', to: 'out' }]),
    files: {},
    expected: { code: JobErrorCode.InvalidParam, nodeId: 'm', field: 'params.code', message: 'must evaluate to a function, got number' },
  },
  {
    name: 'a process node whose handler lacks onElement',
    plan: () => plan([source, { id: 'p', kind: 'process', params: { code: '({ open() {} })' } }, sink], [{ from: 'src', to: 'p' }, { from: 'p', to: 'out' }]),
    files: {},
    expected: { code: JobErrorCode.InvalidParam, nodeId: 'p', field: 'params.code', message: 'method onElement is missing' },
  },
  {
    name: 'a file source whose file does not exist',
    plan: () => plan([{ id: 'f', kind: 'source.file', params: { path: 'missing.jsonl', format: 'jsonl' } }, sink], [{ from: 'f', to: 'out' }]),
    files: { 'other.jsonl': '{"n":1}\n' },
    expected: { code: JobErrorCode.InvalidParam, nodeId: 'f', field: 'params.path', message: 'cannot read the input file: no such input file: missing.jsonl' },
  },
];

async function failureOf(run: () => Promise<void>): Promise<JobFailure> {
  try {
    await run();
  } catch (e) {
    if (e instanceof JobFailure) return e;
    throw e;
  }
  throw new Error('the job did not fail');
}

describe('a param found wrong at run time keeps its code and field', () => {
  for (const c of cases) {
    it(`on the inline host: ${c.name}`, async () => {
      const restarts: number[] = [];
      const failure = await failureOf(() => runInline(c.plan(), { io: new MemoryIO(c.files), clock: 'virtual', onRestart: (n) => restarts.push(n) }));
      expect(failure.jobError).toEqual(c.expected);
      expect(failure.restartable).toBe(false);
      expect(restarts).toEqual([]);
      expect(formatJobError(failure.jobError!)).toBe(`node "${c.expected.nodeId}", field ${c.expected.field}: ${c.expected.message} [invalid-param]`);
    });

    it(`on the worker host: ${c.name}`, async () => {
      const restarts: number[] = [];
      const job = new WorkerJob(c.plan(), { io: new MemoryIO(c.files), spawner: nodeSlotSpawner, onRestart: (n) => restarts.push(n) });
      const failure = await failureOf(() => job.run());
      expect(failure.jobError).toEqual(c.expected);
      expect(failure.restartable).toBe(false);
      expect(restarts).toEqual([]);
      expect(job.status).toBe('failed');
    });
  }

  it('a failure that is no param\'s has no job error, and restarts', async () => {
    const p = plan([source, { id: 'm', kind: 'map', params: { code: '(r) => { throw new Error("boom") }' } }, sink], [{ from: 'src', to: 'm' }, { from: 'm', to: 'out' }]);
    const restarts: number[] = [];
    const failure = await failureOf(() => runInline(p, { io: new MemoryIO(), clock: 'virtual', onRestart: (n) => restarts.push(n) }));
    expect([failure.param, failure.jobError, failure.restartable, restarts]).toEqual([null, null, true, [1, 2, 3]]);
  });
});
