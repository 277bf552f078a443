import { type Locator, type Page, expect, test } from '@playwright/test';
import { generatedCountsJob, node, openExample, openJob, runToEnd } from './ide-helpers';

/** Selects an edge as a keyboard user does: React Flow's edges are focusable groups named by their ends. */
async function selectEdge(page: Page, from: string, to: string): Promise<void> {
  const edge = page.getByRole('group', { name: `Edge from ${from} to ${to}` });
  await edge.focus();
  await edge.press('Enter');
  await expect(edge).toHaveClass(/selected/);
}

const tapTable = (page: Page): Locator => page.getByRole('table', { name: 'Tapped records' });

test('an edge selected before the run shows the last records that crossed it, and keeps them after the run', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'Generated events, sliding windows');
  await page.getByRole('tab', { name: 'Data tap' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'Data tap' })).toBeVisible();
  await expect(panel).toContainText('Select one edge on the canvas');

  await selectEdge(page, 'gen', 'wm');
  await expect(panel).toContainText('gen → wm');
  await runToEnd(page);
  await page.getByRole('tab', { name: 'Data tap' }).click();
  // 400 generated records at parallelism 2: each subtask's last 50 are kept, newest first.
  await expect(page.getByTestId('tap-summary')).toContainText('400 records crossed, the last 100 shown');
  const table = tapTable(page);
  await expect(table.getByRole('columnheader')).toHaveText(['Subtask', '#', 'Timestamp', 'Value']);
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(101);
  // What the generator emits: key, value and ts, with the record's timestamp = its ts, shown as
  // a time (both readings in the tooltip), or in milliseconds once the table's toggle says so.
  const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);
  for (const i of [1, 50, 51, 100]) {
    const cells = await rows.nth(i).getByRole('cell').allInnerTexts();
    const value = JSON.parse(cells[3]!) as { key: string; value: number; ts: number };
    expect(Object.keys(value).sort()).toEqual(['key', 'ts', 'value']);
    expect(cells[2]).toBe(clock(value.ts));
    await expect(rows.nth(i).getByRole('cell').nth(2)).toHaveAttribute('title', `${clock(value.ts)} (${value.ts} ms)`);
  }
  const inMs = panel.getByRole('checkbox', { name: 'Times in milliseconds' });
  await inMs.check();
  for (const i of [1, 100]) {
    const cells = await rows.nth(i).getByRole('cell').allInnerTexts();
    expect(cells[2]).toBe(String((JSON.parse(cells[3]!) as { ts: number }).ts));
  }
  await inMs.uncheck();
  expect(await rows.nth(1).getByRole('cell').first().innerText()).toBe('0');
  expect(await rows.nth(51).getByRole('cell').first().innerText()).toBe('1');

  // The tab keeps the run's records: another edge was not tapped, and the first comes back.
  await selectEdge(page, 'sliding', 'out');
  await expect(panel).toContainText('This edge was not tapped during a run');
  await selectEdge(page, 'gen', 'wm');
  await expect(rows).toHaveCount(101);
});

test('an edge selected while the job runs streams its records live, and Pause freezes the table', async ({ page }) => {
  await openJob(page, generatedCountsJob('Long stream', { count: 200_000, ratePerSec: 400, seed: 3, keys: 4, stepMs: 10 }));
  await page.getByRole('button', { name: 'Run' }).click();
  // Out of a keyBy: the records that enter it, as the watermarks node emits them.
  await selectEdge(page, 'by-key', 'count');
  await expect(page.getByRole('tab', { name: 'Data tap' })).toHaveAttribute('aria-selected', 'true');
  const table = tapTable(page);
  await expect(table.getByRole('row')).toHaveCount(101, { timeout: 30_000 });
  await expect(table.getByRole('row').nth(1)).toContainText('"key":"');

  // Live: the newest record changes while the job runs.
  const newest = async () => (await table.getByRole('row').nth(1).innerText()) + (await table.getByRole('row').nth(51).innerText());
  const before = await newest();
  await expect.poll(newest, { timeout: 30_000 }).not.toBe(before);

  await page.getByRole('button', { name: 'Pause tap' }).click();
  await expect(page.getByTestId('tap-summary')).toContainText('paused');
  const frozen = await table.innerText();
  // The job goes on: wait until more records than the table holds have crossed the edge (the
  // node that feeds it counts them on the canvas), then the paused table must not have moved.
  const sent = async () => Number((await node(page, 'wm').locator('.node-throughput').innerText()).split('·')[1]!.trim());
  const pausedAt = await sent();
  await expect.poll(sent, { timeout: 30_000 }).toBeGreaterThan(pausedAt + 100);
  expect(await table.innerText()).toBe(frozen);

  await page.getByRole('button', { name: 'Resume tap' }).click();
  await expect.poll(() => table.innerText(), { timeout: 30_000 }).not.toBe(frozen);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status: Stopped' })).toBeVisible();
  // The last records stay after the job stopped.
  await expect(table.getByRole('row')).toHaveCount(101);
});
