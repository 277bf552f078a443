import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { type SourceOperator, SourceStatus } from './operator.js';
import { CollectionSource } from './source-collection.js';

function harness(params: Record<string, unknown>, extra: { subtaskIndex?: number; parallelism?: number } = {}) {
  return new OperatorHarness(new CollectionSource(), { kind: 'source.collection', params, ...extra });
}

describe('CollectionSource', () => {
  it('emits the records in order without timestamps, then +∞ and END', () => {
    const h = harness({ records: [{ a: 1 }, { a: 2 }] });
    expect(h.runSource()).toBe(SourceStatus.END);
    expect(h.output).toEqual([
      { kind: 'record', value: { a: 1 }, timestamp: -Infinity },
      { kind: 'record', value: { a: 2 }, timestamp: -Infinity },
      { kind: 'watermark', watermark: Infinity },
    ]);
  });

  it('emits at most one record per call and keeps answering END once ended', () => {
    const h = harness({ records: [1, 2] });
    const src = h.operator as SourceOperator;
    expect(src.emitNext()).toBe(SourceStatus.MORE);
    expect(h.records()).toEqual([1]);
    expect(src.emitNext()).toBe(SourceStatus.MORE);
    expect(src.emitNext()).toBe(SourceStatus.END);
    expect(src.emitNext()).toBe(SourceStatus.END);
    expect(h.watermarks()).toEqual([Infinity]);
  });

  it('takes timestamps from a dot-path field', () => {
    const h = harness({ records: [{ e: { ts: 5 } }, { e: { ts: 3 } }], timestampField: 'e.ts' });
    h.runSource();
    expect(h.recordsWithTimestamps().map(([, t]) => t)).toEqual([5, 3]);
  });

  it('fails naming the field and the entry when a timestamp is missing', () => {
    const h = harness({ records: [{ ts: 1 }, { ts: '2' }], timestampField: 'ts' });
    expect(() => h.runSource()).toThrow('records[1]: record has no numeric timestamp in field "ts"');
  });

  it('turns markers into watermarks at their place, only when they rise', () => {
    const h = harness({
      records: [{ ts: 1 }, { $watermark: 1999 }, { ts: 2 }, { $watermark: 1500 }, { $watermark: 3000 }, { ts: 3 }],
      timestampField: 'ts',
    });
    h.runSource();
    expect(h.output.map((e) => (e.kind === 'watermark' ? `w${e.watermark}` : e.kind === 'record' ? `r${e.timestamp}` : e.kind))).toEqual([
      'r1',
      'w1999',
      'r2',
      'w3000',
      'r3',
      'wInfinity',
    ]);
  });

  it('treats an object with more than the marker key as a record', () => {
    const h = harness({ records: [{ $watermark: 5, note: 'data' }] });
    h.runSource();
    expect(h.records()).toEqual([{ $watermark: 5, note: 'data' }]);
  });

  it('waits when ahead of ratePerSec and schedules a wakeup for the next record', () => {
    const h = harness({ records: [1, 2, 3, 4], ratePerSec: 2 });
    expect(h.runSource()).toBe(SourceStatus.WAIT);
    expect(h.records()).toEqual([1]);
    expect(h.clock.nextWakeup()).toBe(500);
    h.setProcessingTime(499);
    expect(h.runSource()).toBe(SourceStatus.WAIT);
    h.setProcessingTime(500);
    expect(h.runSource()).toBe(SourceStatus.WAIT);
    expect(h.records()).toEqual([1, 2]);
    h.setProcessingTime(2000);
    expect(h.runSource()).toBe(SourceStatus.END);
    expect(h.records()).toEqual([1, 2, 3, 4]);
  });

  it('restores its offset and resumes with the next record', () => {
    const h = harness({ records: ['a', { $watermark: 10 }, 'b', 'c'] });
    const src = h.operator as SourceOperator;
    src.emitNext();
    src.emitNext();
    const snap = h.snapshot();
    expect(snap.operator).toEqual({ index: 3 });
    const r = harness({ records: ['a', { $watermark: 10 }, 'b', 'c'] }).restore(JSON.parse(JSON.stringify(snap)));
    r.runSource();
    expect(r.records()).toEqual(['c']);
    expect(r.watermarks()).toEqual([Infinity]);
  });

  it('emits the markers it replays after a restore from none, as the exported job does on Flink (a checkpoint holds no watermark), even one below a marker before the checkpoint', () => {
    const records = ['a', { $watermark: 10 }, 'b', { $watermark: 5 }, 'c'];
    const h = harness({ records });
    const src = h.operator as SourceOperator;
    src.emitNext();
    src.emitNext();
    const snap = JSON.parse(JSON.stringify(h.snapshot()));
    h.runSource();
    // Undisturbed, 5 is below 10: it does not leave.
    expect(h.watermarks()).toEqual([10, Infinity]);
    const r = harness({ records }).restore(snap);
    r.runSource();
    expect(r.watermarks()).toEqual([5, Infinity]);
    // An older checkpoint's last watermark is ignored.
    const older = harness({ records }).restore({ operator: { index: 2, lastWatermark: 10 } });
    older.runSource();
    expect(older.watermarks()).toEqual([5, Infinity]);
  });

  it('re-announces the end after a restore at the end', () => {
    const h = harness({ records: ['a'] });
    h.runSource();
    const r = harness({ records: ['a'] }).restore(JSON.parse(JSON.stringify(h.snapshot())));
    expect(r.runSource()).toBe(SourceStatus.END);
    expect(r.output).toEqual([{ kind: 'watermark', watermark: Infinity }]);
  });

  it('lets subtasks other than 0 end at once (it runs at parallelism 1)', () => {
    const h = harness({ records: ['a'] }, { subtaskIndex: 1, parallelism: 2 });
    expect(h.runSource()).toBe(SourceStatus.END);
    expect(h.output).toEqual([{ kind: 'watermark', watermark: Infinity }]);
  });
});
