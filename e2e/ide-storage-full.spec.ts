import { expect, test } from '@playwright/test';
import { downloadedResults, generatedCountsJob, openJob } from './ide-helpers';

/** 600 events over 12 s of event time, counted per key in 1 s windows, checkpoints every 300 ms, restarts allowed. */
const JOB = generatedCountsJob(
  'Storage full',
  { count: 600, ratePerSec: 150, seed: 9, keys: 4, stepMs: 20 },
  { checkpointing: { intervalMs: 300, mode: 'exactly-once', retained: 2 }, restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 100 } },
);

test('IndexedDB full: every checkpoint is declined with the browser’s reason, the job goes on without a restart and loses no result', async ({ page }) => {
  // Chromium's own quota for this origin, set to one byte before the page opens: every write
  // the page or its workers make to IndexedDB fails with QuotaExceededError, as on a full disk.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(test.info().project.use.baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await openJob(page, JOB);

  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const history = page.getByRole('table', { name: 'Checkpoint history' });
  await expect(history.getByRole('cell', { name: /^declined \(storage failed: .*quota/i }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible({ timeout: 60_000 });
  // Not one checkpoint was stored, and none was needed: no attempt failed.
  await expect(history.getByRole('cell', { name: 'completed', exact: true })).toHaveCount(0);
  await expect(page.getByTestId('status-line')).not.toContainText(/restart/i);

  // Every event counted exactly once: one result per key and window, the counts adding up to 600.
  await page.getByRole('tab', { name: 'Results' }).click();
  const results = (await downloadedResults(page)).map((l) => JSON.parse(l) as { value: { key: unknown; windowStart: number; value: number } });
  const cells = new Set(results.map((r) => JSON.stringify([r.value.key, r.value.windowStart])));
  expect(cells.size).toBe(results.length);
  expect(results.reduce((sum, r) => sum + r.value.value, 0)).toBe(600);
});
