import { expect, test } from '@playwright/test';
import { downloadedResults, expectedLines, foreign, generatedCountsJob, node, openExample, openJob, recordRequests, runToEnd, menuCommand } from './ide-helpers';

test('the IDE opens on the clicks-per-minute example the first time and runs it to the CLI results', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('/');
  for (const id of ['clicks', 'wm', 'by-user', 'per-minute', 'results']) await expect(node(page, id)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Job name' })).toHaveValue('Clicks per user per minute');
  const summary = await runToEnd(page);
  expect(summary).toContain('6 results');
  expect(summary).toContain('Web Worker eddy-slot-0');
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible();
  // The Results tab shows the collect sink's records in a table.
  await expect(page.getByRole('tab', { name: 'Results' })).toHaveAttribute('aria-selected', 'true');
  const table = page.getByRole('table', { name: 'Records of results' });
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(table.getByRole('columnheader')).toHaveText(['#', 'key', 'windowStart', 'windowEnd', 'value']);
  await expect(table.getByRole('row').nth(1)).toContainText('ann');
  // Window bounds read as times from the stream's zero; the toggle shows the milliseconds, and
  // the download keeps the CLI's format.
  const first = table.getByRole('row').nth(1).getByRole('cell');
  await expect(first).toHaveText(['1', 'ann', '00:00:00.000', '00:01:00.000', '4']);
  await expect(first.nth(3)).toHaveAttribute('title', '00:01:00.000 (60000 ms)');
  await page.getByRole('checkbox', { name: 'Times in milliseconds' }).check();
  await expect(first).toHaveText(['1', 'ann', '0', '60000', '4']);
  expect(await downloadedResults(page)).toEqual(expectedLines('clicks-per-minute'));
  expect(foreign(requests)).toEqual([]);
});

test('a running job shows its throughput on the nodes, and Stop cancels it', async ({ page }) => {
  await openJob(page, {
    format: 'eddy/job@1',
    name: 'Slow stream',
    nodes: [
      { id: 'gen', kind: 'source.datagen', params: { ratePerSec: 200 } },
      { id: 'sink', kind: 'sink.collect' },
    ],
    edges: [{ from: 'gen', to: 'sink' }],
  });
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('status', { name: 'Run status: Running…' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
  await expect(node(page, 'gen').getByText('Throughput')).toBeVisible({ timeout: 30_000 });
  await expect(node(page, 'gen')).toContainText(/\d+\/s/);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status: Stopped' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled();
});

test('a failing function fails the run, named on its node with its message and the records it had', async ({ page }) => {
  await openJob(page, {
    format: 'eddy/job@1',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }] } },
      { id: 'boom', kind: 'map', params: { code: '(r) => { if (r.n === 3) throw new Error("no thanks"); return r; }' } },
      { id: 'sink', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'boom' },
      { from: 'boom', to: 'sink' },
    ],
  });
  // The job carries code, so it came with a review banner.
  await page.getByRole('button', { name: 'Accept this code' }).click();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('status', { name: 'Run status: Failed' })).toBeVisible({ timeout: 30_000 });
  const where = ` (line 1, column 31 of the node's code) on record {"n":3}`;
  await expect(page.getByRole('alert').filter({ hasText: 'Failed at node "boom"' })).toHaveText(`Failed at node "boom" after 3 records: no thanks${where}`);
  // The third record threw: the node's mark says so, with the message, the line and the record.
  await expect(node(page, 'boom').getByRole('alert')).toHaveText(`Failed after 3 records: no thanks${where}`);
});

test('a crashed slot worker fails the run, shown on the nodes it ran with the records they had', async ({ page }) => {
  // No checkpointing, so no restart: the crash fails the job.
  await openJob(page, generatedCountsJob('Crash', { count: 20_000, ratePerSec: 1000, seed: 1, keys: 4, stepMs: 10 }));
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(node(page, 'gen')).toContainText(/[1-9]\d*\/s/, { timeout: 30_000 });
  await (await menuCommand(page, 'Kill a slot')).click();
  await expect(page.getByRole('status', { name: 'Run status: Failed' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert').filter({ hasText: /^Failed: slot worker \d crashed/ })).toBeVisible();
  // At parallelism 2 each slot runs a subtask of every operator: every node shows the crash.
  for (const id of ['gen', 'wm', 'count', 'out']) await expect(node(page, id).getByRole('alert')).toHaveText(/^Failed after \d+ records?: slot worker \d crashed/);
  const generated = Number(/after (\d+) record/.exec(await node(page, 'gen').getByRole('alert').innerText())![1]);
  expect(generated).toBeGreaterThan(0);
});

test('an example with a file source reads its input file, fetched from this origin', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'Sensor averages from a CSV file');
  await node(page, 'file').click();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('lines ready (from ../data/sensors.csv)');
  await runToEnd(page);
  expect(await downloadedResults(page)).toEqual(expectedLines('sensor-file'));
});
