import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { type OperatorSnapshot, type SourceOperator, SourceStatus } from './operator.js';
import { type DatagenRecord, DatagenSource, datagenHash, datagenRecord } from './source-datagen.js';

const shape = { seed: 42, keys: 5, startTs: 1000, stepMs: 10 };

function harness(params: Record<string, unknown>, subtaskIndex = 0, parallelism = 1) {
  return new OperatorHarness(new DatagenSource(), { kind: 'source.datagen', params, subtaskIndex, parallelism });
}

function sortKey(r: DatagenRecord): string {
  return `${r.ts}|${r.key}|${r.value}`;
}

describe('datagenRecord', () => {
  it('depends only on (seed, index)', () => {
    expect(datagenRecord(shape, 7)).toEqual(datagenRecord({ ...shape }, 7));
    expect(datagenRecord(shape, 7)).not.toEqual(datagenRecord({ ...shape, seed: 43 }, 7));
  });

  it('keeps keys, values and timestamps in range', () => {
    const B = 30;
    for (let i = 0; i < 200; i++) {
      const r = datagenRecord({ ...shape, maxOutOfOrdernessMs: B }, i);
      expect(r.key).toMatch(/^key-[0-4]$/);
      expect(Number.isInteger(r.value) && r.value >= 0 && r.value < 100).toBe(true);
      const base = 1000 + i * 10;
      expect(r.ts <= base && r.ts >= base - B).toBe(true);
    }
  });

  it('spreads keys, values and jitter rather than repeating one', () => {
    const recs = Array.from({ length: 100 }, (_, i) => datagenRecord({ ...shape, maxOutOfOrdernessMs: 9 }, i));
    expect(new Set(recs.map((r) => r.key)).size).toBe(5);
    expect(new Set(recs.map((r) => r.value)).size).toBeGreaterThan(40);
    expect(new Set(recs.map((r, i) => 1000 + i * 10 - r.ts)).size).toBe(10);
  });

  it('hashes indices beyond 2^32 without collapsing them', () => {
    expect(datagenHash(1, 2 ** 32 + 5, 0)).not.toBe(datagenHash(1, 5, 0));
  });
});

describe('DatagenSource', () => {
  it('emits count records with ts as the timestamp, then +∞ and END', () => {
    const h = harness({ ...shape, count: 3 });
    expect(h.runSource()).toBe(SourceStatus.END);
    expect(h.recordsWithTimestamps()).toEqual([0, 1, 2].map((i) => [datagenRecord(shape, i), 1000 + i * 10]));
    expect(h.watermarks()).toEqual([Infinity]);
  });

  it('gives the same stream for the same seed', () => {
    const a = harness({ ...shape, count: 20 });
    const b = harness({ ...shape, count: 20 });
    a.runSource();
    b.runSource();
    expect(a.records()).toEqual(b.records());
  });

  it('splits the stream over subtasks: the union of 3 is the single-subtask stream', () => {
    const params = { ...shape, count: 25, maxOutOfOrdernessMs: 15 };
    const single = harness(params);
    single.runSource();
    const parts = [0, 1, 2].map((s) => {
      const h = harness(params, s, 3);
      h.runSource();
      return h.records() as DatagenRecord[];
    });
    expect(parts.map((p) => p.length)).toEqual([9, 8, 8]);
    expect(parts[1]![0]).toEqual(datagenRecord(params, 1));
    const union = parts.flat().map(sortKey).sort();
    expect(union).toEqual((single.records() as DatagenRecord[]).map(sortKey).sort());
  });

  it('is unbounded without count', () => {
    const h = harness(shape);
    expect(h.runSource(50)).toBe(SourceStatus.MORE);
    expect(h.records()).toHaveLength(50);
  });

  it('shares ratePerSec among subtasks and waits when ahead', () => {
    const h = harness({ ...shape, ratePerSec: 4 }, 0, 2); // 2 per second for this subtask
    expect(h.runSource()).toBe(SourceStatus.WAIT);
    expect(h.clock.nextWakeup()).toBe(500);
    h.setProcessingTime(1000);
    expect(h.runSource()).toBe(SourceStatus.WAIT);
    expect(h.records()).toHaveLength(3);
  });

  it('restores its offset and continues the same stream', () => {
    const h = harness({ ...shape, count: 10 });
    const src = h.operator as SourceOperator;
    for (let i = 0; i < 4; i++) src.emitNext();
    const r = harness({ ...shape, count: 10 }).restore(JSON.parse(JSON.stringify(h.snapshot())));
    r.runSource();
    h.runSource();
    expect(r.records()).toEqual(h.records().slice(4));
  });

  it('restores at another parallelism from every old state with no loss and no duplicate', () => {
    const params = { ...shape, count: 40 };
    // Run at parallelism 2, unevenly: subtask 0 emits 5 records, subtask 1 emits 2.
    const old = [0, 1].map((s) => harness(params, s, 2));
    old.forEach((h, s) => {
      for (let i = 0; i < (s === 0 ? 5 : 2); i++) (h.operator as SourceOperator).emitNext();
    });
    const states = old.map((h) => h.snapshot().operator);
    const before = old.flatMap((h) => h.records() as DatagenRecord[]);
    // Restore at parallelism 3, take a snapshot midway, then restore that at parallelism 2.
    const mid = [0, 1, 2].map((s) => harness(params, s, 3).restore({ operator: structuredClone(states) }));
    mid.forEach((h) => {
      for (let i = 0; i < 3; i++) (h.operator as SourceOperator).emitNext();
    });
    const states2 = mid.map((h) => h.snapshot().operator);
    const during = mid.flatMap((h) => h.records() as DatagenRecord[]);
    const last = [0, 1].map((s) => harness(params, s, 2).restore({ operator: structuredClone(states2) } as OperatorSnapshot));
    last.forEach((h) => { h.runSource(); });
    const after = last.flatMap((h) => h.records() as DatagenRecord[]);
    const all = [...before, ...during, ...after].map(sortKey).sort();
    const single = harness(params);
    single.runSource();
    expect(all).toEqual((single.records() as DatagenRecord[]).map(sortKey).sort());
  });

  it('refuses one subtask state from another parallelism', () => {
    const h = harness({ ...shape, count: 10 }, 0, 2);
    const snap = h.snapshot();
    expect(() => harness({ ...shape, count: 10 }, 1, 3).restore(snap)).toThrow(/every old subtask state as a list/);
  });

  it('names the param that is wrong', () => {
    expect(() => harness({ ...shape, keys: 0 })).toThrow('params.keys must be a positive integer, got 0');
  });
});
