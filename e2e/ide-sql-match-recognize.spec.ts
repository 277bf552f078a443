/**
 * MATCH_RECOGNIZE in the IDE: the price V-shapes example opens from the gallery, its compiled
 * graph shows the Ticker table keyed by symbol into the CEP pattern node, and the run prints one
 * row per match with the partition column first, then the measures.
 */
import { expect, test } from '@playwright/test';
import { node, openExample } from './ide-helpers';

const SHOTS = process.env.EDDY_E2E_OUTDIR ? `test-results/${process.env.EDDY_E2E_OUTDIR}` : 'test-results';

test('the MATCH_RECOGNIZE example compiles onto the CEP pattern node and prints one row per match', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await openExample(page, 'SQL: price V-shapes (MATCH_RECOGNIZE)');
  await expect(node(page, 'Ticker')).toBeVisible({ timeout: 60_000 });
  await expect(node(page, 'partition_by')).toBeVisible();
  await expect(node(page, 'match_recognize')).toBeVisible();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 60_000 });
  const rows = page.getByRole('table', { name: 'Records of result' });
  await expect(rows).toHaveAttribute('aria-rowcount', '3');
  await expect(rows.getByRole('row').filter({ hasText: 'ACME' })).toHaveText(/\+I\s*ACME\s*2011-04-01 10:00:04\.000\s*25\s*2011-04-01 10:00:07\.000\s*14\s*3\s*2011-04-01 10:00:08\.000$/);
  await expect(rows.getByRole('row').filter({ hasText: 'XYZ' })).toHaveText(/\+I\s*XYZ\s*2011-04-01 10:00:00\.000\s*40\s*2011-04-01 10:00:03\.000\s*33\s*2\s*2011-04-01 10:00:05\.000$/);
  await page.screenshot({ path: `${SHOTS}/ide-sql-match-recognize-1280.png` });
});
