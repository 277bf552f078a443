/**
 * A job of 100 nodes opens fitted to the view and keeps the page responsive while it runs: no
 * main-thread task over half a second once the run starts (Chromium's long tasks), and clicking
 * a node selects it promptly, with a live panel re-rendering every metrics tick.
 */
import { type Page, expect, test } from '@playwright/test';
import { node } from './ide-helpers';

/** Ids of the canvas nodes not wholly inside the canvas pane. */
function nodesOutsideThePane(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
      .filter((n) => {
        const r = n.getBoundingClientRect();
        return r.left < pane.left - 0.5 || r.top < pane.top - 0.5 || r.right > pane.right + 0.5 || r.bottom > pane.bottom + 0.5;
      })
      .map((n) => n.dataset['id'] ?? '?');
  });
}

const CHAINS = 10;

/** Ten pipelines of ten nodes each: generate → watermark → map → filter → map → key → window → map → filter → collect. */
function largeJob() {
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  for (let c = 0; c < CHAINS; c++) {
    const id = (s: string) => `${s}-${c}`;
    const chain = [
      { id: id('gen'), kind: 'source.datagen', params: { count: 6000, ratePerSec: 500, seed: c + 1, keys: 8, stepMs: 20, startTs: 0 } },
      { id: id('wm'), kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0 } },
      { id: id('scale'), kind: 'map', params: { code: '(r) => ({ ...r, v: r.value * 2 })' } },
      { id: id('keep'), kind: 'filter', params: { code: '(r) => r.v >= 0' } },
      { id: id('tag'), kind: 'map', params: { code: `(r) => ({ ...r, chain: ${c} })` } },
      { id: id('by-key'), kind: 'keyBy', params: { field: 'key' } },
      { id: id('count'), kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'count' } } },
      { id: id('wrap'), kind: 'map', params: { code: '(r) => ({ n: r.value ?? r })' } },
      { id: id('any'), kind: 'filter', params: { code: '(r) => r !== null' } },
      { id: id('out'), kind: 'sink.collect' },
    ];
    nodes.push(...chain);
    for (let i = 1; i < chain.length; i++) edges.push({ from: chain[i - 1]!.id, to: chain[i]!.id });
  }
  return { format: 'eddy/job@1', name: 'Hundred nodes', parallelism: 2, nodes, edges };
}

test('a 100-node job stays responsive while it runs', async ({ page }) => {
  test.setTimeout(120_000);
  // Long tasks are buffered from the first script on; only those after the run starts count.
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const job = largeJob();
  expect(job.nodes).toHaveLength(100);
  await page.goto('/#job=' + Buffer.from(JSON.stringify(job), 'utf8').toString('base64url'));
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(100);
  // Opened fitted: every node, from the first row to the last, inside the canvas.
  await expect.poll(() => nodesOutsideThePane(page), { timeout: 5000 }).toEqual([]);
  const first = (await node(page, 'gen-0').boundingBox())!;
  const last = (await node(page, 'out-9').boundingBox())!;
  const pane = (await page.locator('.react-flow').boundingBox())!;
  expect(first.y).toBeGreaterThanOrEqual(pane.y);
  expect(last.y + last.height).toBeLessThanOrEqual(pane.y + pane.height + 0.5);
  const run = page.getByRole('button', { name: 'Run' });
  await expect(run).toBeEnabled();

  const started = await page.evaluate(() => performance.now());
  await run.click();
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();
  // Watch a live panel too: it re-renders on every metrics tick.
  await page.getByRole('tab', { name: 'Throughput' }).click();
  // Metrics of every subtask arrive (90 operators, keyBy nodes dissolve into edges, × 2), and rates move.
  const rates = page.getByRole('table', { name: 'Throughput per operator and subtask' });
  await expect(rates.getByRole('row')).toHaveCount(1 + 90 * 2, { timeout: 10_000 });
  await expect(page.getByTestId('out-rate-gen-0-0')).not.toHaveText(/^0/, { timeout: 10_000 });

  // Click nodes while the job runs: each must be selected promptly (with a code node among
  // them: its code shows read-only, Monaco loads only on "Edit code").
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const selectTimes: number[] = [];
  for (const id of ['count-3', 'gen-7', 'scale-4', 'wm-5', 'out-0', 'count-8']) {
    await page.waitForTimeout(600);
    const t0 = Date.now();
    await node(page, id).click({ timeout: 5000 });
    await expect(node(page, id)).toHaveClass(/selected/, { timeout: 2000 });
    await expect(inspector.getByRole('textbox', { name: 'Id', exact: true })).toHaveValue(id, { timeout: 2000 });
    selectTimes.push(Date.now() - t0);
  }
  await page.getByRole('tab', { name: 'Backpressure' }).click();
  await page.waitForTimeout(1500);
  const stillRunning = await page.getByRole('button', { name: 'Stop', exact: true }).isEnabled();

  const longTasks = await page.evaluate((since) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= since), started);
  const longest = Math.max(0, ...longTasks.map((t) => t.duration));
  console.log(`while running: ${longTasks.length} long tasks, longest ${Math.round(longest)} ms; node selection took ${selectTimes.join(', ')} ms; still running at the end: ${stillRunning}`);
  expect(stillRunning, 'the job ran for the whole measurement').toBe(true);
  expect(longest).toBeLessThan(500);
  expect(Math.max(...selectTimes)).toBeLessThan(1000);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
});
