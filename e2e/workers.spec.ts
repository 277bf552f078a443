import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const expected = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', 'public', 'examples', 'expected', `${name}.jsonl`), 'utf8').trim().split('\n').sort();

async function runExample(page: import('@playwright/test').Page, title: string, parallelism?: number) {
  await page.goto('/');
  if (parallelism) await page.getByRole('combobox', { name: `Parallelism of ${title}` }).selectOption(String(parallelism));
  await page.getByRole('button', { name: `Run ${title}` }).click();
  const results = page.getByRole('region', { name: `Results of ${title}` });
  await expect(results).toBeVisible({ timeout: 30_000 });
  const lines = (await results.locator('pre').innerText()).trim().split('\n').sort();
  const slots = await results.getByTestId('slots').innerText();
  return { lines, slots };
}

test('an example job runs in Web Workers with the same results as the CLI', async ({ page }) => {
  const { lines, slots } = await runExample(page, 'Late data');
  expect(lines).toEqual(expected('late-data'));
  expect(slots).toContain('ran in 1 slot');
  expect(slots).toContain('Web Worker eddy-slot-0');
});

test('a job at parallelism 2 runs its subtasks in two Web Workers and exchanges records between them', async ({ page }) => {
  const { lines, slots } = await runExample(page, 'Generated events, sliding windows');
  expect(lines).toEqual(expected('datagen-sliding'));
  expect(slots).toContain('ran in 2 slots');
  expect(slots).toContain('Web Worker eddy-slot-0 (gen#0, sliding#0)');
  expect(slots).toContain('Web Worker eddy-slot-1 (gen#1, sliding#1)');
});

for (const parallelism of [1, 2, 3, 4]) {
  test(`examples give the CLI's results in Web Workers at parallelism ${parallelism}`, async ({ page }) => {
    for (const [title, name] of [
      ['Clicks per user per minute', 'clicks-per-minute'],
      ['Sessions per user', 'sessionization'],
      ['Generated events, sliding windows', 'datagen-sliding'],
    ]) {
      const { lines, slots } = await runExample(page, title!, parallelism);
      expect(lines, `${name} at parallelism ${parallelism}`).toEqual(expected(name!));
      expect(slots).toContain(`ran in ${parallelism} slot`);
    }
  });
}
