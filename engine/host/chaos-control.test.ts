import { describe, expect, it } from 'vitest';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { checkChaosCommand } from './chaos-control.js';

const checked = validateJob({
  format: 'eddy/job@1',
  parallelism: 2,
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 10 } },
    { id: 'k', kind: 'keyBy', params: { field: 'key' } },
    { id: 'm', kind: 'map', params: { code: '(r) => r' } },
  ],
  edges: [
    { from: 'gen', to: 'k' },
    { from: 'k', to: 'm' },
  ],
});
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const plan = planJob(checked.job);

describe('checking a chaos control against the plan', () => {
  it('names the node and the field of what is wrong', () => {
    expect(() => checkChaosCommand(plan, { kind: 'throw-next', nodeId: 'nope' })).toThrow('chaos at node "nope": no such node runs in this job');
    expect(() => checkChaosCommand(plan, { kind: 'throw-next', nodeId: 'k' })).toThrow(/a keyBy runs inside its edge/);
    expect(() => checkChaosCommand(plan, { kind: 'pause-source', nodeId: 'm', seconds: 1, idle: true })).toThrow('chaos at node "m": only a source can be paused or given records (this is a map)');
    expect(() => checkChaosCommand(plan, { kind: 'pause-source', nodeId: 'gen', seconds: 0, idle: false })).toThrow('chaos at node "gen": seconds must be a positive number, got 0');
    expect(() => checkChaosCommand(plan, { kind: 'slow', nodeId: 'm', subtask: 2, delayMs: 5, seconds: 1 })).toThrow('chaos at node "m": subtask must be 0…1, got 2');
    expect(() => checkChaosCommand(plan, { kind: 'inject-record', nodeId: 'gen', value: 1, timestamp: Number.NaN })).toThrow(/event time must be a number/);
  });

  it('lets a well-formed control through', () => {
    expect(() => checkChaosCommand(plan, { kind: 'slow', nodeId: 'm', subtask: 1, delayMs: 5, seconds: 1 })).not.toThrow();
    expect(() => checkChaosCommand(plan, { kind: 'inject-record', nodeId: 'gen', value: { a: 1 }, timestamp: -5 })).not.toThrow();
  });
});
