import { expect, test } from '@playwright/test';
import { foreign, recordRequests, menuCommand } from './ide-helpers';

test('the IDE lists the example jobs in its gallery and the engine validates every one', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Eddy', level: 1 })).toBeVisible();
  await (await menuCommand(page, 'Examples')).click();
  const examples = page.getByRole('dialog', { name: 'Examples' }).locator('ul.examples > li');
  await expect(examples.first()).toBeVisible();
  const count = await examples.count();
  expect(count).toBeGreaterThanOrEqual(5);
  await expect(page.locator('ul.examples .ok')).toHaveCount(count);
  // Nothing leaves the page's own origin.
  expect(foreign(requests)).toEqual([]);
});

test('the page is cross-origin isolated, so slot workers can share memory', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});
