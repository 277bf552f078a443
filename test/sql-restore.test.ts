/**
 * SQL scripts of test/flink/cases/ (Flink's docs tables and other oracle cases; the list below)
 * give the same rows, row kinds included, when it fails halfway and restarts from the
 * checkpoint it took there, as in an undisturbed run (which the oracle tests hold to Flink's rows):
 * the inline host steps the job to the middle of its run, takes a checkpoint, drops everything after
 * it, and a fresh attempt restores the checkpoint and runs to the end. Except where a checkpoint
 * holds no watermark matters (as in Flink, the restored watermark starts over from none): a row
 * dropped as late before the checkpoint but replayed after it counts (EXTRA below). Two join
 * scripts compare the table their changelog builds (TABLE_ONLY below).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoordinator } from '../engine/checkpoint/recovery.js';
import { latestUsableCheckpoint, restoreStateFor } from '../engine/checkpoint/restore.js';
import { MemoryCheckpointStorage } from '../engine/checkpoint/storage.js';
import { validateJob } from '../engine/graph/validate.js';
import { InlineJob } from '../engine/host/inline-host.js';
import { MemoryIO } from '../engine/host/memory-io.js';
import { planJob } from '../engine/plan/plan-job.js';
import { compileSql } from '../engine/sql/compile.js';
import { until } from '../engine/testing/until.js';

const DIRS = [join(import.meta.dirname, 'flink', 'cases'), join(import.meta.dirname, '..', 'public', 'examples', 'sql')];
/**
 * The scripts seen to pass so far (join-changelog-input.sql once a task whose upstream tasks had
 * all finished before the trigger reported its final state); the cases after it in file order
 * are not yet run through this test.
 */
const CHECKED = new Set([
  'cumulate-late-row-unfired-window.sql', 'cumulate-late-row.sql', 'dedup-proctime.sql', 'dedup.sql', 'topn-retract.sql', 'docs-cumulate.sql', 'docs-hop.sql', 'docs-session.sql',
  'docs-tumble-per-supplier.sql', 'docs-tumble.sql', 'expressions-predicates.sql', 'expressions-strings.sql', 'join-interval.sql',
  'join-changelog-input.sql', 'join-regular-inner.sql', 'join-regular-outer.sql', 'join-semi-anti.sql', 'view-basic.sql', 'view-cascade.sql', 'view-window-attached.sql', 'window-join-after-session.sql', 'window-join-semi-anti.sql', 'window-topn-after-join.sql',
  'in-under-or.sql', 'join-time-condition-on-join.sql', 'proctime-column.sql', 'topn-top1-unpartitioned.sql',
]);
/**
 * Rows the restored run gives beyond an undisturbed run's. cumulate-late-row-unfired-window.sql:
 * the checkpoint is taken after the watermark passed 00:00:40, so the replayed 00:00:22 (late, and
 * dropped, undisturbed) meets a watermark that starts over: its slice opens again, and [0 s, 30 s)
 * and [0 s, 40 s) fire again with it alone (their other slices were cleared when they fired).
 */
const EXTRA: Readonly<Record<string, readonly string[]>> = {
  'cumulate-late-row-unfired-window.sql': [
    JSON.stringify(['result', '+I', { window_start: '2024-01-01 00:00:00.000', window_end: '2024-01-01 00:00:30.000', n: 1, nv: 1 }]),
    JSON.stringify(['result', '+I', { window_start: '2024-01-01 00:00:00.000', window_end: '2024-01-01 00:00:40.000', n: 1, nv: 1 }]),
  ],
};
/**
 * Joins of three sources over a changelog (a count that updates, a LEFT join): which source's rows
 * reach a join first decides the change rows, and the restored attempt schedules its sources anew
 * (as the oracle marks them `-- oracle: changelog order`), so only the table they build must match.
 */
const TABLE_ONLY = new Set(['in-under-or.sql', 'join-time-condition-on-join.sql']);
const SCRIPTS = DIRS.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.sql') && CHECKED.has(f)).map((f) => ({ dir: d, file: f })));

function load(dir: string, file: string) {
  const c = compileSql(readFileSync(join(dir, file), 'utf8'));
  if (!c.ok) throw new Error(`${file}: ${JSON.stringify(c.errors)}`);
  const files: Record<string, string> = {};
  for (const n of c.job.nodes) {
    const path = (n.params as { path?: string } | undefined)?.path;
    if (n.kind === 'source.file' && path) files[path] = readFileSync(join(dir, path), 'utf8');
  }
  // Checkpoints only when the test takes one: the periodic interval is out of reach.
  const checked = validateJob({ ...c.job, checkpointing: { intervalMs: 86_400_000, retained: 1 } });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return { plan: planJob(checked.job), files };
}

const lines = (io: MemoryIO) => io.collected.map((x) => JSON.stringify([x.sink, x.op ?? '+I', x.value])).sort();
/** The table the changelog builds per sink (+I/+U add a row, -U/-D take one back), sorted; a retraction of a missing row shows as `!missing`. */
function table(io: MemoryIO): string[] {
  const rows = new Map<string, number>();
  for (const x of io.collected) {
    const k = JSON.stringify([x.sink, x.value]);
    rows.set(k, (rows.get(k) ?? 0) + (x.op === '-U' || x.op === '-D' ? -1 : 1));
  }
  return [...rows].flatMap(([k, n]) => (n < 0 ? [`!missing ${k}`] : Array.from({ length: n }, () => k))).sort();
}

describe('SQL scripts restored from a checkpoint taken halfway give the rows of an undisturbed run (and the late rows a restarted watermark lets in)', () => {
  it('finds the scripts', () => {
    expect(SCRIPTS.map((x) => x.file).sort()).toEqual([...CHECKED].sort());
  });
  for (const { dir, file } of SCRIPTS) {
    it(`${file}`, async () => {
      const { plan, files } = load(dir, file);
      const refIO = new MemoryIO(files);
      const reference = new InlineJob(plan, { io: refIO, clock: 'virtual' });
      let total = 0;
      while (reference.stepOnce()) total++;
      expect(refIO.collected.length, `${file} gives rows`).toBeGreaterThan(0);

      const io = new MemoryIO(files);
      const storage = new MemoryCheckpointStorage();
      const coordinator = (await createCoordinator(plan, storage, io))!;
      const first = new InlineJob(plan, { io, clock: 'virtual', coordinator });
      for (let i = 0; i < total / 2; i++) first.stepOnce();
      const id = coordinator.begin()!;
      for (const t of first.tasks) t.triggerCheckpoint(id, false);
      while (coordinator.inProgress === id && first.stepOnce());
      await until(async () => (await storage.list()).some((m) => m.id === id));
      // The attempt fails here: what the checkpoint does not cover is discarded.
      await coordinator.abort();

      const checkpoint = await latestUsableCheckpoint(storage, (e) => {
        throw e;
      });
      const second = new InlineJob(plan, { io, clock: 'virtual', coordinator, restore: restoreStateFor(plan, checkpoint!) });
      await second.run();
      coordinator.finish();
      if (TABLE_ONLY.has(file)) expect(table(io)).toEqual(table(refIO));
      else expect(lines(io)).toEqual([...lines(refIO), ...(EXTRA[file] ?? [])].sort());
    });
  }
});
