/**
 * The state and helpers the Job.java writer shares across node kinds (java-nodes.ts): unique
 * Java variable names, `.uid(..).name(..)` suffixes, a node's inputs as Java expressions (unions, side outputs, partitionings), key selectors, the emitted statements,
 * and the code resources, data files and connectors the project bundles.
 */
import type { JobDocument, JobEdge, JobNode } from '../graph/schema.js';
import { isCodeKey } from '../graph/schema.js';
import type { SinkSchema } from '../sql/compile.js';
import { ExportError } from './export-error.js';
import type { CodeResource, JavaJob } from './java-job.js';
import { str } from './java-windows.js';

export interface Stream {
  /** Java variable holding the node's main output. */
  readonly main: string;
  /** The SingleOutputStreamOperator whose side outputs the node's side ports are. */
  readonly sides: string | null;
  readonly keyed: boolean;
}

/** A node's input as a Java expression, and whether it is a KeyedStream. */
export interface Input {
  readonly expr: string;
  readonly keyed: boolean;
}

const JAVA_KEYWORDS = new Set(
  'abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for goto if implements import instanceof int interface long native new package private protected public return short static strictfp super switch synchronized this throw throws transient try void volatile while true false null var record yield env args conf'.split(
    ' ',
  ),
);

/** What writing one job's Job.java accumulates, and the helpers every node kind's emitter uses. */
export interface JavaEmitter {
  readonly job: JobDocument;
  /** A SQL script's sink tables (see writeJavaJob). */
  readonly sinks: ReadonlyMap<string, SinkSchema> | undefined;
  readonly code: CodeResource[];
  readonly data: JavaJob['data'];
  readonly connectors: JavaJob['connectors'];
  /** The key selector expression of each keyBy node (a CEP select reads the key through it). */
  readonly keySelectors: Map<string, string>;
  /** The statements of `main`, one block per node. */
  readonly body: string[];
  /** The shortest periodic watermark interval of the job's watermark nodes, if any. */
  watermarkInterval: number | null;
  /** A unique Java variable name for a node id (plus suffix). */
  varName(id: string, suffix?: string): string;
  addCode(nodeId: string, field: string, text: string): void;
  /** The node's name (or id) as a Java string literal. */
  label(n: JobNode): string;
  /** `.uid(..).name(..)` and the node's parallelism. */
  ops(n: JobNode, role?: string, fixedParallelism?: number): string;
  edgesInto(id: string, port?: string): JobEdge[];
  upstream(e: JobEdge): Input;
  /** The single input of a one-input node (several edges are unioned). */
  input(n: JobNode): Input;
  port(n: JobNode, p: 'in1' | 'in2'): Input;
  keySelector(nodeId: string, field: string, key: string): string;
  /** Appends a node's statements to the body and records its output stream. */
  emit(n: JobNode, text: string, stream: Stream): void;
  /** A `SingleOutputStreamOperator<Object>` declaration. */
  declare(v: string, expr: string): string;
  /** The keyed input of a keyed operator (an error naming the node without a keyBy before it). */
  keyedInput(n: JobNode): string;
}

export function createEmitter(job: JobDocument, sinks: ReadonlyMap<string, SinkSchema> | undefined): JavaEmitter {
  const code: CodeResource[] = [];
  const data: JavaJob['data'] = [];
  const connectors = new Set<'files' | 'datagen' | 'cep'>();
  /** The key selector expression of each keyBy node (a CEP select reads the key through it). */
  const keySelectors = new Map<string, string>();
  const names = new Set<string>();
  const streams = new Map<string, Stream>();
  const body: string[] = [];

  const varName = (id: string, suffix = ''): string => {
    const words = (id + suffix).split(/[^A-Za-z0-9]+/).filter(Boolean);
    let name = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('') || 'node';
    if (/^[0-9]/.test(name)) name = 'n' + name;
    if (JAVA_KEYWORDS.has(name)) name += 'Stream';
    let unique = name;
    for (let k = 2; names.has(unique); k++) unique = `${name}${k}`;
    names.add(unique);
    return unique;
  };
  const addCode = (nodeId: string, field: string, text: string) => code.push({ nodeId, field, code: text });
  const label = (n: JobNode) => str(n.name ?? n.id);
  /** `.uid(..).name(..)` and the node's parallelism. */
  const ops = (n: JobNode, role?: string, fixedParallelism?: number) => {
    const p = fixedParallelism ?? n.parallelism;
    return `\n        .uid(${str(role ? `${n.id}-${role}` : n.id)})\n        .name(${role ? str(`${n.name ?? n.id}: ${role}`) : label(n)})${p !== undefined ? `\n        .setParallelism(${p})` : ''}`;
  };

  const edgesInto = (id: string, port?: string) => job.edges.filter((e) => e.to === id && (port === undefined || e.toPort === port));
  const upstream = (e: JobEdge): { expr: string; keyed: boolean } => {
    const s = streams.get(e.from)!;
    let expr: string;
    let keyed = false;
    if (e.fromPort === 'out') {
      expr = s.main;
      keyed = s.keyed;
    } else {
      if (s.sides === null) throw new ExportError(e.from, null, `has no side output "${e.fromPort}" in Flink`);
      expr = `${s.sides}.getSideOutput(Tags.of(${str(e.fromPort)}))`;
    }
    if (e.partition !== undefined && !keyed) expr += `.${e.partition}()`;
    return { expr, keyed };
  };
  /** The single input of a one-input node (several edges are unioned). */
  const input = (n: JobNode): { expr: string; keyed: boolean } => {
    const ins = edgesInto(n.id).map(upstream);
    if (ins.length === 0) throw new ExportError(n.id, null, 'has no input');
    if (ins.length === 1) return ins[0]!;
    if (ins.some((i) => i.keyed)) throw new ExportError(n.id, null, 'several inputs into a keyed operator; union them before the keyBy');
    return { expr: `${ins[0]!.expr}.union(${ins.slice(1).map((i) => i.expr).join(', ')})`, keyed: false };
  };
  const port = (n: JobNode, p: 'in1' | 'in2') => {
    const ins = edgesInto(n.id, p).map(upstream);
    if (ins.length !== 1) throw new ExportError(n.id, null, `needs exactly one input on ${p}`);
    return ins[0]!;
  };
  const keySelector = (nodeId: string, field: string, key: string): string => {
    if (!isCodeKey(key)) return `new FieldKey(${str(key)})`;
    addCode(nodeId, field, key);
    return `new JsKey(${str(nodeId)}, ${str(field)})`;
  };
  const emit = (n: JobNode, text: string, stream: Stream) => {
    // Chained calls indent one level below their statement.
    const indented = text.replace(/^ {12}\./gm, '                .').replace(/^ {8}\./gm, '            .');
    body.push(`        // ${n.id}: ${n.kind}${n.name ? ` — ${n.name.replace(/\s+/g, ' ')}` : ''}\n${indented}`);
    streams.set(n.id, stream);
  };
  const declare = (v: string, expr: string) => `        SingleOutputStreamOperator<Object> ${v} = ${expr};`;

  function keyedInput(n: JobNode): string {
    const i = input(n);
    if (!i.keyed) throw new ExportError(n.id, null, `a ${n.kind} needs a keyed input (add a keyBy before it)`);
    return i.expr;
  }

  return {
    job,
    sinks,
    code,
    data,
    connectors,
    keySelectors,
    body,
    watermarkInterval: null,
    varName,
    addCode,
    label,
    ops,
    edgesInto,
    upstream,
    input,
    port,
    keySelector,
    emit,
    declare,
    keyedInput,
  };
}
