/** The replay specs' job and how they run it. */
import { type Page, expect } from '@playwright/test';
import { openJob } from './ide-helpers';

/**
 * Per key: a running total in value state, counts per 1 s bucket in map state with an event-time
 * timer at each bucket's end (which emits and clears the bucket's count), and a tumbling 10 s
 * window summing the counts (open most of the time). Deterministic at any parallelism. About 30 s of input at 100
 * records/s, checkpoints every 300 ms: the test stops it once checkpoints are stored.
 */
export const STATEFUL = {
  format: 'eddy/job@1',
  name: 'Totals and windows',
  parallelism: 2,
  checkpointing: { intervalMs: 300, mode: 'exactly-once', retained: 3 },
  restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 200 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 3000, ratePerSec: 100, seed: 5, keys: 5, stepMs: 20, startTs: 0 } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
    { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
    {
      id: 'totals',
      kind: 'process',
      params: {
        code: `({
  onElement(r, ctx, out) {
    const total = ctx.state.value('total');
    total.update((total.get() ?? 0) + 1);
    const bucket = Math.floor(r.ts / 1000) * 1000;
    const counts = ctx.state.map('counts');
    counts.put(bucket, (counts.get(bucket) ?? 0) + 1);
    ctx.timers.registerEventTime(bucket + 999);
  },
  onTimer(ts, ctx, out) {
    const counts = ctx.state.map('counts');
    out.collect({ key: ctx.key, at: ts - 999, seen: counts.get(ts - 999) });
    counts.remove(ts - 999);
  },
})`,
      },
    },
    { id: 'by-key-2', kind: 'keyBy', params: { field: 'key' } },
    { id: 'sum', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10000 }, function: { type: 'aggregate', fn: 'sum', field: 'seen' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'gen', to: 'wm' },
    { from: 'wm', to: 'by-key' },
    { from: 'by-key', to: 'totals' },
    { from: 'totals', to: 'by-key-2' },
    { from: 'by-key-2', to: 'sum' },
    { from: 'sum', to: 'out' },
  ],
};

/** Runs the job until `n` checkpoints completed, then stops it: its checkpoints stay stored. */
export async function runAndStop(page: Page, n: number) {
  await openJob(page, STATEFUL);
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const history = page.getByRole('table', { name: 'Checkpoint history' });
  await expect(async () => expect(await history.getByRole('cell', { name: 'completed', exact: true }).count()).toBeGreaterThanOrEqual(n)).toPass({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
}

/** STATEFUL with 800 records: it finishes in about 8 s, its last checkpoints retained. */
export const SHORTER = { ...STATEFUL, nodes: STATEFUL.nodes.map((n) => (n.id === 'gen' ? { ...n, params: { ...n.params, count: 800 } } : n)) };

/** Runs `job` (accepting its shared code) until it finishes. */
export async function runToEnd(page: Page, job: unknown) {
  await openJob(page, job);
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible({ timeout: 60_000 });
}
