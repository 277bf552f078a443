import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FUNCTION_CONTEXT_DTS, codeParamsOf, type NodeKind } from '../../engine/index';
import type { EditableJob } from '../store/job-types';
import { RECORD_TYPE_HELPERS, type RecordTypeOptions, codeRangeOf, representatives, sampleFileRecords, wrapCodeParam } from './record-types';

// The settings monaco-setup gives Monaco's TypeScript worker.
const OPTIONS: ts.CompilerOptions = { target: ts.ScriptTarget.ESNext, strict: false, noImplicitAny: false, noEmit: true };
const LIBS: Record<string, string> = { '/eddy/context.d.ts': FUNCTION_CONTEXT_DTS, '/eddy/records.d.ts': RECORD_TYPE_HELPERS };
const CODE = '/eddy/code.ts';
// Shared, so TypeScript's own lib files are parsed once for all the tests.
const registry = ts.createDocumentRegistry();
let version = 0;

/** A language service over the generated module, as Monaco's TypeScript worker runs it. */
function service(text: string): ts.LanguageService {
  const files: Record<string, string> = { ...LIBS, [CODE]: text };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => OPTIONS,
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: (name) => (name === CODE ? String(version) : '1'),
    getScriptSnapshot: (name) => {
      const content = files[name] ?? (ts.sys.fileExists(name) ? ts.sys.readFile(name) : undefined);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => '/',
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => name in files || ts.sys.fileExists(name),
    readFile: (name) => files[name] ?? ts.sys.readFile(name),
  };
  version++;
  return ts.createLanguageService(host, registry);
}

/** The errors TypeScript reports inside `code` when it is the param `path` of `nodeId`. */
function errorsIn(doc: EditableJob, nodeId: string, path: string, code: string, options?: RecordTypeOptions): string[] {
  const { prefix, suffix } = wrapCodeParam(doc, nodeId, path, options);
  const ls = service(prefix + code + suffix);
  const all = [...ls.getSyntacticDiagnostics(CODE), ...ls.getSemanticDiagnostics(CODE)];
  return all
    .filter((d) => d.start !== undefined && codeRangeOf({ prefix, suffix }, code.length, d.start, d.length ?? 0) !== null)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The completion names offered where `|` stands in `code`. */
function completionsAt(doc: EditableJob, nodeId: string, path: string, codeWithCursor: string): string[] {
  const at = codeWithCursor.indexOf('|');
  const code = codeWithCursor.replace('|', '');
  const { prefix, suffix } = wrapCodeParam(doc, nodeId, path);
  const info = service(prefix + code + suffix).getCompletionsAtPosition(CODE, prefix.length + at, {});
  return (info?.entries ?? []).map((e) => e.name);
}

function job(nodes: EditableJob['nodes'], edges: EditableJob['edges']): EditableJob {
  return { format: 'eddy/job@1', nodes, edges };
}

const pipe = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i]!, to }));

const orders = { id: 'orders', kind: 'source.collection', params: { records: [{ item: 'pen', price: 2, qty: 3 }, { $watermark: 5 }, { item: 'ink', price: 9, qty: 1 }] } };

describe('record types of code params', () => {
  it('types a map after a collection by the records, and flags a field that is not there', () => {
    const doc = job([orders, { id: 'total', kind: 'map', params: {} }], pipe('orders', 'total'));
    expect(errorsIn(doc, 'total', 'code', '(r) => ({ item: r.item, total: r.price * r.qty })')).toEqual([]);
    expect(errorsIn(doc, 'total', 'code', '(r) => r.nosuchfield')).toEqual([expect.stringMatching(/'nosuchfield' does not exist on type/)]);
    expect(completionsAt(doc, 'total', 'code', '(r) => r.|')).toEqual(expect.arrayContaining(['item', 'price', 'qty']));
  });

  it('follows records through user functions, keyBy, filter and union', () => {
    const doc = job(
      [
        orders,
        { id: 'gen', kind: 'source.datagen', params: { count: 3 } },
        { id: 'total', kind: 'map', params: { code: '(r) => ({ item: r.item, total: r.price * r.qty })' } },
        { id: 'named', kind: 'map', params: { code: '(r) => ({ item: r.key, total: r.value })' } },
        { id: 'both', kind: 'union' },
        { id: 'big', kind: 'filter', params: {} },
        { id: 'byItem', kind: 'keyBy', params: { field: 'item' } },
        { id: 'sum', kind: 'reduce', params: {} },
      ],
      [...pipe('orders', 'total', 'both', 'big', 'byItem', 'sum'), ...pipe('gen', 'named', 'both')],
    );
    expect(errorsIn(doc, 'big', 'code', '(r) => r.total > 5 && r.item.length > 0')).toEqual([]);
    expect(errorsIn(doc, 'big', 'code', '(r) => r.price > 5')).toEqual([expect.stringMatching(/'price' does not exist/)]);
    expect(errorsIn(doc, 'sum', 'code', '(acc, r) => ({ item: acc.item, total: acc.total + r.total })')).toEqual([]);
    expect(errorsIn(doc, 'sum', 'code', '(acc, r) => acc.qty')).toEqual([expect.stringMatching(/'qty' does not exist/)]);
  });

  it('types datagen records and the flatMap elements downstream', () => {
    const doc = job(
      [
        { id: 'gen', kind: 'source.datagen', params: {} },
        { id: 'split', kind: 'flatMap', params: { code: '(r) => [{ k: r.key, n: r.value }]' } },
        { id: 'check', kind: 'filter', params: {} },
      ],
      pipe('gen', 'split', 'check'),
    );
    expect(errorsIn(doc, 'split', 'code', '(r) => [r.key, r.value, r.ts]')).toEqual([]);
    expect(errorsIn(doc, 'check', 'code', '(r) => r.n > 1 && r.k !== ""')).toEqual([]);
    expect(errorsIn(doc, 'check', 'code', '(r) => r.value > 1')).toEqual([expect.stringMatching(/'value' does not exist/)]);
  });

  it('gives process code the context API and the key type of its keyBy', () => {
    const doc = job(
      [orders, { id: 'byItem', kind: 'keyBy', params: { field: 'item' } }, { id: 'p', kind: 'process', params: {} }],
      pipe('orders', 'byItem', 'p'),
    );
    const good = `({
  onElement(r, ctx, out) {
    const seen = ctx.state.value<number>('seen');
    seen.update((seen.get() ?? 0) + r.qty);
    ctx.timers.registerEventTime((ctx.timestamp ?? 0) + 1000);
    out.collect({ item: ctx.key.toUpperCase(), seen: seen.get() });
  },
  onTimer(ts, ctx, out) { out.output('late', { at: ts, wm: ctx.currentWatermark() }); },
})`;
    expect(errorsIn(doc, 'p', 'code', good)).toEqual([]);
    const bad = errorsIn(doc, 'p', 'code', '({ onElement(r, ctx, out) { ctx.timers.register(1); out.collect(r.cost); } })');
    expect(bad).toEqual([expect.stringMatching(/'register' does not exist/), expect.stringMatching(/'cost' does not exist/)]);
    expect(completionsAt(doc, 'p', 'code', '({ onElement(r, ctx, out) { ctx.| } })')).toEqual(expect.arrayContaining(['state', 'timers', 'key', 'currentWatermark']));
  });

  it('types window functions, window results and the late side output', () => {
    const doc = job(
      [
        orders,
        { id: 'byItem', kind: 'keyBy', params: { code: '(r) => r.item.length' } },
        { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10 }, lateOutput: 'late', function: { type: 'aggregate', fn: 'sum', field: 'qty' } } },
        { id: 'after', kind: 'filter', params: {} },
        { id: 'late', kind: 'map', params: {} },
        { id: 'pw', kind: 'window', params: { assigner: { type: 'session', gap: '' }, function: { type: 'process', code: '' } } },
      ],
      [...pipe('orders', 'byItem', 'w', 'after'), { from: 'w', fromPort: 'late', to: 'late' }, { from: 'byItem', to: 'pw' }],
    );
    expect(errorsIn(doc, 'after', 'code', '(r) => r.key > 1 && r.value > 2 && r.windowStart !== null')).toEqual([]);
    expect(errorsIn(doc, 'after', 'code', '(r) => r.key.length')).toEqual([expect.stringMatching(/'length' does not exist on type 'number'/)]);
    expect(errorsIn(doc, 'late', 'code', '(r) => r.price')).toEqual([]);
    expect(errorsIn(doc, 'pw', 'assigner.gap', '(r) => r.qty * 1000')).toEqual([]);
    expect(errorsIn(doc, 'pw', 'function.code', '(key, window, els, ctx) => ({ key: key + 1, start: window.start, n: els.map((e) => e.qty), wm: ctx.currentWatermark() })')).toEqual([]);
    expect(errorsIn(doc, 'pw', 'function.code', '(key, window, els) => els.map((e) => e.weight)')).toEqual([expect.stringMatching(/'weight' does not exist/)]);
  });

  it("types an interval join's late outputs as the records of their side", () => {
    const prices = { id: 'prices', kind: 'source.collection', params: { records: [{ sku: 'pen', price: 2 }] } };
    const doc = job(
      [
        orders,
        prices,
        { id: 'j', kind: 'join.interval', params: { leftKey: 'item', rightKey: 'sku', leftLateOutput: 'lateL', rightLateOutput: 'lateR' } },
        { id: 'l', kind: 'map', params: {} },
        { id: 'r', kind: 'map', params: {} },
      ],
      [
        { from: 'orders', to: 'j', toPort: 'in1' },
        { from: 'prices', to: 'j', toPort: 'in2' },
        { from: 'j', fromPort: 'lateL', to: 'l' },
        { from: 'j', fromPort: 'lateR', to: 'r' },
      ],
    );
    expect(errorsIn(doc, 'l', 'code', '(o) => o.qty')).toEqual([]);
    expect(errorsIn(doc, 'l', 'code', '(o) => o.sku')).toEqual([expect.stringMatching(/'sku' does not exist/)]);
    expect(errorsIn(doc, 'r', 'code', '(p) => p.qty')).toEqual([expect.stringMatching(/'qty' does not exist/)]);
    expect(errorsIn(doc, 'r', 'code', '(p) => p.price')).toEqual([]);
  });

  it('types both sides of joins and connect', () => {
    const prices = { id: 'prices', kind: 'source.collection', params: { records: [{ sku: 'pen', price: 2 }] } };
    const doc = job(
      [orders, prices, { id: 'j', kind: 'join.interval', params: { leftKey: 'item', rightKey: '(r) => r.sku' } }, { id: 'ok', kind: 'keyBy', params: { field: 'item' } }, { id: 'pk', kind: 'keyBy', params: { field: 'sku' } }, { id: 'c', kind: 'connect', params: {} }],
      [
        { from: 'orders', to: 'j', toPort: 'in1' },
        { from: 'prices', to: 'j', toPort: 'in2' },
        { from: 'orders', to: 'ok' },
        { from: 'prices', to: 'pk' },
        { from: 'ok', to: 'c', toPort: 'in1' },
        { from: 'pk', to: 'c', toPort: 'in2' },
      ],
    );
    expect(errorsIn(doc, 'j', 'code', '(l, r) => ({ total: l.qty * r.price })')).toEqual([]);
    expect(errorsIn(doc, 'j', 'code', '(l, r) => l.sku')).toEqual([expect.stringMatching(/'sku' does not exist/)]);
    expect(errorsIn(doc, 'j', 'rightKey', '(r) => r.sku')).toEqual([]);
    expect(errorsIn(doc, 'c', 'code', '({ onElement1(o, ctx, out) { out.collect(o.qty + ctx.key.length); }, onElement2(p, ctx) { ctx.state.value("p").update(p.price); } })')).toEqual([]);
    expect(errorsIn(doc, 'c', 'code', '({ onElement1(o) { return o.sku; }, onElement2(p) { return p.qty; } })')).toEqual([
      expect.stringMatching(/'sku' does not exist/),
      expect.stringMatching(/'qty' does not exist/),
    ]);
  });

  it('types records by the first record of each shape, however late it comes', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ n: i }));
    const doc = job([{ id: 'src', kind: 'source.collection', params: { records: [...many, { n: 1, rare: 'x' }] } }, { id: 'm', kind: 'map', params: {} }], pipe('src', 'm'));
    expect(errorsIn(doc, 'm', 'code', '(r) => r.n + (r.rare ?? "").length')).toEqual([]);
    expect(representatives([{ a: 1 }, { a: 2 }, { $watermark: 3 }, { b: 1, a: 1 }, { a: 0, b: 2 }, 5, 'x', 6])).toEqual([{ a: 1 }, { b: 1, a: 1 }, 5, 'x']);
  });

  it('reads the first lines of an uploaded CSV or JSON lines file', () => {
    expect(sampleFileRecords('sensor,temp,ts\ns1,21.5,1000\ns2,"19,0",1500\ns1,22\n', 'csv')).toEqual([
      { sensor: 's1', temp: 21.5, ts: 1000 },
      { sensor: 's2', temp: '19,0', ts: 1500 },
    ]);
    expect(sampleFileRecords('{"a":1}\nnot json\n\n{"a":2,"b":"x"}', 'jsonl')).toEqual([{ a: 1 }, { a: 2, b: 'x' }]);
    const doc = job(
      [{ id: 'file', kind: 'source.file', params: { path: 'r.csv', format: 'csv' } }, { id: 'm', kind: 'map', params: {} }, { id: 'bad', kind: 'map', params: {} }],
      [...pipe('file', 'm'), { from: 'file', fromPort: 'errors', to: 'bad' }],
    );
    const files = { 'r.csv': 'sensor,celsius\ns1,20\n' };
    expect(errorsIn(doc, 'm', 'code', '(r) => r.celsius + r.sensor.length', { files })).toEqual([]);
    expect(errorsIn(doc, 'm', 'code', '(r) => r.fahrenheit', { files })).toEqual([expect.stringMatching(/'fahrenheit' does not exist/)]);
    // Without the file nothing is known, so nothing is flagged.
    expect(errorsIn(doc, 'm', 'code', '(r) => r.fahrenheit')).toEqual([]);
    expect(errorsIn(doc, 'bad', 'code', '(e) => e.line + e.reason + e.text')).toEqual([]);
  });

  it('flags code that is not the function the node calls, and syntax errors, on the code', () => {
    const doc = job([orders, { id: 'split', kind: 'flatMap', params: {} }, { id: 'w', kind: 'watermarks', params: {} }], [...pipe('orders', 'split'), ...pipe('orders', 'w')]);
    expect(errorsIn(doc, 'split', 'code', '(r) => r.qty')).toEqual([expect.stringMatching(/not assignable to type 'Iterable<unknown>'|does not satisfy/)]);
    expect(errorsIn(doc, 'w', 'timestamp', '(r, previousTs) => r.item')).toEqual([expect.stringMatching(/'string' is not assignable to type 'number'|does not satisfy/)]);
    expect(errorsIn(doc, 'w', 'timestamp', '(r) => (r.qty')).toEqual([expect.stringMatching(/expected/)]);
  });

  it('maps diagnostics of the module onto the code', () => {
    const w = { prefix: 'x'.repeat(10), suffix: ')' };
    expect(codeRangeOf(w, 5, 12, 2)).toEqual({ start: 2, end: 4 });
    expect(codeRangeOf(w, 5, 2, 3)).toBeNull();
    expect(codeRangeOf(w, 5, 8, 10)).toEqual({ start: 0, end: 5 });
    expect(codeRangeOf(w, 5, 15, 1)).toEqual({ start: 5, end: 5 });
  });

  it('leaves broken upstream code out instead of letting it spoil the module', () => {
    const doc = job([orders, { id: 'broken', kind: 'map', params: { code: '(r) => ({ a: r.item' } }, { id: 'next', kind: 'filter', params: {} }], pipe('orders', 'broken', 'next'));
    const isBroken = (nodeId: string, path: string) => nodeId === 'broken' && path === 'code';
    expect(errorsIn(doc, 'next', 'code', '(r) => r.anything', { isBroken })).toEqual([]);
  });

  /** Every code param of `doc` with what TypeScript reports in it: none for correct jobs. */
  function reports(where: string, doc: EditableJob): unknown[] {
    return doc.nodes.flatMap((n) => codeParamsOf(n.kind as NodeKind, n.params).map(({ path, code }) => [where, n.id, path, errorsIn(doc, n.id, path, code)]));
  }

  it('reports nothing on the code params of the shipped examples', () => {
    const dir = join(import.meta.dirname, '..', '..', 'public', 'examples');
    const found = readdirSync(dir)
      .filter((f) => f.endsWith('.json') && f !== 'index.json')
      .flatMap((f) => reports(f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as EditableJob));
    expect(found.length).toBeGreaterThan(2);
    expect(found).toEqual(found.map(([f, id, path]: any) => [f, id, path, []]));
  });

  it('reports nothing on the code params of the jobs in the job format documentation', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'job-format.md'), 'utf8');
    const jobs = [...text.matchAll(/```json job[^\n]*\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!) as EditableJob);
    const found = jobs.flatMap((doc, i) => reports(`job ${i + 1}`, doc));
    expect(found.length).toBeGreaterThan(10);
    expect(found).toEqual(found.map(([f, id, path]: any) => [f, id, path, []]));
  });
});
