import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseJava } from 'java-parser';
import { describe, expect, it } from 'vitest';
import { stripTypes } from './strip-types.js';
import { compileSql } from '../sql/compile.js';
import { files, job, jobJava } from './flink-java-fixture.js';
import { loadExamples } from './examples.js';
import { ExportError } from './export-error.js';
import { exportFlinkJava } from './flink-java.js';
import { FLINK_RUNTIME_FILES } from './flink-runtime-files.js';
import { readFlinkRuntime } from './flink-runtime-source.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const update = process.env.EDDY_UPDATE_GOLDEN === '1';


describe('the eddy.runtime classes every project carries', () => {
  it('parse as Java, and flink-runtime-files.ts is in step with flink-runtime/ (npx tsx scripts/embed-flink-runtime.ts)', () => {
    for (const f of FLINK_RUNTIME_FILES) if (f.path.endsWith('.java')) expect(() => parseJava(f.text), f.path).not.toThrow();
    expect(FLINK_RUNTIME_FILES).toEqual(readFlinkRuntime());
  });
});

describe('exportFlinkJava on every example', () => {
  for (const ex of loadExamples()) {
    it(`${ex.name}: Job.java parses, and Job.java and pom.xml match the golden files`, () => {
      const project = exportFlinkJava(ex.job, { sourceName: ex.file, stripTypes, sql: ex.sql, sqlSinks: ex.sinks });
      const java = project.filter((f) => f.path.endsWith('.java'));
      // Every other .java file is a runtime class: the test below parses those once.
      expect(java.filter((f) => !FLINK_RUNTIME_FILES.some((r) => r.path === f.path)).map((f) => f.path)).toEqual(['src/main/java/eddy/job/Job.java']);
      expect(() => parseJava(java.find((f) => f.path.endsWith('/Job.java'))!.text)).not.toThrow();
      for (const name of ['src/main/java/eddy/job/Job.java', 'pom.xml']) {
        const text = project.find((f) => f.path === name)!.text;
        const golden = join(GOLDEN, ex.name, name.split('/').pop()!);
        if (update) {
          mkdirSync(join(GOLDEN, ex.name), { recursive: true });
          writeFileSync(golden, text);
        }
        // A missing golden fails: writing it here would pass a test that checked nothing.
        expect(existsSync(golden), `${golden} is missing: run the test with EDDY_UPDATE_GOLDEN=1 to write it, then review and commit it`).toBe(true);
        expect(text, `${golden} (EDDY_UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(golden, 'utf8'));
      }
    });
  }
});

describe('exportFlinkJava', () => {
  const base = {
    format: 'eddy/job@1',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records: [{ k: 'a', v: 1, ts: 5 }, { $watermark: 10 }], timestampField: 'ts' } },
      { id: 'by-k', kind: 'keyBy', params: { field: 'k' } },
      { id: 'w', kind: 'window', params: { assigner: { type: 'sliding', sizeMs: 3000, slideMs: 1000 }, trigger: { type: 'purging', of: { type: 'count', count: 4 } }, evictor: { type: 'time', sizeMs: 1000 }, allowedLatenessMs: 500, lateOutput: 'late', function: { type: 'aggregate', fn: 'max', field: 'v' } } },
      { id: 'out', kind: 'sink.collect' },
      { id: 'late', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'by-k' },
      { from: 'by-k', to: 'w' },
      { from: 'w', to: 'out' },
      { from: 'w', fromPort: 'late', to: 'late' },
    ],
  };

  it('gives every operator the node id as uid and maps assigner, trigger, evictor, lateness and the late side output', () => {
    const java = jobJava(job(base));
    for (const id of ['src', 'w', 'out', 'late']) expect(java).toContain(`.uid("${id}")`);
    expect(java).not.toContain('.uid("by-k")');
    expect(java).toContain('.window(SlidingEventTimeWindows.of(Duration.ofMillis(3000L), Duration.ofMillis(1000L), Duration.ofMillis(0L)))');
    expect(java).toContain('.trigger(PurgingTrigger.of(CountTrigger.of(4L)))');
    expect(java).toContain('.evictor(TimeEvictor.of(Duration.ofMillis(1000L)))');
    expect(java).toContain('.allowedLateness(Duration.ofMillis(500L))');
    expect(java).toContain('.sideOutputLateData(Tags.of("late"))');
    expect(java).toContain('w.getSideOutput(Tags.of("late"))');
    expect(java).toContain('new BuiltInAggregate("max", "v")');
    // Watermark markers of the collection become watermarks, then leave the stream.
    expect(java).toContain('new MarkerWatermarks()');
    expect(java).toContain('.uid("src-markers")');
  });

  it("maps an interval join's late outputs to sideOutputLeftLateData / sideOutputRightLateData, before process", () => {
    const doc = job({
      format: 'eddy/job@1',
      nodes: [
        { id: 'orders', kind: 'source.collection', params: { timestampField: 'ts', records: [{ id: 'o1', ts: 1000 }, { $watermark: 10000 }, { id: 'o2', ts: 5000 }] } },
        { id: 'shipments', kind: 'source.collection', params: { timestampField: 'ts', records: [{ order: 'o1', ts: 1800 }] } },
        { id: 'join', kind: 'join.interval', params: { lowerMs: -1000, upperMs: 2000, leftKey: 'id', rightKey: 'order', code: '(l, r) => ({ order: l.id })', leftLateOutput: 'late-orders', rightLateOutput: 'late-shipments' } },
        { id: 'out', kind: 'sink.collect' },
        { id: 'late', kind: 'sink.collect' },
        { id: 'late2', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'orders', to: 'join', toPort: 'in1' },
        { from: 'shipments', to: 'join', toPort: 'in2' },
        { from: 'join', to: 'out' },
        { from: 'join', fromPort: 'late-orders', to: 'late' },
        { from: 'join', fromPort: 'late-shipments', to: 'late2' },
      ],
    });
    const java = jobJava(doc);
    expect(java).toMatch(
      /\.between\(Duration\.ofMillis\(-1000L\), Duration\.ofMillis\(2000L\)\)\s+\.sideOutputLeftLateData\(Tags\.of\("late-orders"\)\)\s+\.sideOutputRightLateData\(Tags\.of\("late-shipments"\)\)\s+\.process\(new JsIntervalJoin\("join"\), Records\.TYPE\)/,
    );
    expect(java).toContain('join.getSideOutput(Tags.of("late-orders"))');
    expect(java).toContain('join.getSideOutput(Tags.of("late-shipments"))');
    expect(() => parseJava(java)).not.toThrow();
    const { leftLateOutput: _l, rightLateOutput: _r, ...without } = doc.nodes[2]!.params as Record<string, unknown>;
    const plain = job({
      format: 'eddy/job@1',
      nodes: [...doc.nodes.slice(0, 2), { id: 'join', kind: 'join.interval', params: without }, { id: 'out', kind: 'sink.collect' }],
      edges: doc.edges.filter((e) => e.to !== 'late' && e.to !== 'late2'),
    });
    expect(jobJava(plain)).not.toContain('LateData');
  });

  it('maps checkpointing and the restart strategy to Flink 2 configuration options', () => {
    const java = jobJava(job({ ...base, parallelism: 2, maxParallelism: 64, checkpointing: { intervalMs: 1000, mode: 'at-least-once', retained: 3 }, restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 500 } }));
    expect(java).toContain('conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(1000L));');
    expect(java).toContain('CheckpointingMode.AT_LEAST_ONCE');
    expect(java).toContain('conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);');
    expect(java).toContain('conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");');
    expect(java).toContain('conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);');
    expect(java).toContain('env.setParallelism(2);');
    expect(java).toContain('env.setMaxParallelism(64);');
  });

  it("maps an asyncMap to AsyncDataStream with its capacity, timeout, mode, retry strategy and timeout function", () => {
    const asyncJob = (params: Record<string, unknown>) =>
      job({
        format: 'eddy/job@1',
        nodes: [
          { id: 'src', kind: 'source.collection', params: { records: [1] } },
          { id: 'look', kind: 'asyncMap', params: { code: 'async (r) => r', ...params } },
          { id: 'out', kind: 'sink.collect' },
        ],
        edges: [
          { from: 'src', to: 'look' },
          { from: 'look', to: 'out' },
        ],
      });
    const plain = jobJava(asyncJob({ timeoutMs: 500 }));
    expect(plain).toContain('AsyncDataStream.orderedWait(');
    expect(plain).toContain('new JsAsyncMap("look", Args.option(args, "fetch-base", "."), 500L, false)');
    expect(plain).toContain('500L, TimeUnit.MILLISECONDS, 100)');
    expect(plain).toContain('.uid("look")');
    expect(plain).toContain('.startNewChain()');
    const project = files(asyncJob({ timeoutMs: 500, capacity: 7, mode: 'unordered', timeout: '(r) => ({ r, late: true })', retry: { strategy: 'fixedDelay', maxAttempts: 2, delayMs: 50, onEmptyResult: true } }));
    const java = project.get('src/main/java/eddy/job/Job.java')!;
    expect(java).toContain('AsyncDataStream.unorderedWaitWithRetry(');
    expect(java).toContain('new JsAsyncMap("look", Args.option(args, "fetch-base", "."), 500L, true)');
    expect(java).toContain('500L, TimeUnit.MILLISECONDS, 7,');
    expect(java).toContain('new AsyncRetryStrategies.FixedDelayRetryStrategyBuilder<Object>(2, 50L)');
    expect(java).toContain('.ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE)');
    expect(java).toContain('.ifResult(RetryPredicates.EMPTY_RESULT_PREDICATE)');
    expect(() => parseJava(java)).not.toThrow();
    expect(project.get('src/main/resources/functions/look.timeout.js')).toBe('(r) => ({ r, late: true })\n');
    expect(project.has('src/main/java/eddy/runtime/JsAsyncMap.java')).toBe(true);
  });

  it('exports a SQL script with Top-N and a regular join as a DataStream program: every node an operator with its id as uid, no Table API', () => {
    const sql = `CREATE TABLE Bid (item STRING, price BIGINT) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
CREATE TABLE Item (item STRING, label STRING) WITH ('connector' = 'filesystem', 'path' = 'item.jsonl', 'format' = 'json');
SELECT b.item, i.label FROM Bid b LEFT JOIN Item i ON b.item = i.item;
SELECT item, price FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY item ORDER BY price DESC) AS rownum FROM Bid) WHERE rownum <= 2;`;
    const c = compileSql(sql, 'totals.sql');
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.job.nodes.map((n) => n.kind)).toEqual(expect.arrayContaining(['join.regular', 'rank']));
    const project = new Map(exportFlinkJava(c.job, { sourceName: 'totals.sql', sql, sqlSinks: c.sinks }).map((f) => [f.path, f.text]));
    const java = project.get('src/main/java/eddy/job/Job.java')!;
    expect(() => parseJava(java)).not.toThrow();
    expect(java).not.toContain('StreamTableEnvironment');
    expect(java).not.toContain('tEnv');
    for (const n of c.job.nodes) if (n.kind !== 'keyBy' && n.kind !== 'union') expect(java, n.id).toContain(`.uid(${JSON.stringify(n.id)})`);
    // The compiled join's condition (NULL keys never join, as in SQL) runs in GraalJS.
    expect(java).toContain('new RegularJoin("left", new JsRowCondition("join"))');
    expect(java).toMatch(/new Rank\("[^"]+", 2, null, false, false, false\)\s+\.orderBy\("price", true, null\)/);
    expect(java).toContain('new SqlRowLine("result"');
    expect(project.get('pom.xml')).not.toContain('flink-table');
    for (const c of ['Rank', 'RegularJoin', 'JoinRows', 'RowCondition', 'JsRowCondition']) expect(project.has(`src/main/java/eddy/runtime/${c}.java`), c).toBe(true);
    for (const c of ['SemiAntiJoin', 'TemporalJoin', 'GroupAggregate']) expect(project.has(`src/main/java/eddy/runtime/${c}.java`), c).toBe(false);
  });

  it('bundles code params as resources, TypeScript stripped to JavaScript for GraalJS', () => {
    const doc = job({
      format: 'eddy/job@1',
      nodes: [
        { id: 'src', kind: 'source.collection', params: { records: [1, 2] } },
        { id: 'm', kind: 'map', params: { code: '(r: number): number => r * 2' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'src', to: 'm' },
        { from: 'm', to: 'out' },
      ],
    });
    const project = files(doc);
    expect(project.get('src/main/resources/functions/m.code.js')!.trim()).toBe('(r) => r * 2');
    expect(project.get('src/main/resources/data/src.jsonl')).toBe('1\n2\n');
    expect(project.has('src/main/resources/eddy/bridge.js')).toBe(true);
    expect(project.get('pom.xml')).toContain('<artifactId>js-community</artifactId>');
    expect(project.get('src/main/java/eddy/job/Job.java')).toContain('.map(new JsMap("m"), Records.TYPE)');
  });

  it('exports a collection with a null record: the records travel as JSON texts, as Flink\'s fromData refuses a null element', () => {
    // Found by test/flink/docs-jobs.flink.ts: the docs job "any JSON value is a record" failed on Flink with
    // "The collection contains a null element" (FromElementsGeneratorFunction).
    const withNull = files(job({ format: 'eddy/job@1', nodes: [{ id: 'src', kind: 'source.collection', params: { records: [{ id: 1 }, null, 'x'] } }, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'src', to: 'out' }] }));
    const java = withNull.get('src/main/java/eddy/job/Job.java')!;
    expect(java).toContain('.fromData(Records.lines("data/src.jsonl"), Types.STRING)');
    expect(java).toMatch(/\.map\(Json::parse, Records\.TYPE\)\s+\.uid\("src-parse"\)/);
    expect(java).not.toContain('Records.load(');
    expect(withNull.get('src/main/resources/data/src.jsonl')).toBe('{"id":1}\nnull\n"x"\n');
    expect(() => parseJava(java)).not.toThrow();
    // Without a null record the source is unchanged: its records are the source's own elements.
    const without = jobJava(job({ format: 'eddy/job@1', nodes: [{ id: 'src', kind: 'source.collection', params: { records: [1] } }, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'src', to: 'out' }] }));
    expect(without).toContain('.fromData(Records.load("data/src.jsonl"), Records.TYPE)');
    expect(without).not.toContain('Json::parse');
  });

  it('paces a collection with ratePerSec as Eddy does: a DataGeneratorSource with SteadyRate, markers riding with the next record', () => {
    const records = [{ n: 0, ts: 0 }, { $watermark: 5 }, { n: 1, ts: 10 }, { n: 2, ts: 20 }, { $watermark: 30 }];
    const project = files(job({ format: 'eddy/job@1', nodes: [{ id: 'src', kind: 'source.collection', params: { records, ratePerSec: 4, timestampField: 'ts' } }, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'src', to: 'out' }] }));
    const java = project.get('src/main/java/eddy/job/Job.java')!;
    expect(() => parseJava(java)).not.toThrow();
    // Three records, so three elements: the markers travel inside them (no permit of their own).
    expect(java).toContain('new DataGeneratorSource<>(new PacedRecords("data/src.jsonl"), 3L, new SteadyRate(4), Records.TYPE)');
    expect(java).toMatch(/\.flatMap\(PacedRecords\.UNGROUP, Records\.TYPE\)\s+\.uid\("src-records"\)/);
    expect(java).toContain('new MarkerWatermarks()');
    expect(java).not.toContain('fromData');
    expect(project.has('src/main/java/eddy/runtime/PacedRecords.java')).toBe(true);
    expect(project.has('src/main/java/eddy/runtime/SteadyRate.java')).toBe(true);
    expect(project.get('pom.xml')).toContain('<artifactId>flink-connector-datagen</artifactId>');
    // Without ratePerSec: fromData, and no pacing classes.
    const unpaced = files(job({ format: 'eddy/job@1', nodes: [{ id: 'src', kind: 'source.collection', params: { records } }, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'src', to: 'out' }] }));
    expect(unpaced.get('src/main/java/eddy/job/Job.java')).toContain('.fromData(Records.load("data/src.jsonl"), Records.TYPE)');
    expect(unpaced.has('src/main/java/eddy/runtime/SteadyRate.java')).toBe(false);
  });

  it('exports rank and regular, semi / anti and temporal joins as keyed (co-)process functions with their node ids as uids', () => {
    const src1 = () => ({ id: 'a', kind: 'source.collection', params: { records: [{ c: 1 }] } });
    const src2 = () => ({ id: 'b', kind: 'source.collection', params: { records: [{ c: 1 }] } });
    const project = files(
      job({
        format: 'eddy/job@1',
        nodes: [
          { id: 'orders', kind: 'source.collection', params: { timestampField: 'ts', records: [{ id: 'o1', c: 'EUR', amount: 3, ts: 1 }] } },
          { id: 'rates', kind: 'source.collection', params: { timestampField: 'ts', records: [{ c: 'EUR', rate: 1.1, ts: 0 }] } },
          { id: 'byC', kind: 'keyBy', params: { field: 'c' } },
          { id: 'top', kind: 'rank', parallelism: 1, params: { orderBy: [{ field: 'amount', desc: true }, { field: 'id', nulls: 'last' }], limit: 2, rankNumber: 'pos' } },
          { id: 'first', kind: 'rank', params: { orderBy: [{ field: 'ts' }], deduplicate: true } },
          { id: 'j', kind: 'join.regular', params: { type: 'left', leftKey: 'c', rightKey: 'c', condition: '(l, r) => r.rate > 1' } },
          { id: 'anti', kind: 'join.semiAnti', params: { type: 'anti', leftKey: 'c', rightKey: 'c' } },
          { id: 'priced', kind: 'join.temporal', params: { type: 'left', leftKey: 'c', rightKey: '(r) => r.c' } },
          { id: 'o1', kind: 'sink.collect' },
          { id: 'o2', kind: 'sink.collect' },
          { id: 'o3', kind: 'sink.collect' },
          { id: 'o4', kind: 'sink.collect' },
          { id: 'o5', kind: 'sink.collect' },
        ],
        edges: [
          { from: 'orders', to: 'byC' },
          { from: 'byC', to: 'top' },
          { from: 'byC', to: 'first' },
          { from: 'orders', to: 'j', toPort: 'in1' },
          { from: 'rates', to: 'j', toPort: 'in2' },
          { from: 'orders', to: 'anti', toPort: 'in1' },
          { from: 'rates', to: 'anti', toPort: 'in2' },
          { from: 'orders', to: 'priced', toPort: 'in1' },
          { from: 'rates', to: 'priced', toPort: 'in2' },
          { from: 'top', to: 'o1' },
          { from: 'first', to: 'o2' },
          { from: 'j', to: 'o3' },
          { from: 'anti', to: 'o4' },
          { from: 'priced', to: 'o5' },
        ],
      }),
    );
    const java = project.get('src/main/java/eddy/job/Job.java')!;
    expect(() => parseJava(java)).not.toThrow();
    expect(java).not.toContain('StreamTableEnvironment');
    for (const id of ['top', 'first', 'j', 'anti', 'priced']) expect(java).toMatch(new RegExp(`\\.process\\(new \\w+\\([^;]*?, Records\\.TYPE\\)\\s+\\.uid\\("${id}"\\)\\s+\\.name\\("${id}"\\)`));
    // A rank runs on the keyBy's stream with its sort fields; a node's parallelism is its operator's.
    expect(java).toContain('byC\n            .process(new Rank("top", 2, "pos", false, false, false)\n                .orderBy("amount", true, null)\n                .orderBy("id", false, "last"), Records.TYPE)\n            .uid("top")\n            .name("top")\n            .setParallelism(1);');
    // Deduplication orders by its orderBy field, the rowtime Flink's ORDER BY names (not the record's timestamp).
    expect(java).toContain('new Rank("first", 1, null, true, false, false)\n                .orderBy("ts", false, null)');
    // A join keys both inputs by its key selectors (code keys through JsKey) and connects them.
    expect(java).toContain('.keyBy(new FieldKey("c"), Types.STRING)\n            .connect(ratesTimed.keyBy(new FieldKey("c"), Types.STRING))\n            .process(new RegularJoin("left", new JsRowCondition("j")), Records.TYPE)');
    expect(java).toContain('.process(new SemiAntiJoin("anti", null), Records.TYPE)');
    expect(java).toContain('.connect(ratesTimed.keyBy(new JsKey("priced", "rightKey"), Types.STRING))\n            .process(new TemporalJoin("priced", "left", null), Records.TYPE)');
    expect(project.get('src/main/resources/functions/j.condition.js')).toBe('(l, r) => r.rate > 1\n');
    for (const c of ['Rank', 'RegularJoin', 'SemiAntiJoin', 'TemporalJoin', 'JoinRows', 'RowCondition', 'JsRowCondition']) expect(project.has(`src/main/java/eddy/runtime/${c}.java`), c).toBe(true);
    expect(project.get('pom.xml')).not.toContain('flink-table');
    // A join without a condition names only the RowCondition interface: no GraalJS in the project.
    const noCode = files(
      job({
        format: 'eddy/job@1',
        nodes: [src1(), src2(), { id: 'semi', kind: 'join.semiAnti', params: { leftKey: 'c', rightKey: 'c' } }, { id: 'out', kind: 'sink.collect' }],
        edges: [
          { from: 'a', to: 'semi', toPort: 'in1' },
          { from: 'b', to: 'semi', toPort: 'in2' },
          { from: 'semi', to: 'out' },
        ],
      }),
    );
    expect(noCode.get('pom.xml')).not.toContain('graalvm');
    expect(noCode.has('src/main/java/eddy/runtime/JsRowCondition.java')).toBe(false);
    expect(noCode.has('src/main/java/eddy/runtime/RowCondition.java')).toBe(true);
    // A job without such nodes carries none of their classes.
    const plain = files(job({ format: 'eddy/job@1', nodes: [{ id: 'src', kind: 'source.collection', params: { records: [1] } }, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'src', to: 'out' }] }));
    for (const c of ['Rank', 'RegularJoin', 'SemiAntiJoin', 'TemporalJoin']) expect(plain.has(`src/main/java/eddy/runtime/${c}.java`), c).toBe(false);
  });

  it('runs a sink.file as one subtask, as Eddy does: one file, one CSV header', () => {
    // Found by test/flink/docs-jobs.flink.ts: the docs job "CSV output" at parallelism 2 wrote two part
    // files on Flink, each with the header of its own first record (`name,city` and `name,tags`).
    const java = jobJava(
      job({
        format: 'eddy/job@1',
        parallelism: 2,
        nodes: [
          { id: 'src', kind: 'source.collection', params: { records: [{ name: 'Ann', city: 'Oslo' }, { name: 'Bob', tags: ['x'] }] } },
          { id: 'csv', kind: 'sink.file', params: { path: 'out.csv', format: 'csv' } },
        ],
        edges: [{ from: 'src', to: 'csv' }],
      }),
    );
    expect(java).toMatch(/\.map\(new FileLine\("csv"\)\)\s+\.uid\("csv-line"\)\s+\.name\("csv: line"\)\s+\.setParallelism\(1\)/);
    expect(java).toMatch(/\.sinkTo\(FileSink[^;]*\.uid\("csv"\)\s+\.name\("csv"\)\s+\.setParallelism\(1\);/);
  });

  it('leaves GraalJS and the datagen connector out of projects that do not use them', () => {
    const doc = job({ format: 'eddy/job@1', nodes: [{ id: 'src', kind: 'source.collection', params: { records: [1] } }, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'src', to: 'out' }] });
    const project = files(doc);
    expect(project.get('pom.xml')).not.toContain('graalvm');
    expect([...project.keys()].some((p) => p.includes('JsFunction') || p.endsWith('Datagen.java'))).toBe(false);
    expect(project.get('src/main/java/eddy/job/Job.java')).not.toContain('DataGeneratorSource');
  });

  it('refuses a connect with one keyed input, naming the node', () => {
    const doc = job({
      format: 'eddy/job@1',
      nodes: [
        { id: 'a', kind: 'source.collection', params: { records: [1] } },
        { id: 'b', kind: 'source.collection', params: { records: [2] } },
        { id: 'ka', kind: 'keyBy', params: { code: '(r) => r' } },
        { id: 'c', kind: 'connect', params: { code: '({ onElement1() {}, onElement2() {} })' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'a', to: 'ka' },
        { from: 'ka', to: 'c', toPort: 'in1' },
        { from: 'b', to: 'c', toPort: 'in2' },
        { from: 'c', to: 'out' },
      ],
    });
    expect(() => files(doc)).toThrow(ExportError);
    expect(() => files(doc)).toThrow(/^node c: connect needs both inputs keyed or neither/);
  });

  it('refuses WebSocket and SSE nodes, naming the node: Flink has no connector for them', () => {
    const doc = (kind: string, at: 'source' | 'sink') =>
      job({
        format: 'eddy/job@1',
        nodes:
          at === 'source'
            ? [{ id: 'feed', kind, params: { url: 'ws://localhost:8080' } }, { id: 'out', kind: 'sink.collect' }]
            : [{ id: 'src', kind: 'source.collection', params: { records: [1] } }, { id: 'push', kind, params: { url: 'ws://localhost:8080' } }],
        edges: [at === 'source' ? { from: 'feed', to: 'out' } : { from: 'src', to: 'push' }],
      });
    expect(() => files(doc('source.websocket', 'source'))).toThrow(/^node feed: Flink has no built-in WebSocket connector/);
    expect(() => files(doc('sink.websocket', 'sink'))).toThrow(/^node push: Flink has no built-in WebSocket connector/);
    const sse = job({ format: 'eddy/job@1', nodes: [{ id: 'events', kind: 'source.sse', params: { url: 'http://localhost/e' } }, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'events', to: 'out' }] });
    expect(() => files(sse)).toThrow(/^node events: Flink has no built-in Server-Sent Events connector/);
  });
});
