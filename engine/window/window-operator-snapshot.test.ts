/**
 * Snapshot and restore: a harness restored from a snapshot taken after any step continues exactly
 * like one that never stopped (contents, accumulators, session mappings, trigger state, timers).
 */
import { describe, expect, it } from 'vitest';
import { type Emitted, OperatorHarness } from '../operators/harness.js';
import type { OperatorSnapshot } from '../operators/operator.js';
import { WindowOperator } from './window-operator.js';
import { rec, sortedResults, windowHarness, windowParams } from './window-harness.js';

type Step = ['el', string, number, number] | ['wm', number] | ['pt', number];

function apply(h: OperatorHarness, step: Step): void {
  if (step[0] === 'el') h.processElement(rec(step[1], step[2]), step[3]);
  else if (step[0] === 'wm') h.processWatermark(step[1]);
  else h.setProcessingTime(step[1]);
}

/** Everything emitted when running `steps` straight through. */
function straight(params: Record<string, any>, steps: Step[]) {
  const h = windowHarness(params);
  for (const s of steps) apply(h, s);
  return h.output;
}

/** Everything emitted when stopping after `at` steps, snapshotting, and continuing in a new harness. */
function interrupted(params: Record<string, any>, steps: Step[], at: number, viaJson: boolean) {
  const first = windowHarness(params);
  steps.slice(0, at).forEach((s) => { apply(first, s); });
  let snapshot: OperatorSnapshot = first.snapshot();
  if (viaJson) snapshot = JSON.parse(JSON.stringify(snapshot));
  const second = windowHarness(params).restore(snapshot);
  // Clocks are not operator state (as in Flink): after a restore the upstream's watermark
  // reaches the operator again and processing time goes on where it was.
  second.clock.setTime(first.clock.now());
  const lastWatermark = steps
    .slice(0, at)
    .filter((s) => s[0] === 'wm')
    .at(-1);
  if (lastWatermark !== undefined) {
    apply(second, lastWatermark);
    second.clearOutput();
  }
  steps.slice(at).forEach((s) => { apply(second, s); });
  return [...first.output, ...second.output];
}

/**
 * Output with the records between two watermarks sorted: timers due at the same time fire in
 * key-group order after a restore rather than in registration order (as in Flink, whose harness
 * tests compare sorted output too).
 */
function normalized(output: Emitted[]): Emitted[] {
  const result: Emitted[] = [];
  let segment: Emitted[] = [];
  const flush = () => {
    result.push(...segment.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    segment = [];
  };
  for (const e of output) {
    if (e.kind === 'watermark') {
      flush();
      result.push(e);
    } else segment.push(e);
  }
  flush();
  return result;
}

function expectRestoresAnywhere(params: Record<string, any>, steps: Step[], viaJson = true): void {
  const expected = normalized(straight(params, steps));
  expect(expected.some((e) => e.kind === 'record')).toBe(true);
  for (let at = 0; at <= steps.length; at++) {
    expect(normalized(interrupted(params, steps, at, viaJson)), `restored after step ${at}`).toEqual(expected);
  }
}

const tumbling = { type: 'tumbling', sizeMs: 1000, offsetMs: 0, time: 'event' };

describe('window operator: snapshot and restore', () => {
  it('continues tumbling windows with lateness, late firings, side output and cleanup', () => {
    expectRestoresAnywhere({ assigner: tumbling, allowedLatenessMs: 500, lateOutput: 'late' }, [
      ['el', 'a', 1, 10], ['el', 'b', 2, 900], ['el', 'a', 3, 1500], ['wm', 999], ['el', 'a', 4, 20],
      ['wm', 1499], ['el', 'a', 5, 30], ['el', 'b', 6, 2500], ['wm', 3000],
    ]);
  });

  it("starts its watermark over after a restore, as Flink (a checkpoint holds none): a record late before the checkpoint is on time when replayed, and restored timers fire when the new watermark passes them", () => {
    const params = { assigner: tumbling, lateOutput: 'late' };
    const first = windowHarness(params);
    first.processElement(rec('a', 1), 10).processElement(rec('a', 2), 1500).processElement(rec('b', 7), 2200).processWatermark(1999);
    const snapshot: OperatorSnapshot = JSON.parse(JSON.stringify(first.snapshot()));
    expect(snapshot.watermark).toBeUndefined();
    // Undisturbed, the record at 500 is behind the watermark 1999: late.
    first.processElement(rec('a', 5), 500);
    expect(first.side('late')).toEqual([rec('a', 5)]);

    // Restored, the sources replay it before any watermark: [0, 1000) opens again and fires once
    // the new watermark passes its end; b's restored window [2000, 3000) fires at 2999.
    const second = windowHarness(params).restore(snapshot);
    second.processElement(rec('a', 5), 500);
    expect(second.side('late')).toEqual([]);
    second.processWatermark(1000);
    const sum = (key: string, value: number, windowStart: number) => [{ key, value, windowStart, windowEnd: windowStart + 1000 }, windowStart + 999];
    expect(sortedResults(second)).toEqual([sum('a', 5, 0)]);
    second.processWatermark(2999);
    expect(sortedResults(second)).toEqual([sum('a', 5, 0), sum('b', 7, 2000)]);
  });

  it("fires a window kept for allowed lateness again after a restore: a replayed record finds the watermark below the window's end, registers the end-of-window timer anew (Flink's EventTimeTrigger.onElement), and the window fires with all its contents when the new watermark passes the end", () => {
    const params = { assigner: { ...tumbling, sizeMs: 10000 }, allowedLatenessMs: 5000 };
    const first = windowHarness(params);
    first.processElement(rec('a', 10), 1000).processElement(rec('a', 20), 4000).processWatermark(10999);
    const sum = (value: number) => [{ key: 'a', value, windowStart: 0, windowEnd: 10000 }, 9999];
    expect(sortedResults(first)).toEqual([sum(30)]);
    // Fired, and kept until 14 999 for late records: its end-of-window timer is gone, its cleanup timer pending.
    const snapshot: OperatorSnapshot = JSON.parse(JSON.stringify(first.snapshot()));
    first.processElement(rec('a', 5), 9000);
    expect(sortedResults(first)).toEqual([sum(30), sum(35)]);

    const second = windowHarness(params).restore(snapshot);
    second.processElement(rec('a', 5), 9000).processElement(rec('a', 7), 12000);
    expect(sortedResults(second)).toEqual([]);
    // The end-of-window timer (9 999) fires before the cleanup timer (14 999) in the same advance.
    second.processWatermark(14999);
    expect(sortedResults(second)).toEqual([sum(35)]);
    second.processElement(rec('a', 1), 8000);
    expect(sortedResults(second)).toEqual([sum(35)]);
  });

  it('continues sliding windows', () => {
    expectRestoresAnywhere({ assigner: { type: 'sliding', sizeMs: 3000, slideMs: 1000, offsetMs: 0, time: 'event' } }, [
      ['el', 'a', 1, 0], ['el', 'a', 2, 1500], ['wm', 1999], ['el', 'b', 3, 2100], ['wm', 2999], ['wm', 6000],
    ]);
  });

  it('continues merging sessions, including a late merge, with their mapping in state', () => {
    expectRestoresAnywhere({ assigner: { type: 'session', gapMs: 3000, time: 'event' }, allowedLatenessMs: 10_000 }, [
      ['el', 'a', 1, 0], ['el', 'a', 2, 5000], ['el', 'b', 3, 100], ['wm', 8000], ['el', 'a', 4, 2500],
      ['el', 'a', 5, 9000], ['wm', 30_000],
    ]);
  });

  it('continues count triggers and evictors of count windows', () => {
    const steps: Step[] = [1, 2, 3, 4, 5, 6, 7].map((v) => ['el', v % 2 ? 'a' : 'b', v, v]);
    expectRestoresAnywhere({ assigner: { type: 'count', size: 3, slide: 2 }, function: { type: 'process', code: '(k, w, e) => [e.map((x) => x.v)]' } }, [
      ...steps, ...steps,
    ]);
  });

  it('continues a continuous event-time trigger with its pending fire time', () => {
    expectRestoresAnywhere(
      { assigner: { type: 'tumbling', sizeMs: 10_000, offsetMs: 0, time: 'event' }, trigger: { type: 'continuous-event-time', intervalMs: 3000 } },
      [['el', 'a', 1, 1000], ['wm', 3000], ['el', 'a', 2, 4000], ['wm', 6500], ['el', 'b', 1, 7000], ['wm', 9000], ['wm', 12_000]],
    );
  });

  it('continues processing-time windows with their timers', () => {
    expectRestoresAnywhere({ assigner: { type: 'tumbling', sizeMs: 1000, offsetMs: 0, time: 'processing' } }, [
      ['pt', 10], ['el', 'a', 1, 0], ['el', 'b', 2, 0], ['pt', 500], ['el', 'a', 3, 0], ['pt', 1200], ['el', 'a', 4, 0], ['pt', 5000],
    ]);
  });

  it('continues the end-of-stream trigger of a global window', () => {
    expectRestoresAnywhere({ assigner: { type: 'global' }, trigger: { type: 'end-of-stream' } }, [
      ['el', 'a', 1, 1], ['el', 'b', 2, 2], ['wm', 100], ['el', 'a', 3, 3], ['wm', Infinity],
    ], false);
  });

  it('redistributes windows by key group when restored at another parallelism', () => {
    const params = windowParams({ assigner: tumbling });
    const h = windowHarness(params);
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    keys.forEach((k, i) => { h.processElement(rec(k, i), i); });
    const snapshot = h.snapshot();
    const restored = [0, 1].map((subtaskIndex) =>
      new OperatorHarness(new WindowOperator(), { params, keys: ['k'], parallelism: 2, subtaskIndex }).restore(snapshot),
    );
    restored.forEach((r) => { r.processWatermark(999); });
    const all = restored.flatMap((r) => r.records() as Array<{ key: string; value: number }>);
    expect(all.map((r) => r.key).sort()).toEqual(keys);
    expect(restored.every((r) => r.records().length > 0)).toBe(true);
  });
});
