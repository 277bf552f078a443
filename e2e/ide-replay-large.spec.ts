import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openJob } from './ide-helpers';

/** 100 000 records with timestamps 0…99 999, keyed by timestamp: one value state per key, 100 000 keys. */
const HUNDRED_THOUSAND_KEYS = {
  format: 'eddy/job@1',
  name: 'Hundred thousand keys',
  parallelism: 2,
  checkpointing: { intervalMs: 60000 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 100000, seed: 3, keys: 10, stepMs: 1, startTs: 0 } },
    { id: 'by-ts', kind: 'keyBy', params: { field: 'ts' } },
    { id: 'last', kind: 'process', params: { code: "({ onElement(r, ctx, out) { ctx.state.value('last').update({ key: r.key, value: r.value }); } })" } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'gen', to: 'by-ts' },
    { from: 'by-ts', to: 'last' },
    { from: 'last', to: 'out' },
  ],
};

/** Long tasks (over 50 ms on the page's main thread) since the page loaded, as the browser reports them. */
const longTasks = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());

test('a savepoint of 100 000 keys opens in the checkpoint browser (decoded in a worker), filters by key and scrolls to its last key', async ({ page }) => {
  // The savepoint: the CLI runs the job and keeps its final state.
  const dir = mkdtempSync(join(tmpdir(), 'eddy-large-'));
  const jobFile = join(dir, 'job.json');
  const file = join(dir, 'hundred-thousand.json');
  writeFileSync(jobFile, JSON.stringify(HUNDRED_THOUSAND_KEYS));
  execFileSync(process.execPath, ['bin/eddy.js', 'run', jobFile, '--host', 'workers', '--savepoint', file], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });

  await page.addInitScript(() => {
    const tasks: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  await openJob(page, HUNDRED_THOUSAND_KEYS);
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const browser = page.getByRole('region', { name: 'Checkpoint browser' });
  await expect(browser.getByText('No retained checkpoint is stored for this job.')).toBeVisible();
  const counts: Record<string, number[]> = {};
  let seen = (await longTasks(page)).length;
  const phase = async (name: string) => {
    const all = await longTasks(page);
    counts[name] = all.slice(seen);
    seen = all.length;
  };

  await page.getByLabel('Open savepoint file').setInputFiles(file);
  await expect(browser.getByRole('heading', { name: 'Savepoint 1 (hundred-thousand.json)' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('last');
  const keyed = page.getByRole('table', { name: 'Keyed state of last' });
  await expect(keyed).toHaveAttribute('aria-rowcount', '100001');
  await expect(browser.getByText(/^100000 keys · parallelism 2 · maxParallelism 128/)).toBeVisible();
  await expect(keyed.getByRole('row').nth(1)).toBeVisible();
  await phase('open');

  // Filter by key: the keys whose text contains "4242", the key 4242 among them with its value.
  const matching = Array.from({ length: 100000 }, (_, i) => String(i)).filter((k) => k.includes('4242')).length;
  await page.getByRole('searchbox', { name: 'Filter by key' }).fill('4242');
  await expect(keyed).toHaveAttribute('aria-rowcount', String(matching + 1));
  await expect(browser.getByText(`100000 keys (${matching} match "4242")`, { exact: false })).toBeVisible();
  const row = keyed.getByRole('row').filter({ has: page.getByRole('cell', { name: '4242', exact: true }) });
  await expect(row.getByRole('tree', { name: 'last of 4242' })).toBeVisible();
  await phase('filter');

  // Scroll the whole table: the last key's row is drawn at the bottom.
  await page.getByRole('searchbox', { name: 'Filter by key' }).fill('');
  await expect(keyed).toHaveAttribute('aria-rowcount', '100001');
  const scroller = keyed.locator('.vt-scroll');
  for (const at of [0.25, 0.5, 0.75, 1]) {
    await scroller.evaluate((el, f) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
    }, at);
  }
  await expect(keyed.locator('[aria-rowindex="100001"]')).toBeVisible();
  await expect(keyed.locator('[aria-rowindex="100001"]').getByRole('cell').first()).not.toBeEmpty();
  await phase('scroll');

  // Reported, not asserted: the machine is shared, so durations say little; the count says whether work left the page.
  const report = Object.entries(counts)
    .map(([name, d]) => `${name}: ${d.length} long task${d.length === 1 ? '' : 's'}${d.length > 0 ? ` (${d.join(', ')} ms)` : ''}`)
    .join('; ');
  test.info().annotations.push({ type: 'long tasks on the page', description: report });
  console.log(`long tasks on the page — ${report}`);
  await keyed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/replay-large.png' });
});
