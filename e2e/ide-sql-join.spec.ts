/**
 * A SQL join in the IDE: the interval-join example opens from the gallery, its compiled graph
 * shows both tables feeding the join node, and the run prints the matched orders and the one no
 * shipment matched within its hour, padded with NULLs.
 */
import { expect, test } from '@playwright/test';
import { node, openExample } from './ide-helpers';

const SHOTS = process.env.EDDY_E2E_OUTDIR ? `test-results/${process.env.EDDY_E2E_OUTDIR}` : 'test-results';

test('the LEFT interval join example runs: matched orders, and the unmatched one padded with NULLs', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await openExample(page, 'SQL: orders shipped within an hour');
  await expect(node(page, 'Orders')).toBeVisible({ timeout: 60_000 });
  await expect(node(page, 'Shipments')).toBeVisible();
  await expect(node(page, 'join')).toBeVisible();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 60_000 });
  const rows = page.getByRole('table', { name: 'Records of result' });
  await expect(rows).toHaveAttribute('aria-rowcount', '6');
  await expect(rows.getByRole('row').filter({ hasText: 'kettle' }).first()).toHaveText(/\+I\s*o1\s*kettle\s*2024-05-01 09:00:00\.000\s*2024-05-01 09:40:00\.000\s*DHL$/);
  await expect(rows.getByRole('row').filter({ hasText: 'toaster' })).toHaveText(/\+I\s*o2\s*toaster\s*2024-05-01 09:20:00\.000\s*NULL\s*NULL$/);
  await page.screenshot({ path: `${SHOTS}/ide-sql-join-1280.png` });
});
