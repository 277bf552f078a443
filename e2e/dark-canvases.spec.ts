/**
 * What code draws on canvases follows the system's light or dark setting like the rest of the IDE:
 * the lab timeline's lanes and a live chart's plot are dark in dark mode and light in light mode,
 * and they are redrawn when the setting changes while the page is open.
 */
import { type Locator, type Page, expect, test } from '@playwright/test';
import { openExample, runToEnd } from './ide-helpers';

/** The luminance (0–255) of the colour most of the canvas's opaque pixels have: its background. */
async function backgroundLuminance(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const g = c.getContext('2d');
    if (!g || c.width === 0 || c.height === 0) return -1;
    const px = g.getImageData(0, 0, c.width, c.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] !== 255) continue;
      const rgb = (px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!;
      counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
    }
    let best = -1;
    let most = 0;
    for (const [rgb, n] of counts) if (n > most) [best, most] = [rgb, n];
    if (best < 0) return -1;
    return 0.299 * ((best >> 16) & 255) + 0.587 * ((best >> 8) & 255) + 0.114 * (best & 255);
  });
}

/** Whether the canvas has text or lines light enough to read on a dark background. */
async function hasLightMarks(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3]! > 200 && 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]! > 180) return true;
    return false;
  });
}

async function expectScheme(canvas: Locator, scheme: 'light' | 'dark'): Promise<void> {
  if (scheme === 'dark') {
    await expect.poll(() => backgroundLuminance(canvas)).toBeGreaterThanOrEqual(0);
    await expect.poll(() => backgroundLuminance(canvas)).toBeLessThan(60);
    await expect.poll(() => hasLightMarks(canvas)).toBe(true);
  } else await expect.poll(() => backgroundLuminance(canvas)).toBeGreaterThan(200);
}

const chartCanvas = (page: Page) => page.getByRole('tabpanel').getByRole('img', { name: 'Watermark per operator over time' }).locator('canvas');
const timelineCanvas = (page: Page) => page.getByRole('region', { name: 'Lab' }).getByRole('img', { name: /Event time from/ });

test('the lab timeline and a live chart are drawn in the dark theme in dark mode, the light one in light mode, and follow a change', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await openExample(page, 'Late data');
  await runToEnd(page);
  await page.getByRole('tab', { name: 'Watermarks' }).click();
  await expect(chartCanvas(page)).toBeVisible();
  await expectScheme(chartCanvas(page), 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expectScheme(chartCanvas(page), 'light');

  await page.getByRole('button', { name: 'Lab' }).click();
  const lab = page.getByRole('region', { name: 'Lab' });
  await expect(lab.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  // To the end: every key has its lane.
  await lab.getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(lab.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
  await expect(timelineCanvas(page)).toBeVisible();
  await expectScheme(timelineCanvas(page), 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectScheme(timelineCanvas(page), 'dark');
  if (process.env['EDDY_SCREENSHOTS']) {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: `${process.env['EDDY_SCREENSHOTS']}/dark-lab.png` });
    await page.getByRole('button', { name: 'Lab' }).click();
    await page.getByRole('tab', { name: 'Watermarks' }).click();
    await page.screenshot({ path: `${process.env['EDDY_SCREENSHOTS']}/dark-live.png` });
  }
});

test("a CEP node's timeline is drawn in the dark theme in dark mode, the light one in light mode, and follows a change", async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await openExample(page, 'Failed logins (CEP)');
  await page.getByRole('button', { name: 'Lab' }).click();
  const lab = page.getByRole('region', { name: 'Lab' });
  await expect(lab.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  await lab.getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(lab.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
  const timeline = lab.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('Timeline of suspicious');
  const canvas = timeline.getByRole('img', { name: /partial matches/ });
  await expect(canvas).toBeVisible();
  await expectScheme(canvas, 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expectScheme(canvas, 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectScheme(canvas, 'dark');
  if (process.env['EDDY_SCREENSHOTS']) {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: `${process.env['EDDY_SCREENSHOTS']}/dark-lab-cep.png` });
  }
});
