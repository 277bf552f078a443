import { parse as parseJava } from 'java-parser';
import { describe, expect, it } from 'vitest';
import { compileSql } from '../sql/compile.js';
import { exportFlinkJava } from './flink-java.js';
import { files, job, jobJava } from './flink-java-fixture.js';
import { stripTypes } from './strip-types.js';

/** exportFlinkJava node kind by kind: CEP patterns, the SQL changelog and interval-join nodes, window functions. */
describe('exportFlinkJava: cep.pattern as Flink CEP', () => {
  const cepJob = (keyed: boolean) => ({
    format: 'eddy/job@1',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records: [{ k: 'a', t: 'x', ts: 5 }], timestampField: 'ts' } },
      ...(keyed ? [{ id: 'by-k', kind: 'keyBy', params: { field: 'k' } }] : []),
      {
        id: 'cep',
        kind: 'cep.pattern',
        params: {
          pattern: [
            { name: 'a', type: 'begin', where: '(e) => e.t === "x"', times: { from: 0, to: 2 } },
            { name: 'b', type: 'followedByAny', where: '(e, ctx) => ctx.getEventsForPattern("a").length > 0', oneOrMore: true, greedy: true, consecutive: true },
            { name: 'c', type: 'notFollowedBy', where: '(e) => e.t === "z"' },
          ],
          withinMs: 5000,
          afterMatchSkip: { skipToLast: 'b' },
          select: '(m, ctx) => ({ key: ctx.key, n: m.b.length })',
          timeoutOutput: 'timeouts',
          lateOutput: 'late',
        },
      },
      { id: 'out', kind: 'sink.collect' },
      { id: 'timeouts', kind: 'sink.collect' },
    ],
    edges: [
      ...(keyed ? [{ from: 'src', to: 'by-k' }, { from: 'by-k', to: 'cep' }] : [{ from: 'src', to: 'cep' }]),
      { from: 'cep', to: 'out' },
      { from: 'cep', fromPort: 'timeouts', to: 'timeouts' },
    ],
  });

  it("writes the pattern with Flink's Pattern API, conditions and select through the GraalJS bridge", () => {
    const project = files(job(cepJob(true)));
    const java = project.get('src/main/java/eddy/job/Job.java')!;
    expect(() => parseJava(java)).not.toThrow();
    expect(java).toContain('import org.apache.flink.cep.CEP;');
    expect(java).toContain(`Pattern<Object, Object> cepPattern = Pattern.<Object>begin("a", AfterMatchSkipStrategy.skipToLast("b"))
            .where(new JsCondition("cep", "pattern.0.where"))
            .times(1, 2)
            .optional()
            .followedByAny("b")
            .where(new JsCondition("cep", "pattern.1.where"))
            .oneOrMore()
            .greedy()
            .consecutive()
            .notFollowedBy("c")
            .where(new JsCondition("cep", "pattern.2.where"))
            .within(Duration.ofMillis(5000L));`);
    expect(java).toContain(`CEP.pattern(byK, cepPattern)
            .sideOutputLateData(Tags.of("late"))
            .process(new JsPatternProcess("cep", new FieldKey("k"), "timeouts", false), Records.TYPE)
            .uid("cep")`);
    expect(java).toContain('cep.getSideOutput(Tags.of("timeouts"))');
    expect(project.get('pom.xml')).toContain('<artifactId>flink-cep</artifactId>');
    for (const f of ['JsCondition.java', 'JsPatternProcess.java']) expect(project.has(`src/main/java/eddy/runtime/${f}`)).toBe(true);
    for (const f of ['pattern.0.where', 'pattern.1.where', 'pattern.2.where', 'select']) expect(project.has(`src/main/resources/functions/cep.${f}.js`)).toBe(true);
  });

  it('a non-keyed pattern has no key selector (Flink keys the stream by a constant)', () => {
    expect(jobJava(job(cepJob(false)))).toContain('new JsPatternProcess("cep", null, "timeouts", false)');
  });

  it('a job without a pattern carries no CEP dependency, classes or imports', () => {
    const project = files(job({ format: 'eddy/job@1', name: 'Pattern CEP words in the name', nodes: [{ id: 'src', kind: 'source.collection', params: { records: [1] } }, { id: 'm', kind: 'map', params: { code: '(r) => r' } }, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'src', to: 'm' }, { from: 'm', to: 'out' }] }));
    expect(project.get('pom.xml')).not.toContain('flink-cep');
    expect(project.get('src/main/java/eddy/job/Job.java')).not.toContain('org.apache.flink.cep');
    expect([...project.keys()].filter((p) => /JsCondition|JsPatternProcess/.test(p))).toEqual([]);
    // Nor does any class it carries name them: the project would not compile (javac: package JsCondition does not exist).
    for (const [path, text] of project) if (path.endsWith('.java')) expect(text, path).not.toMatch(/\bJsCondition\b|\bJsPatternProcess\b/);
  });
});

describe('exportFlinkJava: SQL changelog and interval-join nodes as DataStream operators', () => {
  const sqlJob = (sql: string) => {
    const c = compileSql(sql, 'q.sql');
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    return new Map(exportFlinkJava(c.job, { sourceName: 'q.sql', stripTypes, sql, sqlSinks: c.sinks }).map((f) => [f.path, f.text]));
  };
  const bid = "CREATE TABLE Bid (bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING, WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');\n";

  it('a GROUP BY without a window is a GroupAggregate process function with its aggregates, uid = node id', () => {
    const project = sqlJob(`${bid}SELECT item, COUNT(*) AS n, AVG(price) AS mean, MIN(price) AS low, SUM(DISTINCT price) AS s FROM Bid GROUP BY item;`);
    const java = project.get('src/main/java/eddy/job/Job.java')!;
    expect(() => parseJava(java)).not.toThrow();
    expect(java).not.toContain('StreamTableEnvironment');
    expect(java).toMatch(/\.process\(new GroupAggregate\("group_agg", java\.util\.List\.of\("item"\)\)\n\s+\.add\("\$agg0", "count", null, false, false\)\n\s+\.add\("\$agg1", "avg", "\$arg1", false, false\)\n\s+\.add\("\$agg2", "min", "\$arg2", false, false\)\n\s+\.add\("\$agg3", "sum", "\$arg3", true, false\), Records\.TYPE\)\n\s+\.uid\("group_agg"\)/);
    // The sink prints eddy run's SQL lines: the op, the columns in order, DECIMAL with its scale.
    expect(java).toContain('.map(new SqlRowLine("result", java.util.List.of("item", "n", "mean", "low", "s"), java.util.List.of(-1, -1, 6, 2, 2)))');
    for (const c of ['GroupAggregate', 'Changed', 'SqlRowLine']) expect(project.has(`src/main/java/eddy/runtime/${c}.java`), c).toBe(true);
    expect(project.has('src/main/java/eddy/runtime/SqlIntervalJoin.java')).toBe(false);
    expect(project.get('pom.xml')).not.toContain('flink-table');
  });

  it('an interval join is a SqlIntervalJoin in a KeyedCoProcessOperator that holds the watermark back, uid = node id', () => {
    const project = sqlJob(`${bid}CREATE TABLE Ship (item STRING, t TIMESTAMP(3), WATERMARK FOR t AS t - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'ship.jsonl', 'format' = 'json');
SELECT b.item, s.t FROM Bid b FULL JOIN Ship s ON b.item = s.item AND s.t BETWEEN b.bidtime - INTERVAL '1' MINUTE AND b.bidtime + INTERVAL '2' MINUTE;`);
    const java = project.get('src/main/java/eddy/job/Job.java')!;
    expect(() => parseJava(java)).not.toThrow();
    expect(java).toContain(`.keyBy(new JsKey("join", "leftKey"), Types.STRING)
            .connect(bidWatermarks.keyBy(new JsKey("join", "rightKey"), Types.STRING))`.replace('bidWatermarks', 'shipWatermarks'));
    expect(java).toMatch(/\.transform\("[^"]+", Records\.TYPE, SqlIntervalJoin\.operator\(new SqlIntervalJoin\("join", "full", -60000L, 120000L, true\)\)\)\n\s+\.uid\("join"\)/);
    expect(project.has('src/main/resources/functions/join.condition.js')).toBe(true);
    expect(project.has('src/main/java/eddy/runtime/SqlIntervalJoin.java')).toBe(true);
    expect(project.has('src/main/java/eddy/runtime/GroupAggregate.java')).toBe(false);
  });

  it('a visual job keeps its own sink lines and carries none of the SQL classes', () => {
    const project = files(job({ format: 'eddy/job@1', nodes: [{ id: 'src', kind: 'source.collection', params: { records: [1] } }, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'src', to: 'out' }] }));
    expect(project.get('src/main/java/eddy/job/Job.java')).toContain('.map(new SinkLine("out"))');
    expect([...project.keys()].filter((p) => /GroupAggregate|SqlIntervalJoin|SqlRowLine/.test(p))).toEqual([]);
  });
});

describe('exportFlinkJava: window functions', () => {
  it("a window reduce is a plain ReduceFunction (Flink's WindowedStream.reduce rejects a RichFunction at job build time)", () => {
    const project = files(
      job({
        format: 'eddy/job@1',
        nodes: [
          { id: 'src', kind: 'source.collection', params: { timestampField: 'ts', records: [{ k: 'a', v: 1, ts: 1 }] } },
          { id: 'key', kind: 'keyBy', params: { field: 'k' } },
          { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'reduce', code: '(a, b) => ({ ...a, v: a.v + b.v })' } } },
          { id: 'out', kind: 'sink.collect' },
        ],
        edges: [
          { from: 'src', to: 'key' },
          { from: 'key', to: 'w' },
          { from: 'w', to: 'out' },
        ],
      }),
    );
    expect(project.get('src/main/java/eddy/job/Job.java')).toContain('.reduce(new JsWindowReduce("w", "function.code"))');
    const reduce = project.get('src/main/java/eddy/runtime/JsWindowReduce.java')!;
    expect(reduce).toContain('implements ReduceFunction<Object>');
    expect(reduce).not.toMatch(/extends Rich\w+Function/);
  });
});
