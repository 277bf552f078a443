import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openJob } from './ide-helpers';

/** 10 000 records keyed by timestamp into a global window firing every 2 records: 10 000 keys, each with one record in its window at the end. */
const tenThousandWindows = (seed: number) => ({
  format: 'eddy/job@1',
  name: 'Ten thousand windows',
  parallelism: 2,
  checkpointing: { intervalMs: 60000 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 10000, seed, keys: 10, stepMs: 1, startTs: 0 } },
    { id: 'by-ts', kind: 'keyBy', params: { field: 'ts' } },
    { id: 'pairs', kind: 'window', params: { assigner: { type: 'global' }, trigger: { type: 'count', count: 2 }, function: { type: 'aggregate', fn: 'sum', field: 'value' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'gen', to: 'by-ts' },
    { from: 'by-ts', to: 'pairs' },
    { from: 'pairs', to: 'out' },
  ],
});

/** 10 000 records keyed by timestamp into a process function that keeps the last value and sets a processing-time timer a day ahead: 10 000 keys, each with a value and a timer. */
const tenThousandTimers = {
  format: 'eddy/job@1',
  name: 'Ten thousand timers',
  parallelism: 2,
  checkpointing: { intervalMs: 60000 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 10000, seed: 3, keys: 10, stepMs: 1, startTs: 0 } },
    { id: 'by-ts', kind: 'keyBy', params: { field: 'ts' } },
    {
      id: 'later',
      kind: 'process',
      params: { code: "({ onElement(r, ctx, out) { ctx.state.value('seen').update({ value: r.value, from: r.key }); ctx.timers.registerProcessingTime(ctx.currentProcessingTime() + 86400000); } })" },
    },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'gen', to: 'by-ts' },
    { from: 'by-ts', to: 'later' },
    { from: 'later', to: 'out' },
  ],
};

/** The table's grid is no wider than its scroller: nothing is cut off to the right at this viewport. */
async function fitsItsWidth(table: import('@playwright/test').Locator) {
  const { scroll, client } = await table.locator('.vt-scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client + 1);
}

/** Scrolls a virtualized table to its end, a quarter at a time. */
async function scrollToEnd(table: import('@playwright/test').Locator) {
  const scroller = table.locator('.vt-scroll');
  for (const at of [0.25, 0.5, 0.75, 1]) {
    await scroller.evaluate((el, f) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
    }, at);
  }
}

test('the windows of 10 000 keys and the diff of two such savepoints draw only the rows in view, and scroll to their last row', async ({ page }) => {
  // Two savepoints of the same job with other data: every key's window contents differ.
  const dir = mkdtempSync(join(tmpdir(), 'eddy-windows-'));
  const files = [3, 4].map((seed) => {
    const jobFile = join(dir, `job-${seed}.json`);
    const file = join(dir, `windows-${seed}.json`);
    writeFileSync(jobFile, JSON.stringify(tenThousandWindows(seed)));
    execFileSync(process.execPath, ['bin/eddy.js', 'run', jobFile, '--host', 'workers', '--savepoint', file], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    return file;
  });

  await page.setViewportSize({ width: 1280, height: 720 });
  await openJob(page, tenThousandWindows(3));
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const browser = page.getByRole('region', { name: 'Checkpoint browser' });
  await page.getByLabel('Open savepoint file').setInputFiles(files[0]!);
  await expect(browser.getByRole('heading', { name: 'Savepoint 1 (windows-3.json)' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('pairs');

  // 10 000 windows: the table counts them all but holds only the rows in view.
  const windows = page.getByRole('table', { name: 'Windows of pairs' });
  await expect(windows).toHaveAttribute('aria-rowcount', '10001');
  await expect(windows.getByRole('row').nth(1)).toContainText('global');
  expect(await windows.getByRole('row').count()).toBeLessThan(60);
  await fitsItsWidth(windows);
  await scrollToEnd(windows);
  const last = windows.locator('[aria-rowindex="10001"]');
  await expect(last).toBeVisible();
  await expect(last.getByRole('cell').nth(1)).toHaveText('global');
  expect(await windows.getByRole('row').count()).toBeLessThan(60);
  await windows.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/replay-large-windows.png' });

  // The second savepoint compared with the first: thousands of changed windows, drawn as they scroll into view.
  await page.getByLabel('Open savepoint file').setInputFiles(files[1]!);
  await expect(browser.getByRole('heading', { name: 'Savepoint 1 (windows-4.json)' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption({ label: 'savepoint 1 (windows-3.json)' });
  const diff = page.getByRole('table', { name: 'Differences from savepoint 1 (windows-3.json) to savepoint 1 (windows-4.json)' });
  await expect(diff.getByRole('row').nth(1)).toContainText('changed');
  expect(Number(await diff.getAttribute('aria-rowcount'))).toBeGreaterThan(5000);
  expect(await diff.getByRole('row').count()).toBeLessThan(60);
  await fitsItsWidth(diff);
  await scrollToEnd(diff);
  const rows = Number(await diff.getAttribute('aria-rowcount'));
  await expect(diff.locator(`[aria-rowindex="${rows}"]`).getByRole('cell').first()).not.toBeEmpty();
  expect(await diff.getByRole('row').count()).toBeLessThan(60);
});

test('the keyed state and timers of 10 000 keys fit the browser at 1280×720, draw only the rows in view, and show each timer as a readable time', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-timers-'));
  const jobFile = join(dir, 'job.json');
  const file = join(dir, 'timers.json');
  writeFileSync(jobFile, JSON.stringify(tenThousandTimers));
  execFileSync(process.execPath, ['bin/eddy.js', 'run', jobFile, '--host', 'workers', '--savepoint', file], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });

  await page.setViewportSize({ width: 1280, height: 720 });
  await openJob(page, tenThousandTimers);
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const browser = page.getByRole('region', { name: 'Checkpoint browser' });
  await page.getByLabel('Open savepoint file').setInputFiles(file);
  await expect(browser.getByRole('heading', { name: 'Savepoint 1 (timers.json)' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('later');

  // Keyed state: one row per key, the value as a JSON tree, every column in view.
  const keyed = page.getByRole('table', { name: 'Keyed state of later' });
  await expect(keyed).toHaveAttribute('aria-rowcount', '10001');
  await expect(keyed.getByRole('row').nth(1).getByRole('cell').last()).toContainText('value');
  expect(await keyed.getByRole('row').count()).toBeLessThan(60);
  await fitsItsWidth(keyed);

  // Timers: one processing-time timer per key, shown as a UTC date and time (the raw milliseconds in the tooltip).
  const timers = page.getByRole('table', { name: 'Timers of later' });
  await expect(timers).toHaveAttribute('aria-rowcount', '10001');
  const first = timers.getByRole('row').nth(1).getByRole('cell');
  await expect(first.nth(1)).toHaveText('processing');
  await expect(first.nth(2)).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC$/);
  expect(await timers.getByRole('row').count()).toBeLessThan(60);
  await fitsItsWidth(timers);
  await timers.scrollIntoViewIfNeeded();
  await scrollToEnd(timers);
  const last = timers.locator('[aria-rowindex="10001"]');
  await expect(last).toBeVisible();
  await expect(last.getByRole('cell').nth(2)).toHaveText(/ UTC$/);
  expect(await timers.getByRole('row').count()).toBeLessThan(60);
  await page.screenshot({ path: 'test-results/replay-large-timers.png' });

  // Filtering by key narrows both tables to that key.
  await browser.getByRole('searchbox').fill('9999');
  await expect(keyed).toHaveAttribute('aria-rowcount', '2');
});
