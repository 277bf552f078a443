import { describe, expect, it } from 'vitest';
import { edgeIdsOf } from './graph-ops';
import { type EditableJob, emptyJob } from './job-types';
import { tapRows, tapTargetOf } from './tap-view';

const JOB: EditableJob = {
  ...emptyJob('t'),
  nodes: [
    { id: 'p', kind: 'process' },
    { id: 'a', kind: 'sink.collect' },
    { id: 'b', kind: 'sink.collect' },
    { id: 'c', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'p', to: 'a' },
    { from: 'p', to: 'b' },
    { from: 'p', fromPort: 'late', to: 'c' },
  ],
};

describe('tap view', () => {
  it('names an edge by its ends, its side-output port, and the edges that share its port', () => {
    const [pa, , pc] = edgeIdsOf(JOB.edges);
    expect(tapTargetOf(JOB, pa!)).toEqual({ points: [{ nodeId: 'p', port: 'out' }], label: 'p → a', sharedWith: 1 });
    expect(tapTargetOf(JOB, pc!)).toEqual({ points: [{ nodeId: 'p', port: 'late' }], label: 'p.late → c', sharedWith: 0 });
    expect(tapTargetOf(JOB, 'nope')).toBeNull();
  });

  it('lists records subtask by subtask, newest first, numbered since the tap started', () => {
    const rows = tapRows({
      subtasks: [
        { nodeId: 'p', port: 'out', subtask: 0, count: 7, values: [{ x: 5 }, { x: 6 }], timestamps: [50, null] },
        { nodeId: 'p', port: 'out', subtask: 1, count: 1, values: ['s'], timestamps: [3] },
      ],
    });
    expect(rows.map(({ subtask, seq, timestamp, json }) => [subtask, seq, timestamp, json])).toEqual([
      [0, 7, null, '{"x":6}'],
      [0, 6, 50, '{"x":5}'],
      [1, 1, 3, '"s"'],
    ]);
  });
});
