/**
 * A job of 100 nodes opens fitted to the view and keeps the page usable while it runs: every
 * click on a node selects it and shows it in the inspector, with a live panel re-rendering every
 * metrics tick. The latencies (click to inspector, Chromium's long tasks) are measured in the
 * page and printed; their targets are checked by `npm run bench`, not here. Its sources never
 * end, so the job runs for the whole measurement however slow the machine is.
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
      { id: id('gen'), kind: 'source.datagen', params: { ratePerSec: 500, seed: c + 1, keys: 8, stepMs: 20, startTs: 0 } },
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
  test.setTimeout(300_000);
  // Measured in the page, not through Playwright's actionability waits: long tasks (buffered
  // from the first script on; only those after the run starts count) and, for each click on a
  // node, the time from the pointer event to the first frame whose inspector shows that node.
  await page.addInitScript(() => {
    const w = window as unknown as PageProbe;
    w.__longTasks = [];
    w.__selections = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    document.addEventListener(
      'pointerdown',
      (e) => {
        const id = (e.target as Element | null)?.closest<HTMLElement>('.react-flow__node')?.dataset['id'];
        if (id === undefined) return;
        const clickedAt = e.timeStamp;
        const shown = () => [...document.querySelectorAll<HTMLInputElement>('aside[aria-label="Inspector"] input')].some((i) => i.value === id);
        const frame = () => {
          if (shown()) w.__selections.push({ id, ms: performance.now() - clickedAt });
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      { capture: true },
    );
  });
  const job = largeJob();
  expect(job.nodes).toHaveLength(100);
  await page.goto('/#job=' + Buffer.from(JSON.stringify(job), 'utf8').toString('base64url'));
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(100);
  // Opened fitted: every node, from the first row to the last, inside the canvas.
  await expect.poll(() => nodesOutsideThePane(page), { timeout: 30_000 }).toEqual([]);
  const first = (await node(page, 'gen-0').boundingBox())!;
  const last = (await node(page, 'out-9').boundingBox())!;
  const pane = (await page.locator('.react-flow').boundingBox())!;
  expect(first.y).toBeGreaterThanOrEqual(pane.y);
  expect(last.y + last.height).toBeLessThanOrEqual(pane.y + pane.height + 0.5);
  const run = page.getByRole('button', { name: 'Run' });
  await expect(run).toBeEnabled();

  const started = await page.evaluate(() => performance.now());
  await run.click();
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toBeEnabled();
  // Watch a live panel too: it re-renders on every metrics tick.
  await page.getByRole('tab', { name: 'Throughput' }).click();
  // Metrics of every subtask arrive (90 operators, keyBy nodes dissolve into edges, × 2), and rates move.
  const rates = page.getByRole('table', { name: 'Throughput per operator and subtask' });
  await expect(rates.getByRole('row')).toHaveCount(1 + 90 * 2, { timeout: 30_000 });
  await expect(page.getByTestId('out-rate-gen-0-0')).not.toHaveText(/^0/, { timeout: 30_000 });

  // Click nodes while the job runs, one per metrics tick (the records a source has sent so far
  // moved on since the last click), with a code node among them: its code shows read-only,
  // Monaco loads only on "Edit code".
  const sentSoFar = rates.locator('tr[data-node="gen-0"]').first().locator('td').last();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const clicked = ['count-3', 'gen-7', 'scale-4', 'wm-5', 'out-0', 'count-8'];
  for (const id of clicked) {
    const before = await sentSoFar.innerText();
    await expect(sentSoFar).not.toHaveText(before, { timeout: 30_000 });
    // A real click at the node, without Playwright's hit-target round trips to a page that is
    // busy by design (the latency that matters is measured in the page, above).
    await node(page, id).click({ force: true, timeout: 30_000 });
    await expect(node(page, id)).toHaveClass(/selected/, { timeout: 30_000 });
    await expect(inspector.getByRole('textbox', { name: 'Id', exact: true })).toHaveValue(id, { timeout: 30_000 });
  }
  // The backpressure panel renders a row per task while the job still runs (two chains a
  // pipeline, split at the keyBy, × 2 subtasks): the sources never end, so the job runs until
  // it is stopped.
  await page.getByRole('tab', { name: 'Backpressure' }).click();
  await expect(page.getByRole('table', { name: 'Backpressure per subtask' }).getByRole('row')).toHaveCount(1 + CHAINS * 2 * 2, { timeout: 30_000 });
  await expect(stop).toBeEnabled();

  const probe = await page.evaluate((since) => {
    const w = window as unknown as PageProbe;
    return { longTasks: w.__longTasks.filter((t) => t.start >= since), selections: w.__selections };
  }, started);
  const longest = Math.max(0, ...probe.longTasks.map((t) => t.duration));
  const selectMs = probe.selections.map((s) => Math.round(s.ms));
  console.log(`while running: ${probe.longTasks.length} long tasks, longest ${Math.round(longest)} ms; click to inspector: ${selectMs.join(', ')} ms`);
  // Every click reached the app and showed its node. How fast is reported above, not asserted:
  // this machine is shared, so durations are the bench's to judge (`npm run bench`), and this
  // test fails only when the page stops keeping up (a click that never shows its node).
  expect(probe.selections.map((s) => s.id)).toEqual(clicked);
  await stop.click();
  await expect(run).toBeEnabled();
});

/** What the init script records in the page. */
interface PageProbe {
  __longTasks: { start: number; duration: number }[];
  __selections: { id: string; ms: number }[];
}
