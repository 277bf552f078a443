import { type Page, expect, test } from '@playwright/test';
import { openJob } from './ide-helpers';

/**
 * Per key: a running total in value state, an event-time timer at each 1 s bucket's end (which
 * emits the total), and a tumbling 10 s window summing the totals (open most of the time). About 30 s of input at 100
 * records/s, checkpoints every 300 ms: the test stops it once checkpoints are stored.
 */
const STATEFUL = {
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
    ctx.timers.registerEventTime(Math.floor(r.ts / 1000) * 1000 + 999);
  },
  onTimer(ts, ctx, out) {
    out.collect({ key: ctx.key, at: ts, total: ctx.state.value('total').get() });
  },
})`,
      },
    },
    { id: 'by-key-2', kind: 'keyBy', params: { field: 'key' } },
    { id: 'sum', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10000 }, function: { type: 'aggregate', fn: 'sum', field: 'total' } } },
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
async function runAndStop(page: Page, n: number) {
  await openJob(page, STATEFUL);
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const history = page.getByRole('table', { name: 'Checkpoint history' });
  await expect(async () => expect(await history.getByRole('cell', { name: 'completed', exact: true }).count()).toBeGreaterThanOrEqual(n)).toPass({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
}

test('the checkpoint browser opens a stored checkpoint: a key\'s value state, window contents, timers, key groups at another parallelism, and a diff of two checkpoints', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await runAndStop(page, 4);
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const stored = page.getByRole('table', { name: 'Stored checkpoints' });
  await expect(stored.getByRole('row')).toHaveCount(4); // header + 3 retained
  await expect(stored).toContainText('totals');
  const openButtons = stored.getByRole('button', { name: /^Open checkpoint \d+$/ });
  const newest = Number((await openButtons.first().textContent())!.replace('Open checkpoint ', ''));
  await openButtons.first().click();

  // The process function's value state, per key.
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('totals');
  const keyed = page.getByRole('table', { name: 'Keyed state of totals' });
  await expect(keyed.getByRole('columnheader', { name: 'total (value)' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter by key' }).fill('key-1');
  await expect(keyed.getByRole('row')).toHaveCount(2);
  const row = keyed.getByRole('row').nth(1);
  await expect(row.getByRole('cell').first()).toHaveText('key-1');
  expect(Number(await row.getByRole('cell').nth(3).textContent())).toBeGreaterThan(0);
  // Its timers.
  const timers = page.getByRole('table', { name: 'Timers of totals' });
  await expect(timers.getByRole('row').nth(1)).toContainText('event');
  await expect(timers.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('key-1');

  // Key groups at another parallelism.
  await page.getByRole('spinbutton', { name: 'Rescale to' }).fill('3');
  await expect(keyed.getByRole('columnheader', { name: 'Subtask at 3' })).toBeVisible();
  await expect(page.getByLabel('Key groups by subtask')).toContainText('subtask 0: 0–63 · subtask 1: 64–127 · at 3: 43–63 move 0 → 1 · 86–127 move 1 → 2');
  await page.getByRole('heading', { name: `Checkpoint ${newest}` }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/replay-state.png' });

  // The window operator's contents per key and window.
  await page.getByRole('searchbox', { name: 'Filter by key' }).fill('');
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('sum');
  const windows = page.getByRole('table', { name: 'Windows of sum' });
  await expect(windows.getByRole('row').nth(1)).toContainText(/key-\d/);
  await expect(page.getByRole('table', { name: 'Timers of sum' })).toContainText('event');
  await windows.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/replay-windows.png' });

  // Diff against an older checkpoint: keys' totals changed.
  const older = Number((await openButtons.nth(1).textContent())!.replace('Open checkpoint ', ''));
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption(String(older));
  const diff = page.getByRole('table', { name: `Differences from checkpoint ${older} to ${newest}` });
  await expect(diff.getByRole('row', { name: /changed totals keyed key-\d total/ }).first()).toBeVisible();
  await diff.getByRole('row', { name: /changed totals keyed/ }).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/replay-diff.png' });

  // Replay from the opened checkpoint at another parallelism.
  await page.getByRole('spinbutton', { name: 'Job parallelism' }).fill('3');
  await page.getByRole('button', { name: `Replay from checkpoint ${newest}` }).click();
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/ran in 3 slots/)).toBeVisible();
  // The replay fires the window [0, 10 s) that was open in the checkpoint: its state was restored.
  await expect(page.getByRole('table', { name: 'Records of out' }).getByRole('row', { name: /key-\d 00:00:00\.000 00:00:10\.000/ }).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(page.getByTestId('restored-from')).toHaveText(`Restored from savepoint ${newest}`);
});
