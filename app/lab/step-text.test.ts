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

describe('async calls in words', () => {
  const value = { order: 1 };
  it('says which record a call is for, its attempt, its answer and what came of it', () => {
    expect(eventText({ type: 'async.call', node: 'enrich', value, attempt: 1, cause: null })).toBe('async call at enrich for {"order":1}');
    expect(eventText({ type: 'async.call', node: 'enrich', value, attempt: 2, cause: null })).toBe('async call at enrich for {"order":1} (attempt 2)');
    const complete = { type: 'async.complete', node: 'enrich', value, attempt: 1, cause: null };
    expect(eventText({ ...complete, result: [{ order: 1, name: 'x' }], outcome: 'completed' })).toBe('async call at enrich for {"order":1} answered [{"order":1,"name":"x"}]');
    expect(eventText({ ...complete, error: 'busy', outcome: 'retry', retryAt: 100 })).toBe('async call at enrich for {"order":1} failed: busy — retry at 00:00:00.100');
    expect(eventText({ ...complete, attempt: 3, error: 'busy', outcome: 'failed' })).toBe('async call at enrich for {"order":1} (attempt 3) failed: busy — the job fails');
    expect(eventText({ ...complete, attempt: 2, result: [], outcome: 'ignored' })).toBe('async call at enrich for {"order":1} (attempt 2) answered [] — ignored: the record is done or waits for a retry');
    const timeout = { type: 'async.timeout', node: 'enrich', value, attempts: 2, deadline: 5000, cause: null };
    expect(eventText({ ...timeout, result: [{ order: 1, late: true }] })).toBe('async call at enrich for {"order":1} timed out after 2 attempts (deadline 00:00:05.000) → [{"order":1,"late":true}]');
    expect(eventText({ ...timeout, attempts: 1 })).toBe('async call at enrich for {"order":1} timed out after 1 attempt (deadline 00:00:05.000) → the job fails');
  });
});
