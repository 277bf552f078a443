import { expect, test } from '@playwright/test';

test('the start page lists the example jobs and the engine validates every one', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Eddy', level: 1 })).toBeVisible();
  const examples = page.getByRole('region', { name: 'Example jobs' }).locator('ul.examples > li');
  await expect(examples.first()).toBeVisible();
  const count = await examples.count();
  expect(count).toBeGreaterThanOrEqual(5);
  await expect(page.locator('ul.examples .ok')).toHaveCount(count);
  // Nothing leaves the page's own origin.
  expect(requests.filter((u) => !u.startsWith('http://127.0.0.1:4173/'))).toEqual([]);
});

test('the page is cross-origin isolated, so slot workers can share memory', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});
