/**
 * asyncMap on the stepping host (trace-calls.ts): each call's completion is a step of its own, in
 * the order the calls were made, with `async.call` / `async.complete` / `async.timeout` events
 * (every field, `cause` included); retries and timeouts run on the virtual clock; a failing call
 * fails the job as `eddy run` does; and stepping back replays the recorded outcomes — the same
 * events, the user's function not called again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JobFailure } from '../graph/errors.js';
import type { TraceEvent } from '../operators/tracer.js';
import { runJob } from '../run-job.js';
import { TraceController } from './trace-controller.js';
import { createTraceSession, traceJob, traceJobAsync } from './trace-job.js';
import { traceStepJson } from './trace-json.js';
import type { TraceStep } from './trace-recorder.js';

type Event = TraceEvent & { step: number; at: string };

function eventsOf(steps: readonly TraceStep[], type: string): Event[] {
  return steps.flatMap((s) => s.events.filter((e) => e.type === type).map((e) => ({ ...e, step: s.step, at: s.node })));
}

/** What the user's functions saw, through globalThis (user code runs in this thread here). */
const seen = (globalThis as { __traceAsync?: unknown[] }).__traceAsync ?? [];
(globalThis as { __traceAsync?: unknown[] }).__traceAsync = seen;
afterEach(() => {
  seen.length = 0;
});

const RECORDS = [
  { n: 1, ts: 1000 },
  { n: 2, ts: 2000 },
  { n: 3, ts: 3000 },
];

/** src (collection, ts field) → enrich (asyncMap) → out. */
function asyncJob(code: string, params: Record<string, unknown> = {}, srcParams: Record<string, unknown> = {}) {
  return {
    format: 'eddy/job@1',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { timestampField: 'ts', records: RECORDS, ...srcParams } },
      { id: 'enrich', kind: 'asyncMap', params: { code, timeoutMs: 5000, ...params } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'enrich' },
      { from: 'enrich', to: 'out' },
    ],
  };
}

const src = (offset: number) => ({ node: 'src', offset });

describe('async calls while stepping', () => {
  it('async.call and async.complete: every field and the cause; each completion a step of its own, in the order the calls were made', async () => {
    // The first call answers last (it lets 50 microtask turns pass, the others answer at once), and the mode is unordered: the trace still completes them in issue order.
    const code = 'async (r, ctx) => { globalThis.__traceAsync.push(r.n); for (let i = 0; r.n === 1 && i < 50; i++) await null; return { ...r, doubled: r.n * 2 }; }';
    const { steps, io } = await traceJobAsync(asyncJob(code, { mode: 'unordered' }));
    expect(eventsOf(steps, 'async.call').map(({ type, node, value, attempt, cause, at }) => ({ type, node, value, attempt, cause, at }))).toEqual(
      RECORDS.map((r, i) => ({ type: 'async.call', node: 'enrich', value: r, attempt: 1, cause: src(i), at: 'enrich' })),
    );
    const completions = eventsOf(steps, 'async.complete');
    expect(completions.map(({ step: _, ...e }) => e)).toEqual(
      RECORDS.map((r, i) => ({ type: 'async.complete', node: 'enrich', value: r, attempt: 1, result: [{ ...r, doubled: r.n * 2 }], outcome: 'completed', cause: src(i), at: 'enrich' })),
    );
    for (const c of completions) {
      const step = steps[c.step]!;
      // The completion opens its step, and what it lets leave follows in the same step.
      expect(step.events[0]!.type).toBe('async.complete');
      expect(step.events.filter((e) => e.type === 'async.complete')).toHaveLength(1);
      expect(step.events.filter((e) => e.type === 'sink.emit').map((e) => e.value)).toEqual(c.result);
    }
    // The source ran ahead: every call was made before the first completed (calls take no virtual time, but come last).
    expect(Math.max(...eventsOf(steps, 'async.call').map((e) => e.step))).toBeLessThan(completions[0]!.step);
    expect(io.collected.map((r) => r.value)).toEqual(RECORDS.map((r) => ({ ...r, doubled: r.n * 2 })));
    expect(seen).toEqual([1, 2, 3]);
  });

  it('results and watermarks that a completion lets leave carry their own cause: a window downstream fires by the watermark marker, not by the record that completed', async () => {
    const job = {
      format: 'eddy/job@1',
      nodes: [
        { id: 'src', kind: 'source.collection', params: { timestampField: 'ts', records: [{ k: 'a', ts: 1000 }, { $watermark: 10000 }, { k: 'a', ts: 12000 }] } },
        { id: 'enrich', kind: 'asyncMap', params: { code: 'async (r) => r', timeoutMs: 5000 } },
        { id: 'by', kind: 'keyBy', params: { field: 'k' } },
        { id: 'win', kind: 'window', params: { assigner: { type: 'tumbling', time: 'event', sizeMs: 10000 }, function: { type: 'aggregate', fn: 'count' } } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'src', to: 'enrich' },
        { from: 'enrich', to: 'by' },
        { from: 'by', to: 'win' },
        { from: 'win', to: 'out' },
      ],
    };
    const { steps } = await traceJobAsync(job);
    const fires = eventsOf(steps, 'window.fire');
    expect(fires.map((e) => [e.window, e.cause])).toEqual([
      [{ start: 0, end: 10000 }, src(1)],
      [{ start: 10000, end: 20000 }, src(3)],
    ]);
    // The watermark 10 s left the asyncMap with the completion of the first record's call.
    const first = eventsOf(steps, 'async.complete')[0]!;
    expect(first.cause).toEqual(src(0));
    expect(eventsOf(steps, 'watermark.in').find((e) => e.node === 'win' && e.watermark === 10000)!.step).toBeGreaterThan(first.step);
  });

  it('a failed call waits for its retry on the virtual clock: async.complete says "retry" and when, the retry is an async.call of attempt 2', async () => {
    const code = 'async (r, ctx) => { if (r.n === 1 && ctx.attempt === 1) throw new Error("busy"); return { ...r, attempt: ctx.attempt }; }';
    // One record a second keeps the input open, so the retry is not cut short by its end.
    const { steps, io } = await traceJobAsync(asyncJob(code, { retry: { strategy: 'fixedDelay', maxAttempts: 2, delayMs: 100 } }, { ratePerSec: 1 }));
    const first = eventsOf(steps, 'async.complete')[0]!;
    expect(first).toMatchObject({ node: 'enrich', value: RECORDS[0], attempt: 1, error: 'busy', outcome: 'retry', retryAt: 100, cause: src(0) });
    expect(first).not.toHaveProperty('result');
    const retry = eventsOf(steps, 'async.call').find((e) => e.attempt === 2)!;
    expect(retry).toMatchObject({ value: RECORDS[0], cause: src(0), at: 'enrich' });
    // The retry's step is the asyncMap's wakeup at 100 ms: no source element behind the step itself.
    expect(retry.step).toBeGreaterThan(first.step);
    expect(eventsOf(steps, 'async.complete').find((e) => e.attempt === 2)).toMatchObject({ result: [{ ...RECORDS[0], attempt: 2 }], outcome: 'completed', cause: src(0) });
    expect(io.collected.map((r) => r.value)).toEqual([{ ...RECORDS[0], attempt: 2 }, { ...RECORDS[1], attempt: 1 }, { ...RECORDS[2], attempt: 1 }]);
  });

  it('at the end of input a retried record is called once more: the first answer counts, the other is "ignored"', async () => {
    // n1 fails first and waits 2 s; n2 answers nothing first and waits too; n3 comes at 2 s with the end of input.
    const code = 'async (r, ctx) => { if (ctx.attempt === 1 && r.n === 1) throw new Error("busy"); if (ctx.attempt === 1 && r.n === 2) return []; return { ...r, attempt: ctx.attempt }; }';
    const job = asyncJob(code, { timeoutMs: 60000, retry: { strategy: 'fixedDelay', maxAttempts: 5, delayMs: 2000, onEmptyResult: true } }, { ratePerSec: 1 });
    const { steps, io } = await traceJobAsync(job);
    const completions = eventsOf(steps, 'async.complete').map((e) => [e.value, e.attempt, e.outcome, e.result ?? e.error]);
    expect(completions).toEqual([
      [RECORDS[0], 1, 'retry', 'busy'],
      [RECORDS[1], 1, 'retry', []],
      // At 2 s: n1's retry is in flight when the input ends, so it is called a third time; n2, waiting, a second.
      [RECORDS[0], 2, 'completed', [{ ...RECORDS[0], attempt: 2 }]],
      [RECORDS[2], 1, 'completed', [{ ...RECORDS[2], attempt: 1 }]],
      [RECORDS[0], 3, 'ignored', [{ ...RECORDS[0], attempt: 3 }]],
      [RECORDS[1], 2, 'completed', [{ ...RECORDS[1], attempt: 2 }]],
    ]);
    expect(io.collected.map((r) => r.value)).toEqual([{ ...RECORDS[0], attempt: 2 }, { ...RECORDS[1], attempt: 2 }, { ...RECORDS[2], attempt: 1 }]);
  });

  it('a call that does not answer by its deadline has no completion: the record times out on the virtual clock (async.timeout)', async () => {
    const code = '(r) => (r.n === 2 ? new Promise(() => {}) : Promise.resolve({ ...r, ok: true }))';
    const job = asyncJob(code, { timeoutMs: 40, timeout: '(r, ctx) => ({ ...r, timedOut: ctx.attempt })' });
    const { steps, io } = await traceJobAsync(job);
    expect(eventsOf(steps, 'async.complete').map((e) => e.value)).toEqual([RECORDS[0], RECORDS[2]]);
    const [timeout, ...more] = eventsOf(steps, 'async.timeout');
    expect(more).toEqual([]);
    expect(timeout).toEqual({ type: 'async.timeout', node: 'enrich', value: RECORDS[1], attempts: 1, deadline: 40, cause: src(1), result: [{ ...RECORDS[1], timedOut: 1 }], step: timeout!.step, at: 'enrich' });
    // Ordered: the third record's answer waited for the second's timeout.
    expect(io.collected.map((r) => r.value)).toEqual([
      { ...RECORDS[0], ok: true },
      { ...RECORDS[1], timedOut: 1 },
      { ...RECORDS[2], ok: true },
    ]);
    // Without a timeout function the job fails, naming the node and the record, as eddy run does.
    const failing = asyncJob(code, { timeoutMs: 40 });
    const traced = await traceJobAsync(failing).catch((e: unknown) => e);
    const run = await runJob(failing, { clock: 'virtual' }).catch((e: unknown) => e);
    expect(traced).toBeInstanceOf(JobFailure);
    expect((traced as JobFailure).nodeId).toBe('enrich');
    expect((traced as JobFailure).message).toBe((run as JobFailure).message);
    expect((traced as JobFailure).message).toContain('the async call timed out after 40 ms');
  });

  it('a failing call fails the job, naming the node and the record, as eddy run does', async () => {
    const job = asyncJob('async (r) => { if (r.n === 2) throw new Error("no such product"); return r; }');
    const run = await runJob(job, { clock: 'virtual' }).catch((e: unknown) => e);
    const traced = await traceJobAsync(job).catch((e: unknown) => e);
    expect(traced).toBeInstanceOf(JobFailure);
    expect((traced as JobFailure).nodeId).toBe('enrich');
    expect((traced as JobFailure).message).toBe((run as JobFailure).message);
    expect((traced as JobFailure).message).toContain('the async call failed: no such product');
    // In a session the trace ends with that failure; the steps before it stay.
    const { session } = createTraceSession(job);
    await session.runToEndAsync();
    expect(session.atEnd).toBe(true);
    expect(session.failure?.nodeId).toBe('enrich');
    expect(eventsOf(session.steps, 'async.complete').map((e) => e.value)).toEqual([RECORDS[0]]);
  });

  it('stepping back across completions replays them: the same events, and the function is not called again', async () => {
    const code = 'async (r) => { globalThis.__traceAsync.push(r.n); return { ...r, call: globalThis.__traceAsync.length }; }';
    const { session, io } = createTraceSession(asyncJob(code, { capacity: 2 }), { snapshotEvery: 3 });
    await session.runToEndAsync();
    const first = session.steps.map(traceStepJson);
    expect(seen).toEqual([1, 2, 3]);
    expect(eventsOf(session.steps, 'async.complete')).toHaveLength(3);
    // Back to the start and forward: synchronous, no call waited for, none made.
    session.goTo(0);
    while (session.stepForward() !== null);
    expect(session.awaiting).toBeNull();
    expect(session.steps.map(traceStepJson)).toEqual(first);
    // Back and forth across each completion, from snapshots and from the start.
    for (const c of eventsOf(session.steps, 'async.complete')) {
      session.goTo(c.step);
      expect(session.stepForward()).toEqual(session.steps[c.step]);
      session.stepBack();
      session.stepBack();
      expect(session.position).toBe(c.step - 1);
      session.goTo(c.step + 1);
      expect(session.current).toEqual(JSON.parse(first[c.step]!));
    }
    session.runToEnd();
    expect(session.steps.map(traceStepJson)).toEqual(first);
    expect(seen).toEqual([1, 2, 3]);
    // Each record reached the sink once, with the answer of its only call.
    expect(io.collected.map((r) => r.value)).toEqual(RECORDS.map((r, i) => ({ ...r, call: i + 1 })));
  });

  it('an intervention discards the calls of the steps after it: they are made again for what the new steps ask', async () => {
    const code = 'async (r) => { globalThis.__traceAsync.push(r.n); return r.n * 10; }';
    // One record a second: the source is still running after the first completion.
    const { session } = createTraceSession(asyncJob(code, {}, { ratePerSec: 1 }));
    await session.runToEndAsync();
    expect(seen).toEqual([1, 2, 3]);
    // After the first completion, a record injected at the source.
    const at = eventsOf(session.steps, 'async.complete')[0]!.step + 1;
    await session.goToAsync(at);
    session.intervene({ kind: 'inject-record', target: { source: 'src', subtask: 0 }, value: { n: 9, ts: 500 }, ts: 500 });
    await session.runToEndAsync();
    // The first call's outcome stood; the others were made again, with the injected record's among them.
    expect(seen.slice(3).sort()).toEqual([2, 3, 9]);
    expect(eventsOf(session.steps, 'sink.emit').map((e) => e.value)).toEqual([10, 90, 20, 30]);
  });

  it('after a killed slot the restored asyncMap calls again from its checkpoint, and the whole trace replays without a call', async () => {
    const code = 'async (r) => { globalThis.__traceAsync.push(r.n); return r.n * 10; }';
    const job = { ...asyncJob(code, {}, { ratePerSec: 2 }), checkpointing: { intervalMs: 1000 }, restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 500 } };
    const { session } = createTraceSession(job, { snapshotEvery: 4 });
    let step = await session.stepForwardAsync();
    while (step !== null && !step.events.some((e) => e.type === 'checkpoint.complete')) step = await session.stepForwardAsync();
    expect(step).not.toBeNull();
    await session.stepForwardAsync();
    const kill = session.intervene({ kind: 'kill-slot', slot: 0 })!;
    expect(kill.events[0]).toMatchObject({ action: 'kill-slot', restoredFrom: 1 });
    await session.runToEndAsync();
    expect(session.failure).toBeNull();
    const made = seen.length;
    // Every record reached the sink (those after the checkpoint again: a trace shows every sink.emit).
    expect(new Set(eventsOf(session.steps, 'sink.emit').map((e) => e.value))).toEqual(new Set([10, 20, 30]));
    expect(eventsOf(session.steps, 'async.call').filter((e) => e.step > kill.step).every((e) => e.attempt === 1)).toBe(true);
    const first = session.steps.map(traceStepJson);
    session.goTo(0);
    session.runToEnd();
    expect(session.steps.map(traceStepJson)).toEqual(first);
    expect(seen).toHaveLength(made);
  });

  it("the lab's controller waits for answers and runs moves one at a time: a move asked while another waits starts after it", async () => {
    // Each answer comes some microtask turns after the call: a move has to wait for it.
    const code = 'async (r) => { for (let i = 0; i < 20; i++) await null; return r.n; }';
    const controller = new TraceController();
    expect((await controller.open(asyncJob(code))).ok).toBe(true);
    // Asked together, without waiting: to the end (waiting for three calls), then back to step 2.
    const [end, back] = await Promise.all([controller.goTo(1000, 0), controller.goTo(2, 0)]);
    expect(end.atEnd).toBe(true);
    expect(eventsOf(end.steps, 'sink.emit').map((e) => e.value)).toEqual([1, 2, 3]);
    expect(back.position).toBe(2);
    expect(back.length).toBe(end.length);
    const run = await controller.runUntil([{ kind: 'event', condition: { type: 'async.complete', fields: [['value.n', '2']] } }], end.steps.length);
    expect(run.hit).toBe(0);
    expect(end.steps[run.position - 1]!.events[0]).toMatchObject({ type: 'async.complete', value: RECORDS[1] });
  });

  it('traceJob (synchronous) refuses to go past a call in flight, pointing to traceJobAsync', () => {
    expect(() => traceJob(asyncJob('async (r) => r'))).toThrow('the next step is an async call still in flight: trace this job with traceJobAsync');
  });
});
