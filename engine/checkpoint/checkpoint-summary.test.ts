import { describe, expect, it } from 'vitest';
import { summarize } from './checkpoint-summary.js';
import { editSavepoint } from './state-edit.js';
import { packCheckpoint, stateWorld, worldCheckpoint } from './state-world.js';

describe('a stored checkpoint summary', () => {
  it('is aligned (no in-flight records) when no subtask recorded channel state', () => {
    const s = summarize(worldCheckpoint(1, stateWorld()));
    expect(s.error).toBeUndefined();
    expect(s.inFlightRecords).toBeUndefined();
  });

  it('counts the records an unaligned checkpoint caught in flight, over subtasks, inputs and outputs', () => {
    const cp = packCheckpoint(3, {
      x: [
        { channels: { inputs: [{ input: 0, values: [1, 2], timestamps: [1, 1] }] } },
        { channels: { outputs: [{ node: 'x', edge: 0, values: ['a'], timestamps: [2] }] } },
      ],
      y: [{ channels: { inputs: [] } }],
    });
    expect(summarize(cp).inFlightRecords).toBe(3);
    // Channel state with nothing in it is still an unaligned checkpoint.
    expect(summarize(packCheckpoint(4, { y: [{ channels: { inputs: [] } }] })).inFlightRecords).toBe(0);
  });

  it('carries the alignment time per task; a checkpoint stored before it was recorded, or an edited savepoint, has none', () => {
    const cp = worldCheckpoint(1, stateWorld());
    expect(summarize(cp).alignmentMs).toBeUndefined();
    const timed = { ...cp, metadata: { ...cp.metadata, alignmentMs: { 'p#0': 0, 'p#1': 42 } } };
    expect(summarize(timed).alignmentMs).toEqual({ 'p#0': 0, 'p#1': 42 });
    expect(summarize(editSavepoint(timed, [])).alignmentMs).toBeUndefined();
  });
});
