import { type Page, expect, test } from '@playwright/test';
import { generatedCountsJob, menuCommand, node, openJob } from './ide-helpers';

/** About 4 s of generated events at 2 × 150 records per second, counted per key in 1 s windows. */
const SLOW_WINDOWS = generatedCountsJob('Slow windows', { count: 1200, ratePerSec: 150, seed: 7, keys: 4, stepMs: 50 });

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

test('while a job runs, the Watermarks and Throughput tabs move and chart over time', async ({ page }) => {
  await openJob(page, SLOW_WINDOWS);
  await page.getByRole('button', { name: 'Run' }).click();
  await openTab(page, 'Watermarks');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'Watermarks' })).toBeVisible();
  const cell = page.getByTestId('wm-wm-0');
  await expect(cell).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/, { timeout: 30_000 });
  const first = await cell.innerText();
  await expect(cell).not.toHaveText(first, { timeout: 30_000 });
  // Watermark lag: newest record − watermark; the job's watermarks trail their records by 1 ms.
  await expect(page.getByTestId('lag-wm-0')).toHaveText(/^\d+(\.\d+)? (ms|s)$/);
  await expect(panel.getByRole('columnheader', { name: 'Lag' })).toBeVisible();
  await expect(panel.getByRole('img', { name: 'Watermark per operator over time' }).locator('canvas')).toBeVisible();

  await openTab(page, 'Throughput');
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'Throughput' })).toBeVisible();
  await expect(page.getByTestId('out-rate-gen-0')).toHaveText(/^[1-9]\d*\/s$/, { timeout: 30_000 });
  await expect(page.getByRole('img', { name: 'Records out per second per operator' }).locator('canvas')).toBeVisible();

  await openTab(page, 'State');
  await expect(page.getByRole('table', { name: 'Keyed state per operator and subtask' })).toContainText(/\d+ keys?/, { timeout: 30_000 });
  // Estimated state size beside the keys, in units, and over time.
  await expect(page.getByTestId('state-bytes-count-0')).toHaveText(/^[1-9]\d*(\.\d+)? (B|KB|MB)$/, { timeout: 30_000 });
  await expect(page.getByRole('img', { name: 'Estimated state size per operator over time' }).locator('canvas')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Keys in state per operator over time' }).locator('canvas')).toBeVisible();

  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 30_000 });
});

test('the controls and panels carry their accessible names', async ({ page }) => {
  await openJob(page, SLOW_WINDOWS);
  for (const name of ['Run', 'Stop', 'Download results']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
  for (const name of ['Import job', 'Export job']) await expect(await menuCommand(page, name)).toHaveCount(1);
  await page.keyboard.press('Escape');
  for (const name of ['Results', 'Watermarks', 'Backpressure', 'State', 'Throughput', 'Checkpoints']) {
    await openTab(page, name);
    await expect(page.getByRole('tabpanel').getByRole('heading', { name, exact: true })).toBeVisible();
  }
});

test('the Backpressure tab gives each subtask a Flink level and tints the nodes', async ({ page }) => {
  await openJob(page, SLOW_WINDOWS);
  await page.getByRole('button', { name: 'Run' }).click();
  await openTab(page, 'Backpressure');
  const table = page.getByRole('table', { name: 'Backpressure per subtask' });
  await expect(table.getByRole('row')).toHaveCount(5, { timeout: 30_000 });
  await expect(table).toContainText(/gen → wm/);
  for (const row of await table.getByRole('row').all().then((r) => r.slice(1))) await expect(row.locator('.level')).toHaveText(/^(OK|LOW|HIGH)$/);
  await expect(table).toContainText(/\d+%/);
  await expect(node(page, 'gen').locator('[data-backpressure]')).toHaveAttribute('data-backpressure', /^(ok|low|high)$/);
  await expect(node(page, 'count').locator('[data-backpressure]')).toHaveAttribute('data-backpressure', /^(ok|low|high)$/);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
});

test('the Execution plan tab shows the chains, their parallelism and slots, and each edge’s partitioning', async ({ page }) => {
  await openJob(page, SLOW_WINDOWS);
  await openTab(page, 'Execution plan');
  await page.getByRole('button', { name: 'Table' }).click();
  const tasks = page.getByRole('table', { name: 'Tasks' });
  await expect(tasks.getByRole('row')).toHaveCount(3);
  await expect(tasks.getByRole('row').nth(1)).toContainText('gen (source.datagen) → wm (watermarks)');
  await expect(tasks.getByRole('row').nth(1)).toContainText('0, 1');
  const edges = page.getByRole('table', { name: 'Network edges' });
  await expect(edges.getByRole('row').nth(1)).toContainText('hash by key');
  await expect(edges.getByRole('row').nth(1)).toContainText('2 → 2');
});

/**
 * The share of a chart's width its series cover: the span between the leftmost and rightmost
 * pixel in a series colour (saturated; the grid and axes are grey). A lone dot covers almost
 * none of it, a line over the run most of it.
 */
function seriesSpan(page: Page, chart: string): Promise<number> {
  return page.getByRole('img', { name: chart }).locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let left = Infinity;
    let right = -Infinity;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      if (data[i + 3]! < 128 || Math.max(r, g, b) - Math.min(r, g, b) < 80) continue;
      const x = (i / 4) % c.width;
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
    return right < left ? 0 : (right - left) / c.width;
  });
}

test('a job shorter than a chart point still charts its figures after it finished', async ({ page }) => {
  // The clicks example ends within a few hundred milliseconds of its start.
  await page.goto('/');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await openTab(page, 'Throughput');
  await expect(page.getByRole('tabpanel')).toContainText('No data yet — run the job to see its throughput here, live.');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible();
  await openTab(page, 'Throughput');
  // A line from the first figures to the final ones, not empty axes.
  await expect.poll(() => seriesSpan(page, 'Records out per second per operator')).toBeGreaterThan(0.5);
});
