import { type Page, expect, test } from '@playwright/test';
import { SHORTER, runToEnd } from './replay-job';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });

/** Runs the lab to the end of the trace and reads key-1's window [0, 10 s) of `sum`: its records and results. */
async function paneOfKey1(page: Page) {
  await lab(page).getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(lab(page).getByText('end of the trace')).toBeVisible({ timeout: 60_000 });
  const details = lab(page).getByText(/^Window panes \(\d+\)$/);
  if ((await lab(page).getByRole('table', { name: 'Window panes of sum' }).count()) === 0) await details.click();
  const row = lab(page).getByRole('table', { name: 'Window panes of sum' }).locator('tr[data-pane="key-1@0"]');
  const cells = row.getByRole('cell');
  return { records: Number(await cells.nth(3).textContent()), results: (await cells.nth(4).textContent())! };
}

test('"Step from checkpoint N in the lab" steps the job from a retained checkpoint: the window restored from it fires with the records seen before the checkpoint, as stepping from the start does', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await runToEnd(page, { ...SHORTER, checkpointing: { ...SHORTER.checkpointing, retained: 100 } });
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  // A checkpoint taken while the windows [0, 10 s) were open: the data generator (a record every
  // 20 ms of event time) had emitted 4–8 s, its subtasks' next indices 200–400 (its offsets; a
  // checkpoint holds no watermark nor what the watermark generator saw, as in Flink).
  const stored = page.getByRole('table', { name: 'Stored checkpoints' });
  await expect(stored.getByRole('button', { name: /^Open checkpoint/ }).first()).toBeVisible();
  const rows = await stored.getByRole('row').allTextContents();
  const emitted = (r: string) => Math.min(...[...r.matchAll(/"next":(\d+)/g)].map((m) => Number(m[1])));
  const taken = rows.map((r) => ({ id: /^(\d+)checkpoint/.exec(r)?.[1], next: emitted(r) })).find((r) => r.id !== undefined && r.next >= 200 && r.next <= 400);
  expect(taken, `a checkpoint whose generator had emitted 4–8 s, among: ${rows.join(' | ')}`).toBeDefined();
  const id = Number(taken!.id);
  await page.getByRole('button', { name: `Open checkpoint ${id}`, exact: true }).click();
  await page.getByRole('button', { name: `Step from checkpoint ${id} in the lab` }).click();
  await expect(page.getByTestId('lab-restored-from')).toHaveText(`Stepping from checkpoint ${id}: its state is restored before the first step.`);
  // The lab opens the same browser, and closing it returns to the lab.
  await lab(page).getByRole('button', { name: 'Browse checkpoints' }).click();
  await expect(lab(page).getByRole('table', { name: 'Stored checkpoints' }).getByRole('button', { name: `Open checkpoint ${id}`, exact: true })).toBeVisible();
  await lab(page).getByRole('button', { name: 'Close browser' }).click();
  await expect(lab(page).getByRole('button', { name: 'Browse checkpoints' })).toBeVisible();
  // The first step: the data generator resumes after what the checkpoint had emitted, not at its first element.
  await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(lab(page).getByRole('heading', { name: /^Step 0 · / })).toBeVisible();
  // Before any window fires, the panes held in the checkpoint's state are on the timeline already:
  // key-1's window [0, 10 s) is open, restored, with no result yet.
  const panes = lab(page).getByRole('table', { name: 'Window panes of sum' });
  if ((await panes.count()) === 0) await lab(page).getByText(/^Window panes \(\d+\)$/).click();
  const held = panes.locator('tr[data-pane="key-1@0"]');
  await expect(held).toHaveAttribute('data-state', 'open');
  await expect(held.getByRole('cell').nth(2)).toHaveText('open · restored');
  await expect(held.getByRole('cell').nth(4)).toHaveText('');
  // The timeline draws restored panes apart from those opened while stepping, and its legend says how.
  await expect(lab(page).getByRole('list', { name: 'Legend' }).first()).toContainText('restored from the checkpoint');
  await page.screenshot({ path: 'test-results/replay-lab-restored.png' });
  const restored = await paneOfKey1(page);
  await page.screenshot({ path: 'test-results/replay-lab.png' });

  // The same job stepped from the start: the same result for that window, from more records in the trace.
  await page.getByRole('button', { name: 'Lab', exact: true }).click();
  await expect(lab(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Lab', exact: true }).click();
  await expect(page.getByTestId('lab-restored-from')).toHaveCount(0);
  await expect(lab(page).getByRole('list', { name: 'Legend' }).first()).not.toContainText('restored');
  const full = await paneOfKey1(page);
  expect(restored.results).toBe(full.results);
  expect(restored.records).toBeLessThan(full.records);
});
