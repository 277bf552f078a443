import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, emptyHistory, record, redo, seal, undo } from './history';

describe('history', () => {
  it('undoes back to the value before the edit and redoes forward again', () => {
    const h = record(emptyHistory<string>(), 'a');
    const back = undo(h, 'b')!;
    expect(back.value).toBe('a');
    const forward = redo(back.history, back.value)!;
    expect(forward.value).toBe('b');
    expect(undo(forward.history, 'b')!.value).toBe('a');
  });

  it('has nothing to undo or redo when empty', () => {
    expect(undo(emptyHistory<string>(), 'a')).toBeNull();
    expect(redo(emptyHistory<string>(), 'a')).toBeNull();
  });

  it('merges edits with the same key into one undo step', () => {
    let h = record(emptyHistory<string>(), 'a', 'typing');
    h = record(h, 'ab', 'typing');
    h = record(h, 'abc', 'typing');
    expect(h.past).toEqual(['a']);
    expect(undo(h, 'abcd')!.value).toBe('a');
  });

  it('starts a new step after seal even with the same key', () => {
    let h = record(emptyHistory<string>(), 'a', 'drag');
    h = seal(h);
    h = record(h, 'b', 'drag');
    expect(h.past).toEqual(['a', 'b']);
  });

  it('never merges edits without a key', () => {
    let h = record(emptyHistory<string>(), 'a');
    h = record(h, 'b');
    expect(h.past).toEqual(['a', 'b']);
  });

  it('clears redo when a new edit follows an undo', () => {
    const h = record(record(emptyHistory<string>(), 'a'), 'b');
    const back = undo(h, 'c')!;
    expect(back.history.future).toEqual(['c']);
    expect(record(back.history, 'b').future).toEqual([]);
  });

  it('keeps at most HISTORY_LIMIT steps, dropping the oldest', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = record(h, i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(5);
  });
});
