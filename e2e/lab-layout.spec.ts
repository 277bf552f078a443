/**
 * The lab's layout: the job is fitted to the smaller canvas when the lab opens, the position
 * line and the current step's heading number steps alike (spec/trace.md: from 0), and the lab
 * holds at 1280×720 and 1920×1080 (screenshots in the test's output folder, to look at).
 */
import { type Page, expect, test } from '@playwright/test';
import { openExample } from './ide-helpers';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const position = (page: Page) => page.getByTestId('lab-position');

/** True when every node lies inside the canvas (up to a pixel). */
async function allNodesInView(page: Page): Promise<boolean> {
  const pane = (await page.locator('.react-flow').boundingBox())!;
  for (const n of await page.locator('.react-flow__node').all()) {
    const b = (await n.boundingBox())!;
    if (b.x < pane.x - 1 || b.y < pane.y - 1 || b.x + b.width > pane.x + pane.width + 1 || b.y + b.height > pane.y + pane.height + 1) return false;
  }
  return true;
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${viewport.width}×${viewport.height} the lab refits the job, and its step numbers agree`, async ({ page }, info) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await openExample(page, 'Late data');
    await expect.poll(() => allNodesInView(page)).toBe(true);
    // The user zooms in: the app no longer fits the view by itself…
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    await expect.poll(() => allNodesInView(page)).toBe(false);
    // …until the lab opens and the canvas shrinks: the whole job is shown again.
    await page.getByRole('button', { name: 'Lab' }).click();
    await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
    await expect.poll(() => allNodesInView(page)).toBe(true);

    await expect(position(page)).toContainText('Before step 0 (0 of ');
    for (let i = 1; i <= 13; i++) {
      await page.keyboard.press('ArrowRight');
      await expect(position(page)).toContainText(`(${i} of `);
    }
    // The heading of the current step and the position line name the same step.
    await expect(lab(page).getByRole('region', { name: 'Current step' }).getByRole('heading')).toHaveText(/^Step 12 · /);
    await expect(position(page)).toHaveText(/^Step 12 \(13 of \d+\+? done\)/);
    await expect(lab(page).getByRole('slider', { name: 'Scrubber' })).toHaveAttribute('aria-valuetext', /^Step 12, 13 of/);
    await page.screenshot({ path: info.outputPath(`lab-${viewport.width}.png`) });

    await lab(page).getByRole('button', { name: 'Compare…' }).click();
    await lab(page).getByRole('textbox', { name: 'Compare value' }).fill('0');
    await lab(page).getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(lab(page).getByRole('group', { name: 'Compare' })).toContainText('step 13 of');
    await page.screenshot({ path: info.outputPath(`lab-compare-${viewport.width}.png`) });
  });
}
