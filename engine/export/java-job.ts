/**
 * `Job.java` of an exported Flink project: the job graph as a DataStream program, node by node in
 * topological order. Every operator gets `.uid(<node id>)` (helpers `<node id>-<role>`) and
 * `.name(...)`, so savepoint state maps one to one; keyBy and union are partitionings in Flink,
 * not operators, and carry none. docs/export.md explains the mapping.
 */
import type { JobDocument, JobEdge, JobNode, NodeOf } from '../graph/schema.js';
import { isCodeKey } from '../graph/schema.js';
import type { GroupAggregateSpec } from '../operators/group-aggregate.js';
import type { SinkSchema } from '../sql/compile.js';
import { ExportError } from './export-error.js';
import { assignerExpr, countWindowEvictor, countWindowTrigger, evictorExpr, ms, str, triggerExpr } from './java-windows.js';

/** A code param the program reads from `src/main/resources/functions/<node>.<field>.js`. */
export interface CodeResource {
  readonly nodeId: string;
  readonly field: string;
  readonly code: string;
}

export interface JavaJob {
  readonly source: string;
  readonly code: CodeResource[];
  /** Collection sources' records, bundled as `src/main/resources/data/<node>.jsonl`. */
  readonly data: { nodeId: string; records: unknown[] }[];
  readonly connectors: Set<'files' | 'datagen' | 'cep' | 'table'>;
}

interface Stream {
  /** Java variable holding the node's main output. */
  readonly main: string;
  /** The SingleOutputStreamOperator whose side outputs the node's side ports are. */
  readonly sides: string | null;
  readonly keyed: boolean;
}

const IMPORTS = `import eddy.runtime.*;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.GlobalWindows;
import org.apache.flink.streaming.api.windowing.assigners.ProcessingTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.evictors.CountEvictor;
import org.apache.flink.streaming.api.windowing.evictors.TimeEvictor;
import org.apache.flink.streaming.api.windowing.triggers.ContinuousEventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.CountTrigger;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.ProcessingTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.PurgingTrigger;
import org.apache.flink.streaming.util.retryable.AsyncRetryStrategies;
import org.apache.flink.streaming.util.retryable.RetryPredicates;`;

const JAVA_KEYWORDS = new Set(
  'abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for goto if implements import instanceof int interface long native new package private protected public return short static strictfp super switch synchronized this throw throws transient try void volatile while true false null var record yield env args conf'.split(
    ' ',
  ),
);

/** Flink's AfterMatchSkipStrategy for a `cep.pattern`'s `afterMatchSkip`. */
function skipExpr(skip: NodeOf<'cep.pattern'>['params']['afterMatchSkip']): string {
  if (typeof skip === 'string') return `AfterMatchSkipStrategy.${skip}()`;
  return 'skipToFirst' in skip ? `AfterMatchSkipStrategy.skipToFirst(${str(skip.skipToFirst)})` : `AfterMatchSkipStrategy.skipToLast(${str(skip.skipToLast)})`;
}

/** Nodes in topological order (ties in document order); the job is validated, so there is no cycle. */
function topological(job: JobDocument): JobNode[] {
  const indegree = new Map(job.nodes.map((n) => [n.id, 0]));
  for (const e of job.edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const done: JobNode[] = [];
  const left = [...job.nodes];
  while (left.length > 0) {
    const i = left.findIndex((n) => indegree.get(n.id) === 0);
    if (i < 0) throw new ExportError(null, null, 'the job has a cycle');
    const [n] = left.splice(i, 1);
    done.push(n!);
    for (const e of job.edges) if (e.from === n!.id) indegree.set(e.to, indegree.get(e.to)! - 1);
  }
  return done;
}

/**
 * Writes Job.java for a validated job. `sinks` are a SQL script's sink tables: their collect
 * sinks print the lines `eddy run SCRIPT.sql` prints (SqlRowLine) instead of the job's.
 */
export function writeJavaJob(job: JobDocument, javaPackage: string, sourceName: string, sinks?: ReadonlyMap<string, SinkSchema>): JavaJob {
  const code: CodeResource[] = [];
  const data: JavaJob['data'] = [];
  const connectors = new Set<'files' | 'datagen' | 'cep' | 'table'>();
  /** The key selector expression of each keyBy node (a CEP select reads the key through it). */
  const keySelectors = new Map<string, string>();
  const names = new Set<string>();
  const streams = new Map<string, Stream>();
  const plannerVars = new Map<string, string>();
  let plannerParallelism = false;
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

  let watermarkInterval: number | null = null;

  for (const n of topological(job)) {
    switch (n.kind) {
      case 'source.collection': {
        const v = varName(n.id);
        const p = n.params;
        data.push({ nodeId: n.id, records: p.records });
        const isMarker = (r: unknown) => r !== null && typeof r === 'object' && Object.hasOwn(r as object, '$watermark');
        // ratePerSec: a DataGeneratorSource paced as Eddy paces it (SteadyRate), one element per
        // record with the markers before it (PacedRecords), which a flatMap unpacks.
        const paced = () => {
          connectors.add('datagen');
          const elements = p.records.filter((r) => !isMarker(r)).length || (p.records.length > 0 ? 1 : 0);
          return `env\n        .fromSource(\n                new DataGeneratorSource<>(new PacedRecords(${str(`data/${n.id}.jsonl`)}), ${elements}L, new SteadyRate(${p.ratePerSec}), Records.TYPE),\n                WatermarkStrategy.noWatermarks(),\n                ${label(n)})${ops(n, undefined, 1)}\n        .flatMap(PacedRecords.UNGROUP, Records.TYPE)${ops(n, 'records', 1)}`;
        };
        // Flink's fromData refuses a null element: a collection with a null record travels as JSON texts, parsed after the source.
        const source = p.ratePerSec !== undefined
          ? paced()
          : p.records.some((r) => r === null)
          ? `env\n        .fromData(Records.lines(${str(`data/${n.id}.jsonl`)}), Types.STRING)${ops(n, undefined, 1)}\n        .map(Json::parse, Records.TYPE)${ops(n, 'parse', 1)}`
          : `env\n        .fromData(Records.load(${str(`data/${n.id}.jsonl`)}), Records.TYPE)${ops(n, undefined, 1)}`;
        let text = declare(v, source);
        let main = v;
        const hasMarkers = p.records.some(isMarker);
        if (p.timestampField !== undefined || hasMarkers) {
          const t = varName(n.id, '-timed');
          const assigner = p.timestampField !== undefined ? `\n            .withTimestampAssigner(new FieldTimestamp(${str(p.timestampField)}))` : '';
          text += `\n${declare(t, `${v}\n        .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new MarkerWatermarks())${assigner})${ops(n, 'timestamps', 1)}`)}`;
          main = t;
          if (hasMarkers) {
            const f = varName(n.id, '-records');
            text += `\n${declare(f, `${t}\n        .filter(r -> !Records.isWatermarkMarker(r))${ops(n, 'markers', 1)}`)}`;
            main = f;
          }
        }
        emit(n, text, { main, sides: v, keyed: false });
        break;
      }
      case 'source.datagen': {
        connectors.add('datagen');
        const v = varName(n.id);
        const p = n.params;
        const gen = `new Datagen(${p.seed}L, ${p.keys}L, ${p.startTs}L, ${p.stepMs}L, ${p.maxOutOfOrdernessMs ?? 0}L)`;
        const count = p.count !== undefined ? `${p.count}L` : 'Long.MAX_VALUE';
        const rate = p.ratePerSec !== undefined ? `RateLimiterStrategy.perSecond(${p.ratePerSec}), ` : '';
        const text = declare(
          v,
          `env\n        .fromSource(\n                new DataGeneratorSource<>(${gen}, ${count}, ${rate}Records.TYPE),\n                WatermarkStrategy.<Object>noWatermarks().withTimestampAssigner(new FieldTimestamp("ts")),\n                ${label(n)})${ops(n)}`,
        );
        emit(n, text, { main: v, sides: v, keyed: false });
        break;
      }
      case 'source.file': {
        connectors.add('files');
        const p = n.params;
        const lines = varName(n.id, '-lines');
        const v = varName(n.id);
        const fallback = p.path ?? `${n.id}.${p.format}`;
        const errorsWired = job.edges.some((e) => e.from === n.id && e.fromPort === 'errors');
        const columns = p.columns ? `java.util.List.of(${p.columns.map(str).join(', ')})` : 'null';
        let text = `        DataStream<String> ${lines} = env\n        .fromSource(\n                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(Args.path(args, "input", ${str(n.id)}, ${str(fallback)}))).build(),\n                WatermarkStrategy.noWatermarks(),\n                ${str(`${n.name ?? n.id}: lines`)})${ops(n, 'lines', 1)};`;
        text += `\n${declare(v, `${lines}\n        .process(new FileRecords(${str(n.id)}, ${str(p.format)}, ${columns}, ${errorsWired}, ${p.ignoreParseErrors === true}, ${p.timestampField !== undefined ? str(p.timestampField) : 'null'}), Records.TYPE)${ops(n, undefined, 1)}`)}`;
        let main = v;
        if (p.timestampField !== undefined) {
          main = varName(n.id, '-timed');
          text += `\n${declare(main, `${v}\n        .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>noWatermarks().withTimestampAssigner(new FieldTimestamp(${str(p.timestampField)})))${ops(n, 'timestamps', 1)}`)}`;
        }
        emit(n, text, { main, sides: v, keyed: false });
        break;
      }
      case 'watermarks': {
        const p = n.params;
        const v = varName(n.id);
        const delay = p.strategy === 'monotonous' ? 0 : p.maxOutOfOrdernessMs;
        let strategy: string;
        if (p.intervalMs === 0) strategy = `WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(${delay}L))`;
        else {
          strategy = p.strategy === 'monotonous' ? 'WatermarkStrategy.<Object>forMonotonousTimestamps()' : `WatermarkStrategy.<Object>forBoundedOutOfOrderness(${ms(delay)})`;
          watermarkInterval = watermarkInterval === null ? p.intervalMs : Math.min(watermarkInterval, p.intervalMs);
        }
        if (p.timestampField !== undefined) strategy += `\n            .withTimestampAssigner(new FieldTimestamp(${str(p.timestampField)}))`;
        else {
          addCode(n.id, 'timestamp', p.timestamp!);
          strategy += `\n            .withTimestampAssigner(new JsTimestamp(${str(n.id)}))`;
        }
        if (p.idleTimeoutMs !== undefined) strategy += `\n            .withIdleness(${ms(p.idleTimeoutMs)})`;
        emit(n, declare(v, `${input(n).expr}\n        .assignTimestampsAndWatermarks(${strategy})${ops(n)}`), { main: v, sides: v, keyed: false });
        break;
      }
      case 'map':
      case 'filter':
      case 'flatMap': {
        const v = varName(n.id);
        addCode(n.id, 'code', n.params.code);
        const call =
          n.kind === 'map' ? `.map(new JsMap(${str(n.id)}), Records.TYPE)` : n.kind === 'filter' ? `.filter(new JsFilter(${str(n.id)}))` : `.flatMap(new JsFlatMap(${str(n.id)}), Records.TYPE)`;
        emit(n, declare(v, `${input(n).expr}\n        ${call}${ops(n)}`), { main: v, sides: v, keyed: false });
        break;
      }
      case 'keyBy': {
        const v = varName(n.id);
        const sel = n.params.field !== undefined ? `new FieldKey(${str(n.params.field)})` : (addCode(n.id, 'code', n.params.code!), `new JsKey(${str(n.id)}, "code")`);
        keySelectors.set(n.id, sel);
        const text = `        // keyBy is a partitioning in Flink, not an operator: it has no uid.\n        KeyedStream<Object, String> ${v} = ${input(n).expr}.keyBy(${sel}, Types.STRING);`;
        emit(n, text, { main: v, sides: null, keyed: true });
        break;
      }
      case 'reduce': {
        const v = varName(n.id);
        addCode(n.id, 'code', n.params.code);
        emit(n, declare(v, `${keyedInput(n)}\n        .reduce(new JsReduce(${str(n.id)}, "code"))${ops(n)}`), { main: v, sides: v, keyed: false });
        break;
      }
      case 'aggregate': {
        const v = varName(n.id);
        const field = n.params.field ?? (n.params.fn === 'count' ? 'count' : '');
        emit(n, declare(v, `${keyedInput(n)}\n        .process(new RollingAggregate(${str(n.params.fn)}, ${str(field)}), Records.TYPE)${ops(n)}`), { main: v, sides: v, keyed: false });
        break;
      }
      case 'window': {
        const v = varName(n.id);
        emit(n, declare(v, windowChain(n, input(n))), { main: v, sides: v, keyed: false });
        break;
      }
      case 'process': {
        const v = varName(n.id);
        addCode(n.id, 'code', n.params.code);
        // On a non-keyed stream: a ProcessFunction (operator state, no keyed state or timers).
        const i = input(n);
        const fn = i.keyed ? 'JsKeyedProcess' : 'JsProcess';
        emit(n, declare(v, `${i.expr}\n        .process(new ${fn}(${str(n.id)}), Records.TYPE)${ops(n)}`), { main: v, sides: v, keyed: false });
        break;
      }
      case 'connect': {
        const v = varName(n.id);
        addCode(n.id, 'code', n.params.code);
        const a = port(n, 'in1');
        const b = port(n, 'in2');
        if (a.keyed !== b.keyed) throw new ExportError(n.id, null, 'connect needs both inputs keyed or neither (Flink keys both sides of a KeyedCoProcessFunction)');
        const fn = a.keyed ? `new JsKeyedCoProcess(${str(n.id)})` : `new JsCoProcess(${str(n.id)})`;
        emit(n, declare(v, `${a.expr}\n        .connect(${b.expr})\n        .process(${fn}, Records.TYPE)${ops(n)}`), { main: v, sides: v, keyed: false });
        break;
      }
      case 'join.window': {
        const v = varName(n.id);
        const p = n.params;
        addCode(n.id, 'code', p.code);
        const a = port(n, 'in1');
        const b = port(n, 'in2');
        const w = p.window;
        if (w.assigner.type === 'session' && w.assigner.gap !== undefined) throw new ExportError(n.id, 'window.assigner.gap', 'a dynamic session gap in a window join has no Flink form (the extractor sees both sides tagged); use gapMs');
        let chain = `${a.expr}\n        .join(${b.expr})\n        .where(${keySelector(n.id, 'leftKey', p.leftKey)}, Types.STRING)\n        .equalTo(${keySelector(n.id, 'rightKey', p.rightKey)}, Types.STRING)\n        .window(${assignerExpr(n.id, w.assigner, 'window.assigner.gap')})`;
        const trigger = triggerExpr(n.id, w.trigger) ?? (w.assigner.type === 'count' ? countWindowTrigger(w.assigner) : null);
        const evictor = evictorExpr(w.evictor) ?? (w.assigner.type === 'count' ? countWindowEvictor(w.assigner) : null);
        if (trigger) chain += `\n        .trigger(${trigger})`;
        if (evictor) chain += `\n        .evictor(${evictor})`;
        if (w.allowedLatenessMs > 0) chain += `\n        .allowedLateness(${ms(w.allowedLatenessMs)})`;
        chain += `\n        .apply(new JsJoin(${str(n.id)}), Records.TYPE)${ops(n)}`;
        emit(n, declare(v, chain), { main: v, sides: v, keyed: false });
        break;
      }
      case 'join.interval': {
        const v = varName(n.id);
        const p = n.params;
        addCode(n.id, 'code', p.code);
        const a = port(n, 'in1');
        const b = port(n, 'in2');
        // Flink's IntervalJoined.sideOutputLeftLateData / sideOutputRightLateData.
        const lateData =
          (p.leftLateOutput !== undefined ? `\n        .sideOutputLeftLateData(Tags.of(${str(p.leftLateOutput)}))` : '') +
          (p.rightLateOutput !== undefined ? `\n        .sideOutputRightLateData(Tags.of(${str(p.rightLateOutput)}))` : '');
        const chain = `${a.expr}\n        .keyBy(${keySelector(n.id, 'leftKey', p.leftKey)}, Types.STRING)\n        .intervalJoin(${b.expr}.keyBy(${keySelector(n.id, 'rightKey', p.rightKey)}, Types.STRING))\n        .between(${ms(p.lowerMs)}, ${ms(p.upperMs)})${lateData}\n        .process(new JsIntervalJoin(${str(n.id)}), Records.TYPE)${ops(n)}`;
        emit(n, declare(v, chain), { main: v, sides: v, keyed: false });
        break;
      }
      case 'union': {
        const v = varName(n.id);
        const ins = edgesInto(n.id).map(upstream);
        if (ins.length === 0) throw new ExportError(n.id, null, 'has no input');
        const expr = ins.length === 1 ? ins[0]!.expr : `${ins[0]!.expr}.union(${ins.slice(1).map((i) => i.expr).join(', ')})`;
        emit(n, `        // union is not an operator in Flink: it has no uid.\n        DataStream<Object> ${v} = ${expr};`, { main: v, sides: null, keyed: false });
        break;
      }
      case 'sink.collect': {
        const schema = sinks?.get(n.id);
        const line = schema
          ? `new SqlRowLine(${str(n.id)}, java.util.List.of(${schema.columns.map((c) => str(c.name)).join(', ')}), java.util.List.of(${schema.columns.map((c) => (c.type.name === 'DECIMAL' ? (c.type.scale ?? 0) : -1)).join(', ')}))`
          : `new SinkLine(${str(n.id)})`;
        const text = `        ${input(n).expr}\n        .map(${line})${ops(n, 'line')}\n        .sinkTo(new PrintSink<>())${ops(n)};`;
        emit(n, text, { main: '', sides: null, keyed: false });
        break;
      }
      case 'sink.file': {
        connectors.add('files');
        const p = n.params;
        const fallback = p.path ?? `${n.id}-out`;
        const sink = `FileSink.forRowFormat(new Path(Args.path(args, "output", ${str(n.id)}, ${str(fallback)})), new SimpleStringEncoder<String>("UTF-8")).build()`;
        // One subtask, as in Eddy: one file, whose CSV header is the first record's keys.
        const text = `        ${input(n).expr}\n        .map(new FileLine(${str(p.format)}))${ops(n, 'line', 1)}\n        .sinkTo(${sink})${ops(n, undefined, 1)};`;
        emit(n, text, { main: '', sides: null, keyed: false });
        break;
      }
      case 'source.websocket':
      case 'sink.websocket':
        throw new ExportError(n.id, null, `Flink has no built-in WebSocket connector, so a ${n.kind} node has no DataStream form; replace it with a connector Flink has (Kafka, files) before exporting`);
      case 'source.sse':
        throw new ExportError(n.id, null, 'Flink has no built-in Server-Sent Events connector, so a source.sse node has no DataStream form; replace it with a connector Flink has (Kafka, files) before exporting');
      case 'cep.pattern': {
        connectors.add('cep');
        const v = varName(n.id);
        const p = n.params;
        const i = input(n);
        const pattern = varName(n.id, '-pattern');
        const chain = p.pattern
          .map((stage, idx) => {
            let s = idx === 0 ? `Pattern.<Object>begin(${str(stage.name)}, ${skipExpr(p.afterMatchSkip)})` : `.${stage.type}(${str(stage.name)})`;
            if (stage.where !== undefined) {
              addCode(n.id, `pattern.${idx}.where`, stage.where);
              s += `\n        .where(new JsCondition(${str(n.id)}, ${str(`pattern.${idx}.where`)}))`;
            }
            const t = stage.times;
            if (typeof t === 'number') s += `\n        .times(${t})`;
            else if (t !== undefined) s += t.from === 0 ? `\n        .times(1, ${t.to})\n        .optional()` : `\n        .times(${t.from}, ${t.to})`;
            if (stage.oneOrMore === true) s += '\n        .oneOrMore()';
            if (stage.timesOrMore !== undefined) s += `\n        .timesOrMore(${stage.timesOrMore})`;
            if (stage.optional === true) s += '\n        .optional()';
            if (stage.greedy === true) s += '\n        .greedy()';
            if (stage.consecutive === true) s += '\n        .consecutive()';
            if (stage.allowCombinations === true) s += '\n        .allowCombinations()';
            return s;
          })
          .join('\n        ');
        const within = p.withinMs !== undefined ? `\n        .within(${ms(p.withinMs)})` : '';
        // A select reads ctx.key through the keyBy's selector (a PatternProcessFunction has no current key).
        const keyEdge = edgesInto(n.id)[0];
        const keySel = i.keyed && keyEdge !== undefined ? (keySelectors.get(keyEdge.from) ?? 'null') : 'null';
        const late = p.lateOutput !== undefined ? `\n        .sideOutputLateData(Tags.of(${str(p.lateOutput)}))` : '';
        addCode(n.id, 'select', p.select);
        if (p.timeoutSelect !== undefined) addCode(n.id, 'timeoutSelect', p.timeoutSelect);
        const fn = `new JsPatternProcess(${str(n.id)}, ${keySel}, ${p.timeoutOutput !== undefined ? str(p.timeoutOutput) : 'null'}, ${p.timeoutSelect !== undefined})`;
        const text = `        Pattern<Object, Object> ${pattern} = ${chain}${within};\n${declare(v, `CEP.pattern(${i.expr}, ${pattern})${late}\n        .process(${fn}, Records.TYPE)${ops(n)}`)}`;
        emit(n, text, { main: v, sides: v, keyed: false });
        break;
      }
      case 'process.broadcast': {
        const v = varName(n.id);
        addCode(n.id, 'code', n.params.code);
        const a = port(n, 'in1');
        const b = port(n, 'in2');
        const fn = a.keyed ? `new JsKeyedBroadcastProcess(${str(n.id)})` : `new JsBroadcastProcess(${str(n.id)})`;
        emit(n, declare(v, `${a.expr}\n        .connect(${b.expr}.broadcast(JsBroadcastProcess.STATE))\n        .process(${fn}, Records.TYPE)${ops(n)}`), { main: v, sides: v, keyed: false });
        break;
      }
      case 'rank':
      case 'join.temporal':
      case 'join.semiAnti':
      case 'join.regular':
        connectors.add('table');
        emit(n, plannerNode(n), { main: streamVar(n.id), sides: null, keyed: false });
        break;
      case 'groupAggregate': {
        // Flink SQL's GroupAggFunction as a KeyedProcessFunction; changelog rows travel as Changed.
        const v = varName(n.id);
        const p = n.params as { keys?: string[]; aggregates: GroupAggregateSpec[] };
        const fn = `new GroupAggregate(${str(n.id)}, java.util.List.of(${(p.keys ?? []).map(str).join(', ')}))${p.aggregates
          .map((a) => `\n                .add(${str(a.name)}, ${str(a.fn)}, ${a.field !== undefined ? str(a.field) : 'null'}, ${a.distinct === true}, ${a.integer === true})`)
          .join('')}`;
        emit(n, declare(v, `${keyedInput(n)}\n        .process(${fn}, Records.TYPE)${ops(n)}`), { main: v, sides: v, keyed: false });
        break;
      }
      case 'join.sqlInterval': {
        // Flink SQL's RowTimeIntervalJoin as a KeyedCoProcessFunction in a KeyedCoProcessOperator that holds the watermark back.
        const v = varName(n.id);
        const p = n.params;
        if (p.condition !== undefined) addCode(n.id, 'condition', p.condition);
        const a = port(n, 'in1');
        const b = port(n, 'in2');
        const fn = `new SqlIntervalJoin(${str(n.id)}, ${str(p.type ?? 'inner')}, ${p.lowerMs}L, ${p.upperMs}L, ${p.condition !== undefined})`;
        const chain = `${a.expr}\n        .keyBy(${keySelector(n.id, 'leftKey', p.leftKey)}, Types.STRING)\n        .connect(${b.expr}.keyBy(${keySelector(n.id, 'rightKey', p.rightKey)}, Types.STRING))\n        .transform(${label(n)}, Records.TYPE, SqlIntervalJoin.operator(${fn}))${ops(n)}`;
        emit(n, declare(v, chain), { main: v, sides: v, keyed: false });
        break;
      }
      case 'asyncMap': {
        const v = varName(n.id);
        const p = n.params;
        addCode(n.id, 'code', p.code);
        if (p.timeout !== undefined) addCode(n.id, 'timeout', p.timeout);
        const r = p.retry;
        const fn = `new JsAsyncMap(${str(n.id)}, Args.option(args, "fetch-base", "."), ${p.timeoutMs}L, ${p.timeout !== undefined})`;
        const wait = p.mode === 'unordered' ? 'unorderedWait' : 'orderedWait';
        let call = `AsyncDataStream.${wait}(\n                ${input(n).expr},\n                ${fn},\n                ${p.timeoutMs}L, TimeUnit.MILLISECONDS, ${p.capacity})`;
        if (r !== undefined) {
          const builder =
            r.strategy === 'fixedDelay'
              ? `new AsyncRetryStrategies.FixedDelayRetryStrategyBuilder<Object>(${r.maxAttempts}, ${r.delayMs}L)`
              : `new AsyncRetryStrategies.ExponentialBackoffDelayRetryStrategyBuilder<Object>(${r.maxAttempts}, ${r.delayMs}L, ${r.maxDelayMs !== undefined ? `${r.maxDelayMs}L` : 'Long.MAX_VALUE'}, ${Number.isInteger(r.multiplier) ? `${r.multiplier}.0` : r.multiplier})`;
          const predicates = `${r.onException ? '\n                        .ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE)' : ''}${r.onEmptyResult ? '\n                        .ifResult(RetryPredicates.EMPTY_RESULT_PREDICATE)' : ''}`;
          call = `AsyncDataStream.${wait}WithRetry(\n                ${input(n).expr},\n                ${fn},\n                ${p.timeoutMs}L, TimeUnit.MILLISECONDS, ${p.capacity},\n                ${builder}${predicates}\n                        .build())`;
        }
        // Eddy's asyncMap heads its task, so a full queue stops its input (Flink's startNewChain).
        emit(n, declare(v, `${call}${ops(n)}\n        .startNewChain()`), { main: v, sides: v, keyed: false });
        break;
      }
      default:
        throw new ExportError((n as JobNode).id, null, `a ${(n as JobNode).kind} node has no DataStream form in the export yet`);
    }
  }

  /**
   * A node only Flink's SQL planner has an operator for (Top-N / deduplication, regular, semi /
   * anti and temporal joins): its inputs become tables of `(k, v, …)` rows (TableRows), the node
   * one SQL query over them, and the query's changelog stream Eddy's records again (TableRecords).
   * The planner's operators get uids `<node id>-<exec node id>_<transformation>` (table.exec.uid.format).
   */
  function plannerNode(n: NodeOf<'rank' | 'join.temporal' | 'join.semiAnti' | 'join.regular'>): string {
    const v = streamVar(n.id);
    const lines: string[] = [];
    const set = (k: string, value: string) => lines.push(`        tEnv.getConfig().set(${str(k)}, ${str(value)});`);
    set('table.exec.uid.format', `${n.id}-<id>_<transformation>`);
    // The option outlives the node: a later planner node without a parallelism resets it (-1: the job's).
    if (n.parallelism !== undefined || plannerParallelism) set('table.exec.resource.default-parallelism', String(n.parallelism ?? -1));
    plannerParallelism = n.parallelism !== undefined;
    const table = (name: string, from: string, key: string, order: readonly string[], time: string | null, primaryKey: boolean, role: string) => {
      lines.push(
        `        tEnv.createTemporaryView(${str(name)}, tEnv.fromChangelogStream(${from}
                .map(new TableRows(${key}, java.util.List.of(${order.map(str).join(', ')})), TableRows.type(${order.length}))
                .uid(${str(`${n.id}-${role}`)})
                .name(${str(`${n.name ?? n.id}: ${role}`)})${n.parallelism !== undefined ? `
                .setParallelism(${n.parallelism})` : ''},
            TableRows.schema(${order.length}, ${time === null ? 'null' : str(time)}, ${primaryKey})));`,
      );
    };
    let query: string;
    let out = 'TableRecords.pairs()';
    if (n.kind === 'rank') {
      const p = n.params;
      const i = input(n);
      const keyEdge = edgesInto(n.id)[0];
      const key = i.keyed && keyEdge !== undefined ? keySelectors.get(keyEdge.from) : undefined;
      if (key === undefined) throw new ExportError(n.id, null, 'a rank needs a keyed input (add a keyBy before it)');
      const time = p.deduplicate ? (p.time === 'processing' ? 'processing' : 'event') : null;
      const fields = time === null ? p.orderBy.map((o) => o.field) : [];
      const order = time === null
        ? p.orderBy.map((o, k) => `o${k} ${o.desc ? 'DESC' : 'ASC'}${o.nulls !== undefined ? ` NULLS ${o.nulls.toUpperCase()}` : ''}`).join(', ')
        : `${time === 'event' ? 'rt' : 'pt'} ${p.orderBy[0]!.desc ? 'DESC' : 'ASC'}`;
      table(`${v}_in`, i.expr, key, fields, time, false, 'rows');
      const cols = ['v', ...(p.rankNumber !== undefined ? ['rn'] : []), ...(time === 'event' ? ['rt'] : [])].join(', ');
      query = `SELECT ${cols} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ${order}) AS rn FROM ${v}_in) WHERE rn ${p.deduplicate ? '= 1' : `<= ${p.limit}`}`;
      out = `TableRecords.rows(${p.rankNumber !== undefined ? str(p.rankNumber) : 'null'})`;
    } else {
      const p = n.params;
      const temporal = n.kind === 'join.temporal';
      table(`${v}_left`, port(n, 'in1').expr, keySelector(n.id, 'leftKey', p.leftKey), [], temporal ? 'event' : null, false, 'left');
      table(`${v}_right`, port(n, 'in2').expr, keySelector(n.id, 'rightKey', p.rightKey), [], temporal ? 'event' : null, temporal, 'right');
      let condition = '';
      if (p.condition !== undefined) {
        addCode(n.id, 'condition', p.condition);
        lines.push(`        tEnv.createTemporarySystemFunction(${str(`${v}_condition`)}, new JsJoinCondition(${str(n.id)}));`);
        condition = ` AND ${v}_condition(L.v, R.v)`;
      }
      if (n.kind === 'join.semiAnti') {
        query = `SELECT L.v FROM ${v}_left AS L WHERE ${n.params.type === 'anti' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${v}_right AS R WHERE R.k = L.k${condition})`;
        out = 'TableRecords.rows(null)';
      } else if (n.kind === 'join.temporal') {
        query = `SELECT L.v AS l, R.v AS r, L.rt FROM ${v}_left AS L ${n.params.type === 'left' ? 'LEFT ' : ''}JOIN ${v}_right FOR SYSTEM_TIME AS OF L.rt AS R ON L.k = R.k${condition}`;
      } else {
        query = `SELECT L.v AS l, R.v AS r FROM ${v}_left AS L ${(n.params.type ?? 'inner').toUpperCase()} JOIN ${v}_right AS R ON L.k = R.k${condition}`;
      }
    }
    lines.push(declare(v, `tEnv\n        .toChangelogStream(tEnv.sqlQuery(${str(query)}))\n        .map(${out}, Records.TYPE)${ops(n)}`));
    return lines.join('\n');
  }

  /** The Java variable of a node's output stream, named once. */
  function streamVar(id: string): string {
    let v = plannerVars.get(id);
    if (v === undefined) plannerVars.set(id, (v = varName(id)));
    return v;
  }

  function keyedInput(n: JobNode): string {
    const i = input(n);
    if (!i.keyed) throw new ExportError(n.id, null, `a ${n.kind} needs a keyed input (add a keyBy before it)`);
    return i.expr;
  }

  function windowChain(n: NodeOf<'window'>, i: { expr: string; keyed: boolean }): string {
    const p = n.params;
    const a = p.assigner;
    let chain = i.expr;
    if (a.type === 'count') chain += `\n        .${i.keyed ? 'countWindow' : 'countWindowAll'}(${a.size}L${a.slide !== undefined ? `, ${a.slide}L` : ''})`;
    else chain += `\n        .${i.keyed ? 'window' : 'windowAll'}(${assignerExpr(n.id, a, 'assigner.gap')})`;
    if (a.type === 'session' && a.gap !== undefined) addCode(n.id, 'assigner.gap', a.gap);
    const trigger = triggerExpr(n.id, p.trigger);
    if (trigger) chain += `\n        .trigger(${trigger})`;
    const evictor = evictorExpr(p.evictor);
    if (evictor) chain += `\n        .evictor(${evictor})`;
    if (p.allowedLatenessMs > 0) chain += `\n        .allowedLateness(${ms(p.allowedLatenessMs)})`;
    if (p.lateOutput !== undefined) chain += `\n        .sideOutputLateData(Tags.of(${str(p.lateOutput)}))`;
    const f = p.function;
    if (f.type === 'aggregate') {
      const field = f.field ?? '';
      const result = i.keyed ? 'new WindowResult<>()' : 'new AllWindowResult<>()';
      chain += `\n        .aggregate(new BuiltInAggregate(${str(f.fn)}, ${str(field)}), ${result}, TypeInformation.of(Accumulator.class), Records.TYPE, Records.TYPE)`;
    } else if (f.type === 'reduce') {
      addCode(n.id, 'function.code', f.code);
      chain += `\n        .reduce(new JsWindowReduce(${str(n.id)}, "function.code"))`;
    } else {
      addCode(n.id, 'function.code', f.code);
      chain += `\n        .process(new ${i.keyed ? 'JsWindowProcess' : 'JsAllWindowProcess'}<>(${str(n.id)}), Records.TYPE)`;
    }
    return chain + ops(n, undefined, i.keyed ? undefined : 1);
  }

  const setup: string[] = [];
  const c = job.checkpointing;
  if (c) {
    setup.push(`        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, ${ms(c.intervalMs)});`);
    setup.push(`        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.${c.mode === 'exactly-once' ? 'EXACTLY_ONCE' : 'AT_LEAST_ONCE'});`);
    if (c.unaligned) setup.push('        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, true);');
    setup.push(`        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, ${c.retained});`);
  }
  const r = job.restart;
  if (r) {
    setup.push(`        conf.set(RestartStrategyOptions.RESTART_STRATEGY, ${str(r.strategy)});`);
    if (r.strategy === 'fixed-delay') {
      setup.push(`        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, ${r.attempts});`);
      setup.push(`        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, ${ms(r.delayMs)});`);
    } else if (r.strategy === 'exponential-delay') {
      setup.push(`        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, ${ms(r.initialDelayMs)});`);
      setup.push(`        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, ${ms(r.maxDelayMs)});`);
      setup.push(`        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, ${Number.isInteger(r.multiplier) ? `${r.multiplier}.0` : r.multiplier});`);
      setup.push('        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.0);');
      if (r.attempts !== undefined) setup.push(`        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, ${r.attempts});`);
    } else if (r.strategy === 'failure-rate') {
      setup.push(`        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL, ${r.maxFailures});`);
      setup.push(`        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL, ${ms(r.intervalMs)});`);
      setup.push(`        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY, ${ms(r.delayMs)});`);
    }
  }
  const env = [
    '        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);',
    `        env.setParallelism(${job.parallelism});`,
    `        env.setMaxParallelism(${job.maxParallelism});`,
  ];
  if (connectors.has('table')) {
    env.push(
      "        // Nodes only Flink's SQL planner runs (rank, regular / semi / anti / temporal joins) go through it;\n        // ALWAYS gives their operators uids (each node sets table.exec.uid.format to its id).\n        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);\n        tEnv.getConfig().set(\"table.exec.uid.generation\", \"ALWAYS\");",
    );
  }
  if (watermarkInterval !== null && watermarkInterval !== 200) {
    env.push(`        // Flink has one periodic watermark interval per job: the shortest of the job's watermark nodes.\n        env.getConfig().setAutoWatermarkInterval(${watermarkInterval}L);`);
  }
  const title = job.name ?? sourceName;
  const main = `Configuration ${setup.join('\n')}\n${env.join('\n')}\n${body.join('\n')}`;
  // Only what the program uses: a connector's classes exist only when its artifact is in the pom.
  const imports = IMPORTS.split('\n').filter((line) => {
    const name = /\.(\w+);$/.exec(line)?.[1];
    if (line.includes('org.apache.flink.cep.') && !connectors.has('cep')) return false;
    return name === undefined || new RegExp(`\\b${name}\\b`).test(main);
  });
  const source = `package ${javaPackage};

${imports.join('\n')}

/**
 * ${title.replace(/\*\//g, '* /')}
 *
 * Exported by Eddy from ${sourceName.replace(/\*\//g, '* /')}. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
${setup.join('\n')}${setup.length ? '\n' : ''}${env.join('\n')}

${body.join('\n\n')}

        env.execute(${str(title)});
    }
}
`;
  return { source, code, data, connectors };
}
