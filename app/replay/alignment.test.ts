import { describe, expect, it } from 'vitest';
import { alignmentText, alignmentTime } from './alignment';

describe('the checkpoint browser’s alignment columns', () => {
  it('say aligned or unaligned with the records caught in flight', () => {
    expect(alignmentText({})).toBe('aligned');
    expect(alignmentText({ inFlightRecords: 1 })).toBe('unaligned · 1 record in flight');
    expect(alignmentText({ inFlightRecords: 0 })).toBe('unaligned · 0 records in flight');
    expect(alignmentText({ error: 'missing' })).toBe('—');
  });

  it('show the longest alignment with its subtask and units, every subtask in the detail', () => {
    const t = alignmentTime({ 'gen#0': 0, 'sum#1': 1250, 'sum#0': 40 });
    expect(t.text).toBe('1.25 s (sum#1)');
    expect(t.detail.split('\n').slice(1)).toEqual(['gen#0: 0 ms', 'sum#0: 40 ms', 'sum#1: 1.25 s']);
    // Unaligned checkpoints (and jobs without multi-channel inputs) wait for no barrier.
    expect(alignmentTime({ 'a#0': 0, 'b#0': 0 }).text).toBe('0 ms');
  });

  it('show "—" for a checkpoint that recorded no alignment time (stored by an older version)', () => {
    expect(alignmentTime(undefined).text).toBe('—');
    expect(alignmentTime({}).text).toBe('—');
  });
});
