import { expect, test } from '@playwright/test';
import { runAndStop } from './replay-job';

test('a state value in the checkpoint browser is a JSON tree: collapsed to a summary, opened, closed and walked by keyboard as a WAI-ARIA tree, showing its nested fields', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await runAndStop(page, 2);
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const stored = page.getByRole('table', { name: 'Stored checkpoints' });
  // Each stored checkpoint shows its alignment (this job's checkpoints are aligned: no in-flight records).
  await expect(stored.getByRole('columnheader', { name: 'Alignment', exact: true })).toBeVisible();
  await expect(stored.getByRole('row').nth(1).getByRole('cell', { name: 'aligned', exact: true })).toBeVisible();
  // …and how long its subtasks took to align their barriers: the longest, with its unit and subtask.
  await expect(stored.getByRole('columnheader', { name: 'Alignment time' })).toBeVisible();
  const time = stored.getByRole('row').nth(1).getByRole('cell').nth(6);
  await expect(time).toHaveText(/^\d+(\.\d+)? (ms|s)( \([\w-]+#\d\))?$/);
  await expect(time).toHaveAttribute('title', /^Barrier alignment per subtask, first barrier to last:(\n[\w-]+#\d: \d+(\.\d+)? (ms|s))+$/);
  await page.screenshot({ path: 'test-results/replay-alignment.png' });
  await stored.getByRole('button', { name: /^Open checkpoint \d+$/ }).first().click();
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('totals');
  const keyed = page.getByRole('table', { name: 'Keyed state of totals' });
  // A key whose bucket map holds a bucket: a key's map is empty between the timer that cleared its
  // last bucket and its first record of the next one, and the checkpoint may fall there.
  const label = await keyed.getByRole('treeitem', { name: /^counts of key-\d+: / }).first().getAttribute('aria-label');
  const key = /^counts of (key-\d+):/.exec(label ?? '')?.[1] ?? '';
  expect(key).not.toBe('');
  await page.getByRole('searchbox', { name: 'Filter by key' }).fill(key);
  await expect(keyed.getByRole('row')).toHaveCount(2);

  // The map state `counts` (count per 1 s bucket) starts collapsed; → opens it one level.
  const counts = keyed.getByRole('treeitem', { name: new RegExp(`^counts of ${key}: `) });
  await expect(counts).toHaveAttribute('aria-expanded', 'false');
  await counts.focus();
  await page.keyboard.press('ArrowRight');
  await expect(counts).toHaveAttribute('aria-expanded', 'true');
  const fields = keyed.getByRole('group', { name: `counts of ${key} fields` });
  await expect(fields.getByRole('treeitem').first()).toHaveText(/^\d+: \S+/);
  // One level at a time: the entry is collapsed until opened in its turn (→ again moves to it, → opens it).
  const entry = fields.getByRole('treeitem', { name: new RegExp(`^counts of ${key}\\.0: `) });
  await expect(entry).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(entry).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(entry).toHaveAttribute('aria-expanded', 'true');
  await expect(entry).toBeFocused();
  // The nested field: the map entry's bucket (a timestamp key) and its count.
  const nested = fields.getByRole('group', { name: `counts of ${key}.0 fields` });
  const bucket = nested.getByRole('treeitem').nth(0);
  const count = nested.getByRole('treeitem').nth(1);
  await expect(bucket).toHaveText(/^0: \d{4,}$/);
  await expect(count).toHaveText(/^1: \d+$/);
  await page.screenshot({ path: 'test-results/replay-json-tree.png' });

  // WAI-ARIA's tree keys: ↓/↑ walk the visible items, ← on a leaf goes to its parent, Home / End.
  await page.keyboard.press('ArrowDown');
  await expect(bucket).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(count).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(bucket).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(entry).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(counts).toBeFocused();
  await page.keyboard.press('End');
  const items = keyed.getByRole('tree', { name: `counts of ${key}` }).getByRole('treeitem');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(counts).toBeFocused();
  // ← on an open item closes it; on a closed one it goes to the parent.
  await page.keyboard.press('ArrowDown');
  await expect(entry).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(entry).toHaveAttribute('aria-expanded', 'false');
  await expect(nested).toHaveCount(0);
  await page.keyboard.press('ArrowLeft');
  await expect(counts).toBeFocused();

  // ← closes it again.
  await counts.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(counts).toHaveAttribute('aria-expanded', 'false');
  await expect(fields).toHaveCount(0);

  // Open, it stays open while nothing moves; a scroll that moves its item closes it.
  await counts.click();
  await expect(fields).toHaveCount(1);
  const scrolled = await counts.evaluate((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (p.scrollHeight > p.clientHeight + 20 && getComputedStyle(p).overflowY !== 'visible') {
        p.scrollTop += 20;
        return true;
      }
    }
    return false;
  });
  expect(scrolled).toBe(true);
  await expect(counts).toHaveAttribute('aria-expanded', 'false');
});
