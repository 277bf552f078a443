import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { MAX_WATERMARK } from './operator.js';
import { WatermarksOperator, timestampFieldReader } from './watermarks.js';

function harness(params: Record<string, unknown>, startTime = 0): OperatorHarness {
  return new OperatorHarness(new WatermarksOperator(), { kind: 'watermarks', params, startTime });
}

const perRecord = { timestampField: 'ts', strategy: 'bounded-out-of-orderness', maxOutOfOrdernessMs: 10, intervalMs: 0 };

describe('WatermarksOperator — timestamps', () => {
  it('assigns the timestamp from a dot-path field', () => {
    const h = harness({ ...perRecord, timestampField: 'e.at' });
    h.processElement({ e: { at: 1000 } });
    expect(h.recordsWithTimestamps()).toEqual([[{ e: { at: 1000 } }, 1000]]);
  });

  it('assigns the timestamp from code, which sees the previous timestamp', () => {
    const h = harness({ timestamp: '(r, prev) => r.t * 1000 + (prev === -Infinity ? 0 : prev)', intervalMs: 0 });
    h.processElement({ t: 2 });
    h.processElement({ t: 3 }, 7);
    expect(h.recordsWithTimestamps().map(([, t]) => t)).toEqual([2000, 3007]);
  });

  it('fails naming the field when a record has no numeric timestamp', () => {
    const h = harness(perRecord);
    expect(() => h.processElement({ ts: 'soon' })).toThrow('record has no numeric timestamp in field "ts"');
    expect(() => h.processElement({ other: 1 })).toThrow(/field "ts"/);
  });

  it('reads top-level and dotted timestamp fields alike, and says what it found instead', () => {
    for (const field of ['ts', 'e.ts']) {
      const read = timestampFieldReader(field);
      const wrap = (v: unknown) => (field === 'ts' ? v : { e: v });
      expect(read(wrap({ ts: 5 }))).toBe(5);
      expect(() => read(wrap({ ts: Infinity }))).toThrow(`in field "${field}" (found null)`);
      expect(() => read(wrap({ ts: null }))).toThrow(`in field "${field}" (found null)`);
      expect(() => read(wrap({}))).toThrow(`in field "${field}" (found nothing)`);
      expect(() => read(wrap({ ts: '7' }))).toThrow(`in field "${field}" (found "7")`);
      expect(() => read(wrap(12))).toThrow(`in field "${field}" (found nothing)`);
    }
    expect(() => timestampFieldReader('ts')(null)).toThrow('(found null)');
    expect(() => timestampFieldReader('ts')(undefined)).toThrow('(found nothing)');
    expect(() => timestampFieldReader('e.ts')({ e: null })).toThrow('(found null)');
    expect(timestampFieldReader('0')([42])).toBe(42);
  });

  it('fails when the timestamp function returns something that is not a finite number', () => {
    const h = harness({ timestamp: '(r) => r.when', intervalMs: 0 });
    expect(() => h.processElement({ when: 'x' })).toThrow(/timestamp function returned "x"/);
  });
});

describe('WatermarksOperator — intervalMs 0 (after every record)', () => {
  it('follows each record with max − B − 1 (B = 10: 1337 → 1326)', () => {
    const h = harness(perRecord);
    h.processElement({ ts: 1337 });
    expect(h.output).toEqual([
      { kind: 'record', value: { ts: 1337 }, timestamp: 1337 },
      { kind: 'watermark', watermark: 1326 },
    ]);
  });

  it('emits only strictly increasing watermarks (12345, 12300, 12340, 12280 → 12334 once)', () => {
    const h = harness(perRecord);
    for (const ts of [12345, 12300, 12340, 12280]) h.processElement({ ts });
    expect(h.watermarks()).toEqual([12334]);
    expect(h.output.map((e) => e.kind)).toEqual(['record', 'watermark', 'record', 'record', 'record']);
  });

  it('is monotonous with strategy "monotonous" (watermark = max − 1)', () => {
    const h = harness({ timestampField: 'ts', strategy: 'monotonous', maxOutOfOrdernessMs: 500, intervalMs: 0 });
    h.processElement({ ts: 10 }).processElement({ ts: 20 });
    expect(h.watermarks()).toEqual([9, 19]);
  });
});

describe('WatermarksOperator — periodic emission', () => {
  it('emits nothing per record and the watermark at each interval of processing time', () => {
    const h = harness({ ...perRecord, intervalMs: 200 });
    h.processElement({ ts: 1000 });
    expect(h.watermarks()).toEqual([]);
    expect(h.clock.nextWakeup()).toBe(200);
    h.setProcessingTime(199);
    expect(h.watermarks()).toEqual([]);
    h.setProcessingTime(200);
    expect(h.watermarks()).toEqual([989]);
    expect(h.clock.nextWakeup()).toBe(400);
  });

  it('emits nothing at a tick before any record, and never repeats a watermark', () => {
    const h = harness({ ...perRecord, intervalMs: 100 });
    h.setProcessingTime(100);
    expect(h.output).toEqual([]);
    h.processElement({ ts: 50 });
    h.setProcessingTime(200);
    h.processElement({ ts: 40 });
    h.setProcessingTime(300);
    h.processElement({ ts: 70 });
    h.setProcessingTime(400);
    expect(h.watermarks()).toEqual([39, 59]);
  });

  it('defaults to a 200 ms interval', () => {
    const h = harness({ timestampField: 'ts', maxOutOfOrdernessMs: 0 }, 1000);
    expect(h.clock.nextWakeup()).toBe(1200);
  });
});

describe('WatermarksOperator — upstream event time', () => {
  it('ignores upstream watermarks and idle statuses', () => {
    const h = harness(perRecord);
    h.processWatermark(5000).processIdle(true).processIdle(false);
    expect(h.output).toEqual([]);
  });

  it('forwards the end-of-input watermark +∞, once', () => {
    const h = harness(perRecord);
    h.processElement({ ts: 100 });
    h.processWatermark(MAX_WATERMARK).processWatermark(MAX_WATERMARK);
    h.endInput();
    expect(h.watermarks()).toEqual([89, Infinity]);
  });
});

describe('WatermarksOperator — idleness', () => {
  it('goes idle at a periodic emit after the timeout and active just before the next record', () => {
    const h = harness({ ...perRecord, intervalMs: 100, idleTimeoutMs: 250 });
    h.processElement({ ts: 1000 });
    h.setProcessingTime(100);
    h.setProcessingTime(200);
    expect(h.output.filter((e) => e.kind === 'idle')).toEqual([]);
    h.setProcessingTime(300);
    expect(h.output.filter((e) => e.kind === 'idle')).toEqual([{ kind: 'idle', idle: true }]);
    h.clearOutput();
    h.processElement({ ts: 1100 });
    expect(h.output.map((e) => e.kind)).toEqual(['idle', 'record']);
    expect(h.output[0]).toEqual({ kind: 'idle', idle: false });
    h.setProcessingTime(400);
    expect(h.watermarks()).toEqual([1089]);
  });

  it('detects idleness with intervalMs 0 through its own wakeup', () => {
    const h = harness({ ...perRecord, idleTimeoutMs: 100 });
    h.processElement({ ts: 5 });
    expect(h.clock.nextWakeup()).toBe(101);
    h.setProcessingTime(101);
    expect(h.output.at(-1)).toEqual({ kind: 'idle', idle: true });
    h.processElement({ ts: 50 });
    expect(h.output.slice(-3)).toEqual([
      { kind: 'idle', idle: false },
      { kind: 'record', value: { ts: 50 }, timestamp: 50 },
      { kind: 'watermark', watermark: 39 },
    ]);
  });

  it('stays active while records keep coming', () => {
    const h = harness({ ...perRecord, idleTimeoutMs: 100 });
    for (let t = 0; t <= 300; t += 50) {
      h.setProcessingTime(t);
      h.processElement({ ts: t });
    }
    expect(h.output.some((e) => e.kind === 'idle')).toBe(false);
  });
});

describe('WatermarksOperator — snapshot', () => {
  it("keeps nothing: a restored generator starts afresh, as Flink's TimestampsAndWatermarksOperator, even from an older checkpoint that holds its state", () => {
    const h = harness(perRecord);
    h.processElement({ ts: 500 });
    const snap = h.snapshot();
    expect(snap.operator).toBeUndefined();
    expect(snap.watermark).toBeUndefined();
    const r = harness(perRecord).restore(JSON.parse(JSON.stringify(snap)));
    r.processElement({ ts: 300 }); // replayed after the restore: the first watermark is its own
    r.processElement({ ts: 600 });
    expect(r.watermarks()).toEqual([289, 589]);
    const older = harness(perRecord).restore({ operator: { maxTimestamp: 500, lastEmitted: 489 }, watermark: 470 });
    older.processElement({ ts: 300 });
    expect(older.watermarks()).toEqual([289]);
  });
});
