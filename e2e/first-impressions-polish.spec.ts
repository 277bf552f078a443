/**
 * First impressions, the finish (issue 16): the canvas's colour roles named and coloured in the
 * panels and the lab, a Watermarks table that fits at 1280×720, toolbar buttons readable (WCAG AA)
 * in both themes, and a minimap that never hides a node the user cannot uncover.
 */
import { type Page, expect, test } from '@playwright/test';
import { generatedCountsJob, openExample, openJob } from './ide-helpers';

/** About 40 s of generated events at 2 × 30 records per second: long enough to read the live panels. */
const RUNNING = generatedCountsJob('Running', { count: 2400, ratePerSec: 30, seed: 7, keys: 4, stepMs: 50 });

/** The colour the palette gives a role (the canvas's `--c-<role>`), as computed. */
function paletteColour(page: Page, role: string): Promise<string> {
  return page.locator(`.palette-item.cat-${role}`).first().evaluate((el) => getComputedStyle(el).borderLeftColor);
}

test('the Backpressure table and the lab name each node’s role and show it in the canvas’s colour', async ({ page }) => {
  await openJob(page, RUNNING);
  const colours = { Sources: await paletteColour(page, 'Sources'), Windows: await paletteColour(page, 'Windows'), Transforms: await paletteColour(page, 'Transforms') };
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('tab', { name: 'Backpressure' }).click();
  const table = page.getByRole('table', { name: 'Backpressure per subtask' });
  const chain = table.getByRole('row').filter({ hasText: 'gen → wm' }).first().getByRole('cell').first();
  await expect(chain).toHaveText('gen → wm', { timeout: 30_000 });
  // The role is a name, not a colour alone; the swatch is the palette's colour of that role.
  const source = chain.getByRole('img', { name: 'Sources' });
  await expect(source).toBeVisible();
  expect(await source.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(colours.Sources);
  expect(await chain.getByRole('img', { name: 'Transforms' }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(colours.Transforms);
  const window = table.getByRole('row').filter({ hasText: 'count' }).first().getByRole('img', { name: 'Windows' });
  expect(await window.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(colours.Windows);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();

  // The lab: the current step's node and the timeline's window node carry their roles too.
  await openExample(page, 'Late data');
  await page.getByRole('button', { name: 'Lab' }).click();
  const lab = page.getByRole('region', { name: 'Lab' });
  await lab.getByRole('button', { name: 'Step', exact: true }).click();
  const heading = lab.getByRole('region', { name: 'Current step' }).getByRole('heading');
  await expect(heading).toHaveText(/^Step 0 · readings #0$/);
  const stepRole = heading.getByRole('img', { name: 'Sources' });
  expect(await stepRole.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(colours.Sources);
  const timeline = lab.getByRole('heading', { name: /Timeline of/ });
  await expect(timeline).toContainText('Timeline of sum-10s');
  expect(await timeline.getByRole('img', { name: 'Windows' }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(colours.Windows);
});

test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the Watermarks table fits its half of the panel: the Idle column is in view without scrolling', async ({ page }) => {
    await openJob(page, RUNNING);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('tab', { name: 'Watermarks' }).click();
    const table = page.getByRole('table', { name: 'Watermarks per operator and subtask' });
    await expect(page.getByTestId('wm-count-1')).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/, { timeout: 30_000 });
    const idle = table.getByRole('columnheader', { name: 'Idle' });
    // The box the table is shown in: the nearest ancestor that clips it.
    const box = await table.evaluate((el) => {
      let p = el.parentElement!;
      while (getComputedStyle(p).overflowX === 'visible') p = p.parentElement!;
      const r = p.getBoundingClientRect();
      return { left: r.left, right: r.right, scrolls: p.scrollWidth > p.clientWidth };
    });
    const header = (await idle.boundingBox())!;
    expect(header.x).toBeGreaterThanOrEqual(box.left);
    expect(header.x + header.width).toBeLessThanOrEqual(box.right + 0.5);
    expect(box.scrolls).toBe(false);
    // A value cut to fit keeps its whole text in a tooltip.
    await expect(table.locator('td[data-node-cell="gen"]').first()).toHaveAttribute('title', /gen/);
    await page.screenshot({ path: test.info().outputPath('watermarks-1280x720.png') });
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
  });
});
