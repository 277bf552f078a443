import { expect, test } from '@playwright/test';
import { openJob, runToEnd } from './ide-helpers';

test('100 000 results stay in a virtualized table that draws only the rows in view', async ({ page }) => {
  await openJob(page, {
    format: 'eddy/job@1',
    name: 'Many results',
    nodes: [
      { id: 'gen', kind: 'source.datagen', params: { count: 100_000 } },
      { id: 'all', kind: 'sink.collect' },
    ],
    edges: [{ from: 'gen', to: 'all' }],
  });
  const summary = await runToEnd(page);
  expect(summary).toContain('100000 results');
  const table = page.getByRole('table', { name: 'Records of all' });
  await expect(table).toHaveAttribute('aria-rowcount', '100001');
  const rows = table.locator('.vt-row');
  expect(await rows.count()).toBeLessThan(80);

  const scroller = page.getByTestId('results-scroll');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.locator('.vt-row', { hasText: /^100000/ })).toBeVisible();
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(table.locator('.vt-row', { hasText: /^50000/ })).toBeVisible();
  expect(await rows.count()).toBeLessThan(80);
});
