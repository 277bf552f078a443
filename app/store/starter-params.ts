/**
 * Params a node starts with when it is added from the palette: the smallest settings that make
 * sense for the kind, so a new node reads as an example of itself. Not defaults: they are
 * written into the document, and the user edits them like any other param.
 */
const STARTERS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'source.collection': { records: [] },
  'source.datagen': { count: 100 },
  'source.file': { format: 'jsonl' },
  watermarks: { timestampField: 'ts', maxOutOfOrdernessMs: 0 },
  map: { code: '(r) => r' },
  filter: { code: '(r) => true' },
  flatMap: { code: '(r) => [r]' },
  keyBy: { field: 'key' },
  reduce: { code: '(acc, r) => acc' },
  aggregate: { fn: 'count' },
  groupAggregate: { keys: ['key'], aggregates: [{ name: 'cnt', fn: 'count' }] },
  window: { assigner: { type: 'tumbling', sizeMs: 60000 }, function: { type: 'aggregate', fn: 'count' } },
  process: { code: '({\n  onElement(r, ctx, out) {\n    out.collect(r);\n  },\n})' },
  connect: { code: '({\n  onElement1(r, ctx, out) {\n    out.collect(r);\n  },\n  onElement2(r, ctx, out) {\n    out.collect(r);\n  },\n})' },
  'join.window': {
    window: { assigner: { type: 'tumbling', sizeMs: 60000 } },
    leftKey: 'key',
    rightKey: 'key',
    code: '(l, r) => ({ ...l, ...r })',
  },
  'join.interval': { lowerMs: 0, upperMs: 60000, leftKey: 'key', rightKey: 'key', code: '(l, r) => ({ ...l, ...r })' },
  'source.websocket': { url: 'ws://localhost:8080', format: 'jsonl' },
  'sink.websocket': { url: 'ws://localhost:8080' },
  'source.sse': { url: 'http://localhost:8080/events', format: 'jsonl' },
  'cep.pattern': {
    pattern: [
      { name: 'first', type: 'begin', where: '(e) => true' },
      { name: 'second', type: 'followedBy', where: '(e) => true' },
    ],
    withinMs: 60000,
    select: '(match) => ({ first: match.first[0], second: match.second[0] })',
  },
  'process.broadcast': {
    code: "({\n  processElement(r, ctx, out) {\n    out.collect({ ...r, rule: ctx.broadcastState('rules').get('current') });\n  },\n  processBroadcastElement(rule, ctx, out) {\n    ctx.broadcastState('rules').put('current', rule);\n  },\n})",
  },
  'join.sqlInterval': { type: 'inner', lowerMs: 0, upperMs: 60000, leftKey: 'key', rightKey: 'key' },
  'join.regular': { type: 'inner', leftKey: 'key', rightKey: 'key' },
  'join.temporal': { type: 'inner', leftKey: 'key', rightKey: 'key' },
  'join.semiAnti': { type: 'semi', leftKey: 'key', rightKey: 'key' },
  rank: { orderBy: [{ field: 'value', desc: true }], limit: 3, rankNumber: 'rownum' },
  asyncMap: { code: 'async (r, ctx) => r', timeoutMs: 5000, capacity: 100, mode: 'ordered' },
};

/** A fresh copy of the starter params of `kind` (empty for kinds without any). */
export function starterParams(kind: string): Record<string, unknown> {
  return structuredClone((STARTERS[kind] ?? {}) as Record<string, unknown>);
}
