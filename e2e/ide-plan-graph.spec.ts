import { expect, test } from '@playwright/test';
import { generatedCountsJob, openJob } from './ide-helpers';

const JOB = generatedCountsJob('Plan graph', { count: 100, ratePerSec: 100, seed: 7, keys: 4, stepMs: 50 });

test('the Execution plan tab draws the tasks as boxes and the network edges as labelled arrows, left to right', async ({ page }) => {
  await openJob(page, JOB);
  await page.getByRole('tab', { name: 'Execution plan' }).click();
  await expect(page.getByRole('button', { name: 'Graph' })).toHaveAttribute('aria-pressed', 'true');
  const graph = page.getByRole('figure', { name: 'Execution plan graph' });
  await expect(graph).toBeVisible();

  const source = graph.getByRole('group', { name: 'Task gen' });
  await expect(source).toContainText('gen (source.datagen)');
  await expect(source).toContainText('wm (watermarks)');
  await expect(source).toContainText('parallelism 2 · slots 0, 1');
  const edge = graph.getByRole('group', { name: /^Edge gen to / });
  await expect(edge).toContainText('hash by key');
  await expect(edge).toContainText('2 → 2');

  // Left to right: every arrow ends in a box further right than the box it starts from.
  const boxes = graph.locator('.plan-task');
  // gen → wm chained; the window and the sink chained behind the hash edge.
  await expect(boxes).toHaveCount(2);
  await expect(boxes.nth(1)).toContainText('count (window)');
  await expect(boxes.nth(1)).toContainText('out (sink.collect)');
  const xs: number[] = [];
  for (const b of await boxes.all()) xs.push((await b.boundingBox())!.x);
  expect(new Set(xs).size).toBe(2);
  const headX = (await source.boundingBox())!.x;
  expect(Math.min(...xs)).toBe(headX);

  // The table view is one click away and back.
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.getByRole('table', { name: 'Tasks' })).toBeVisible();
  await expect(graph).toBeHidden();
  await page.getByRole('button', { name: 'Graph' }).click();
  await expect(graph).toBeVisible();
});
