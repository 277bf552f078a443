/**
 * Event time starts over after a restore, on Apache Flink itself: Flink checkpoints no watermark
 * (InternalTimerServiceImpl's currentWatermark starts at Long.MIN_VALUE, TimestampsAndWatermarksOperator
 * keeps no state and makes a fresh generator in open()), so a record that was late before a savepoint
 * is on time when the restored job replays it. A window job is exported with `eddy export --to
 * flink-java`, run in a MiniCluster, stopped with a savepoint after the window [0 s, 5 s) fired
 * and while late records for it stream in (test/flink/savepoint/SavepointRun.java), and started
 * again from the savepoint. Eddy, checkpointed after the same records and restored, must print
 * the same lines — the replayed late records in a second firing of [0 s, 5 s), not in the late
 * side output.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { createCoordinator } from '../../engine/checkpoint/recovery.js';
import { decodeCheckpoint, latestUsableCheckpoint, restoreStateFor } from '../../engine/checkpoint/restore.js';
import { readStateRows } from '../../engine/checkpoint/state-rows.js';
import { MemoryCheckpointStorage } from '../../engine/checkpoint/storage.js';
import { validateJob } from '../../engine/graph/validate.js';
import { InlineJob } from '../../engine/host/inline-host.js';
import { MemoryIO } from '../../engine/host/memory-io.js';
import type { ExecutionPlan } from '../../engine/plan/execution-plan.js';
import { planJob } from '../../engine/plan/plan-job.js';
import { runJob } from '../../engine/run-job.js';
import { until } from '../../engine/testing/until.js';
import { savepointProject } from './savepoint/savepoint-project.js';

/**
 * 30 records a second apart (generated, 4 a second in wall time, so the savepoint falls in the
 * middle), one key, a sum per 5 s tumbling window with per-record watermarks and no lateness
 * allowed. Records 6 to 17 are moved back into [0 s, 5 s) (at 1 s to 4.5 s) after record 5 at
 * 5 s fired it: undisturbed, all twelve are late and go to the side output. Every record also
 * goes to `seen`, which tells which records the first attempt had read before its savepoint.
 */
const STALE_FIRST = 6;
const STALE_LAST = 17;
const job = {
  format: 'eddy/job@1',
  name: 'Late records across a savepoint',
  parallelism: 1,
  checkpointing: { intervalMs: 60000 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 30, ratePerSec: 4, seed: 11, keys: 1, stepMs: 1000, startTs: 0 } },
    {
      id: 'stale',
      kind: 'map',
      params: { code: `(r) => ({ key: r.key, value: r.value, ts: r.ts >= ${STALE_FIRST * 1000} && r.ts <= ${STALE_LAST * 1000} ? 1000 + (r.ts - ${STALE_FIRST * 1000}) / 4 : r.ts })` },
    },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
    { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
    { id: 'sum-5s', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 5000 }, lateOutput: 'late', function: { type: 'aggregate', fn: 'sum', field: 'value' } } },
    { id: 'seen', kind: 'sink.collect' },
    { id: 'sums', kind: 'sink.collect' },
    { id: 'late', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'gen', to: 'stale' },
    { from: 'stale', to: 'wm' },
    { from: 'wm', to: 'seen' },
    { from: 'wm', to: 'by-key' },
    { from: 'by-key', to: 'sum-5s' },
    { from: 'sum-5s', to: 'sums' },
    { from: 'sum-5s', fromPort: 'late', to: 'late' },
  ],
};

const line = (r: { sink: string; value: unknown }) => JSON.stringify({ sink: r.sink, value: r.value });
const sinkLines = (text: string) => text.split('\n').filter((l) => l.startsWith('{'));
const ofSink = (lines: readonly string[], sink: string) => lines.filter((l) => (JSON.parse(l) as { sink: string }).sink === sink);

/** A fresh attempt stepped `steps` times, then checkpointed; the checkpoint's source offset (the next record the generator emits). */
async function checkpointAfter(plan: ExecutionPlan, steps: number) {
  const io = new MemoryIO();
  const storage = new MemoryCheckpointStorage();
  const coordinator = (await createCoordinator(plan, storage, io))!;
  const first = new InlineJob(plan, { io, clock: 'virtual', coordinator });
  for (let i = 0; i < steps; i++) first.stepOnce();
  const id = coordinator.begin()!;
  for (const t of first.tasks) t.triggerCheckpoint(id, false);
  while (coordinator.inProgress === id && first.stepOnce());
  await until(async () => (await storage.list()).some((m) => m.id === id));
  const rows = readStateRows(decodeCheckpoint(await storage.load(id)), { node: 'gen' });
  const offset = (rows[0] as { state: { next: number } }).state.next;
  return { io, storage, coordinator, offset };
}

/**
 * Eddy's lines when the first attempt fails right after a checkpoint taken once the generator had
 * emitted `k` records and a second attempt restores it: the first attempt's published lines (what
 * the checkpoint covers), then the second's. The generator emits at most one record a step, so
 * the steps to such a checkpoint are found by bisection over fresh attempts.
 */
async function eddyAcross(plan: ExecutionPlan, k: number): Promise<string[]> {
  let lo = 0;
  let hi = 1;
  while ((await checkpointAfter(plan, hi)).offset < k) hi *= 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((await checkpointAfter(plan, mid)).offset < k) lo = mid + 1;
    else hi = mid;
  }
  const { io, storage, coordinator, offset } = await checkpointAfter(plan, lo);
  expect(offset).toBe(k);
  // The attempt fails here: what the checkpoint does not cover is discarded.
  await coordinator.abort();
  const checkpoint = await latestUsableCheckpoint(storage, (e) => {
    throw e;
  });
  await new InlineJob(plan, { io, clock: 'virtual', coordinator, restore: restoreStateFor(plan, checkpoint!) }).run();
  coordinator.finish();
  return io.collected.map(line);
}

it('a record late before a savepoint is on time when Flink replays it after the restore, and Eddy counts it as Flink does', async () => {
  const uninterrupted = (await runJob(job)).results.map(line);
  // Undisturbed, the twelve moved records are late: [0 s, 5 s) fired once, before them.
  expect(ofSink(uninterrupted, 'late')).toHaveLength(STALE_LAST - STALE_FIRST + 1);
  expect(ofSink(uninterrupted, 'sums').filter((l) => l.includes('"windowStart":0,'))).toHaveLength(1);

  const checked = validateJob({ ...job, checkpointing: { intervalMs: 86_400_000, retained: 1 } });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const plan = planJob(checked.job);

  // Flink: the exported project, stopped with a savepoint once [0 s, 5 s) fired and a late record was printed.
  const dir = mkdtempSync(join(tmpdir(), 'eddy-flink-savepoint-late-'));
  let before: string[];
  let after: string[];
  try {
    const java = savepointProject(job, 'savepoint-late.json', dir);
    const pathFile = join(dir, 'savepoint-path.txt');
    // Lines before the first late one: records 0–6 seen, [0 s, 5 s) fired, record 6 sent to `late`.
    const stopAfter = STALE_FIRST + 1 + 1 + 1;
    before = sinkLines(java(['stop', String(stopAfter), pathToFileURL(join(dir, 'savepoints')).href, pathFile]));
    after = sinkLines(java(['restore', readFileSync(pathFile, 'utf8').trim()]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Which records Flink had read before the savepoint: the restored job replays from the next one, none twice.
  const k = ofSink(before, 'seen').length;
  console.info(`Flink's savepoint fell after ${k} records (${before.length} lines before it, ${after.length} after the restore)`);
  expect([...ofSink(before, 'seen'), ...ofSink(after, 'seen')]).toEqual(ofSink(uninterrupted, 'seen'));
  // The savepoint fell after the window fired and before the last moved record (the source emits 4 a second, the stop follows the 9th line).
  expect(k, `Flink's savepoint after record ${k - 1}: not between records ${STALE_FIRST} and ${STALE_LAST}`).toBeGreaterThan(STALE_FIRST);
  expect(k).toBeLessThanOrEqual(STALE_LAST);
  // On Flink the replayed late records are on time: none goes to `late`, [0 s, 5 s) fires again with them alone.
  expect(ofSink(after, 'late')).toEqual([]);
  const replayed = ofSink(uninterrupted, 'seen').slice(k, STALE_LAST + 1).map((l) => (JSON.parse(l) as { value: { value: number } }).value.value);
  expect(ofSink(after, 'sums').filter((l) => l.includes('"windowStart":0,'))).toEqual([
    JSON.stringify({ sink: 'sums', value: { key: 'key-0', windowStart: 0, windowEnd: 5000, value: replayed.reduce((a, b) => a + b, 0) } }),
  ]);

  // Eddy, checkpointed after the same k records and restored, prints the same lines.
  const eddy = await eddyAcross(plan, k);
  expect([...eddy].sort()).toEqual([...before, ...after].sort());
});
