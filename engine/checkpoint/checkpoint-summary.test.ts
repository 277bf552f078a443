import { describe, expect, it } from 'vitest';
import { summarize } from './checkpoint-summary.js';
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
});
