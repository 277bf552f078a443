import { describe, expect, it } from 'vitest';
import { keyGroupOf } from './key-groups.js';
import { keyGroupMoves, keyGroupRanges, placeKey, placeKeyGroup } from './key-placement.js';

describe('key placement', () => {
  it("places a key in the engine's key group and at subtask keyGroup * parallelism / maxParallelism, now and after a rescale", () => {
    // 'a' is in key group 91 of 128 (pinned in key-groups.test.ts).
    expect(placeKey('a', 128, 2)).toEqual({ keyGroup: 91, subtask: 1 });
    expect(placeKey('a', 128, 2, 3)).toEqual({ keyGroup: 91, subtask: 1, newSubtask: 2 });
    expect(placeKey(42, 128, 4, 1)).toEqual({ keyGroup: keyGroupOf(42, 128), subtask: Math.floor((keyGroupOf(42, 128) * 4) / 128), newSubtask: 0 });
  });

  it("gives each subtask Flink's key-group range", () => {
    expect(keyGroupRanges(128, 3)).toEqual([
      { subtask: 0, start: 0, end: 42 },
      { subtask: 1, start: 43, end: 85 },
      { subtask: 2, start: 86, end: 127 },
    ]);
    // Every key group's owner lies in that owner's range.
    for (let kg = 0; kg < 128; kg++) {
      const { subtask } = placeKeyGroup(kg, 128, 3);
      const r = keyGroupRanges(128, 3)[subtask]!;
      expect(kg >= r.start && kg <= r.end).toBe(true);
    }
  });

  it('lists the runs of key groups that move on a rescale, and nothing when the parallelism stays', () => {
    expect(keyGroupMoves(128, 2, 3)).toEqual([
      { start: 43, end: 63, from: 0, to: 1 },
      { start: 86, end: 127, from: 1, to: 2 },
    ]);
    expect(keyGroupMoves(128, 2, 4)).toEqual([
      { start: 32, end: 63, from: 0, to: 1 },
      { start: 64, end: 95, from: 1, to: 2 },
      { start: 96, end: 127, from: 1, to: 3 },
    ]);
    expect(keyGroupMoves(128, 3, 3)).toEqual([]);
  });

  it('refuses a parallelism above maxParallelism, naming both', () => {
    expect(() => placeKey('a', 128, 2, 129)).toThrow('parallelism must be a whole number from 1 to the maxParallelism 128, got 129');
  });
});
