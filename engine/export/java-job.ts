/**
 * `Job.java` of an exported Flink project: the job graph as a DataStream program, node by node in
 * topological order. Every operator gets `.uid(<node id>)` (helpers `<node id>-<role>`) and
 * `.name(...)`, so savepoint state maps one to one; keyBy and union are partitionings in Flink,
 * not operators, and carry none. docs/export.md explains the mapping.
 *
 * This file assembles the program (configuration, environment, imports, the class); each node's
 * statements come from java-nodes.ts, sharing the state and helpers of java-emitter.ts.
 */
import type { JobDocument, JobNode } from '../graph/schema.js';
import type { SinkSchema } from '../sql/compile.js';
import { ExportError } from './export-error.js';
import { createEmitter } from './java-emitter.js';
import { emitNode } from './java-nodes.js';
import { ms, str } from './java-windows.js';

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
  readonly connectors: Set<'files' | 'datagen' | 'cep'>;
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
  const e = createEmitter(job, sinks);
  for (const n of topological(job)) emitNode(e, n);
  const { code, data, connectors, body, watermarkInterval } = e;

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
