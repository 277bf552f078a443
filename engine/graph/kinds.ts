/**
 * What each node kind is, beyond its params: palette category and label, input ports, how it
 * relates to keyed streams, fixed parallelism, side outputs and which params hold code.
 * Validation, the planner and the IDE all read this table, so they agree on every kind.
 */
import { cepCodeParamPaths } from './schema-cep.js';
import { isCodeKey } from './schema.js';
import type { NodeKind } from './schema-params.js';

export type KindCategory = 'Sources' | 'Transforms' | 'Keyed' | 'Windows' | 'Joins' | 'Sinks';

/** Input ports: none (source), one (`in`), or two (`in1` left, `in2` right). */
export type InputPorts = readonly [] | readonly ['in'] | readonly ['in1', 'in2'];

/**
 * - `required`: the input must come straight from a keyBy (reduce, aggregate, process);
 * - `optional`: keyed when the input comes from a keyBy, else non-keyed (window → windowAll; connect);
 * - `self`: the node keys its inputs by its own params (joins: leftKey, rightKey);
 * - `first`: keyed when `in1` comes from a keyBy; `in2` is broadcast to every subtask, never keyed
 *   (Flink's `stream.connect(other.broadcast(descriptor))`);
 * - `none`: keying plays no part.
 */
export type Keyedness = 'required' | 'optional' | 'self' | 'first' | 'none';

export interface KindInfo {
  readonly kind: NodeKind;
  readonly category: KindCategory;
  readonly label: string;
  readonly description: string;
  readonly inputs: InputPorts;
  /** Any number of edges may enter the input (union); otherwise each input port takes one. */
  readonly manyInputs: boolean;
  /** False for sinks: nothing may leave them. */
  readonly hasOutput: boolean;
  readonly keyed: Keyedness;
  /**
   * Runs as a single subtask: `always`, or `when-not-keyed` (a window on a non-keyed stream is
   * Flink's windowAll). See `fixedParallelism`.
   */
  readonly maxParallelism1: 'always' | 'when-not-keyed' | 'never';
  /** Side-output tags the node emits besides "out", from its params (valid or not). */
  readonly sideOutputs: (params: unknown) => readonly string[];
  /**
   * Any tag may leave the node as a side output (user code calls `out.output(tag, v)`), always or
   * for some params (a window with a process function); see `hasDynamicSideOutputs`.
   */
  readonly dynamicSideOutputs: boolean | ((params: unknown) => boolean);
  /** Param paths (dot paths below `params`) that always hold code when present. */
  readonly codeParams: readonly string[];
  /** Param paths holding a field path, or code when `isCodeKey` says so (join keys). */
  readonly keyParams: readonly string[];
  /**
   * Never chained to its upstream (Flink's startNewChain): the node heads its task, so the task
   * can stop pulling input while the node is full (asyncMap's capacity).
   */
  readonly startsChain: boolean;
  /** Code params whose paths depend on the params (a CEP pattern's stage conditions). */
  readonly codeParamPaths: (params: unknown) => readonly string[];
}

const none = (): readonly string[] => [];

type Defaulted = 'manyInputs' | 'hasOutput' | 'maxParallelism1' | 'sideOutputs' | 'dynamicSideOutputs' | 'keyParams' | 'codeParamPaths' | 'startsChain';
type Entry = Omit<KindInfo, 'kind' | Defaulted> & Partial<Pick<KindInfo, Defaulted>>;

function info(kind: NodeKind, e: Entry): KindInfo {
  return {
    kind,
    manyInputs: false,
    hasOutput: true,
    maxParallelism1: 'never',
    sideOutputs: none,
    dynamicSideOutputs: false,
    keyParams: [],
    codeParamPaths: none,
    startsChain: false,
    ...e,
  };
}

const SOURCE = { category: 'Sources', inputs: [], keyed: 'none', codeParams: [] } as const;
const ONE = ['in'] as const;
const TWO = ['in1', 'in2'] as const;

/** The description of every kind. */
export const KIND_INFO: Record<NodeKind, KindInfo> = {
  'source.collection': info('source.collection', {
    ...SOURCE,
    label: 'Collection',
    description: 'Emits a fixed list of records in order; {"$watermark": t} entries emit watermarks',
    maxParallelism1: 'always',
  }),
  'source.datagen': info('source.datagen', {
    ...SOURCE,
    label: 'Data generator',
    description: 'Generates {key, value, ts} records deterministically from a seed',
  }),
  'source.file': info('source.file', {
    ...SOURCE,
    label: 'File source',
    description: 'Reads JSON lines or CSV rows; malformed lines go to the "errors" side output',
    maxParallelism1: 'always',
    sideOutputs: () => ['errors'],
  }),
  watermarks: info('watermarks', {
    category: 'Transforms',
    label: 'Watermarks',
    description: 'Assigns event timestamps and emits watermarks (bounded out-of-orderness)',
    inputs: ONE,
    keyed: 'none',
    codeParams: ['timestamp'],
  }),
  map: info('map', { category: 'Transforms', label: 'Map', description: 'One record in, one record out', inputs: ONE, keyed: 'none', codeParams: ['code'] }),
  filter: info('filter', { category: 'Transforms', label: 'Filter', description: 'Keeps the records the function accepts', inputs: ONE, keyed: 'none', codeParams: ['code'] }),
  flatMap: info('flatMap', { category: 'Transforms', label: 'FlatMap', description: 'One record in, any number out (returns an array)', inputs: ONE, keyed: 'none', codeParams: ['code'] }),
  union: info('union', { category: 'Transforms', label: 'Union', description: 'Merges any number of streams into one', inputs: ONE, manyInputs: true, keyed: 'none', codeParams: [] }),
  keyBy: info('keyBy', { category: 'Keyed', label: 'KeyBy', description: 'Partitions the stream by key: downstream state and windows are per key', inputs: ONE, keyed: 'none', codeParams: ['code'] }),
  reduce: info('reduce', { category: 'Keyed', label: 'Reduce', description: 'Rolling reduce per key; emits every update', inputs: ONE, keyed: 'required', codeParams: ['code'] }),
  aggregate: info('aggregate', { category: 'Keyed', label: 'Aggregate', description: 'Rolling sum, min, max, minBy, maxBy, count or avg per key', inputs: ONE, keyed: 'required', codeParams: [] }),
  groupAggregate: info('groupAggregate', {
    category: 'Keyed',
    label: 'Group Aggregate',
    description: "SQL GROUP BY without a window: a changelog per key (+I, then -U/+U pairs; -D when retractions empty a group)",
    inputs: ONE,
    keyed: 'required',
    codeParams: [],
  }),
  process: info('process', {
    category: 'Keyed',
    label: 'Process',
    description: 'KeyedProcessFunction: per-key state and timers (a ProcessFunction with operator state on a non-keyed stream)',
    inputs: ONE,
    keyed: 'optional',
    codeParams: ['code'],
    dynamicSideOutputs: true,
  }),
  window: info('window', {
    category: 'Windows',
    label: 'Window',
    description: 'Groups records into windows per key (or over the whole stream) and computes on each',
    inputs: ONE,
    keyed: 'optional',
    maxParallelism1: 'when-not-keyed',
    codeParams: ['assigner.gap', 'function.code'],
    sideOutputs: (params) => {
      const tag = (params as { lateOutput?: unknown } | null | undefined)?.lateOutput;
      return typeof tag === 'string' && tag !== '' ? [tag] : [];
    },
    // A process function's ctx.output(tag, value).
    dynamicSideOutputs: (params) => (params as { function?: { type?: unknown } } | null | undefined)?.function?.type === 'process',
  }),
  connect: info('connect', {
    category: 'Joins',
    label: 'Connect',
    description: 'Two streams, one function with shared state (onElement1 / onElement2)',
    inputs: TWO,
    keyed: 'optional',
    codeParams: ['code'],
    dynamicSideOutputs: true,
  }),
  'join.window': info('join.window', {
    category: 'Joins',
    label: 'Window join',
    description: 'Pairs left and right records with equal keys in the same window',
    inputs: TWO,
    keyed: 'self',
    codeParams: ['code'],
    keyParams: ['leftKey', 'rightKey'],
  }),
  'join.interval': info('join.interval', {
    category: 'Joins',
    label: 'Interval join',
    description: 'Pairs records with equal keys whose timestamps lie within [lower, upper] of each other',
    inputs: TWO,
    keyed: 'self',
    codeParams: ['code'],
    keyParams: ['leftKey', 'rightKey'],
    sideOutputs: (params) => {
      const p = params as { leftLateOutput?: unknown; rightLateOutput?: unknown } | null | undefined;
      const tags = [p?.leftLateOutput, p?.rightLateOutput].filter((t): t is string => typeof t === 'string' && t !== '');
      return [...new Set(tags)];
    },
    // ProcessJoinFunction's ctx.output(tag, value).
    dynamicSideOutputs: true,
  }),
  'sink.collect': info('sink.collect', {
    category: 'Sinks',
    label: 'Collect',
    description: 'Shows results in the results panel (printed by the CLI)',
    inputs: ONE,
    hasOutput: false,
    keyed: 'none',
    codeParams: [],
  }),
  'sink.file': info('sink.file', {
    category: 'Sinks',
    label: 'File sink',
    description: 'Writes JSON lines or CSV (a file on the CLI, a download in the browser)',
    inputs: ONE,
    hasOutput: false,
    keyed: 'none',
    maxParallelism1: 'always',
    codeParams: [],
  }),
  'source.websocket': info('source.websocket', {
    ...SOURCE,
    label: 'WebSocket source',
    description: 'Reads JSON lines or CSV rows from the messages of a WebSocket server, until it closes',
    maxParallelism1: 'always',
    sideOutputs: () => ['errors'],
  }),
  'sink.websocket': info('sink.websocket', {
    category: 'Sinks',
    label: 'WebSocket sink',
    description: 'Sends each record to a WebSocket server as a JSON text message',
    inputs: ONE,
    hasOutput: false,
    keyed: 'none',
    codeParams: [],
  }),
  'source.sse': info('source.sse', {
    ...SOURCE,
    label: 'SSE source',
    description: 'Reads JSON lines or CSV rows from Server-Sent Events; the event ID is the checkpointed offset',
    maxParallelism1: 'always',
    sideOutputs: () => ['errors'],
  }),
  'cep.pattern': info('cep.pattern', {
    category: 'Keyed',
    label: 'CEP pattern',
    description: "Flink CEP: finds sequences of events matching a pattern (per key on a keyed stream) and selects a record from each match",
    inputs: ONE,
    keyed: 'optional',
    maxParallelism1: 'when-not-keyed',
    codeParams: ['select', 'timeoutSelect'],
    codeParamPaths: cepCodeParamPaths,
    sideOutputs: (params) => {
      const p = params as { timeoutOutput?: unknown; lateOutput?: unknown } | null | undefined;
      return [p?.timeoutOutput, p?.lateOutput].filter((t): t is string => typeof t === 'string' && t !== '');
    },
  }),
  'process.broadcast': info('process.broadcast', {
    category: 'Joins',
    label: 'Broadcast process',
    description: 'Broadcast state: in2 (rules) reaches every subtask and writes the state in1 reads',
    inputs: TWO,
    keyed: 'first',
    codeParams: ['code'],
    dynamicSideOutputs: true,
  }),
  'join.sqlInterval': info('join.sqlInterval', {
    category: 'Joins',
    label: 'Interval join (SQL)',
    description: "Flink SQL's interval join: rows with equal keys within [lower, upper] of each other; outer rows that never matched come null-padded when the interval closes",
    inputs: TWO,
    keyed: 'self',
    codeParams: ['condition'],
    keyParams: ['leftKey', 'rightKey'],
  }),
  'join.regular': info('join.regular', {
    category: 'Joins',
    label: 'Regular join (SQL)',
    description: "Flink SQL's regular join on equality keys: keeps both sides, emits a changelog (outer rows retracted when they first match)",
    inputs: TWO,
    keyed: 'self',
    codeParams: ['condition'],
    keyParams: ['leftKey', 'rightKey'],
  }),
  rank: info('rank', {
    category: 'Keyed',
    label: 'Top-N (SQL)',
    description: "Flink SQL's Top-N and deduplication per key (ROW_NUMBER() OVER ...): a changelog of the best rows",
    inputs: ONE,
    keyed: 'required',
    codeParams: [],
  }),
  'join.temporal': info('join.temporal', {
    category: 'Joins',
    label: 'Temporal join (SQL)',
    description: "Flink SQL's event-time temporal join: each left row, once the watermark reaches it, with the version of the right (versioned) table valid at its time",
    inputs: TWO,
    keyed: 'self',
    codeParams: ['condition'],
    keyParams: ['leftKey', 'rightKey'],
  }),
  'join.semiAnti': info('join.semiAnti', {
    category: 'Joins',
    label: 'Semi / anti join (SQL)',
    description: "Flink SQL's SEMI / ANTI join (IN / EXISTS subqueries and their NOT forms): passes the left rows that have (SEMI) or have no (ANTI) matching right row, retracting them when the right side changes",
    inputs: TWO,
    keyed: 'self',
    codeParams: ['condition'],
    keyParams: ['leftKey', 'rightKey'],
  }),
  asyncMap: info('asyncMap', {
    category: 'Transforms',
    label: 'Async Map',
    description: "Async I/O: calls an async function per record with requests in flight (Flink's AsyncDataStream)",
    inputs: ONE,
    keyed: 'none',
    codeParams: ['code', 'timeout'],
    startsChain: true,
  }),
};

/**
 * 1 when the node can only run as one subtask (a collection or file source, a file sink, a
 * window on a non-keyed stream); undefined when its parallelism is free.
 */
export function fixedParallelism(node: { readonly kind: NodeKind }, keyedInput: boolean): 1 | undefined {
  const rule = KIND_INFO[node.kind].maxParallelism1;
  return rule === 'always' || (rule === 'when-not-keyed' && !keyedInput) ? 1 : undefined;
}

/** The value at a dot path below `params`, or undefined. */
export function paramAt(params: unknown, path: string): unknown {
  let cur = params;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** A code param found in a node's params: its dot path below `params` and its text. */
export interface CodeParam {
  readonly path: string;
  readonly code: string;
}

/** The code params actually present in `params` (valid or not): code params, and key params written as code. */
export function codeParamsOf(kind: NodeKind, params: unknown): CodeParam[] {
  const found: CodeParam[] = [];
  const k = KIND_INFO[kind];
  for (const path of [...k.codeParams, ...k.codeParamPaths(params)]) {
    const code = paramAt(params, path);
    if (typeof code === 'string') found.push({ path, code });
  }
  for (const path of k.keyParams) {
    const code = paramAt(params, path);
    if (typeof code === 'string' && isCodeKey(code)) found.push({ path, code });
  }
  return found;
}

/** Whether user code of a node with these params may emit on side outputs under any tag. */
export function hasDynamicSideOutputs(info: Pick<KindInfo, 'dynamicSideOutputs'>, params: unknown): boolean {
  const d = info.dynamicSideOutputs;
  return typeof d === 'function' ? d(params) : d;
}

/** The output ports of a node: "out" and its static side outputs (none for sinks). */
export function outputPorts(kind: NodeKind, params: unknown): string[] {
  const k = KIND_INFO[kind];
  return k.hasOutput ? ['out', ...k.sideOutputs(params)] : [];
}
