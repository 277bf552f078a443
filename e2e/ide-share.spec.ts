import { expect, test } from '@playwright/test';
import { ORIGIN, downloadedResults, expectedLines, node, runToEnd, menuCommand } from './ide-helpers';

test('a share link opens the job elsewhere, which lists its code for review before the first run', async ({ page, browser }) => {
  await page.goto('/');
  await (await menuCommand(page, 'Examples')).click();
  await page.getByRole('button', { name: 'Open Fraud detection' }).click();
  await (await menuCommand(page, 'Copy share link')).click();
  const link = await page.getByRole('dialog', { name: 'Share link' }).getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link.startsWith(`${ORIGIN}#job=`) && /#job=[A-Za-z0-9_-]+$/.test(link)).toBe(true);

  // Someone else, with a browser of their own.
  const other = await browser.newContext();
  const them = await other.newPage();
  await them.goto(link);
  const banner = them.getByRole('region', { name: 'Review shared code' });
  await expect(banner).toContainText('This job came from a link');
  await expect(banner).toContainText("ctx.state.value('smallAt')");
  await expect(node(them, 'detect')).toBeVisible();
  const run = them.getByRole('button', { name: 'Run' });
  await expect(run).toBeDisabled();
  await expect(run).toHaveAttribute('title', /review its code/);
  // The link left the address bar: the workspace holds the job now.
  expect(new URL(them.url()).hash).toBe('');

  await banner.getByRole('button', { name: 'Accept this code' }).click();
  await expect(banner).toBeHidden();
  await runToEnd(them);
  expect(await downloadedResults(them)).toEqual(expectedLines('fraud-detection'));
  await other.close();
});
