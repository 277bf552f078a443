/**
 * The TypeScript a code param is checked as: what records reach it, and what it must be.
 *
 * `wrapCodeParam` turns one code param into the prefix and suffix of a small TypeScript module
 * (`prefix + code + suffix`). The prefix declares a type per node upstream of it, from the sources
 * down: a collection's records and a file's first lines are written out as an array literal and
 * TypeScript infers their type; datagen records have a fixed shape; filter, keyBy, watermarks
 * and union pass their input type on; user functions upstream are wrapped the same way as the
 * edited code and their results taken with `ReturnType`. The edited code ends the prefix as
 * `const __eddyCode = (` … `) satisfies F`, where `F` is the function type the engine calls it
 * as (`(r: In) => unknown` for a map, `Eddy.ProcessFunction<In, Key>` for a process, …), so its
 * parameters are typed by context and mistakes such as `r.nosuchfield` are errors. Whatever
 * cannot be known is `any`. Pure: no Monaco, no TypeScript compiler; the editor feeds the text to
 * Monaco's TypeScript worker together with `FUNCTION_CONTEXT_DTS` and `RECORD_TYPE_HELPERS`.
 */
import { type InputFile, headOf } from '../client/input-files';
import { KIND_INFO, csvValue, isCodeKey, paramAt, parseCsvRow, type NodeKind } from '../../engine/index';
import { type EditableEdge, type EditableJob, type EditableNode, fromPortOf, kindInfo, toPortOf } from '../store/job-types';

/** The code param's surroundings: the checked module is `prefix + code + suffix`. */
export interface CodeWrapper {
  readonly prefix: string;
  readonly suffix: string;
}

export interface RecordTypeOptions {
  /** Uploaded input files by node id or path (the store's `files`): file sources read their first lines. */
  readonly files?: Readonly<Record<string, InputFile>>;
  /** True when validation reports a problem in that code param: it is left out, its result is `any`. */
  readonly isBroken?: (nodeId: string, path: string) => boolean;
}

/** At most this many records (of different shapes) of a collection or file type its records. */
export const SAMPLE_SIZE = 50;
/** How many lines of an input file are read for them. */
const FILE_LINES = 2000;

/** Ambient helper types the generated modules use (a script declaring `EddyRecords`). */
export const RECORD_TYPE_HELPERS = `/** Helpers of the record types Eddy infers for a job. */
declare namespace EddyRecords {
  /** The value at a dot path of a record type; any where the path is unknown. */
  type FieldAt<T, P extends string> = T extends object
    ? P extends \`\${infer H}.\${infer R}\`
      ? H extends keyof T ? FieldAt<T[H], R> : any
      : P extends keyof T ? T[P] : any
    : any;
  /** The elements of what a flatMap returns. */
  type ElementOf<T> = T extends Iterable<infer E> ? E : any;
  /** What a returned value emits: each element of an array, nothing for undefined. */
  type Emitted<T> = T extends readonly (infer E)[] ? E : Exclude<T, undefined | void>;
  /** T with field F set to V (rolling count and avg). */
  type With<T, F extends string, V> = T extends object ? Omit<T, F> & { [P in F]: V } : T;
  /** A line of a file source that could not be read (its "errors" side output). */
  interface FileError { line: number; reason: string; text: string }
  /** A line of a live source's message that could not be read (its "errors" side output). */
  interface LiveError { message: number; line: number; reason: string; text: string }
  /** The result of a window's aggregate function. */
  interface WindowResult<V> { windowStart: number | null; windowEnd: number | null; value: V }
  interface KeyedWindowResult<K, V> extends WindowResult<V> { key: K }
}
`;

const ANY = 'any';

/** `"by-user"` → `ByUser`: a readable type name for a node id. */
function pascal(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return /^[A-Za-z]/.test(name) ? name : `N${name}`;
}

/** A node id quoted for a comment (ids of documents being edited may hold anything). */
function commentSafe(id: string): string {
  return JSON.stringify(id).replaceAll('*/', '*\\/');
}

/** The top-level shape of a record: its type, or an object's field names. */
function shapeOf(v: unknown): string {
  if (v === null || typeof v !== 'object') return v === null ? 'null' : typeof v;
  return Array.isArray(v) ? 'array' : Object.keys(v).sort().join('\n');
}

/**
 * The first record of each shape (watermark markers left out), so a field that shows up late in
 * a long collection still reaches the inferred type while the generated text stays small.
 */
export function representatives(records: readonly unknown[], limit = SAMPLE_SIZE): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const r of records) {
    if (out.length >= limit) break;
    if (isWatermarkMarker(r)) continue;
    const shape = shapeOf(r);
    if (seen.has(shape)) continue;
    seen.add(shape);
    out.push(r);
  }
  return out;
}

function isWatermarkMarker(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && '$watermark' in v;
}

/** The records of the first lines of an input file, read as the file source reads them. */
export function sampleFileRecords(text: string, format: unknown, limit = FILE_LINES): unknown[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const out: unknown[] = [];
  if (format === 'csv') {
    const header = lines[0] === undefined ? null : parseCsvRow(lines[0]);
    if (header === null || !header.ok) return out;
    for (const line of lines.slice(1)) {
      if (out.length >= limit) break;
      const row = parseCsvRow(line);
      if (!row.ok || row.fields.length !== header.fields.length) continue;
      const rec: Record<string, unknown> = {};
      header.fields.forEach((name, i) => { rec[name] = csvValue(row.fields[i]!, row.quoted[i]!); });
      out.push(rec);
    }
    return out;
  }
  for (const line of lines) {
    if (out.length >= limit) break;
    try {
      out.push(JSON.parse(line));
    } catch {
      // A malformed line goes to the "errors" output at run time; it has no record type.
    }
  }
  return out;
}

/** Builds the declarations of one job's record types, node by node, on demand. */
class NodeTypes {
  readonly decls: string[] = [];
  private readonly nodes = new Map<string, EditableNode>();
  private readonly names = new Set<string>();
  private readonly outputs = new Map<string, string>();
  private readonly keys = new Map<string, string>();
  private readonly visiting = new Set<string>();
  private codeCount = 0;

  constructor(
    private readonly doc: EditableJob,
    private readonly options: RecordTypeOptions,
  ) {
    for (const n of doc.nodes) this.nodes.set(n.id, n);
  }

  private name(id: string, suffix: string): string {
    const base = pascal(id) + suffix;
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}${i}`;
    this.names.add(name);
    return name;
  }

  private incoming(nodeId: string, port: string): EditableEdge[] {
    return this.doc.edges.filter((e) => e.to === nodeId && toPortOf(e) === port);
  }

  /** The type of the records entering `nodeId` on `port`: the union of what its edges carry. */
  input(nodeId: string, port = 'in'): string {
    const types = [...new Set(this.incoming(nodeId, port).map((e) => this.output(e.from, fromPortOf(e))))];
    if (types.length === 0 || types.includes(ANY)) return ANY;
    return types.join(' | ');
  }

  /** The key type of the records entering `nodeId` on `port`, or null when that input is not keyed. */
  key(nodeId: string, port = 'in'): string | null {
    const edges = this.incoming(nodeId, port);
    const from = edges.length === 1 ? this.nodes.get(edges[0]!.from) : undefined;
    if (from === undefined || from.kind !== 'keyBy' || fromPortOf(edges[0]!) !== 'out') return null;
    this.output(from.id, 'out');
    return this.keys.get(from.id) ?? ANY;
  }

  /** The type of what leaves `nodeId` on `port`, declared once as a named alias. */
  output(nodeId: string, port: string): string {
    const node = this.nodes.get(nodeId);
    if (node === undefined || kindInfo(node.kind) === undefined) return ANY;
    if (port !== 'out') return this.sideOutput(node, port);
    const known = this.outputs.get(nodeId);
    if (known !== undefined) return known;
    if (this.visiting.has(nodeId)) return ANY; // a cycle: validation reports it
    this.visiting.add(nodeId);
    const type = this.compute(node);
    this.visiting.delete(nodeId);
    const alias = this.name(nodeId, 'Record');
    this.decls.push(`/** Records leaving ${commentSafe(nodeId)} (${node.kind}). */\ntype ${alias} = ${type};`);
    this.outputs.set(nodeId, alias);
    return alias;
  }

  private sideOutput(node: EditableNode, port: string): string {
    if (node.kind === 'source.file' && port === 'errors') return 'EddyRecords.FileError';
    if ((node.kind === 'source.websocket' || node.kind === 'source.sse') && port === 'errors') return 'EddyRecords.LiveError';
    if (node.kind === 'window' && paramAt(node.params, 'lateOutput') === port) return this.input(node.id);
    if (node.kind === 'join.interval') {
      // Late records leave as they came: the left's on leftLateOutput, the right's on rightLateOutput.
      const sides = [paramAt(node.params, 'leftLateOutput') === port ? this.input(node.id, 'in1') : null, paramAt(node.params, 'rightLateOutput') === port ? this.input(node.id, 'in2') : null];
      const types = sides.filter((t): t is string => t !== null);
      if (types.length > 0) return types.join(' | ');
    }
    return ANY;
  }

  /** `const` holding the wrapped code of an upstream param, or null when it is missing or broken. */
  private code(node: EditableNode, path: string, type: string): string | null {
    const code = paramAt(node.params, path);
    if (typeof code !== 'string' || code.trim() === '') return null;
    if (this.options.isBroken?.(node.id, path)) return null;
    const name = `__${pascal(node.id)}Code${++this.codeCount}`;
    this.decls.push(`const ${name} = (\n${code}\n) satisfies ${type};`);
    return name;
  }

  private sample(node: EditableNode, records: readonly unknown[]): string {
    const sample = representatives(records);
    if (sample.length === 0) return ANY;
    const name = `__${pascal(node.id)}Sample`;
    this.decls.push(`const ${name} = ${JSON.stringify(sample)};`);
    return `(typeof ${name})[number]`;
  }

  private compute(node: EditableNode): string {
    const p = node.params ?? {};
    const id = node.id;
    const kind = node.kind as NodeKind;
    switch (kind) {
      case 'source.collection':
        return Array.isArray(p.records) ? this.sample(node, p.records) : ANY;
      case 'source.datagen':
        return '{ key: string; value: number; ts: number }';
      case 'source.file': {
        const files = this.options.files ?? {};
        const input = files[id] ?? (typeof p.path === 'string' ? files[p.path] : undefined);
        // An upload's first lines: enough to type its records, and never the whole file.
        const text = input === undefined ? undefined : headOf(input);
        return text === undefined ? ANY : this.sample(node, sampleFileRecords(text, p.format ?? 'jsonl'));
      }
      case 'watermarks':
      case 'filter':
      case 'union':
        return this.input(id);
      case 'keyBy': {
        const input = this.input(id);
        let key = ANY;
        if (typeof p.field === 'string') key = `EddyRecords.FieldAt<${input}, ${JSON.stringify(p.field)}>`;
        else {
          const fn = this.code(node, 'code', `(r: ${input}) => unknown`);
          if (fn !== null) key = `ReturnType<typeof ${fn}>`;
        }
        const alias = this.name(id, 'Key');
        this.decls.push(`/** Keys of the records leaving ${commentSafe(id)}. */\ntype ${alias} = ${key};`);
        this.keys.set(id, alias);
        return input;
      }
      case 'map':
      case 'flatMap': {
        const fn = this.code(node, 'code', PARAM_TYPES[kind]!.code!(this.forNode(id)));
        if (fn === null) return ANY;
        return kind === 'map' ? `ReturnType<typeof ${fn}>` : `EddyRecords.ElementOf<ReturnType<typeof ${fn}>>`;
      }
      case 'reduce': {
        const input = this.input(id);
        const fn = this.code(node, 'code', PARAM_TYPES.reduce!.code!(this.forNode(id)));
        return fn === null ? input : `${input} | ReturnType<typeof ${fn}>`;
      }
      case 'aggregate': {
        const input = this.input(id);
        const field = typeof p.field === 'string' ? p.field : p.fn === 'count' ? 'count' : null;
        if ((p.fn === 'count' || p.fn === 'avg') && field !== null && !field.includes('.')) return `EddyRecords.With<${input}, ${JSON.stringify(field)}, number>`;
        return input;
      }
      case 'window':
        return this.windowOutput(node);
      case 'join.window': {
        const fn = this.code(node, 'code', PARAM_TYPES[kind]!.code!(this.forNode(id)));
        return fn === null ? ANY : `Exclude<ReturnType<typeof ${fn}>, undefined>`;
      }
      case 'join.interval': {
        // A function that only calls out.collect returns nothing TypeScript can follow.
        const fn = this.code(node, 'code', PARAM_TYPES[kind]!.code!(this.forNode(id)));
        return fn === null ? ANY : `([Exclude<ReturnType<typeof ${fn}>, undefined | void>] extends [never] ? ${ANY} : Exclude<ReturnType<typeof ${fn}>, undefined | void>)`;
      }
      default:
        // process and connect emit through out.collect, which TypeScript cannot follow.
        return ANY;
    }
  }

  private windowOutput(node: EditableNode): string {
    const input = this.input(node.id);
    const fnParams = paramAt(node.params, 'function');
    const type = paramAt(fnParams, 'type');
    const key = this.key(node.id);
    if (type === 'aggregate') {
      const fn = paramAt(fnParams, 'fn');
      const field = paramAt(fnParams, 'field');
      const path = JSON.stringify(typeof field === 'string' ? field : '');
      const value = fn === 'minBy' || fn === 'maxBy' ? input : fn === 'min' || fn === 'max' ? `EddyRecords.FieldAt<${input}, ${path}>` : 'number';
      return key === null ? `EddyRecords.WindowResult<${value}>` : `EddyRecords.KeyedWindowResult<${key}, ${value}>`;
    }
    const param = PARAM_TYPES.window!['function.code']!(this.forNode(node.id));
    const fn = this.code(node, 'function.code', param);
    if (fn === null) return type === 'reduce' ? input : ANY;
    return type === 'reduce' ? `${input} | ReturnType<typeof ${fn}>` : `EddyRecords.Emitted<ReturnType<typeof ${fn}>>`;
  }

  /** What a param type needs to know about one node. */
  forNode(nodeId: string): ParamContext {
    const node = this.nodes.get(nodeId);
    return {
      node,
      input: (port = 'in') => this.input(nodeId, port),
      key: (port = 'in') => this.key(nodeId, port),
    };
  }
}

interface ParamContext {
  readonly node: EditableNode | undefined;
  input(port?: string): string;
  key(port?: string): string | null;
}

const unary = (ret: string) => (c: ParamContext) => `(r: ${c.input()}) => ${ret}`;
const joinKey = (port: string) => (c: ParamContext) => `(r: ${c.input(port)}) => unknown`;
const joinCode = (c: ParamContext) => `(l: ${c.input('in1')}, r: ${c.input('in2')}) => unknown`;
const intervalJoinCode = (c: ParamContext) => `(l: ${c.input('in1')}, r: ${c.input('in2')}, ctx: Eddy.ProcessJoinContext, out: Eddy.Collector) => unknown`;

/** Per kind and param path: the function type the engine calls the code as. */
const PARAM_TYPES: Partial<Record<NodeKind, Record<string, (c: ParamContext) => string>>> = {
  map: { code: unary('unknown') },
  filter: { code: unary('unknown') },
  flatMap: { code: unary('Iterable<unknown>') },
  asyncMap: {
    code: (c) => `(r: ${c.input()}, ctx: Eddy.AsyncContext) => unknown`,
    timeout: (c) => `(r: ${c.input()}, ctx: Eddy.AsyncContext) => unknown`,
  },
  keyBy: { code: unary('unknown') },
  watermarks: { timestamp: (c) => `(r: ${c.input()}, previousTs: number) => number` },
  reduce: { code: (c) => `(acc: ${c.input()}, r: ${c.input()}) => unknown` },
  process: { code: (c) => `Eddy.ProcessFunction<${c.input()}, ${c.key() ?? ANY}>` },
  connect: {
    code: (c) => {
      const k1 = c.key('in1');
      const k2 = c.key('in2');
      const key = k1 !== null && k2 !== null ? (k1 === k2 ? k1 : `${k1} | ${k2}`) : 'undefined';
      return `Eddy.CoProcessFunction<${c.input('in1')}, ${c.input('in2')}, ${key}>`;
    },
  },
  window: {
    'assigner.gap': unary('number'),
    'function.code': (c) => {
      const input = c.input();
      if (paramAt(c.node?.params, 'function.type') === 'reduce') return `(a: ${input}, b: ${input}) => unknown`;
      return `Eddy.ProcessWindowFunction<${input}, ${c.key() ?? 'undefined'}>`;
    },
  },
  'process.broadcast': { code: (c) => `Eddy.BroadcastProcessFunction<${c.input('in1')}, ${c.input('in2')}, ${c.key('in1') ?? 'undefined'}>` },
  'join.window': { code: joinCode, leftKey: joinKey('in1'), rightKey: joinKey('in2') },
  'join.interval': { code: intervalJoinCode, leftKey: joinKey('in1'), rightKey: joinKey('in2') },
};

/**
 * The module around the code param `path` of node `nodeId`: the record types of everything
 * upstream, then the code as the function the engine calls. A param the table does not know
 * is wrapped without a type (plain TypeScript checking).
 */
export function wrapCodeParam(doc: EditableJob, nodeId: string, path: string, options: RecordTypeOptions = {}): CodeWrapper {
  const types = new NodeTypes(doc, options);
  const node = doc.nodes.find((n) => n.id === nodeId);
  const typeOf = node === undefined ? undefined : PARAM_TYPES[node.kind as NodeKind]?.[path];
  const keyAsCode = node !== undefined && (KIND_INFO[node.kind as NodeKind]?.keyParams ?? []).includes(path);
  const type = typeOf === undefined || (keyAsCode && !isCodeKey(String(paramAt(node?.params, path) ?? ''))) ? null : typeOf(types.forNode(nodeId));
  const header = `// The records of this job as TypeScript sees them (generated by Eddy).\nexport {};\n`;
  const prefix = `${header}${types.decls.join('\n')}\nconst __eddyCode = (\n`;
  return { prefix, suffix: type === null ? '\n);\n' : `\n) satisfies ${type};\n` };
}

/** Wraps code that has no node to type it: plain TypeScript checking of one expression. */
export const PLAIN_CODE_WRAPPER: CodeWrapper = { prefix: 'export {};\nconst __eddyCode = (\n', suffix: '\n);\n' };

/**
 * Where a diagnostic of the wrapped module (offset `start`, `length` characters) belongs in the
 * code itself: `[start, end)` offsets into the code, or null when it lies wholly in the prefix
 * (upstream code, which has its own editor). Diagnostics that reach into the prefix (a failed
 * `satisfies` starts at the opening parenthesis) or sit in the suffix (a missing `)` is found
 * after the code) are clamped to the code.
 */
export function codeRangeOf(wrapper: CodeWrapper, codeLength: number, start: number, length: number): { start: number; end: number } | null {
  const from = start - wrapper.prefix.length;
  const to = from + length;
  if (to < 0 || (length > 0 && to === 0)) return null;
  const clamp = (n: number) => Math.min(Math.max(n, 0), codeLength);
  return { start: clamp(from), end: Math.max(clamp(to), clamp(from)) };
}
