import { expect, test } from '@playwright/test';
import { openJob } from './ide-helpers';
import { STATEFUL } from './replay-job';

test('a stored checkpoint compared with the live run: a savepoint of the running job is taken, and the keys whose state moved on are listed', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // Many retained, so the checkpoint opened is not subsumed while the job runs on.
  await openJob(page, { ...STATEFUL, checkpointing: { ...STATEFUL.checkpointing, retained: 100 } });
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const history = page.getByRole('table', { name: 'Checkpoint history' });
  await expect(async () => expect(await history.getByRole('cell', { name: 'completed', exact: true }).count()).toBeGreaterThanOrEqual(2)).toPass({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const first = page.getByRole('table', { name: 'Stored checkpoints' }).getByRole('button', { name: /^Open checkpoint \d+$/ }).last();
  const id = Number((await first.textContent())!.replace('Open checkpoint ', ''));
  await first.click();
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption({ label: 'the live run (a savepoint now)' });
  const diff = page.getByRole('table', { name: new RegExp(`^Differences from checkpoint ${id} to the live run \\(savepoint \\d+\\)$`) });
  await expect(diff.getByRole('row', { name: /changed totals keyed key-\d total \d+ \d+/ }).first()).toBeVisible({ timeout: 30_000 });
  await expect(diff.getByRole('columnheader', { name: /^The live run \(savepoint \d+\)$/ })).toBeVisible();
  // The job went on: the savepoint did not stop it.
  await expect(page.getByRole('status', { name: 'Run status: Running…' })).toBeVisible();
  await diff.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/replay-live.png' });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
});
