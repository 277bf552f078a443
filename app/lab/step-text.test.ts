import { describe, expect, it } from 'vitest';
import { eventText } from './step-text';

describe('CEP events in words', () => {
  it('lists the partial matches a pattern holds for a key, and its matches', () => {
    const partial = {
      type: 'cep.partial',
      node: 'cep',
      key: 'x',
      watermark: 2,
      partial: [
        { stage: 'fail', start: 1, match: { fail: [{ ts: 1 }, { ts: 2 }] } },
        { stage: 'ok', start: 2, match: { fail: [{ ts: 2 }] } },
      ],
    };
    expect(eventText(partial)).toBe('partial matches at cep for "x": fail×2 → waiting in fail; fail×1 → waiting in ok');
    expect(eventText({ ...partial, partial: [] })).toBe('partial matches at cep for "x": none');
    expect(eventText({ type: 'cep.match', node: 'cep', key: 'x', ts: 3000, result: 'x:2' })).toMatch(/^pattern matched at cep for "x" @ .+ → "x:2"$/);
  });
});

describe('a killed slot in words', () => {
  it('says which tasks were lost and which checkpoint the job restarts from, or that it starts over', () => {
    const kill = { type: 'intervention', action: 'kill-slot', slot: 1, applied: true, tasks: ['payments#1', 'totals#1'], restoredFrom: 2, restartDelayMs: 500 };
    expect(eventText(kill)).toBe('you killed slot 1 (payments#1, totals#1): every task restarts after 500 ms from checkpoint 2 — sources rewind to its offsets, in-flight elements are lost');
    expect(eventText({ ...kill, restoredFrom: null })).toBe('you killed slot 1 (payments#1, totals#1): every task restarts after 500 ms from the start of its input (no checkpoint had completed)');
    // As listed among the interventions: only what the user did.
    expect(eventText({ type: 'intervention', action: 'kill-slot', slot: 0 })).toBe('you killed slot 0');
  });
});
