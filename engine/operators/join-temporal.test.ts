import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { TemporalJoinOperator } from './join-temporal.js';

/** Orders { k, id } (in1) against rates { k, rate } (in2), versioned by their timestamps. */
const harness = (type: string, condition?: string) =>
  new OperatorHarness(new TemporalJoinOperator(), { nodeId: 't', kind: 'join.temporal', params: { type, leftKey: 'k', rightKey: 'k', ...(condition ? { condition } : {}) }, keys: ['k', 'k'] });
const show = (h: OperatorHarness) =>
  h.changelog().map(([op, v]) => {
    const { left, right } = v as { left: { id: string }; right: { rate: number } | null };
    return `${op} ${left.id} ${right === null ? 'null' : right.rate}`;
  });

describe('join.temporal (Flink TemporalRowTimeJoinOperator)', () => {
  it('emits a left row once the watermark reaches it, with the latest version at or before its time', () => {
    const h = harness('inner');
    h.processElement({ k: 'EUR', rate: 10 }, 0, 1).processElement({ k: 'EUR', id: 'a' }, 100, 0).processElement({ k: 'EUR', rate: 12 }, 100, 1).processElement({ k: 'EUR', id: 'b' }, 150, 0);
    expect(show(h)).toEqual([]);
    h.processWatermark(100);
    expect(show(h)).toEqual(['+I a 12']);
    h.processElement({ k: 'EUR', rate: 15 }, 200, 1);
    h.processWatermark(300);
    expect(show(h)).toEqual(['+I a 12', '+I b 12']);
  });

  it('a left join pads a row without a version (or whose condition fails); an inner join drops it', () => {
    const rows = (h: OperatorHarness) => h.processElement({ k: 'USD', id: 'early' }, 10, 0).processElement({ k: 'USD', rate: 1 }, 20, 1).processElement({ k: 'USD', id: 'late' }, 30, 0).processWatermark(Number.POSITIVE_INFINITY);
    expect(show(rows(harness('left')))).toEqual(['+I early null', '+I late 1']);
    expect(show(rows(harness('inner')))).toEqual(['+I late 1']);
    expect(show(rows(harness('left', '(l, r) => r.rate > 1')))).toEqual(['+I early null', '+I late null']);
  });

  it('keeps only the newest version at or before the watermark once rows are emitted, and restores from a snapshot', () => {
    const h = harness('inner');
    h.processElement({ k: 'X', rate: 1 }, 10, 1).processElement({ k: 'X', rate: 2 }, 20, 1).processElement({ k: 'X', id: 'a' }, 25, 0).processWatermark(25);
    expect(show(h)).toEqual(['+I a 2']);
    // The version of 10 is gone: a late row of 15 finds no version at or before its time.
    h.processElement({ k: 'X', id: 'late' }, 15, 0).processWatermark(30);
    expect(show(h)).toEqual(['+I a 2']);
    const h2 = harness('inner').restore(h.snapshot());
    h2.processElement({ k: 'X', id: 'b' }, 30, 0).processWatermark(40);
    expect(show(h2)).toEqual(['+I b 2']);
  });
});
