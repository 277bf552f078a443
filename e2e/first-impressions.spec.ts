/**
 * First impressions (issue 16): a toolbar that fits one row, menus by keyboard, shortcuts in
 * tooltips, empty states that say what to do, the system's dark theme, a first-run tour.
 */
import { expect, test } from '@playwright/test';
import { menuCommand, node, openJob } from './ide-helpers';

const SMALL_JOB = {
  format: 'eddy/job@1',
  name: 'Small',
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [{ n: 1 }] } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [{ from: 'src', to: 'out' }],
};

test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the toolbar is one row: every control shares the first row, none is cut off', async ({ page }) => {
    await openJob(page, SMALL_JOB);
    const toolbar = page.locator('header.toolbar');
    const bar = (await toolbar.boundingBox())!;
    expect(bar.height).toBeLessThan(52);
    const boxes = await toolbar.locator(':scope > *').evaluateAll((all) => all.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, right: r.right, width: r.width })));
    for (const b of boxes) {
      expect(b.bottom).toBeLessThanOrEqual(bar.y + bar.height + 0.5);
      expect(b.right).toBeLessThanOrEqual(1280);
    }
    // A long status message is cut with an ellipsis; it never wraps the toolbar.
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 30_000 });
    expect((await toolbar.boundingBox())!.height).toBe(bar.height);
  });
});

test('the Job and Checkpoints menus work by keyboard (role menu), and shortcuts are in the tooltips', async ({ page }) => {
  await openJob(page, SMALL_JOB);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toHaveAttribute('title', /^Run \((Ctrl|⌘)\+Enter\)$/);
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAttribute('title', /Nothing to undo|Undo \((Ctrl|⌘)\+Z\)/);

  const job = page.getByRole('button', { name: 'Job', exact: true });
  await job.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: 'Job' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'New job' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'New SQL script' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Saved jobs' })).toBeFocused();
  await expect(menu.getByRole('menuitem', { name: 'Saved jobs' })).toHaveAttribute('title', /Saved jobs \((Ctrl|⌘)\+O\)/);
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Examples' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(job).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Examples' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Examples' })).toBeVisible();
  await page.keyboard.press('Escape');

  // A disabled item stays in the menu and says why.
  const kill = await menuCommand(page, 'Kill a slot');
  await expect(kill).toBeDisabled();
  await expect(kill).toHaveAttribute('title', 'Only while the job runs');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Checkpoints' })).toBeHidden();
});

test('empty states say what to do next: canvas, results, charts, checkpoints, tap', async ({ page }) => {
  await openJob(page, SMALL_JOB);
  await expect(page.getByRole('tabpanel')).toContainText('No results yet — run the job');
  await page.getByRole('tab', { name: 'Throughput' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('No data yet — run the job');
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('enable checkpointing in the job inspector');
  await page.getByRole('tab', { name: 'Data tap' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('Select one edge on the canvas');
  await (await menuCommand(page, 'New job')).click();
  await expect(page.getByTestId('canvas-empty')).toContainText('Drag a node from the palette');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(node(page, 'src')).toBeVisible();
  await expect(page.getByTestId('canvas-empty')).toHaveCount(0);
});

test.describe('with the system in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the IDE is dark, node kinds keep their colours in the panels, and focus rings show', async ({ page }) => {
    await openJob(page, SMALL_JOB);
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    };
    const colours = await page.evaluate(() => ({
      page: getComputedStyle(document.documentElement).backgroundColor,
      text: getComputedStyle(document.documentElement).color,
      toolbar: getComputedStyle(document.querySelector('header.toolbar')!).backgroundColor,
      node: getComputedStyle(document.querySelector('.job-node')!).backgroundColor,
    }));
    expect(luminance(colours.page)).toBeLessThan(0.2);
    expect(luminance(colours.toolbar)).toBeLessThan(0.2);
    expect(luminance(colours.node)).toBeLessThan(0.2);
    expect(luminance(colours.text)).toBeGreaterThan(0.7);

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 30_000 });
    await page.getByRole('tab', { name: 'Throughput' }).click();
    const swatch = page.getByRole('tabpanel').locator('tr[data-node="src"] .kind-swatch');
    await expect(swatch).toHaveClass(/cat-Sources/);
    const sourceColour = await swatch.evaluate((el) => getComputedStyle(el).backgroundColor);
    const paletteColour = await page.locator('.palette-item.cat-Sources').first().evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(sourceColour).toBe(paletteColour);

    await page.getByRole('tab', { name: 'Results' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: s.outlineWidth };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).not.toBe('0px');
  });
});

test('a first-run tour of five steps, skippable, never shown again once dismissed', async ({ page }) => {
  // The tour is for people: automated browsers are not shown it unasked, so this page says it is not one.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
  await page.goto('/');
  const tour = page.getByRole('dialog', { name: 'Tour' });
  await expect(tour).toContainText('Step 1 of 5');
  await expect(tour).toContainText('The canvas');
  for (const [n, title] of [[2, 'The palette'], [3, 'The inspector'], [4, 'Run'], [5, 'The panels']] as const) {
    await tour.getByRole('button', { name: 'Next' }).click();
    await expect(tour).toContainText(`Step ${n} of 5`);
    await expect(tour.getByRole('heading')).toHaveText(title);
  }
  // The card points at the panels without covering their tabs.
  const card = (await tour.boundingBox())!;
  const tabs = (await page.getByRole('tablist', { name: 'Panels' }).boundingBox())!;
  expect(card.y + card.height).toBeLessThanOrEqual(tabs.y);
  await tour.getByRole('button', { name: 'Back' }).click();
  await expect(tour).toContainText('Step 4 of 5');
  // The page stays usable while the tour shows.
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await tour.getByRole('button', { name: 'Skip tour' }).click();
  await expect(tour).toBeHidden();
  await page.reload();
  await expect(node(page, 'clicks')).toBeVisible();
  await expect(tour).toHaveCount(0);
});
