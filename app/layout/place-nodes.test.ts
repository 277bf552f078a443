import { describe, expect, it } from 'vitest';
import { emptyJob } from '../store/job-types';
import { COLUMN_WIDTH, ROW_HEIGHT, depths, placeUnpositioned } from './place-nodes';

const job = {
  ...emptyJob('t'),
  nodes: [
    { id: 'a', kind: 'source.collection' },
    { id: 'b', kind: 'source.collection' },
    { id: 'j', kind: 'join.interval' },
    { id: 's', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'a', to: 'j', toPort: 'in1' },
    { from: 'b', to: 'j', toPort: 'in2' },
    { from: 'j', to: 's' },
  ],
};

describe('placing unplaced nodes', () => {
  it('puts nodes in columns by depth from the sources', () => {
    expect(Object.fromEntries(depths(job))).toEqual({ a: 0, b: 0, j: 1, s: 2 });
    const placed = placeUnpositioned(job);
    expect(placed.layout).toEqual({ a: { x: 0, y: 0 }, b: { x: 0, y: ROW_HEIGHT }, j: { x: COLUMN_WIDTH, y: 0 }, s: { x: 2 * COLUMN_WIDTH, y: 0 } });
  });

  it('keeps the positions a job already has and returns it unchanged when all are placed', () => {
    const placed = placeUnpositioned({ ...job, layout: { j: { x: 7, y: 8 } } });
    expect(placed.layout?.j).toEqual({ x: 7, y: 8 });
    expect(placeUnpositioned(placed)).toBe(placed);
  });

  it('survives a cycle', () => {
    const looped = { ...job, edges: [...job.edges, { from: 's', to: 'j' }] };
    expect(() => placeUnpositioned(looped)).not.toThrow();
  });
});
