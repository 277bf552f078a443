import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { RankOperator } from './rank.js';

const harness = (params: Record<string, unknown>) => new OperatorHarness(new RankOperator(), { nodeId: 'r', kind: 'rank', params, keys: ['k'] });
const show = (h: OperatorHarness) =>
  h.changelog().map(([op, v]) => {
    const r = v as { id: string; n?: number };
    return `${op} ${r.id}${r.n === undefined ? '' : `@${r.n}`}`;
  });
const feed = (h: OperatorHarness, rows: Array<[string, number | null]>) => {
  for (const [id, v] of rows) h.processElement({ k: 1, id, v }, 0);
  return h;
};

describe('rank (Flink AppendOnlyTopNFunction, RowTimeDeduplicateFunction)', () => {
  it('Top-2 without row numbers: +I when a row enters, after -D of the row it pushes out; a row that does not make it emits nothing', () => {
    const h = feed(harness({ orderBy: [{ field: 'v', desc: true }], limit: 2 }), [['a', 4], ['b', 2], ['c', 5], ['d', 1], ['e', 3]]);
    expect(show(h)).toEqual(['+I a', '+I b', '-D b', '+I c']);
  });

  it('Top-1 without row numbers (Flink\'s FastTop1Function): a strictly better row is -U of the kept one and +U of itself; an equal or worse one changes nothing', () => {
    const h = feed(harness({ orderBy: [{ field: 'v', desc: true }], limit: 1 }), [['a', 4], ['b', 2], ['c', 5], ['d', 5], ['e', 9]]);
    expect(show(h)).toEqual(['+I a', '-U a', '+U c', '-U c', '+U e']);
  });

  it('ties keep arrival order: a row equal to the worst does not enter a full top N', () => {
    const h = feed(harness({ orderBy: [{ field: 'v' }], limit: 2 }), [['a', 1], ['b', 2], ['c', 2], ['d', 1]]);
    expect(show(h)).toEqual(['+I a', '+I b', '-D b', '+I d']);
  });

  it('Top-3 with row numbers: -U/+U for each rank whose row changes, +I when the top N grows', () => {
    const h = feed(harness({ orderBy: [{ field: 'v' }], limit: 3, rankNumber: 'n' }), [['a', 4], ['b', 5], ['c', 3], ['d', 9], ['e', 1]]);
    expect(show(h)).toEqual(['+I a@1', '+I b@2', '-U a@1', '+U c@1', '-U b@2', '+U a@2', '+I b@3', '-U c@1', '+U e@1', '-U a@2', '+U c@2', '-U b@3', '+U a@3']);
  });

  it('NULL sorts as the smallest value: first ascending, last descending (as Flink does)', () => {
    expect(show(feed(harness({ orderBy: [{ field: 'v' }], limit: 1 }), [['a', 7], ['b', null]]))).toEqual(['+I a', '-U a', '+U b']);
    expect(show(feed(harness({ orderBy: [{ field: 'v', desc: true }], limit: 1 }), [['a', null], ['b', 7]]))).toEqual(['+I a', '-U a', '+U b']);
  });

  it('NULLS FIRST / NULLS LAST put NULL where they say, whatever the direction', () => {
    expect(show(feed(harness({ orderBy: [{ field: 'v', nulls: 'last' }], limit: 1 }), [['a', null], ['b', 7]]))).toEqual(['+I a', '-U a', '+U b']);
    expect(show(feed(harness({ orderBy: [{ field: 'v', nulls: 'last' }], limit: 1 }), [['a', 7], ['b', null]]))).toEqual(['+I a']);
    expect(show(feed(harness({ orderBy: [{ field: 'v', desc: true, nulls: 'first' }], limit: 1 }), [['a', 7], ['b', null], ['c', null]]))).toEqual(['+I a', '-U a', '+U b']);
  });

  it('keep-first deduplication waits for the watermark: the smallest rowtime is emitted once (+I), late rows are dropped, later rows ignored', () => {
    const h = harness({ orderBy: [{ field: 'v' }], deduplicate: true });
    const row = (id: string, v: number) => h.processElement({ k: 1, id, v }, v);
    row('a', 5);
    row('b', 6);
    row('c', 3);
    expect(show(h)).toEqual([]);
    h.processWatermark(4);
    expect(show(h)).toEqual(['+I c']);
    row('late', 2);
    row('d', 4);
    h.processWatermark(100);
    expect(show(h)).toEqual(['+I c']);
  });

  it('keep-last deduplication is eager: +I, then -U/+U for each row with an equal or larger rowtime', () => {
    const last = feed(harness({ orderBy: [{ field: 'v', desc: true }], deduplicate: true }), [['a', 5], ['b', 4], ['c', 5], ['d', 6]]);
    expect(show(last)).toEqual(['+I a', '-U a', '+U c', '-U c', '+U d']);
  });

  it('on a processing-time attribute, arrival order decides at once: keep-first emits the first row only, keep-last +I then -U/+U for every later row', () => {
    const rows: Array<[string, number]> = [['a', 9], ['b', 1], ['c', 5]];
    expect(show(feed(harness({ orderBy: [{ field: 'v' }], deduplicate: true, time: 'processing' }), rows))).toEqual(['+I a']);
    expect(show(feed(harness({ orderBy: [{ field: 'v', desc: true }], deduplicate: true, time: 'processing' }), rows))).toEqual(['+I a', '-U a', '+U b', '-U b', '+U c']);
  });

  it('retractable Top-2 over a changelog: entering pushes the second out (-D, +I); a retracted row of the top 2 lets the third move up (-D, +I)', () => {
    const h = harness({ orderBy: [{ field: 'v', desc: true }], limit: 2, retract: true });
    const row = (op: '+I' | '-U' | '+U' | '-D', id: string, v: number) => h.processRow(op, { k: 1, id, v });
    row('+I', 'a', 5);
    row('+I', 'b', 3);
    row('+I', 'c', 1);
    row('-U', 'c', 1);
    row('+U', 'c', 9);
    row('-D', 'a', 5);
    row('-D', 'x', 7);
    expect(show(h)).toEqual(['+I a', '+I b', '-D b', '+I c', '-D a', '+I b']);
  });

  it('retractable Top-N keeps rows outside the top N: an update of a row below it changes nothing visible', () => {
    const h = harness({ orderBy: [{ field: 'v' }], limit: 1, retract: true });
    h.processRow('+I', { k: 1, id: 'a', v: 1 }).processRow('+I', { k: 1, id: 'b', v: 2 }).processRow('-U', { k: 1, id: 'b', v: 2 }).processRow('+U', { k: 1, id: 'b', v: 3 });
    const h2 = harness({ orderBy: [{ field: 'v' }], limit: 1, retract: true }).restore(h.snapshot());
    h2.processRow('-D', { k: 1, id: 'a', v: 1 });
    expect(show(h)).toEqual(['+I a']);
    expect(show(h2)).toEqual(['-D a', '+I b']);
  });

  it('retractable Top-2 with row numbers (RetractableTopNFunction): -U/+U for each rank whose row changes, +I when the top N grows, -D when it shrinks', () => {
    const h = harness({ orderBy: [{ field: 'v' }], limit: 2, rankNumber: 'n', retract: true });
    const row = (op: '+I' | '-U' | '+U' | '-D', id: string, v: number) => h.processRow(op, { k: 1, id, v });
    row('+I', 'a', 1);
    row('-U', 'a', 1);
    row('+U', 'a', 2);
    row('+I', 'b', 1);
    expect(show(h)).toEqual(['+I a@1', '-D a@1', '+I a@1', '-U a@1', '+U b@1', '+I a@2']);
    // A row below the top 2 is kept: it moves up when a row of the top 2 leaves.
    row('+I', 'c', 5);
    row('+I', 'd', 2);
    row('-U', 'b', 1);
    row('+U', 'b', 3);
    expect(show(h).slice(6)).toEqual(['-U b@1', '+U a@1', '-U a@2', '+U d@2']);
    // Restored, it keeps every row: retracting the first two lets c move up to rank 2; then the top 2 shrinks; an unknown row changes nothing.
    const h2 = harness({ orderBy: [{ field: 'v' }], limit: 2, rankNumber: 'n', retract: true }).restore(h.snapshot());
    h2.processRow('-D', { k: 1, id: 'a', v: 2 }).processRow('-D', { k: 1, id: 'd', v: 2 }).processRow('-D', { k: 1, id: 'x', v: 2 }).processRow('-D', { k: 1, id: 'b', v: 3 });
    expect(show(h2)).toEqual(['-U a@1', '+U d@1', '-U d@2', '+U b@2', '-U d@1', '+U b@1', '-U b@2', '+U c@2', '-U b@1', '+U c@1', '-D c@2']);
  });

  it('refuses a changelog input, naming the node', () => {
    expect(() => harness({ orderBy: [{ field: 'v' }], limit: 2 }).processRow('-U', { k: 1, id: 'a', v: 1 })).toThrow(/rank node "r": Top-N and deduplication over a changelog/);
  });

  it('restores its rows from a snapshot', () => {
    const h = feed(harness({ orderBy: [{ field: 'v' }], limit: 1 }), [['a', 4]]);
    const h2 = feed(harness({ orderBy: [{ field: 'v' }], limit: 1 }).restore(h.snapshot()), [['b', 9], ['c', 1]]);
    expect(show(h2)).toEqual(['-U a', '+U c']);
  });
});
