import { describe, expect, it } from 'vitest';
import { MemoryIO } from '../host/memory-io.js';
import { createTraceSession, planForTrace } from './trace-job.js';
import { traceStepJson } from './trace-json.js';
import { TraceSession } from './trace-session.js';

/** Three keys through a keyed running sum, written to a file and collected. */
const job = {
  format: 'eddy/job@1',
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: Array.from({ length: 12 }, (_, i) => ({ k: `k${i % 3}`, v: i })) } },
    { id: 'by', kind: 'keyBy', params: { field: 'k' } },
    { id: 'sum', kind: 'reduce', params: { code: '(a, r) => ({ k: a.k, v: a.v + r.v })' } },
    { id: 'file', kind: 'sink.file', params: { path: 'out.jsonl' } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'by' },
    { from: 'by', to: 'sum' },
    { from: 'sum', to: 'file' },
    { from: 'sum', to: 'out' },
  ],
};

function session(snapshotEvery = 4, parallelism = 2) {
  return createTraceSession(job, { parallelism, snapshotEvery });
}

describe('TraceSession', () => {
  it('starts before the first step and records steps as it takes them', () => {
    const { session: s } = session();
    expect(s.position).toBe(0);
    expect(s.current).toBeNull();
    expect(s.stepBack()).toBeNull();
    const first = s.stepForward()!;
    expect(first.step).toBe(0);
    expect(s.current).toBe(first);
    expect(s.steps).toEqual([first]);
    expect(s.length).toBeNull();
  });

  it('goes back and forth over the same steps, and knows its length at the end', () => {
    const { session: s } = session();
    const length = s.runToEnd();
    expect(s.atEnd).toBe(true);
    expect(s.length).toBe(length);
    const all = s.steps.map(traceStepJson);
    expect(s.goTo(5)?.step).toBe(4);
    expect(s.position).toBe(5);
    expect(s.stepBack()?.step).toBe(3);
    expect(s.stepForward()?.step).toBe(4);
    expect(s.goTo(0)).toBeNull();
    expect(s.goTo(length + 100)?.step).toBe(length - 1);
    expect(s.stepForward()).toBeNull();
    // Replays never record again.
    expect(s.steps.map(traceStepJson)).toEqual(all);
  });

  it('goTo beyond the steps taken takes them', () => {
    const { session: s } = session();
    expect(s.goTo(7)?.step).toBe(6);
    expect(s.steps).toHaveLength(7);
  });

  it('hands each record and file line to the host once, however often a step is replayed', () => {
    const a = session(3);
    a.session.runToEnd();
    const b = session(3);
    for (let p = 1; p < 40; p++) {
      b.session.goTo(p);
      b.session.goTo(p - 1 - (p % 4));
    }
    b.session.runToEnd();
    expect(b.io.collected).toEqual(a.io.collected);
    expect(b.io.written).toEqual(a.io.written);
    expect(b.io.written['out.jsonl']!.trim().split('\n')).toHaveLength(12);
  });

  it('rejects a snapshot interval below 1', () => {
    expect(() => new TraceSession(planForTrace(job), { io: new MemoryIO(), snapshotEvery: 0 })).toThrow(/snapshotEvery/);
  });

  it('keeps the failure that ended the job', () => {
    const failing = { ...job, nodes: job.nodes.map((n) => (n.id === 'sum' ? { ...n, params: { code: '(a, r) => { if (r.v > 4) throw new Error("no"); return r; }' } } : n)) };
    const s = new TraceSession(planForTrace(failing, 1), { io: new MemoryIO() });
    s.runToEnd();
    expect(s.atEnd).toBe(true);
    expect(s.failure?.message).toContain('no');
    s.goTo(2);
    expect(s.runToEnd()).toBe(s.steps.length);
  });
});

describe('planForTrace', () => {
  it('refuses live sources and sinks, naming each node: a server cannot be replayed', () => {
    const job = {
      format: 'eddy/job@1',
      nodes: [
        { id: 'feed', kind: 'source.websocket', params: { url: 'ws://localhost:8080' } },
        { id: 'push', kind: 'sink.websocket', params: { url: 'ws://localhost:8080' } },
      ],
      edges: [{ from: 'feed', to: 'push' }],
    };
    expect(() => planForTrace(job)).toThrow(/node "feed", field kind: a source\.websocket node talks to a server[\s\S]*node "push", field kind: a sink\.websocket node/);
  });
});
