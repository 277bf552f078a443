/**
 * How a failed run reaches the IDE: `failedOutcome` keeps the node, the crashed slot and — when a
 * param of the node proved wrong as it started — that param as validation names a problem, so
 * the store can mark the field.
 */
import { describe, expect, it } from 'vitest';
import { InlineJob, JobFailure, MemoryIO, planJob, validateJob } from '../../engine/index';
import { failedOutcome } from './engine-client';

async function failureOf(nodes: unknown[], edges: unknown[]): Promise<unknown> {
  const checked = validateJob({ format: 'eddy/job@1', nodes, edges });
  // The validator passes the job: only starting the node shows what is wrong.
  expect(checked.ok).toBe(true);
  if (!checked.ok) return null;
  try {
    await new InlineJob(planJob(checked.job), { io: new MemoryIO(), clock: 'virtual' }).run();
  } catch (e) {
    return e;
  }
  throw new Error('the job did not fail');
}

const source = { id: 'src', kind: 'source.collection', params: { records: [1, 2] } };
const sink = { id: 'out', kind: 'sink.collect' };

describe('the outcome of a failed run', () => {
  it('carries the param a process node found wrong as it started: its code, node, field and message', async () => {
    const error = await failureOf([source, { id: 'p', kind: 'process', params: { code: '({})' } }, sink], [{ from: 'src', to: 'p' }, { from: 'p', to: 'out' }]);
    const outcome = failedOutcome(error, []);
    expect(outcome).toMatchObject({ status: 'failed', nodeId: 'p', message: 'process node "p", params.code: method onElement is missing' });
    expect(outcome.param).toEqual({ code: 'invalid-param', nodeId: 'p', field: 'params.code', message: 'method onElement is missing' });
  });

  it('has no param when a function threw', async () => {
    const error = await failureOf([source, { id: 'm', kind: 'map', params: { code: '() => { throw new Error("boom") }' } }, sink], [{ from: 'src', to: 'm' }, { from: 'm', to: 'out' }]);
    const outcome = failedOutcome(error, []);
    expect(outcome).toMatchObject({ status: 'failed', nodeId: 'm' });
    expect(outcome.message).toMatch(/boom/);
    expect('param' in outcome).toBe(false);
  });

  it('names a crashed slot, and keeps the message of anything that is no JobFailure', () => {
    expect(failedOutcome(JobFailure.slotCrashed(1, 'slot worker 1 crashed: killed'), [])).toEqual({ status: 'failed', nodeId: null, crashedSlot: 1, message: 'slot worker 1 crashed: killed', slots: [] });
    expect(failedOutcome(new Error('no storage'), [])).toEqual({ status: 'failed', nodeId: null, message: 'no storage', slots: [] });
  });
});
