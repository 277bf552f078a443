import { describe, expect, it } from 'vitest';
import type { JobError } from './errors.js';
import { incomingEdges, isKeyedInput, nodeParallelism, outgoingEdges, topologicalOrder, validateJob } from './validate.js';

type RawNode = { id: string; kind: string; params?: unknown; parallelism?: number; name?: string };
type RawEdge = { from: string; to: string; fromPort?: string; toPort?: string; partition?: string };

const src = (id = 'src', records: unknown[] = [{ k: 'a', v: 1, ts: 1 }]): RawNode => ({ id, kind: 'source.collection', params: { records, timestampField: 'ts' } });
const map = (id: string, code = '(r) => r'): RawNode => ({ id, kind: 'map', params: { code } });
const keyBy = (id: string): RawNode => ({ id, kind: 'keyBy', params: { field: 'k' } });
const sink = (id = 'out'): RawNode => ({ id, kind: 'sink.collect' });
const sumWindow = (id: string, extra: object = {}): RawNode => ({
  id,
  kind: 'window',
  params: { assigner: { type: 'tumbling', sizeMs: 10 }, function: { type: 'aggregate', fn: 'sum', field: 'v' }, ...extra },
});
const join = (id: string): RawNode => ({ id, kind: 'join.interval', params: { lowerMs: -1, upperMs: 1, leftKey: 'k', rightKey: 'k', code: '(l, r) => l' } });
const e = (from: string, to: string, more: Partial<RawEdge> = {}): RawEdge => ({ from, to, ...more });

/** A job from nodes and edges; chain(['a', 'b', 'c']) gives a → b → c. */
function job(nodes: unknown[], edges: unknown[], extra: object = {}) {
  return { format: 'eddy/job@1', nodes, edges, ...extra };
}
const chain = (...ids: string[]) => ids.slice(1).map((id, i) => e(ids[i]!, id));

function errorsOf(doc: unknown): JobError[] {
  const r = validateJob(doc);
  if (r.ok) throw new Error('expected validation errors, got a valid job');
  return r.errors;
}

/** The single error of a document that has exactly one thing wrong. */
function onlyError(doc: unknown): JobError {
  const errors = errorsOf(doc);
  expect(errors, JSON.stringify(errors, null, 1)).toHaveLength(1);
  return errors[0]!;
}

const VALID = job([src(), keyBy('k'), sumWindow('w'), sink()], chain('src', 'k', 'w', 'out'));

describe('validateJob accepts', () => {
  it('a keyed window job and applies defaults', () => {
    const r = validateJob(VALID);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.job.parallelism).toBe(1);
    expect(r.job.edges[0]).toEqual({ from: 'src', to: 'k', fromPort: 'out', toPort: 'in' });
    const w = r.job.nodes.find((n) => n.id === 'w')!;
    if (w.kind !== 'window') throw new Error('narrowing');
    expect(w.params.trigger).toBe('default');
    expect(w.params.assigner).toMatchObject({ offsetMs: 0, time: 'event' });
  });

  it('the spec example document with every section', () => {
    const r = validateJob({
      format: 'eddy/job@1',
      name: 'Clicks per user',
      parallelism: 2,
      maxParallelism: 128,
      checkpointing: { intervalMs: 1000, mode: 'exactly-once', unaligned: false, retained: 3 },
      restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 500 },
      nodes: [
        src('src', [{ k: 'a', v: 1, ts: 1 }, { $watermark: 1999 }]),
        { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 500 } },
        keyBy('k'),
        { id: 'w1', kind: 'window', name: 'Sum per 5 s', parallelism: 2, params: {
          assigner: { type: 'tumbling', sizeMs: 5000, offsetMs: 0, time: 'event' },
          trigger: 'default', evictor: null, allowedLatenessMs: 0, lateOutput: 'late',
          function: { type: 'aggregate', fn: 'sum', field: 'value' } } },
        sink('out'),
        sink('lateSink'),
      ],
      edges: [e('src', 'wm'), e('wm', 'k'), e('k', 'w1', { fromPort: 'out', toPort: 'in' }), e('w1', 'out'), e('w1', 'lateSink', { fromPort: 'late' })],
      layout: { src: { x: 0, y: 0 } },
    });
    expect(r.errors).toEqual([]);
  });

  it('the spec process function with state, timers and side outputs', () => {
    const code = `({
      onElement(record, ctx, out) {
        const seen = ctx.state.value('seen');          // get() · update(v) · clear()
        seen.update((seen.get() ?? 0) + 1);
        ctx.timers.registerEventTime(ctx.timestamp + 1000);
        out.collect({ key: ctx.key, n: seen.get() });
      },
      onTimer(ts, ctx, out) { /* ctx.key, ctx.state as above, ctx.timeDomain */ },
    })`;
    const doc = job(
      [src(), keyBy('k'), { id: 'p', kind: 'process', params: { code } }, sink('a'), sink('b')],
      [...chain('src', 'k', 'p', 'a'), e('p', 'b', { fromPort: 'anything-goes' })],
    );
    expect(validateJob(doc).errors).toEqual([]);
  });

  it('TypeScript code params', () => {
    const doc = job([src(), map('m', '(r: { v: number }): number => r.v * 2'), sink()], chain('src', 'm', 'out'));
    expect(validateJob(doc).ok).toBe(true);
  });

  it('a union with many inputs, and two-input nodes fed on in1 and in2', () => {
    const doc = job(
      [src('a'), src('b'), { id: 'u', kind: 'union' }, src('c'), join('j'), sink()],
      [e('a', 'u'), e('b', 'u'), e('u', 'j', { toPort: 'in1' }), e('c', 'j', { toPort: 'in2' }), e('j', 'out')],
    );
    const r = validateJob(doc);
    expect(r.errors).toEqual([]);
  });

  it('a window join, a connect and a file source with its "errors" side output', () => {
    const jw = { id: 'jw', kind: 'join.window', params: { window: { assigner: { type: 'tumbling', sizeMs: 10 } }, leftKey: 'k', rightKey: '(r) => r.k', code: '(l, r) => [l, r]' } };
    const co = { id: 'co', kind: 'connect', params: { code: '({ onElement1(r, ctx, out) { out.collect(r); }, onElement2(r, ctx, out) {} })' } };
    const doc = job(
      [{ id: 'f', kind: 'source.file', params: { path: 'in.jsonl' } }, src('b'), jw, co, sink(), sink('errs'), { id: 'fs', kind: 'sink.file', params: {} }],
      [e('f', 'jw', { toPort: 'in1' }), e('b', 'jw', { toPort: 'in2' }), e('jw', 'co', { toPort: 'in1' }), e('f', 'co', { toPort: 'in2' }), e('co', 'out'), e('co', 'fs', { fromPort: 'dropped' }), e('f', 'errs', { fromPort: 'errors' })],
    );
    expect(validateJob(doc).errors).toEqual([]);
  });

  it('a partition on an edge out of a keyBy, even "forward" across parallelisms (it is ignored)', () => {
    const doc = job(
      [src(), keyBy('k'), { id: 'r', kind: 'reduce', parallelism: 4, params: { code: '(a, r) => a' } }, sink()],
      [e('src', 'k'), e('k', 'r', { partition: 'forward' }), e('r', 'out', { partition: 'rebalance' })],
      { parallelism: 2 },
    );
    expect(validateJob(doc).errors).toEqual([]);
  });

  it('a window on a non-keyed stream (windowAll) and an aggregate after a keyBy', () => {
    const doc = job(
      [src(), sumWindow('w'), keyBy('k'), { id: 'a', kind: 'aggregate', params: { fn: 'count' } }, sink()],
      chain('src', 'w', 'k', 'a', 'out'),
    );
    expect(validateJob(doc).errors).toEqual([]);
  });

  it('a minimal datagen job', () => {
    expect(validateJob(job([{ id: 'g', kind: 'source.datagen', params: { count: 5 } }, sink()], chain('g', 'out'))).ok).toBe(true);
  });
});

describe('validateJob reports', () => {
  it('a document that is not an object', () => {
    expect(onlyError([1, 2])).toMatchObject({ code: 'invalid-document' });
  });

  it('a wrong format string', () => {
    expect(onlyError({ ...VALID, format: 'eddy/job@2' })).toMatchObject({ code: 'invalid-format', field: 'format' });
  });

  it('a missing format', () => {
    const { format: _, ...rest } = VALID;
    expect(onlyError(rest)).toMatchObject({ code: 'invalid-format', field: 'format', message: expect.stringContaining('eddy/job@1') });
  });

  it('an unknown top-level field', () => {
    expect(onlyError({ ...VALID, nmae: 'x' })).toMatchObject({ code: 'unknown-field', field: 'nmae', message: expect.stringContaining('did you mean "name"') });
  });

  it('an invalid document-level value, in words and with its unit', () => {
    const err = onlyError({ ...VALID, checkpointing: { intervalMs: -5 } });
    expect(err).toEqual({ code: 'invalid-field', field: 'checkpointing.intervalMs', message: 'expected a positive number (ms), got -5' });
  });

  it('a missing node field', () => {
    expect(onlyError(job([{ kind: 'sink.collect' }], []))).toMatchObject({ code: 'missing-field', field: 'nodes[0].id' });
  });

  it('an unknown node field', () => {
    expect(onlyError(job([src(), { ...sink(), colour: 'red' }], chain('src', 'out')))).toMatchObject({ code: 'unknown-field', nodeId: 'out', field: 'colour' });
  });

  it('an unknown kind, suggesting the closest one and listing all', () => {
    const err = onlyError(job([src(), { id: 'w', kind: 'windw', params: {} }, sink()], chain('src', 'w', 'out')));
    expect(err).toMatchObject({ code: 'unknown-kind', nodeId: 'w', field: 'kind' });
    expect(err.message).toContain('unknown node kind "windw" (did you mean "window"?); known kinds: source.collection');
  });

  it('a missing required param', () => {
    expect(onlyError(job([src(), { id: 'm', kind: 'map', params: {} }, sink()], chain('src', 'm', 'out')))).toEqual({
      code: 'missing-param', nodeId: 'm', field: 'params.code', message: 'missing required param "code"',
    });
  });

  it('an invalid nested param with its path and unit', () => {
    const doc = job([src(), keyBy('k'), sumWindow('w', { assigner: { type: 'tumbling', sizeMs: -5 } }), sink()], chain('src', 'k', 'w', 'out'));
    expect(onlyError(doc)).toEqual({
      code: 'invalid-param', nodeId: 'w', field: 'params.assigner.sizeMs', message: 'expected a positive number (ms), got -5',
    });
  });

  it('an unknown param, suggesting the intended one', () => {
    const doc = job([src(), keyBy('k'), sumWindow('w', { assigner: { type: 'tumbling', sizeMS: 5 } }), sink()], chain('src', 'k', 'w', 'out'));
    const errors = errorsOf(doc);
    expect(errors).toContainEqual(expect.objectContaining({ code: 'unknown-param', nodeId: 'w', field: 'params.assigner.sizeMS', message: expect.stringContaining('did you mean "sizeMs"') }));
    expect(errors).toContainEqual(expect.objectContaining({ code: 'missing-param', nodeId: 'w', field: 'params.assigner.sizeMs' }));
  });

  it('an unknown union member, such as an assigner type', () => {
    const doc = job([src(), keyBy('k'), sumWindow('w', { assigner: { type: 'tumbeling', sizeMs: 5 } }), sink()], chain('src', 'k', 'w', 'out'));
    expect(onlyError(doc)).toMatchObject({ code: 'invalid-param', nodeId: 'w', field: 'params.assigner.type', message: expect.stringContaining('"tumbling"') });
  });

  it('an error inside a nested trigger', () => {
    const doc = job([src(), keyBy('k'), sumWindow('w', { trigger: { type: 'purging', of: { type: 'count', count: 0 } } }), sink()], chain('src', 'k', 'w', 'out'));
    expect(onlyError(doc)).toMatchObject({ code: 'invalid-param', nodeId: 'w', field: 'params.trigger.of.count' });
  });

  it('a cross-field param rule: keyBy with neither field nor code', () => {
    const doc = job([src(), { id: 'k', kind: 'keyBy', params: {} }, sink()], chain('src', 'k', 'out'));
    expect(onlyError(doc)).toMatchObject({ code: 'missing-param', nodeId: 'k', field: 'params.field' });
  });

  it('an invalid node id', () => {
    expect(onlyError(job([src('my src'), sink()], chain('my src', 'out')))).toMatchObject({ code: 'invalid-id', nodeId: 'my src', field: 'id' });
  });

  it('a duplicate node id', () => {
    const err = onlyError(job([src(), map('m'), map('m'), sink()], chain('src', 'm', 'out')));
    expect(err).toMatchObject({ code: 'duplicate-id', nodeId: 'm', field: 'id', message: expect.stringContaining('nodes[1] and nodes[2]') });
  });

  it('a dangling edge', () => {
    const err = onlyError(job([src(), sink()], [e('src', 'out'), e('src', 'nowhere')]));
    expect(err).toMatchObject({ code: 'dangling-edge', field: 'edges[1].to', message: expect.stringContaining('"nowhere"') });
  });

  it('an unknown output port', () => {
    const doc = job([src(), keyBy('k'), sumWindow('w'), sink(), sink('l')], [...chain('src', 'k', 'w', 'out'), e('w', 'l', { fromPort: 'late' })]);
    expect(onlyError(doc)).toMatchObject({ code: 'unknown-port', nodeId: 'w', field: 'edges[3].fromPort' });
  });

  it('no unknown port for a side output of a window with a process function (ctx.output)', () => {
    const w = sumWindow('w', { function: { type: 'process', code: "(k, w, els, ctx) => { ctx.output('busy', k); }" } });
    const doc = job([src(), keyBy('k'), w, sink(), sink('b')], [...chain('src', 'k', 'w', 'out'), e('w', 'b', { fromPort: 'busy' })]);
    expect(validateJob(doc).ok).toBe(true);
  });

  it('an edge out of a sink', () => {
    const doc = job([src(), sink('a'), sink('b')], chain('src', 'a', 'b'));
    expect(onlyError(doc)).toMatchObject({ code: 'unknown-port', nodeId: 'a', field: 'edges[1].from' });
  });

  it('an unknown input port', () => {
    const doc = job([src(), map('m'), sink()], [e('src', 'm', { toPort: 'in2' }), e('m', 'out')]);
    expect(onlyError(doc)).toMatchObject({ code: 'unknown-port', nodeId: 'm', field: 'edges[0].toPort' });
  });

  it('an edge into a source', () => {
    const doc = job([src('a'), src('b'), sink()], [e('a', 'b'), e('b', 'out')]);
    expect(onlyError(doc)).toMatchObject({ code: 'unknown-port', nodeId: 'b', field: 'edges[0].to', message: expect.stringContaining('takes no input') });
  });

  it('an edge into a two-input node without toPort', () => {
    const doc = job([src('a'), src('b'), join('j'), sink()], [e('a', 'j'), e('b', 'j', { toPort: 'in2' }), e('j', 'out')]);
    expect(onlyError(doc)).toMatchObject({ code: 'missing-port', nodeId: 'j', field: 'edges[0].toPort' });
  });

  it('a cycle, naming its nodes', () => {
    const doc = job([src(), { id: 'u', kind: 'union' }, map('m'), sink()], [e('src', 'u'), e('u', 'm'), e('m', 'u'), e('m', 'out')]);
    expect(onlyError(doc)).toEqual({ code: 'cycle', nodeId: 'u', field: 'edges[2]', message: 'cycle "u" → "m" → "u": a job graph must not loop back on itself' });
  });

  it('a node without input', () => {
    expect(onlyError(job([src(), map('m'), sink()], chain('src', 'out')))).toMatchObject({ code: 'missing-input', nodeId: 'm', field: 'inputs.in' });
  });

  it('a two-input node missing its right input', () => {
    const doc = job([src('a'), join('j'), sink()], [e('a', 'j', { toPort: 'in1' }), e('j', 'out')]);
    expect(onlyError(doc)).toMatchObject({ code: 'missing-input', nodeId: 'j', field: 'inputs.in2' });
  });

  it('two edges into a single-input node other than union', () => {
    const doc = job([src('a'), src('b'), map('m'), sink()], [e('a', 'm'), e('b', 'm'), e('m', 'out')]);
    expect(onlyError(doc)).toMatchObject({ code: 'too-many-inputs', nodeId: 'm', field: 'inputs.in', message: expect.stringContaining('union') });
  });

  it('a keyed-only node without a keyBy in front', () => {
    const doc = job([src(), map('m'), { id: 'r', kind: 'reduce', params: { code: '(a, r) => a' } }, sink()], chain('src', 'm', 'r', 'out'));
    expect(onlyError(doc)).toMatchObject({ code: 'not-keyed', nodeId: 'r', field: 'inputs.in', message: expect.stringContaining('"m"') });
  });

  it('a keyed-only node after a union of keyed streams (a union is not keyed)', () => {
    const doc = job(
      [src('a'), src('b'), keyBy('ka'), keyBy('kb'), { id: 'u', kind: 'union' }, { id: 'p', kind: 'reduce', params: { code: '(a, r) => a' } }, sink()],
      [e('a', 'ka'), e('b', 'kb'), e('ka', 'u'), e('kb', 'u'), e('u', 'p'), e('p', 'out')],
    );
    expect(onlyError(doc)).toMatchObject({ code: 'not-keyed', nodeId: 'p' });
  });

  it('a keyed broadcast input into process.broadcast', () => {
    const code = '({ processElement() {}, processBroadcastElement() {} })';
    const doc = job(
      [src('a'), src('b'), keyBy('ka'), keyBy('kb'), { id: 'bp', kind: 'process.broadcast', params: { code } }, sink()],
      [e('a', 'ka'), e('b', 'kb'), { from: 'ka', to: 'bp', toPort: 'in1' }, { from: 'kb', to: 'bp', toPort: 'in2' }, e('bp', 'out')],
    );
    expect(onlyError(doc)).toMatchObject({ code: 'keyed-broadcast', nodeId: 'bp', field: 'inputs.in2', message: expect.stringContaining('before keyBy "kb"') });
  });

  it('a parallelism on a node that runs as one subtask', () => {
    const doc = job([{ ...src(), parallelism: 2 }, sink()], chain('src', 'out'));
    expect(onlyError(doc)).toMatchObject({ code: 'invalid-parallelism', nodeId: 'src', field: 'parallelism' });
  });

  it('a parallelism above maxParallelism', () => {
    const doc = job([src(), { ...map('m'), parallelism: 9 }, sink()], chain('src', 'm', 'out'), { maxParallelism: 8 });
    expect(onlyError(doc)).toMatchObject({ code: 'invalid-parallelism', nodeId: 'm', field: 'parallelism' });
  });

  it('a forward edge between different parallelisms', () => {
    const doc = job([src(), map('m'), sink()], [e('src', 'm', { partition: 'forward' }), e('m', 'out')], { parallelism: 2 });
    expect(onlyError(doc)).toMatchObject({ code: 'forward-parallelism', nodeId: 'm', field: 'edges[0].partition', message: expect.stringContaining('"src" has 1 and "m" has 2') });
  });

  it('code that does not parse, naming node and field', () => {
    const doc = job([src(), keyBy('k'), sumWindow('w', { function: { type: 'reduce', code: '(a, b) => a +' } }), sink()], chain('src', 'k', 'w', 'out'));
    const err = onlyError(doc);
    expect(err).toMatchObject({ code: 'syntax-error', nodeId: 'w', field: 'params.function.code' });
    expect(err.message).toMatch(/^code in "function.code" does not parse: /);
  });

  it('a join key written as code that does not parse', () => {
    const j = join('j');
    (j.params as Record<string, unknown>).leftKey = '(r) => r.';
    const doc = job([src('a'), src('b'), j, sink()], [e('a', 'j', { toPort: 'in1' }), e('b', 'j', { toPort: 'in2' }), e('j', 'out')]);
    expect(onlyError(doc)).toMatchObject({ code: 'syntax-error', nodeId: 'j', field: 'params.leftKey' });
  });

  it('params that are not an object', () => {
    expect(onlyError(job([src(), { id: 'm', kind: 'map', params: 'x' }, sink()], chain('src', 'm', 'out')))).toMatchObject({
      code: 'invalid-param', nodeId: 'm', field: 'params', message: 'expected an object, got "x"',
    });
  });

  it('a missing edge end, by its own name', () => {
    expect(onlyError(job([src(), sink()], [e('src', 'out'), { from: 'src' }]))).toEqual({
      code: 'missing-field', field: 'edges[1].to', message: 'missing required field "to"',
    });
  });

  it('malformed documents as errors, never by throwing', () => {
    const odd: unknown[] = [
      undefined,
      'x',
      { format: 'eddy/job@1', nodes: 5, edges: 'x' },
      job([null, [], { id: 5, kind: 7, params: [] }, { id: 'b', kind: 'window', params: { assigner: 5, trigger: null, evictor: 'x', function: [] } }], [null, 5, { from: 1 }, { from: 'b', to: 'b', fromPort: 5, toPort: null }]),
      job([{ id: 'c', kind: 'join.window', params: { window: {} } }], [{ from: 'c', to: 'c', toPort: 'in1' }], { maxParallelism: 99999, parallelism: 1.5, layout: 5, checkpointing: {}, restart: {} }),
    ];
    for (const doc of odd) {
      const errors = errorsOf(doc);
      expect(errors.length).toBeGreaterThan(0);
      for (const err of errors) expect(err.message.length).toBeGreaterThan(0);
    }
  });

  it('every error at once', () => {
    const doc = job(
      [src(), { id: 'm', kind: 'map', params: {} }, { id: 'x', kind: 'nope' }, { id: 'f', kind: 'filter', params: { code: '(r) =>' } }, sink()],
      [e('src', 'm'), e('m', 'f'), e('f', 'out'), e('ghost', 'out')],
      { parallelism: 0 },
    );
    const found = errorsOf(doc).map((x) => [x.code, x.nodeId, x.field]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['invalid-field', undefined, 'parallelism'],
        ['missing-param', 'm', 'params.code'],
        ['unknown-kind', 'x', 'kind'],
        ['syntax-error', 'f', 'params.code'],
        ['dangling-edge', undefined, 'edges[3].from'],
      ]),
    );
    expect(found).toHaveLength(5);
  });
});

describe('graph helpers', () => {
  const r = validateJob(
    job(
      [sink('out'), { id: 'u', kind: 'union' }, src('b'), src('a'), keyBy('k'), { id: 'r', kind: 'reduce', params: { code: '(a, r) => a' } }],
      [e('a', 'u'), e('b', 'u'), e('u', 'k'), e('k', 'r'), e('r', 'out')],
      { parallelism: 3 },
    ),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const valid = r.job;

  it('incomingEdges and outgoingEdges list a node\'s edges in document order', () => {
    expect(incomingEdges(valid, 'u').map((x) => x.from)).toEqual(['a', 'b']);
    expect(outgoingEdges(valid, 'u').map((x) => x.to)).toEqual(['k']);
  });

  it('isKeyedInput is true only straight after a keyBy', () => {
    expect(isKeyedInput(valid, 'r')).toBe(true);
    expect(isKeyedInput(valid, 'k')).toBe(false);
    expect(isKeyedInput(valid, 'a')).toBe(false);
  });

  it('topologicalOrder puts every node after its inputs, ties in document order', () => {
    expect(topologicalOrder(valid).map((n) => n.id)).toEqual(['b', 'a', 'u', 'k', 'r', 'out']);
  });

  it('topologicalOrder throws on a cycle, naming it', () => {
    const looped = { nodes: valid.nodes, edges: [...valid.edges, { from: 'r', to: 'u', fromPort: 'out', toPort: 'in' }] };
    expect(() => topologicalOrder(looped)).toThrow('u → k → r → u');
  });

  it('nodeParallelism fixes single-subtask kinds and inherits the job default', () => {
    expect(nodeParallelism(valid, 'a')).toBe(1);
    expect(nodeParallelism(valid, 'r')).toBe(3);
  });
});
