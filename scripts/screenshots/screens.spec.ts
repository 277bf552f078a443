/**
 * `npm run screenshots`: the main screens of the IDE as PNGs at 1440×900 in docs/images/, for the
 * README and docs/screens.md. Not a test (it writes into the repository): it has its own
 * Playwright config beside it, outside e2e/.
 */
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { editCode, node, openExample, runToEnd, shareHash } from '../../e2e/ide-helpers';

test.use({ viewport: { width: 1440, height: 900 } });

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'images');
const shot = (page: Page, name: string) => page.screenshot({ path: join(OUT, `${name}.png`) });

/**
 * A job that shows every live panel at once: generated events at parallelism 2 into a slow map
 * at parallelism 1 (so the sources are back-pressured), keyed one-second windows, checkpoints.
 */
const SHOWCASE = {
  format: 'eddy/job@1',
  name: 'Scores per user per second',
  parallelism: 2,
  checkpointing: { intervalMs: 1000, mode: 'exactly-once', retained: 3 },
  nodes: [
    { id: 'events', kind: 'source.datagen', params: { count: 400000, ratePerSec: 2500, seed: 3, keys: 12, stepMs: 10, startTs: 0 } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 200 } },
    { id: 'enrich', kind: 'map', parallelism: 1, params: { code: '(r) => {\n  // about half a millisecond of work per record\n  const until = performance.now() + 0.5;\n  while (performance.now() < until) {}\n  return { ...r, score: r.value % 100 };\n}' } },
    { id: 'by-user', kind: 'keyBy', params: { field: 'key' } },
    { id: 'per-second', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'sum', field: 'score' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'events', to: 'wm' },
    { from: 'wm', to: 'enrich', partition: 'rebalance' },
    { from: 'enrich', to: 'by-user' },
    { from: 'by-user', to: 'per-second' },
    { from: 'per-second', to: 'out' },
  ],
  layout: {
    events: { x: 0, y: 40 },
    wm: { x: 180, y: 40 },
    enrich: { x: 360, y: 40 },
    'by-user': { x: 540, y: 40 },
    'per-second': { x: 720, y: 40 },
    out: { x: 900, y: 40 },
  },
};

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
}

test('canvas, inspector and results', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'Clicks per user per minute');
  await node(page, 'per-minute').click();
  await runToEnd(page);
  await openTab(page, 'Results');
  await expect(page.getByRole('row').nth(3)).toBeVisible();
  await shot(page, 'canvas-inspector-results');
});

test('the live panels of a running job, its plan and the code editor', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/' + shareHash(SHOWCASE));
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  await expect(node(page, 'enrich')).toBeVisible();

  await openTab(page, 'Execution plan');
  await expect(page.getByRole('figure', { name: 'Execution plan graph' })).toBeVisible();
  await shot(page, 'execution-plan-graph');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(node(page, 'events').locator('[data-backpressure="high"]')).toBeVisible({ timeout: 20_000 });
  await page.waitForTimeout(2500);

  await openTab(page, 'Watermarks');
  await expect(page.getByTestId('wm-per-second-0')).toHaveText(/\d/);
  await page.waitForTimeout(1500);
  await shot(page, 'watermarks');

  await openTab(page, 'Backpressure');
  await page.waitForTimeout(1000);
  await shot(page, 'backpressure');

  await openTab(page, 'State');
  await page.waitForTimeout(1000);
  await shot(page, 'state');

  await openTab(page, 'Throughput');
  await page.waitForTimeout(1000);
  await shot(page, 'throughput');

  await openTab(page, 'Checkpoints');
  await expect(page.getByRole('table', { name: 'Checkpoint history' }).getByRole('row').nth(2)).toBeVisible({ timeout: 15_000 });
  await shot(page, 'checkpoints');

  await page.getByRole('button', { name: 'Stop', exact: true }).click();

  // Editing code: Monaco in the inspector, with completions for the record's fields.
  await node(page, 'enrich').click();
  const editor = await editCode(page);
  await editor.scrollIntoViewIfNeeded();
  await editor.click();
  // Cleared first: Monaco would wrap a selection in the "(" typed over it.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('(r) => ({ ...r, score: r.value % 100 })');
  // Back to just after "r." of r.value, and ask for completions: the record's fields.
  for (let i = 0; i < 'value % 100 })'.length; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+Space');
  await expect(editor.locator('.suggest-widget .monaco-list-row').first()).toBeVisible({ timeout: 10_000 });
  await shot(page, 'code-editor');
});

/** A SQL script: the HOP example run, its compiled graph read-only, rows with their row kinds. */
test('sql editor', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'SQL: HOP totals');
  await expect(node(page, 'Bid')).toBeVisible({ timeout: 60_000 });
  await runToEnd(page);
  await expect(page.getByRole('table', { name: 'Records of result' }).getByRole('row')).toHaveCount(5);
  await shot(page, 'sql-editor');
});

/** The lab on the late-data example, stopped where the first window fires, at two screen sizes. */
for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`the lab at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/');
    await openExample(page, 'Late data');
    await page.getByRole('button', { name: 'Lab' }).click();
    const lab = page.getByRole('region', { name: 'Lab' });
    await lab.getByRole('combobox', { name: 'Breakpoint kind' }).selectOption('late-record');
    await lab.getByRole('button', { name: 'Add breakpoint' }).click();
    await lab.getByRole('button', { name: 'Run to breakpoint' }).click();
    await expect(page.getByTestId('lab-position')).toContainText('stopped: A late record arrives');
    await shot(page, `lab-${size.width}`);
  });
}

/** The lab on the CEP example: alice's two partial matches and bob's, alice's third failure buffered. */
test('the lab on a CEP pattern', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  await openExample(page, 'Failed logins (CEP)');
  await page.getByRole('button', { name: 'Lab' }).click();
  const lab = page.getByRole('region', { name: 'Lab' });
  await expect(lab.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  for (let i = 1; i <= 18; i++) {
    await lab.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(page.getByTestId('lab-position')).toContainText(`(${i} of `);
  }
  await lab.getByText(/^Partial matches \(/).click();
  await expect(lab.locator('tr[data-cep^="partial:bob@"]').first()).toBeVisible();
  await shot(page, 'lab-cep-1920');
});

/** Compare: the late-data example with 5 s of allowed lateness against none, at its first late record; the window node's menu open. */
test('the lab comparing two configurations', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  await openExample(page, 'Late data');
  await page.getByRole('button', { name: 'Lab' }).click();
  const lab = page.getByRole('region', { name: 'Lab' });
  await lab.getByRole('button', { name: 'Compare…' }).click();
  await lab.getByRole('textbox', { name: 'Compare value' }).fill('0');
  await lab.getByRole('button', { name: 'Compare', exact: true }).click();
  await lab.getByRole('combobox', { name: 'Breakpoint kind' }).selectOption('late-record');
  await lab.getByRole('button', { name: 'Add breakpoint' }).click();
  await lab.getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(page.getByTestId('lab-position')).toContainText('stopped: A late record arrives');
  const at = (await page.getByTestId('lab-position').innerText()).match(/\((\d+) of /)![1];
  await expect(lab.getByRole('group', { name: 'Compare' })).toContainText(`step ${at} of`);
  await node(page, 'sum-10s').click({ button: 'right' });
  await expect(page.getByRole('menu')).toBeVisible();
  await shot(page, 'lab-compare-1920');
});

/** Chaos in the lab: of two sources into one window, one paused — the watermark waits for it. */
for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`the lab's chaos at ${size.width}×${size.height}`, async ({ page }) => {
    const job = {
      format: 'eddy/job@1',
      name: 'Clicks and views',
      nodes: [
        { id: 'clicks', kind: 'source.collection', params: { timestampField: 'ts', records: [{ page: 'home', n: 1, ts: 1000 }, { $watermark: 4999 }, { page: 'home', n: 2, ts: 12000 }, { $watermark: 20000 }] } },
        { id: 'views', kind: 'source.collection', params: { timestampField: 'ts', records: [{ page: 'home', n: 10, ts: 2000 }, { $watermark: 15000 }] } },
        { id: 'both', kind: 'union' },
        { id: 'by-page', kind: 'keyBy', params: { field: 'page' } },
        { id: 'per-10s', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10000 }, function: { type: 'aggregate', fn: 'sum', field: 'n' } } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'clicks', to: 'both' },
        { from: 'views', to: 'both' },
        { from: 'both', to: 'by-page' },
        { from: 'by-page', to: 'per-10s' },
        { from: 'per-10s', to: 'out' },
      ],
    };
    await page.setViewportSize(size);
    await page.goto('/#job=' + Buffer.from(JSON.stringify(job), 'utf8').toString('base64url'));
    await page.getByRole('button', { name: 'Lab' }).click();
    const lab = page.getByRole('region', { name: 'Lab' });
    await expect(lab.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
    const chaos = lab.getByRole('region', { name: 'Chaos' });
    await chaos.getByRole('combobox', { name: 'Source subtask' }).selectOption('views#0');
    await chaos.getByRole('button', { name: 'Pause source' }).click();
    await lab.getByRole('button', { name: 'Run to breakpoint' }).click();
    await expect(page.getByTestId('lab-position')).toContainText('stopped: waiting for a held source');
    await chaos.scrollIntoViewIfNeeded();
    await shot(page, `lab-chaos-${size.width}`);
  });
}

/** The Lessons gallery, and a lesson beside the lab's timeline: the idle-source lesson, its second question answered. */
test('a lesson in the lab', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Lessons' }).click();
  const gallery = page.getByRole('dialog', { name: 'Lessons' });
  await expect(gallery.getByRole('button', { name: /^Open / }).nth(5)).toBeVisible();
  await shot(page, 'lessons-gallery');
  await gallery.getByRole('button', { name: 'Open An idle source stalls the watermark' }).click();
  const lab = page.getByRole('region', { name: 'Lab' });
  const lesson = page.getByRole('region', { name: 'Lesson' });
  await lesson.getByRole('button', { name: 'Next ▶' }).click();
  await lab.getByRole('combobox', { name: 'Breakpoint kind' }).selectOption('window-fires');
  await lab.getByRole('button', { name: 'Add breakpoint' }).click();
  await lab.getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(page.getByTestId('lab-position')).toContainText('stopped: A window fires');
  await lesson.getByRole('radio', { name: 'ads' }).check();
  await lesson.getByRole('button', { name: 'Check answer' }).click();
  await expect(lesson.getByTestId('lesson-feedback')).toContainText('✓ Right');
  await shot(page, 'lesson');
});

/** The Chaos tab during a run: one generator subtask made idle, the window's next record armed to throw. */
test('the Chaos tab', async ({ page }) => {
  const job = {
    format: 'eddy/job@1',
    name: 'Counts per key per second',
    parallelism: 2,
    checkpointing: { intervalMs: 500, mode: 'exactly-once', retained: 3 },
    restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 200 },
    nodes: [
      { id: 'events', kind: 'source.datagen', params: { count: 100000, ratePerSec: 500, seed: 3, keys: 6, stepMs: 20, startTs: 0 } },
      { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
      { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
      { id: 'per-second', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'count' } } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'events', to: 'wm' },
      { from: 'wm', to: 'by-key' },
      { from: 'by-key', to: 'per-second' },
      { from: 'per-second', to: 'out' },
    ],
  };
  await page.goto('/' + shareHash(job));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await openTab(page, 'Chaos');
  const controls = page.getByRole('group', { name: 'Chaos controls' });
  await controls.getByRole('combobox', { name: 'Subtask' }).selectOption('0');
  await controls.getByRole('spinbutton', { name: 'Seconds' }).fill('30');
  await controls.getByRole('button', { name: 'Make source idle' }).click();
  await controls.getByRole('button', { name: 'Inject record' }).click();
  await expect(page.getByRole('region', { name: 'Chaos log' }).getByRole('listitem')).toHaveCount(2);
  await shot(page, 'chaos');
  await openTab(page, 'Watermarks');
  await expect(page.getByTestId('idle-events-0')).toHaveText('idle');
  await page.waitForTimeout(1000);
  await shot(page, 'chaos-watermarks');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
});

test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  test('the workbench after a run, its Job menu open', async ({ page }) => {
    await page.goto('/');
    await openExample(page, 'Clicks per user per minute');
    await runToEnd(page);
    await openTab(page, 'Watermarks');
    await expect(page.getByRole('img', { name: 'Watermark per operator over time' }).locator('canvas')).toBeVisible();
    await shot(page, 'ide-1280');
    await page.getByRole('button', { name: 'Job', exact: true }).click();
    await expect(page.getByRole('menu', { name: 'Job' })).toBeVisible();
    await shot(page, 'job-menu-1280');
  });
});

test.describe('at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });
  test('the workbench after a run', async ({ page }) => {
    await page.goto('/');
    await openExample(page, 'Clicks per user per minute');
    await runToEnd(page);
    await openTab(page, 'Watermarks');
    await expect(page.getByRole('img', { name: 'Watermark per operator over time' }).locator('canvas')).toBeVisible();
    await shot(page, 'ide-1920');
  });
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('the workbench after a run, dark', async ({ page }) => {
    await page.goto('/');
    await openExample(page, 'Clicks per user per minute');
    await node(page, 'per-minute').click();
    await runToEnd(page);
    await openTab(page, 'Results');
    await shot(page, 'ide-dark');
  });
  test('the lab, dark', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/');
    await openExample(page, 'Late data');
    await page.getByRole('button', { name: 'Lab' }).click();
    const lab = page.getByRole('region', { name: 'Lab' });
    await lab.getByRole('combobox', { name: 'Breakpoint kind' }).selectOption('late-record');
    await lab.getByRole('button', { name: 'Add breakpoint' }).click();
    await lab.getByRole('button', { name: 'Run to breakpoint' }).click();
    await expect(page.getByTestId('lab-position')).toContainText('stopped: A late record arrives');
    await shot(page, 'lab-dark');
  });
});

test('the first-run tour', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
  await page.goto('/');
  await expect(page.getByRole('dialog', { name: 'Tour' })).toContainText('Step 1 of 5');
  await shot(page, 'tour');
});
