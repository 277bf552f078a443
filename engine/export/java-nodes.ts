/**
 * The Job.java statements of each node kind with a DataStream form (sources, watermarks, the
 * record functions, keyBy, windows, joins, CEP, broadcast, sinks), and Flink SQL's changelog
 * operators as runtime classes (GroupAggregate, Rank, RegularJoin, SemiAntiJoin, TemporalJoin,
 * SqlIntervalJoin). Every operator gets `.uid(<node id>)` (helpers `<node id>-<role>`).
 */
import type { JobNode, NodeOf } from '../graph/schema.js';
import type { GroupAggregateSpec } from '../operators/group-aggregate.js';
import { ExportError } from './export-error.js';
import type { Input, JavaEmitter } from './java-emitter.js';
import { assignerExpr, countWindowEvictor, countWindowTrigger, evictorExpr, ms, str, triggerExpr } from './java-windows.js';

/** Flink's AfterMatchSkipStrategy for a `cep.pattern`'s `afterMatchSkip`. */
function skipExpr(skip: NodeOf<'cep.pattern'>['params']['afterMatchSkip']): string {
  if (typeof skip === 'string') return `AfterMatchSkipStrategy.${skip}()`;
  return 'skipToFirst' in skip ? `AfterMatchSkipStrategy.skipToFirst(${str(skip.skipToFirst)})` : `AfterMatchSkipStrategy.skipToLast(${str(skip.skipToLast)})`;
}

/** Appends node `n`'s statements to the job's body (its inputs are emitted already). */
export function emitNode(e: JavaEmitter, n: JobNode): void {
  const { job, sinks, data, connectors, keySelectors, varName, addCode, label, ops, edgesInto, upstream, input, port, keySelector, emit, declare, keyedInput } = e;
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
        e.watermarkInterval = e.watermarkInterval === null ? p.intervalMs : Math.min(e.watermarkInterval, p.intervalMs);
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
      emit(n, declare(v, windowChain(e, n, input(n))), { main: v, sides: v, keyed: false });
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
    case 'rank': {
      // Flink SQL's Top-N / deduplication functions as one KeyedProcessFunction (Rank).
      const v = varName(n.id);
      const p = n.params;
      const fn = `new Rank(${str(n.id)}, ${p.limit ?? 1}, ${p.rankNumber !== undefined ? str(p.rankNumber) : 'null'}, ${p.deduplicate === true}, ${p.time === 'processing'}, ${p.retract === true})${p.orderBy
        .map((o) => `\n                .orderBy(${str(o.field)}, ${o.desc === true}, ${o.nulls !== undefined ? str(o.nulls) : 'null'})`)
        .join('')}`;
      emit(n, declare(v, `${keyedInput(n)}\n        .process(${fn}, Records.TYPE)${ops(n)}`), { main: v, sides: v, keyed: false });
      break;
    }
    case 'join.temporal':
    case 'join.semiAnti':
    case 'join.regular': {
      // Flink SQL's StreamingJoinOperator / StreamingSemiAntiJoinOperator / TemporalRowTimeJoinOperator as a KeyedCoProcessFunction.
      const v = varName(n.id);
      const p = n.params;
      if (p.condition !== undefined) addCode(n.id, 'condition', p.condition);
      const condition = p.condition !== undefined ? `new JsRowCondition(${str(n.id)})` : 'null';
      const a = port(n, 'in1');
      const b = port(n, 'in2');
      const fn =
        n.kind === 'join.regular'
          ? `new RegularJoin(${str(n.params.type ?? 'inner')}, ${condition})`
          : n.kind === 'join.semiAnti'
          ? `new SemiAntiJoin(${str(n.params.type ?? 'semi')}, ${condition})`
          : `new TemporalJoin(${str(n.id)}, ${str(n.params.type ?? 'inner')}, ${condition})`;
      const chain = `${a.expr}\n        .keyBy(${keySelector(n.id, 'leftKey', p.leftKey)}, Types.STRING)\n        .connect(${b.expr}.keyBy(${keySelector(n.id, 'rightKey', p.rightKey)}, Types.STRING))\n        .process(${fn}, Records.TYPE)${ops(n)}`;
      emit(n, declare(v, chain), { main: v, sides: v, keyed: false });
      break;
    }
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


function windowChain(e: JavaEmitter, n: NodeOf<'window'>, i: Input): string {
  const { addCode, ops } = e;
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
