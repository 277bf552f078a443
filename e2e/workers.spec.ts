import { expect, test } from '@playwright/test';
import { downloadedResults, expectedLines, foreign, openExample, recordRequests, runToEnd } from './ide-helpers';

async function runExample(page: import('@playwright/test').Page, title: string, parallelism?: number) {
  await page.goto('/');
  await openExample(page, title);
  if (parallelism) await page.getByRole('spinbutton', { name: 'Job parallelism' }).fill(String(parallelism));
  const slots = await runToEnd(page);
  const lines = await downloadedResults(page);
  return { lines, slots };
}

test('an example job runs in Web Workers with the same results as the CLI', async ({ page }) => {
  const { lines, slots } = await runExample(page, 'Late data');
  expect(lines).toEqual(expectedLines('late-data'));
  expect(slots).toContain('ran in 1 slot');
  expect(slots).toContain('Web Worker eddy-slot-0');
});

test('a job at parallelism 2 runs its subtasks in two Web Workers and exchanges records between them', async ({ page }) => {
  const { lines, slots } = await runExample(page, 'Generated events, sliding windows');
  expect(lines).toEqual(expectedLines('datagen-sliding'));
  expect(slots).toContain('ran in 2 slots');
  expect(slots).toContain('Web Worker eddy-slot-0 (gen#0, sliding#0)');
  expect(slots).toContain('Web Worker eddy-slot-1 (gen#1, sliding#1)');
});

test('an asyncMap fetches from the page origin in its Web Workers, with the CLI\'s results', async ({ page }) => {
  const requests = recordRequests(page);
  const { lines, slots } = await runExample(page, 'Orders enriched by async fetches', 2);
  expect(lines).toEqual(expectedLines('product-enrichment'));
  expect(slots).toContain('ran in 2 slots');
  // Each order's product came from the examples folder on the page's own origin, and nothing left it.
  expect(requests.filter((u) => u.includes('/examples/data/products/')).map((u) => u.replace(/^.*\/products\//, '')).sort()).toEqual(
    ['p1.json', 'p1.json', 'p1.json', 'p2.json', 'p2.json', 'p2.json', 'p3.json', 'p3.json', 'p4.json', 'p4.json'],
  );
  expect(foreign(requests)).toEqual([]);
});

for (const parallelism of [1, 2, 3, 4]) {
  test(`examples give the CLI's results in Web Workers at parallelism ${parallelism}`, async ({ page }) => {
    for (const [title, name] of [
      ['Clicks per user per minute', 'clicks-per-minute'],
      ['Sessions per user', 'sessionization'],
      ['Generated events, sliding windows', 'datagen-sliding'],
      ['Failed logins (CEP)', 'failed-logins-cep'],
      ['Dynamic thresholds', 'dynamic-thresholds'],
      ['Orders enriched by async fetches', 'product-enrichment'],
    ]) {
      const { lines, slots } = await runExample(page, title!, parallelism);
      expect(lines, `${name} at parallelism ${parallelism}`).toEqual(expectedLines(name!));
      expect(slots).toContain(`ran in ${parallelism} slot`);
    }
  });
}

// Process functions with timers and side outputs, a process window function's context, a
// function's operator state: in Web Workers too (a test of their own, to stay within the timeout).
for (const parallelism of [1, 2, 3, 4]) {
  test(`process-function and operator-state examples give the CLI's results in Web Workers at parallelism ${parallelism}`, async ({ page }) => {
    for (const [title, name] of [
      ['Fraud detection', 'fraud-detection'],
      ['On-time and late firings per window', 'window-firings'],
      ['Batched writes (operator state)', 'batched-writes'],
    ]) {
      const { lines, slots } = await runExample(page, title!, parallelism);
      expect(lines, `${name} at parallelism ${parallelism}`).toEqual(expectedLines(name!));
      expect(slots).toContain(`ran in ${parallelism} slot`);
    }
  });
}
