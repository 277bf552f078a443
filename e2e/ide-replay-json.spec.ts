import { expect, test } from '@playwright/test';
import { runAndStop } from './replay-job';

test('a state value in the checkpoint browser is a JSON tree: collapsed to a summary, opened and closed by keyboard, showing its nested fields', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await runAndStop(page, 2);
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const stored = page.getByRole('table', { name: 'Stored checkpoints' });
  await stored.getByRole('button', { name: /^Open checkpoint \d+$/ }).first().click();
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('totals');
  const keyed = page.getByRole('table', { name: 'Keyed state of totals' });
  await page.getByRole('searchbox', { name: 'Filter by key' }).fill('key-1');
  await expect(keyed.getByRole('row')).toHaveCount(2);

  // The map state `counts` (count per 1 s bucket) starts collapsed; → opens it one level.
  const counts = keyed.getByRole('button', { name: /^counts of key-1: / });
  await expect(counts).toHaveAttribute('aria-expanded', 'false');
  await counts.focus();
  await page.keyboard.press('ArrowRight');
  await expect(counts).toHaveAttribute('aria-expanded', 'true');
  const fields = keyed.getByRole('list', { name: 'counts of key-1 fields' });
  await expect(fields.getByRole('listitem').first()).toHaveText(/^\d+: \S+/);
  // One level at a time: the entry is collapsed until opened in its turn (Tab reaches it, → opens it).
  const entry = fields.getByRole('button', { name: /^counts of key-1\.0: / });
  await expect(entry).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Tab');
  await expect(entry).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(entry).toHaveAttribute('aria-expanded', 'true');
  // The nested field: the map entry's bucket (a timestamp key) and its count.
  const nested = fields.getByRole('list', { name: 'counts of key-1.0 fields' });
  await expect(nested.getByRole('listitem').nth(0)).toHaveText(/^0: \d{4,}$/);
  await expect(nested.getByRole('listitem').nth(1)).toHaveText(/^1: \d+$/);
  await page.screenshot({ path: 'test-results/replay-json-tree.png' });

  // ← closes it again.
  await counts.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(counts).toHaveAttribute('aria-expanded', 'false');
  await expect(fields).toHaveCount(0);
});
