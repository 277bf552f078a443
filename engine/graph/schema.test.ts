import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isCodeKey, JobDocumentSchema, JobEdgeSchema, JobNodeSchema } from './schema.js';
import { NODE_KIND_NAMES, type NodeKind, PARAM_SCHEMAS } from './schema-params.js';

/** A minimal valid params object for every kind, and what parsing must turn it into. */
const MINIMAL: Record<NodeKind, { input: unknown; parsed: unknown }> = {
  'source.collection': { input: { records: [{ a: 1 }] }, parsed: { records: [{ a: 1 }] } },
  'source.datagen': { input: {}, parsed: { seed: 1, keys: 10, startTs: 0, stepMs: 1000 } },
  'source.file': { input: {}, parsed: { format: 'jsonl' } },
  watermarks: {
    input: { timestampField: 'ts' },
    parsed: { timestampField: 'ts', strategy: 'bounded-out-of-orderness', maxOutOfOrdernessMs: 0, intervalMs: 200 },
  },
  map: { input: { code: '(r) => r' }, parsed: { code: '(r) => r' } },
  filter: { input: { code: '(r) => true' }, parsed: { code: '(r) => true' } },
  flatMap: { input: { code: '(r) => [r]' }, parsed: { code: '(r) => [r]' } },
  keyBy: { input: { field: 'user.id' }, parsed: { field: 'user.id' } },
  reduce: { input: { code: '(a, r) => a' }, parsed: { code: '(a, r) => a' } },
  aggregate: { input: { fn: 'count' }, parsed: { fn: 'count' } },
  groupAggregate: {
    input: { aggregates: [{ name: 'cnt', fn: 'count' }] },
    parsed: { keys: [], aggregates: [{ name: 'cnt', fn: 'count', distinct: false, integer: false }] },
  },
  window: {
    input: { assigner: { type: 'tumbling', sizeMs: 5000 }, function: { type: 'aggregate', fn: 'sum', field: 'value' } },
    parsed: {
      assigner: { type: 'tumbling', sizeMs: 5000, offsetMs: 0, time: 'event' },
      trigger: 'default',
      evictor: null,
      allowedLatenessMs: 0,
      function: { type: 'aggregate', fn: 'sum', field: 'value' },
    },
  },
  process: { input: { code: '({ onElement(r, ctx, out) {} })' }, parsed: { code: '({ onElement(r, ctx, out) {} })' } },
  union: { input: {}, parsed: {} },
  connect: { input: { code: '({ onElement1() {}, onElement2() {} })' }, parsed: { code: '({ onElement1() {}, onElement2() {} })' } },
  'join.window': {
    input: { window: { assigner: { type: 'session', gapMs: 100 } }, leftKey: 'k', rightKey: '(r) => r.k', code: '(l, r) => ({ l, r })' },
    parsed: {
      window: { assigner: { type: 'session', gapMs: 100, time: 'event' }, trigger: 'default', evictor: null, allowedLatenessMs: 0 },
      leftKey: 'k',
      rightKey: '(r) => r.k',
      code: '(l, r) => ({ l, r })',
    },
  },
  'join.interval': {
    input: { lowerMs: -5, upperMs: 5, leftKey: 'k', rightKey: 'k', code: '(l, r) => l' },
    parsed: { lowerMs: -5, upperMs: 5, leftKey: 'k', rightKey: 'k', code: '(l, r) => l' },
  },
  'sink.collect': { input: {}, parsed: {} },
  'sink.file': { input: { path: 'out.jsonl' }, parsed: { path: 'out.jsonl', format: 'jsonl' } },
  'source.websocket': { input: { url: 'ws://localhost:8080' }, parsed: { url: 'ws://localhost:8080', format: 'jsonl' } },
  'sink.websocket': { input: { url: 'wss://example.org/feed' }, parsed: { url: 'wss://example.org/feed' } },
  'source.sse': { input: { url: 'http://localhost:8080/events' }, parsed: { url: 'http://localhost:8080/events', format: 'jsonl', event: 'message' } },
  'cep.pattern': {
    input: { pattern: [{ name: 'a', type: 'begin' }], select: '(m) => m' },
    parsed: { pattern: [{ name: 'a', type: 'begin' }], afterMatchSkip: 'noSkip', select: '(m) => m' },
  },
  'process.broadcast': {
    input: { code: '({ processElement() {}, processBroadcastElement() {} })' },
    parsed: { code: '({ processElement() {}, processBroadcastElement() {} })' },
  },
  'join.sqlInterval': { input: { lowerMs: -1000, upperMs: 0, leftKey: 'k', rightKey: 'k' }, parsed: { lowerMs: -1000, upperMs: 0, type: 'inner', leftKey: 'k', rightKey: 'k' } },
  'join.regular': { input: { leftKey: 'k', rightKey: 'k', type: 'left' }, parsed: { type: 'left', leftKey: 'k', rightKey: 'k' } },
  rank: { input: { orderBy: [{ field: 'ts' }] }, parsed: { orderBy: [{ field: 'ts', desc: false }], limit: 1, deduplicate: false } },
  'join.temporal': { input: { leftKey: 'k', rightKey: 'k' }, parsed: { type: 'inner', leftKey: 'k', rightKey: 'k' } },
  'join.semiAnti': { input: { leftKey: 'k', rightKey: 'k', type: 'anti' }, parsed: { type: 'anti', leftKey: 'k', rightKey: 'k' } },
  asyncMap: {
    input: { code: 'async (r) => r', timeoutMs: 1000, retry: { strategy: 'fixedDelay', maxAttempts: 2 } },
    parsed: {
      code: 'async (r) => r',
      timeoutMs: 1000,
      capacity: 100,
      mode: 'ordered',
      retry: { strategy: 'fixedDelay', maxAttempts: 2, delayMs: 1000, multiplier: 2, onException: true, onEmptyResult: false },
    },
  },
};

describe('PARAM_SCHEMAS', () => {
  it('has one schema per kind', () => {
    expect(Object.keys(PARAM_SCHEMAS).sort()).toEqual([...NODE_KIND_NAMES].sort());
  });

  for (const kind of NODE_KIND_NAMES) {
    it(`parses a minimal ${kind} node with its defaults applied`, () => {
      const node = JobNodeSchema.parse({ id: 'n1', kind, params: MINIMAL[kind].input });
      expect(node.params).toEqual(MINIMAL[kind].parsed);
    });
  }

  it('gives every top-level param a description for the inspector', () => {
    const missing: string[] = [];
    for (const kind of NODE_KIND_NAMES) {
      const shape = (PARAM_SCHEMAS[kind] as unknown as z.ZodObject).shape;
      for (const [name, schema] of Object.entries(shape)) if (!(schema as z.ZodType).description) missing.push(`${kind}.${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('converts every params schema to JSON Schema, so forms can be generated', () => {
    for (const kind of NODE_KIND_NAMES) {
      const json = z.toJSONSchema(PARAM_SCHEMAS[kind], { io: 'input' }) as { type?: string };
      expect(json.type, kind).toBe('object');
    }
  });

  it('treats an absent params object as an empty one', () => {
    expect(JobNodeSchema.parse({ id: 'u', kind: 'union' }).params).toEqual({});
    expect(JobNodeSchema.parse({ id: 'g', kind: 'source.datagen' }).params).toMatchObject({ seed: 1, keys: 10 });
  });
});

describe('window params from the spec', () => {
  const fn = { type: 'aggregate', fn: 'sum', field: 'value' };
  const window = PARAM_SCHEMAS.window;
  const assigners = [
    { type: 'tumbling', sizeMs: 5000, offsetMs: 0, time: 'event' },
    { type: 'sliding', sizeMs: 3000, slideMs: 1000, offsetMs: 0, time: 'event' },
    { type: 'session', gapMs: 3000 },
    { type: 'session', gap: '(r) => r.gap' },
    { type: 'global' },
    { type: 'count', size: 3, slide: 2 },
    { type: 'count', size: 3 },
    { type: 'tumbling', sizeMs: 5000, time: 'processing' },
  ];
  for (const assigner of assigners) {
    it(`accepts the assigner ${JSON.stringify(assigner)}`, () => {
      expect(window.safeParse({ assigner, function: fn }).success).toBe(true);
    });
  }

  const triggers = [
    'default',
    { type: 'count', count: 4 },
    { type: 'event-time' },
    { type: 'processing-time' },
    { type: 'continuous-event-time', intervalMs: 1000 },
    { type: 'end-of-stream' },
    { type: 'purging', of: { type: 'count', count: 4 } },
    { type: 'purging', of: { type: 'purging', of: { type: 'event-time' } } },
  ];
  for (const trigger of triggers) {
    it(`accepts the trigger ${JSON.stringify(trigger)}`, () => {
      expect(window.parse({ assigner: { type: 'global' }, trigger, function: fn }).trigger).toEqual(trigger);
    });
  }

  it('accepts the evictors, lateness, late output and every function type', () => {
    for (const evictor of [null, { type: 'count', count: 4 }, { type: 'time', sizeMs: 1000 }]) {
      expect(window.safeParse({ assigner: { type: 'global' }, evictor, function: fn }).success).toBe(true);
    }
    const full = window.parse({
      assigner: { type: 'tumbling', sizeMs: 5000 },
      allowedLatenessMs: 1000,
      lateOutput: 'late',
      function: { type: 'process', code: '(key, window, elements, ctx) => elements.length' },
    });
    expect(full).toMatchObject({ allowedLatenessMs: 1000, lateOutput: 'late' });
    expect(window.safeParse({ assigner: { type: 'global' }, function: { type: 'reduce', code: '(a, b) => a' } }).success).toBe(true);
    for (const f of ['sum', 'min', 'max', 'minBy', 'maxBy', 'avg']) {
      expect(window.safeParse({ assigner: { type: 'global' }, function: { type: 'aggregate', fn: f, field: 'v' } }).success).toBe(true);
    }
    expect(window.safeParse({ assigner: { type: 'global' }, function: { type: 'aggregate', fn: 'count' } }).success).toBe(true);
  });

  it('accepts a negative offset smaller than the size, as for time zones', () => {
    expect(window.safeParse({ assigner: { type: 'tumbling', sizeMs: 86_400_000, offsetMs: -28_800_000 }, function: fn }).success).toBe(true);
  });

  it('rejects an offset as large as the size or the slide', () => {
    expect(window.safeParse({ assigner: { type: 'tumbling', sizeMs: 10, offsetMs: -10 }, function: fn }).success).toBe(false);
    expect(window.safeParse({ assigner: { type: 'sliding', sizeMs: 10, slideMs: 5, offsetMs: 5 }, function: fn }).success).toBe(false);
  });

  it('rejects a session with both or neither of gapMs and gap', () => {
    expect(window.safeParse({ assigner: { type: 'session' }, function: fn }).success).toBe(false);
    expect(window.safeParse({ assigner: { type: 'session', gapMs: 1, gap: '() => 1' }, function: fn }).success).toBe(false);
  });
});

describe('other params', () => {
  it('keyBy takes exactly one of field and code', () => {
    expect(PARAM_SCHEMAS.keyBy.safeParse({ code: '(r) => r.k' }).success).toBe(true);
    expect(PARAM_SCHEMAS.keyBy.safeParse({}).success).toBe(false);
    expect(PARAM_SCHEMAS.keyBy.safeParse({ field: 'k', code: '(r) => r.k' }).success).toBe(false);
  });

  it('watermarks take exactly one of timestampField and timestamp, and every documented option', () => {
    const p = PARAM_SCHEMAS.watermarks.parse({ timestamp: '(r) => r.ts', strategy: 'monotonous', intervalMs: 0, idleTimeoutMs: 500 });
    expect(p).toEqual({ timestamp: '(r) => r.ts', strategy: 'monotonous', maxOutOfOrdernessMs: 0, intervalMs: 0, idleTimeoutMs: 500 });
    expect(PARAM_SCHEMAS.watermarks.safeParse({}).success).toBe(false);
    expect(PARAM_SCHEMAS.watermarks.safeParse({ timestampField: 'ts', timestamp: '(r) => r.ts' }).success).toBe(false);
  });

  it('aggregate needs a field for everything but count', () => {
    expect(PARAM_SCHEMAS.aggregate.safeParse({ fn: 'maxBy', field: 'v' }).success).toBe(true);
    expect(PARAM_SCHEMAS.aggregate.safeParse({ fn: 'avg' }).success).toBe(false);
  });

  it('join.interval needs lowerMs <= upperMs', () => {
    const base = { leftKey: 'k', rightKey: 'k', code: '(l, r) => l' };
    expect(PARAM_SCHEMAS['join.interval'].safeParse({ ...base, lowerMs: 0, upperMs: 0 }).success).toBe(true);
    expect(PARAM_SCHEMAS['join.interval'].safeParse({ ...base, lowerMs: 1, upperMs: 0 }).success).toBe(false);
  });

  it('join.interval takes late-output tags per side, not the main output\'s name', () => {
    const base = { leftKey: 'k', rightKey: 'k', code: '(l, r) => l', lowerMs: 0, upperMs: 0 };
    expect(PARAM_SCHEMAS['join.interval'].safeParse({ ...base, leftLateOutput: 'late-l', rightLateOutput: 'late-r' }).success).toBe(true);
    expect(PARAM_SCHEMAS['join.interval'].safeParse({ ...base, leftLateOutput: 'out' }).success).toBe(false);
    expect(PARAM_SCHEMAS['join.interval'].safeParse({ ...base, rightLateOutput: '' }).success).toBe(false);
  });

  it('join.window takes the window spec without function or late output', () => {
    const base = { leftKey: 'k', rightKey: 'k', code: '(l, r) => l' };
    const assigner = { type: 'tumbling', sizeMs: 10 };
    expect(PARAM_SCHEMAS['join.window'].safeParse({ ...base, window: { assigner, trigger: { type: 'count', count: 2 }, evictor: { type: 'count', count: 1 }, allowedLatenessMs: 5 } }).success).toBe(true);
    expect(PARAM_SCHEMAS['join.window'].safeParse({ ...base, window: { assigner, function: { type: 'reduce', code: '(a) => a' } } }).success).toBe(false);
  });

  it('datagen, file source and file sink accept every documented field', () => {
    expect(PARAM_SCHEMAS['source.datagen'].parse({ count: 100, ratePerSec: 50, seed: 7, keys: 3, startTs: 1000, stepMs: 10, maxOutOfOrdernessMs: 20 })).toEqual({
      count: 100, ratePerSec: 50, seed: 7, keys: 3, startTs: 1000, stepMs: 10, maxOutOfOrdernessMs: 20,
    });
    expect(PARAM_SCHEMAS['source.file'].parse({ path: 'in.csv', format: 'csv', timestampField: 'ts', ignoreParseErrors: true })).toEqual({ path: 'in.csv', format: 'csv', timestampField: 'ts', ignoreParseErrors: true });
    expect(PARAM_SCHEMAS['sink.file'].parse({ format: 'csv' })).toEqual({ format: 'csv' });
  });

  it('a collection accepts watermark markers and rejects malformed ones', () => {
    const ok = { records: [{ a: 1 }, { $watermark: 1999 }, 5, 'text', null], timestampField: 'ts', ratePerSec: 10 };
    expect(PARAM_SCHEMAS['source.collection'].safeParse(ok).success).toBe(true);
    expect(PARAM_SCHEMAS['source.collection'].safeParse({ records: [{ $watermark: 'soon' }] }).success).toBe(false);
    expect(PARAM_SCHEMAS['source.collection'].safeParse({ records: [{ $watermark: 1, a: 2 }] }).success).toBe(false);
  });
});

describe('edges and the document', () => {
  it('defaults edge ports to "out" and "in"', () => {
    expect(JobEdgeSchema.parse({ from: 'a', to: 'b' })).toEqual({ from: 'a', to: 'b', fromPort: 'out', toPort: 'in' });
  });

  it('applies document defaults', () => {
    const doc = JobDocumentSchema.parse({ format: 'eddy/job@1', nodes: [] });
    expect(doc).toEqual({ format: 'eddy/job@1', parallelism: 1, maxParallelism: 128, nodes: [], edges: [] });
  });

  it('accepts the spec document header, checkpointing, every restart strategy and a layout', () => {
    const restarts = [
      { strategy: 'none' },
      { strategy: 'fixed-delay', attempts: 3, delayMs: 500 },
      { strategy: 'exponential-delay', initialDelayMs: 100, maxDelayMs: 10_000, multiplier: 2 },
      { strategy: 'exponential-delay', initialDelayMs: 100, maxDelayMs: 10_000, multiplier: 1.5, attempts: 5 },
      { strategy: 'failure-rate', maxFailures: 3, intervalMs: 60_000, delayMs: 1000 },
    ];
    for (const restart of restarts) {
      const doc = JobDocumentSchema.parse({
        format: 'eddy/job@1',
        name: 'Clicks per user',
        parallelism: 1,
        maxParallelism: 128,
        checkpointing: { intervalMs: 1000, mode: 'exactly-once', unaligned: false, retained: 3 },
        restart,
        nodes: [],
        edges: [],
        layout: { src: { x: 0, y: 0 } },
      });
      expect(doc.restart).toEqual(restart);
    }
    expect(JobDocumentSchema.parse({ format: 'eddy/job@1', nodes: [], checkpointing: { intervalMs: 50 } }).checkpointing).toEqual({
      intervalMs: 50, mode: 'exactly-once', unaligned: false, retained: 1,
    });
  });
});

describe('isCodeKey', () => {
  it('reads arrows and function expressions as code, anything else as a field path', () => {
    expect(isCodeKey('(r) => r.k')).toBe(true);
    expect(isCodeKey('function (r) { return r.k; }')).toBe(true);
    expect(isCodeKey('user.id')).toBe(false);
  });
});
