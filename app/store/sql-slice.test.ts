import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStorage } from '../../engine/index';
import { sqlCatalog } from '../../engine/sql/catalog-info';
import { sqlCompletions } from '../../engine/sql/completion';
import { checkSql } from '../../engine/sql/diagnostics';
import { until } from '../../engine/testing/until';
import type { JobStarter, RunOutcome } from '../client/engine-client';
import { createMemoryRunJournal } from '../persist/run-journal';
import type { SqlService } from '../sql/sql-service';
import { sqlScriptForFlink } from '../../engine/export/flink-sql-script';
import { createAppStore } from './app-store';
import { placeStaircase } from './sql-slice';
import { addNode } from './graph-ops';

/** The SQL service in this thread: the same compiler the worker runs. */
const inThread: SqlService = {
  check: async (text, name) => checkSql(text, name),
  complete: async (text, line, column) => sqlCompletions(text, line, column),
  catalog: async (text) => sqlCatalog(text),
  forFlink: async (text, name) => sqlScriptForFlink(text, name),
};

const BID = `CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
`;
const QUERY = `SELECT window_start, window_end, SUM(price) AS total
FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
GROUP BY window_start, window_end;`;

function setup() {
  const runs: Array<{ doc: unknown; files: Parameters<JobStarter>[1]; finish(o: RunOutcome): void }> = [];
  const start: JobStarter = (doc, files, _callbacks) => {
    let finish!: (o: RunOutcome) => void;
    const done = new Promise<RunOutcome>((r) => (finish = r));
    runs.push({ doc, files, finish });
    return { cancel: () => finish({ status: 'canceled', slots: [] }), done, killSlot: () => {}, takeSavepoint: async () => '{}' };
  };
  const storage = new MemoryCheckpointStorage();
  const store = createAppStore({ startJob: start, checkpointEnv: { storageFor: () => storage, journal: createMemoryRunJournal() }, sqlService: inThread });
  return { store, runs };
}

describe('a SQL script in the IDE', () => {
  it('lists the problems of a script that does not compile, each at its line and column, and runs nothing', async () => {
    const { store, runs } = setup();
    await store.getState().openSql({ name: 'q.sql', text: `${BID}SELECT prise FROM Bid;` });
    expect(store.getState().sql?.name).toBe('q.sql');
    expect(store.getState().sqlProblems).toEqual([expect.objectContaining({ line: 6, column: 8, message: expect.stringMatching(/unknown column prise/) })]);
    expect(store.getState().doc.nodes).toEqual([]);
    await store.getState().runSql();
    expect(runs).toEqual([]);
    expect(store.getState().status?.text).toMatch(/1 problem/);
  });

  it('gives "Export to Flink…" the script as it is now: its job and sinks, and the script for Flink\'s SQL client, or how many problems it has', async () => {
    const { store } = setup();
    expect(await store.getState().sqlForFlink()).toBeNull();
    await store.getState().openSql({ name: 'sql/q.sql', text: `${BID}SELECT price FROM Bid;` });
    const ok = await store.getState().sqlForFlink();
    if (ok === null || !ok.ok) throw new Error(`expected the script to export, got ${JSON.stringify(ok)}`);
    expect(ok.job.nodes.some((n) => n.kind.startsWith('sink.'))).toBe(true);
    expect(ok.sinks).toHaveLength(1);
    expect(ok.flinkSql.ok && ok.flinkSql.text).toMatch(/^-- Flink SQL exported by Eddy from q\.sql\./);
    store.getState().setSqlText(`${BID}SELECT prise FROM Bid;`);
    expect(await store.getState().sqlForFlink()).toEqual({ ok: false, problems: 1 });
  });

  it('checks a script that is not open (an example in the gallery) and lists its tables through its SQL service, leaving the IDE as it was', async () => {
    const { store } = setup();
    const before = store.getState().doc;
    expect(await store.getState().sqlCatalog(BID)).toEqual([expect.objectContaining({ name: 'Bid', connector: 'filesystem', path: 'bid.jsonl' })]);
    expect((await store.getState().checkSqlText(`${BID}${QUERY}`)).ok).toBe(true);
    const broken = await store.getState().checkSqlText(`${BID}SELECT prise FROM Bid;`);
    expect(broken.ok ? [] : broken.problems.map((p) => p.message)).toEqual([expect.stringContaining('prise')]);
    expect(store.getState().sql).toBeNull();
    expect(store.getState().sqlProblems).toEqual([]);
    expect(store.getState().doc).toBe(before);
  });

  it('asks the editor to show a problem chosen elsewhere, each request told apart from the last', async () => {
    const { store } = setup();
    await store.getState().openSql({ name: 'q.sql', text: `${BID}SELECT prise FROM Bid;` });
    expect(store.getState().sqlReveal).toBeNull();
    store.getState().revealSql(6, 8);
    const first = store.getState().sqlReveal;
    expect(first).toMatchObject({ line: 6, column: 8 });
    // The same place again is a new request (the user moved the cursor away in between).
    store.getState().revealSql(6, 8);
    expect(store.getState().sqlReveal).toMatchObject({ line: 6, column: 8 });
    expect(store.getState().sqlReveal).not.toBe(first);
    expect(store.getState().sqlReveal!.seq).toBeGreaterThan(first!.seq);
  });

  it('runs the compiled job with the uploaded file as the table path, read-only until converted', async () => {
    const { store, runs } = setup();
    await store.getState().openSql({ name: 'q.sql', text: `${BID}${QUERY}` });
    expect(store.getState().sqlProblems).toEqual([]);
    expect(store.getState().doc.nodes.map((n) => n.kind)).toEqual(expect.arrayContaining(['source.file', 'sink.collect']));
    expect(store.getState().sqlSinks.map((s) => [s.name, s.columns.map((c) => c.name)])).toEqual([['result', ['window_start', 'window_end', 'total']]]);

    // Without the table's file, Run says which table needs one.
    await store.getState().runSql();
    expect(runs).toEqual([]);
    expect(store.getState().status?.text).toMatch(/table Bid.*bid\.jsonl/);

    store.getState().setFile('bid.jsonl', '{"bidtime":"2020-04-15 08:05:00","price":4.00}\n');
    await store.getState().runSql();
    await until(() => runs.length === 1);
    expect(runs[0]!.files['bid.jsonl']).toMatch(/08:05/);
    expect(store.getState().runStatus).toBe('running');

    // Read-only: edits change nothing until the job is converted.
    const before = store.getState().doc;
    store.getState().edit((d) => addNode(d, 'map', { x: 0, y: 0 }).doc);
    expect(store.getState().doc).toBe(before);
    runs[0]!.finish({ status: 'finished', slots: [] });
    await until(() => store.getState().runStatus === 'finished');
    store.getState().convertSqlToJob();
    expect(store.getState().sql).toBeNull();
    const count = store.getState().doc.nodes.length;
    store.getState().edit((d) => addNode(d, 'map', { x: 0, y: 0 }).doc);
    expect(store.getState().doc.nodes.length).toBe(count + 1);
  });

  it('opening another job leaves SQL mode', async () => {
    const { store } = setup();
    await store.getState().openSql({ name: 'q.sql', text: `${BID}${QUERY}` });
    store.getState().loadJob({ format: 'eddy/job@1', nodes: [], edges: [] });
    expect(store.getState().sql).toBeNull();
    expect(store.getState().sqlSinks).toEqual([]);
  });
});

describe('placeStaircase', () => {
  it('places a compiled chain right of and below each input, branches below one another', () => {
    const doc = placeStaircase({
      format: 'eddy/job@1',
      nodes: [{ id: 'a', kind: 'source.collection' }, { id: 'b', kind: 'map' }, { id: 'c', kind: 'sink.collect' }, { id: 'd', kind: 'sink.collect' }],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'b', to: 'd' },
      ],
    });
    expect(doc.layout).toEqual({ a: { x: 0, y: 0 }, b: { x: 170, y: 80 }, c: { x: 340, y: 160 }, d: { x: 340, y: 270 } });
  });
});
