import { expect, test } from '@playwright/test';
import { node } from './ide-helpers';
import { SHORTER, runAndStop, runToEnd } from './replay-job';

test('the checkpoint browser opens a stored checkpoint: a key\'s value state, window contents, timers, key groups at another parallelism, a diff of two checkpoints, an edit of a key\'s state, and a replay from it', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await runAndStop(page, 4);
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const stored = page.getByRole('table', { name: 'Stored checkpoints' });
  await expect(stored.getByRole('row')).toHaveCount(4); // header + 3 retained
  await expect(stored).toContainText('totals');
  // A checkpoint taken while the window operator holds contents (for about 1 s in 10 its windows are empty: each fired, the next not yet fed).
  const withWindows = stored.getByRole('row').filter({ hasText: /sum (\d{3,} B|[\d.]+ KB)/ }).first().getByRole('button', { name: /^Open checkpoint \d+$/ });
  const newest = Number((await withWindows.textContent())!.replace('Open checkpoint ', ''));
  await withWindows.click();

  // The process function's value state and timers, per key, for a key that holds a timer in this
  // checkpoint (a key has none from the watermark passing its bucket's end to its next record).
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('totals');
  const keyed = page.getByRole('table', { name: 'Keyed state of totals' });
  await expect(keyed.getByRole('columnheader', { name: 'total (value)' })).toBeVisible();
  const timers = page.getByRole('table', { name: 'Timers of totals' });
  await expect(timers.getByRole('row').nth(1)).toContainText('event');
  const timed = (await timers.getByRole('row').nth(1).getByRole('cell').first().textContent())!;
  expect(timed).toMatch(/^key-\d$/);
  await page.getByRole('searchbox', { name: 'Filter by key' }).fill(timed);
  await expect(keyed.getByRole('row')).toHaveCount(2);
  const row = keyed.getByRole('row').nth(1);
  await expect(row.getByRole('cell').first()).toHaveText(timed);
  expect(Number(await row.getByRole('cell').nth(4).textContent())).toBeGreaterThan(0);
  await expect(timers.getByRole('row').nth(1).getByRole('cell').first()).toHaveText(timed);

  // Key groups at another parallelism.
  await page.getByRole('spinbutton', { name: 'Rescale to' }).fill('3');
  await expect(keyed.getByRole('columnheader', { name: 'Subtask at 3' })).toBeVisible();
  await expect(page.getByLabel('Key groups by subtask')).toContainText('subtask 0: 0–63 · subtask 1: 64–127 · at 3: 43–63 move 0 → 1 · 86–127 move 1 → 2');
  await page.getByRole('heading', { name: `Checkpoint ${newest}` }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test-results/replay-state.png' });

  // The window operator's contents per key and window.
  await page.getByRole('searchbox', { name: 'Filter by key' }).fill('');
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('sum');
  const windows = page.getByRole('table', { name: 'Windows of sum' });
  await expect(windows.getByRole('row').nth(1)).toContainText(/key-\d/);
  await expect(page.getByRole('table', { name: 'Timers of sum' })).toContainText('event');
  // The earliest window open in the checkpoint ("[00:00:00.000, 00:00:10.000)" when it was taken in the first 10 s of event time).
  const openWindows = (await windows.getByRole('row').allTextContents()).flatMap((t) => /\[(\d\d:\d\d:\d\d\.\d{3}), /.exec(t)?.[1] ?? []);
  const openStart = openWindows.sort()[0];
  expect(openStart).toBeDefined();
  await windows.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/replay-windows.png' });

  // Diff against an older checkpoint: keys' totals changed.
  const older = Number((await stored.getByRole('button', { name: /^Open checkpoint \d+$/ }).filter({ hasNotText: `Open checkpoint ${newest}` }).first().textContent())!.replace('Open checkpoint ', ''));
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption(String(older));
  const diff = page.getByRole('table', { name: `Differences from checkpoint ${older} to checkpoint ${newest}` });
  await expect(diff.getByRole('row', { name: /changed totals keyed key-\d total/ }).first()).toBeVisible();
  await diff.getByRole('row', { name: /changed totals keyed/ }).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/replay-diff.png' });

  // Edit a key's state: refused when it does not fit the state's kind, applied when it does.
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('totals');
  const edit = page.getByRole('group', { name: 'Edit state' });
  await edit.getByRole('textbox', { name: 'Key' }).fill('key-1');
  await edit.getByRole('combobox', { name: 'State' }).selectOption('counts');
  await edit.getByRole('textbox', { name: 'Value (JSON)' }).fill('5');
  await edit.getByRole('button', { name: 'Set value' }).click();
  await expect(edit.getByRole('alert')).toHaveText('set on node "totals", key "key-1", state "counts": a map state takes a JSON object or a non-empty array of [key, value] pairs');
  await edit.getByRole('combobox', { name: 'State' }).selectOption('total');
  await edit.getByRole('textbox', { name: 'Value (JSON)' }).fill('1000');
  await edit.getByRole('button', { name: 'Set value' }).click();
  await expect(page.getByRole('heading', { name: `Checkpoint ${newest} (edited: 1 edit)` })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter by key' }).fill('key-1');
  await expect(keyed.getByRole('row').nth(1).getByRole('cell').nth(5)).toHaveText('1000');
  await expect(diff.getByRole('row', { name: /changed totals keyed key-1 total \d+ 1000/ })).toBeVisible();

  // Replay from the edited checkpoint at another parallelism.
  await page.getByRole('spinbutton', { name: 'Job parallelism' }).fill('3');
  await page.getByRole('button', { name: `Replay from checkpoint ${newest}` }).click();
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/ran in 3 slots/)).toBeVisible();
  // The replay fires the window that was open in the checkpoint, first: its state was restored (a run
  // from the start would fire [0, 10 s) first whatever the checkpoint held).
  await expect(page.getByRole('table', { name: 'Records of out' }).getByRole('row').nth(1)).toContainText(new RegExp(`key-\\d\\s*${openStart!.replace('.', '\\.')}`));
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(page.getByTestId('restored-from')).toHaveText(`Restored from savepoint ${newest}`);
});

test('"Replay from checkpoint N" at another parallelism beside the original run: the same records unchanged, the differences after editing the window function', async ({ page }) => {
  await runToEnd(page, SHORTER);
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const stored = page.getByRole('table', { name: 'Stored checkpoints' });
  const oldest = stored.getByRole('button', { name: /^Open checkpoint \d+$/ }).last();
  const id = Number((await oldest.textContent())!.replace('Open checkpoint ', ''));
  await oldest.click();

  // Unchanged job, another parallelism: the replay produces exactly what the original did after N.
  await page.getByRole('spinbutton', { name: 'Job parallelism' }).fill('3');
  await page.getByRole('button', { name: `Replay from checkpoint ${id}` }).click();
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(page.getByTestId('replay-verdict')).toContainText(new RegExp(`Replay from checkpoint ${id}: (\\d+) records?; the original run produced \\1 after it — the same records`));

  // A replay's run keeps checkpoints of its own: run the job again, then edit the window function
  // (sum → max) and replay from one of that run's checkpoints: the windows differ.
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible({ timeout: 60_000 });
  await node(page, 'sum').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('combobox').filter({ has: page.getByRole('option', { name: 'max', exact: true }) }).selectOption('max');
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const again = page.getByRole('table', { name: 'Stored checkpoints' }).getByRole('button', { name: /^Open checkpoint \d+$/ }).last();
  const second = Number((await again.textContent())!.replace('Open checkpoint ', ''));
  await again.click();
  await page.getByRole('button', { name: `Replay from checkpoint ${second}` }).click();
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(page.getByTestId('replay-verdict')).toContainText(/records? differ/);
  const differ = page.getByRole('table', { name: 'Records that differ' });
  await expect(differ.getByRole('row').nth(1)).toContainText('out');
  await page.screenshot({ path: 'test-results/replay-compare.png' });
});
