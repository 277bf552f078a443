/**
 * Every event type and field of spec/trace.md, from real jobs on the stepping host — in
 * particular `cause`, which must travel with records and watermarks through channels and
 * across tasks: a firing by a bounded-out-of-orderness watermark (per record, and periodic),
 * by a count trigger, by the end of input, after a session merge, a late firing within the
 * allowed lateness, a late record sent to the side output and one dropped.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../operators/tracer.js';
import { MemoryIO } from '../host/memory-io.js';
import { planForTrace, traceJob } from './trace-job.js';
import type { TraceStep } from './trace-recorder.js';
import { TraceStepper } from './trace-stepper.js';

type Event = TraceEvent & { step: number; at: string; subtask: number };

/** Events of `type` with the step that emitted them. */
function eventsOf(steps: readonly TraceStep[], type: string): Event[] {
  return steps.flatMap((s) => s.events.filter((e) => e.type === type).map((e) => ({ ...e, step: s.step, at: s.node, subtask: s.subtask })));
}

const K = { k: 'key1' };

/** src (collection, ts field) → [watermarks] → keyBy k → window → out, plus `late` → lateOut when the window has a lateOutput. */
function windowJob(records: unknown[], windowParams: Record<string, unknown>, watermarks?: Record<string, unknown>, srcParams: Record<string, unknown> = {}) {
  const nodes: unknown[] = [{ id: 'src', kind: 'source.collection', params: { timestampField: 'ts', records, ...srcParams } }];
  const edges: unknown[] = [];
  let last = 'src';
  if (watermarks) {
    nodes.push({ id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', ...watermarks } });
    edges.push({ from: 'src', to: 'wm' });
    last = 'wm';
  }
  nodes.push(
    { id: 'by', kind: 'keyBy', params: { field: 'k' } },
    { id: 'win', kind: 'window', params: { function: { type: 'aggregate', fn: 'count' }, ...windowParams } },
    { id: 'out', kind: 'sink.collect' },
  );
  edges.push({ from: last, to: 'by' }, { from: 'by', to: 'win' }, { from: 'win', to: 'out' });
  if (windowParams.lateOutput) {
    nodes.push({ id: 'lateOut', kind: 'sink.collect' });
    edges.push({ from: 'win', fromPort: windowParams.lateOutput, to: 'lateOut' });
  }
  return { format: 'eddy/job@1', nodes, edges };
}

const tumbling = (sizeMs: number) => ({ type: 'tumbling', time: 'event', sizeMs });

describe('source events', () => {
  it('source.emit numbers every element of a collection, markers included; source.end gives its length', () => {
    const { steps } = traceJob(windowJob([{ ...K, ts: 5 }, { $watermark: 3 }, { ...K, ts: 7 }], { assigner: tumbling(10) }));
    expect(eventsOf(steps, 'source.emit').map(({ type, node, offset, value, watermark }) => ({ type, node, offset, value, watermark }))).toEqual([
      { type: 'source.emit', node: 'src', offset: 0, value: { ...K, ts: 5 }, watermark: undefined },
      { type: 'source.emit', node: 'src', offset: 1, value: undefined, watermark: 3 },
      { type: 'source.emit', node: 'src', offset: 2, value: { ...K, ts: 7 }, watermark: undefined },
    ]);
    expect(eventsOf(steps, 'source.end').map((e) => e.offset)).toEqual([3]);
    // One element per step: a source step emits exactly one element.
    for (const s of steps.filter((s) => s.node === 'src')) expect(s.events.filter((e) => e.type.startsWith('source.'))).toHaveLength(1);
  });

  it('source.file offsets are 0-based lines; source.datagen offsets are indices, split over subtasks', () => {
    const file = {
      format: 'eddy/job@1',
      nodes: [
        { id: 'f', kind: 'source.file', params: { path: 'in.jsonl', format: 'jsonl' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [{ from: 'f', to: 'out' }],
    };
    const f = traceJob(file, { files: { 'in.jsonl': '{"a":1}\n\n{"a":2}\n' } }).steps;
    expect(eventsOf(f, 'source.emit').map((e) => [e.offset, e.value])).toEqual([[0, { a: 1 }], [2, { a: 2 }]]);
    expect(eventsOf(f, 'source.end').map((e) => e.offset)).toEqual([3]);
    const gen = {
      format: 'eddy/job@1',
      nodes: [
        { id: 'g', kind: 'source.datagen', params: { count: 5, seed: 1, keys: 2, startTs: 0, stepMs: 1 } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [{ from: 'g', to: 'out' }],
    };
    const g = traceJob(gen, { parallelism: 2 }).steps;
    const bySubtask = (sub: number) => eventsOf(g, 'source.emit').filter((e) => e.subtask === sub).map((e) => e.offset);
    expect(bySubtask(0)).toEqual([0, 2, 4]);
    expect(bySubtask(1)).toEqual([1, 3]);
    expect(eventsOf(g, 'source.end').map((e) => e.offset)).toEqual([5, 5]);
  });
});

describe('records, watermarks and sinks', () => {
  it('record.in has the value, the timestamp (null without one) and the input port, at the head and in chains', () => {
    const doc = {
      format: 'eddy/job@1',
      nodes: [
        { id: 'a', kind: 'source.collection', params: { records: [1] } },
        { id: 'b', kind: 'source.collection', params: { records: [{ t: 9 }], timestampField: 't' } },
        { id: 'ka', kind: 'keyBy', params: { code: '() => 0' } },
        { id: 'kb', kind: 'keyBy', params: { code: '() => 0' } },
        { id: 'j', kind: 'connect', params: { code: '({ onElement1(r, ctx, out) { out.collect(r) }, onElement2(r, ctx, out) { out.collect(r) } })' } },
        { id: 'm', kind: 'map', params: { code: '(r) => r' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'a', to: 'ka' },
        { from: 'b', to: 'kb' },
        { from: 'ka', to: 'j', toPort: 'in1' },
        { from: 'kb', to: 'j', toPort: 'in2' },
        { from: 'j', to: 'm' },
        { from: 'm', to: 'out' },
      ],
    };
    const ins = eventsOf(traceJob(doc).steps, 'record.in').map(({ node, value, ts, port }) => ({ node, value, ts, port }));
    expect(ins).toContainEqual({ node: 'j', value: 1, ts: null, port: 'in1' });
    expect(ins).toContainEqual({ node: 'j', value: { t: 9 }, ts: 9, port: 'in2' });
    // Chained after j: each operator of the chain reports what it receives.
    expect(ins).toContainEqual({ node: 'm', value: { t: 9 }, ts: 9, port: 'in' });
    expect(ins).toContainEqual({ node: 'out', value: 1, ts: null, port: 'in' });
  });

  it('watermark.in has the channel and the combined watermark after the valve (min over channels)', () => {
    const doc = windowJob(
      [{ ...K, ts: 100 }, { k: 'key2', ts: 50 }, { ...K, ts: 300 }, { k: 'key2', ts: 400 }],
      { assigner: tumbling(1000) },
      { maxOutOfOrdernessMs: 0, intervalMs: 0 },
    );
    // Two watermark subtasks (the collection runs at 1) feed each window subtask's two channels.
    const steps = traceJob(doc, { parallelism: 2 }).steps;
    const ins = eventsOf(steps, 'watermark.in').filter((e) => e.node === 'win');
    expect(ins.length).toBeGreaterThan(2);
    const latest = [-Infinity, -Infinity];
    for (const e of ins) {
      expect(e.port).toBe('in');
      latest[e.channel as number] = Math.max(latest[e.channel as number]!, e.watermark as number);
      expect(e.combined, JSON.stringify(e)).toBe(Math.min(...latest));
    }
    expect(ins.some((e) => e.end === true && e.watermark === Infinity)).toBe(true);
  });

  it('idle.in reports a channel going idle and active again', () => {
    // One record a second and a 100 ms idle timeout: the stream idles between the records (then the input ends).
    const doc = windowJob([{ ...K, ts: 1000 }, { ...K, ts: 2000 }], { assigner: tumbling(10000) }, { maxOutOfOrdernessMs: 0, intervalMs: 0, idleTimeoutMs: 100 }, { ratePerSec: 1 });
    const idles = eventsOf(traceJob(doc).steps, 'idle.in');
    expect(idles.map(({ node, idle, channel, port }) => ({ node, idle, channel, port }))).toEqual([
      { node: 'win', idle: true, channel: 0, port: 'in' },
      { node: 'win', idle: false, channel: 0, port: 'in' },
    ]);
  });

  it('sink.emit has the sink and the value', () => {
    const { steps, io } = traceJob(windowJob([{ ...K, ts: 1 }], { assigner: tumbling(10) }));
    expect(eventsOf(steps, 'sink.emit').map(({ sink, value }) => ({ sink, value }))).toEqual(io.collected.map((r) => ({ sink: r.sink, value: r.value })));
    expect(io.collected).toHaveLength(1);
  });
});

describe('window events and their causes', () => {
  it('window.assign has the key, every window and the timestamp', () => {
    const { steps } = traceJob(windowJob([{ ...K, ts: 2500 }], { assigner: { type: 'sliding', time: 'event', sizeMs: 2000, slideMs: 1000 } }));
    expect(eventsOf(steps, 'window.assign').map(({ key, windows, ts }) => ({ key, windows, ts }))).toEqual([
      { key: 'key1', windows: [{ start: 2000, end: 4000 }, { start: 1000, end: 3000 }], ts: 2500 },
    ]);
  });

  it('a firing by a bounded-out-of-orderness watermark is caused by the record that advanced it', () => {
    const records = [{ ...K, ts: 1000 }, { ...K, ts: 9000 }, { ...K, ts: 4000 }, { k: 'key2', ts: 10600 }];
    const { steps } = traceJob(windowJob(records, { assigner: tumbling(10000) }, { maxOutOfOrdernessMs: 500, intervalMs: 0 }));
    const [fire] = eventsOf(steps, 'window.fire');
    // 10600 − 500 − 1 = 10099 ≥ 9999: the record at offset 3 fired [0, 10000) of key1.
    expect(fire).toMatchObject({ type: 'window.fire', node: 'win', key: 'key1', window: { start: 0, end: 10000 }, result: { value: 3 }, results: [{ value: 3 }], late: false, cause: { node: 'src', offset: 3 } });
    // The watermark that fired it reached the window in that step.
    const step = steps[fire!.step]!;
    expect(step.events[0]).toMatchObject({ type: 'watermark.in', watermark: 10099, combined: 10099 });
  });

  it('a periodic watermark (processing time) is caused by the record that last advanced the generator', () => {
    // 10 records/s: virtual time moves 100 ms per record, the 200 ms periodic emit runs in between.
    const records = [{ ...K, ts: 1000 }, { ...K, ts: 12000 }, { ...K, ts: 3000 }, { ...K, ts: 4000 }, { ...K, ts: 5000 }];
    const { steps } = traceJob(windowJob(records, { assigner: tumbling(10000) }, { maxOutOfOrdernessMs: 0 }, { ratePerSec: 10 }));
    const fire = eventsOf(steps, 'window.fire').find((e) => (e.window as { start: number }).start === 0)!;
    expect(fire.cause).toEqual({ node: 'src', offset: 1 });
    // Emitted on a processing-time wakeup of the source's task, not in the record's step.
    const emitted = steps.find((s) => s.events.some((e) => e.type === 'watermark.in' && e.watermark === 11999))!;
    expect(emitted.events.some((e) => e.type === 'source.emit')).toBe(false);
  });

  it('a firing by a count trigger is caused by the record counted; the purging trigger purges', () => {
    const records = [{ ...K, ts: 1 }, { k: 'key2', ts: 2 }, { ...K, ts: 3 }, { ...K, ts: 4 }];
    const { steps } = traceJob(windowJob(records, { assigner: { type: 'count', size: 2 } }));
    const fires = eventsOf(steps, 'window.fire');
    expect(fires).toHaveLength(1);
    expect(fires[0]).toMatchObject({ key: 'key1', window: { start: null, end: null }, result: { value: 2 }, late: false, cause: { node: 'src', offset: 2 } });
    expect(eventsOf(steps, 'window.purge').map(({ key, window, reason, step }) => ({ key, window, reason, step }))).toEqual([
      { key: 'key1', window: { start: null, end: null }, reason: 'trigger', step: fires[0]!.step },
    ]);
  });

  it('a firing at the end of input is caused by "the element after the last": the input length', () => {
    const records = [{ ...K, ts: 1 }, { $watermark: 0 }, { k: 'key2', ts: 2 }];
    const { steps } = traceJob(windowJob(records, { assigner: tumbling(10) }), { parallelism: 2 });
    const fires = eventsOf(steps, 'window.fire');
    expect(fires.map((f) => f.key).sort()).toEqual(['key1', 'key2']);
    for (const f of fires) expect(f.cause).toEqual({ node: 'src', offset: 3 });
    // Cleanup at end − 1 + lateness, in the same step.
    expect(eventsOf(steps, 'window.purge').map((e) => [e.key, e.reason, e.step]).sort()).toEqual(fires.map((f) => [f.key, 'cleanup', f.step]).sort());
  });

  it('session windows report the merge (the sessions merged and the result) and fire the merged session', () => {
    const records = [{ ...K, ts: 0 }, { ...K, ts: 2000 }, { ...K, ts: 1000 }, { $watermark: 10000 }];
    const { steps } = traceJob(windowJob(records, { assigner: { type: 'session', time: 'event', gapMs: 1000 } }));
    const merges = eventsOf(steps, 'window.merge');
    expect(merges.map(({ key, merged, into }) => ({ key, merged, into }))).toEqual([
      { key: 'key1', merged: [{ start: 0, end: 1000 }, { start: 2000, end: 3000 }], into: { start: 0, end: 3000 } },
    ]);
    // The bridging record caused the merge.
    expect(steps[merges[0]!.step]!.events.find((e) => e.type === 'record.in')).toMatchObject({ value: { ...K, ts: 1000 } });
    expect(eventsOf(steps, 'window.fire')).toMatchObject([{ key: 'key1', window: { start: 0, end: 3000 }, result: { value: 3 }, late: false, cause: { node: 'src', offset: 3 } }]);
  });

  it('a late record within the allowed lateness fires the window again at once (late: true), caused by that record', () => {
    const records = [{ ...K, ts: 1000 }, { $watermark: 10000 }, { ...K, ts: 2000 }, { $watermark: 20000 }];
    const { steps } = traceJob(windowJob(records, { assigner: tumbling(10000), allowedLatenessMs: 5000 }));
    expect(eventsOf(steps, 'window.fire').map(({ key, window, result, late, cause }) => ({ key, window, count: (result as { value: number }).value, late, cause }))).toEqual([
      { key: 'key1', window: { start: 0, end: 10000 }, count: 1, late: false, cause: { node: 'src', offset: 1 } },
      { key: 'key1', window: { start: 0, end: 10000 }, count: 2, late: true, cause: { node: 'src', offset: 2 } },
    ]);
    // Cleanup at 9999 + 5000, when the watermark 20000 passes it.
    expect(eventsOf(steps, 'window.purge')).toMatchObject([{ key: 'key1', window: { start: 0, end: 10000 }, reason: 'cleanup' }]);
  });

  it('a record for windows past their lateness goes to the side output (late.side-output) or is dropped (late.dropped)', () => {
    const records = [{ ...K, ts: 1000 }, { $watermark: 20000 }, { ...K, ts: 500 }];
    const side = traceJob(windowJob(records, { assigner: tumbling(10000), lateOutput: 'late' }));
    expect(eventsOf(side.steps, 'late.side-output').map(({ node, key, value, ts, cause }) => ({ node, key, value, ts, cause }))).toEqual([
      { node: 'win', key: 'key1', value: { ...K, ts: 500 }, ts: 500, cause: { node: 'src', offset: 2 } },
    ]);
    expect(side.io.collected).toContainEqual({ sink: 'lateOut', value: { ...K, ts: 500 } });
    const dropped = traceJob(windowJob(records, { assigner: tumbling(10000) }));
    expect(eventsOf(dropped.steps, 'late.dropped').map(({ key, value, ts, cause }) => ({ key, value, ts, cause }))).toEqual([
      { key: 'key1', value: { ...K, ts: 500 }, ts: 500, cause: { node: 'src', offset: 2 } },
    ]);
    expect(eventsOf(dropped.steps, 'late.side-output')).toEqual([]);
  });
});

describe('timers and checkpoints', () => {
  const processJob = (code: string) => ({
    format: 'eddy/job@1',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { timestampField: 'ts', records: [{ ...K, ts: 100 }, { $watermark: 5000 }] } },
      { id: 'by', kind: 'keyBy', params: { field: 'k' } },
      { id: 'p', kind: 'process', params: { code } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'by' },
      { from: 'by', to: 'p' },
      { from: 'p', to: 'out' },
    ],
  });

  it('timer.fire of an event-time timer has the domain, time, key and the watermark that fired it as cause', () => {
    const { steps } = traceJob(processJob('({ onElement(r, ctx) { ctx.timers.registerEventTime(ctx.timestamp + 1000) }, onTimer(ts, ctx, out) { out.collect(ts) } })'));
    expect(eventsOf(steps, 'timer.fire').map(({ node, timeDomain, timestamp, key, cause }) => ({ node, timeDomain, timestamp, key, cause }))).toEqual([
      { node: 'p', timeDomain: 'event', timestamp: 1100, key: 'key1', cause: { node: 'src', offset: 1 } },
    ]);
  });

  it('timer.fire of a connect function, keyed on both inputs', () => {
    const doc = {
      format: 'eddy/job@1',
      nodes: [
        { id: 'a', kind: 'source.collection', params: { timestampField: 'ts', records: [{ ...K, ts: 10 }, { $watermark: 100 }] } },
        { id: 'b', kind: 'source.collection', params: { timestampField: 'ts', records: [{ $watermark: 100 }] } },
        { id: 'ka', kind: 'keyBy', params: { field: 'k' } },
        { id: 'kb', kind: 'keyBy', params: { field: 'k' } },
        { id: 'c', kind: 'connect', params: { code: '({ onElement1(r, ctx) { ctx.timers.registerEventTime(50) }, onElement2() {}, onTimer(ts, ctx, out) { out.collect(ts) } })' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'a', to: 'ka' },
        { from: 'b', to: 'kb' },
        { from: 'ka', to: 'c', toPort: 'in1' },
        { from: 'kb', to: 'c', toPort: 'in2' },
        { from: 'c', to: 'out' },
      ],
    };
    const fires = eventsOf(traceJob(doc).steps, 'timer.fire');
    expect(fires.map(({ node, timeDomain, timestamp, key }) => ({ node, timeDomain, timestamp, key }))).toEqual([{ node: 'c', timeDomain: 'event', timestamp: 50, key: 'key1' }]);
    // The later of the two watermarks 100 (min over both inputs) fired it.
    expect([{ node: 'a', offset: 1 }, { node: 'b', offset: 0 }]).toContainEqual(fires[0]!.cause);
  });

  it('timer.fire of a processing-time timer has no source element as cause', () => {
    // 10 records/s: the clock reaches the timer (50 ms) before the next record (100 ms).
    const doc = processJob('({ onElement(r, ctx) { ctx.timers.registerProcessingTime(ctx.currentProcessingTime() + 50) }, onTimer(ts, ctx, out) { out.collect(ts) } })');
    Object.assign(doc.nodes[0]!.params!, { ratePerSec: 10, records: [{ ...K, ts: 100 }, { k: 'key2', ts: 200 }] });
    const { steps } = traceJob(doc);
    expect(eventsOf(steps, 'timer.fire').map(({ timeDomain, timestamp, key, cause }) => ({ timeDomain, timestamp, key, cause }))).toEqual([
      { timeDomain: 'processing', timestamp: 50, key: 'key1', cause: null },
    ]);
  });

  it('checkpoint.barrier, checkpoint.snapshot and checkpoint.complete carry the checkpoint id', () => {
    const doc = { ...windowJob([{ ...K, ts: 1 }, { ...K, ts: 2 }, { ...K, ts: 3 }, { ...K, ts: 4 }], { assigner: tumbling(10) }), checkpointing: { intervalMs: 60000 } };
    const stepper = new TraceStepper(planForTrace(doc, 2), { io: new MemoryIO(), checkpointEverySteps: 3 });
    const steps: TraceStep[] = [];
    for (let s = stepper.next(); s !== null; s = stepper.next()) steps.push(s);
    const barriers = eventsOf(steps, 'checkpoint.barrier');
    const snapshots = eventsOf(steps, 'checkpoint.snapshot');
    const completes = eventsOf(steps, 'checkpoint.complete');
    expect(completes.length).toBeGreaterThan(0);
    const first = completes[0]!.checkpointId;
    expect(first).toBe(1);
    // Every task snapshots checkpoint 1 before it completes; windows got the barrier on each channel.
    const before = (e: Event) => e.checkpointId === first && e.step <= completes[0]!.step;
    // (A collection source runs at parallelism 1.)
    expect(new Set(snapshots.filter(before).map((e) => `${e.at}#${e.subtask}`))).toEqual(new Set(['src#0', 'win#0', 'win#1']));
    expect(barriers.filter(before).map((e) => ({ node: e.node, channel: e.channel, port: e.port }))).toEqual([
      { node: 'win', channel: 0, port: 'in' },
      { node: 'win', channel: 0, port: 'in' },
    ]);
    expect(completes.map((c) => c.checkpointId)).toEqual(completes.map((_, i) => i + 1));
  });
});
