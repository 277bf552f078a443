/**
 * The lab timeline's allowed-lateness band in Chromium, read from the canvas's pixels: a shaded
 * band over the lanes behind the watermark — event times from `watermark − allowed lateness` (the
 * lateness horizon) to the watermark — that shows over the window panes, and nothing of it under
 * the last lane; the canvas's accessible name says where it lies.
 */
import { type Locator, expect, test } from '@playwright/test';
import { AXIS_HEIGHT, GUTTER, LANE_HEIGHT, PAD } from '../app/lab/timeline-axis';
import { openExample } from './ide-helpers';

type Rgba = [number, number, number, number];

/** The pixel at event time `t` (through the canvas's event-time domain) and row `y`, in canvas pixels. */
async function pixelAt(canvas: Locator, t: number, y: number): Promise<Rgba> {
  return canvas.evaluate(
    (c: HTMLCanvasElement, a: { t: number; y: number; gutter: number; pad: number }) => {
      const [d0, d1] = c.dataset['domain']!.split(',').map(Number) as [number, number];
      const ratio = c.width / c.clientWidth;
      const right = Math.max(a.gutter + 100, c.clientWidth - a.pad);
      const x = a.gutter + ((a.t - d0) / (d1 - d0)) * (right - a.gutter);
      return [...c.getContext('2d')!.getImageData(Math.round(x * ratio), Math.round(a.y * ratio), 1, 1).data] as Rgba;
    },
    { t, y, gutter: GUTTER, pad: PAD },
  );
}

const distance = (a: Rgba, b: Rgba) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

test('the allowed-lateness band shades the lanes from the lateness horizon to the watermark, over the panes, and stops at the last lane', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  // Late data: one key (s1), tumbling 10 s windows, allowed lateness 5 s.
  await openExample(page, 'Late data');
  await page.getByRole('button', { name: 'Lab' }).click();
  const lab = page.getByRole('region', { name: 'Lab' });
  const step = lab.getByRole('button', { name: 'Step', exact: true });
  await expect(step).toBeEnabled();
  const watermark = lab.getByTestId('timeline-watermark');
  // Step until the watermark is at 14.999 s: the band then spans 9.999 s to 14.999 s.
  for (let i = 0; i < 60 && !(await watermark.innerText()).includes('00:00:14.999'); i++) await step.click();
  await expect(watermark).toContainText('Watermark 00:00:14.999');

  const canvas = lab.getByRole('img', { name: /Event time from/ });
  await expect(lab.getByRole('list', { name: 'Legend' })).toContainText('allowed lateness (from the dashed horizon to the watermark)');
  await expect(canvas).toHaveAccessibleName(/allowed lateness 5.00 s: shaded from the lateness horizon 00:00:09\.999 to the watermark 00:00:14\.999/);

  // In the lane, above the dots, where the open pane [10 s, 20 s) is drawn: the band shows over
  // the pane (11.5 s, clear of the band's label) against the same pane outside it (17.5 s).
  const inLane = AXIS_HEIGHT + 6;
  await expect.poll(async () => distance(await pixelAt(canvas, 11_500, inLane), await pixelAt(canvas, 17_500, inLane))).toBeGreaterThanOrEqual(24);
  // Left of the horizon (the purged window [0 s, 10 s), at 7.5 s) no band either.
  expect(distance(await pixelAt(canvas, 7_500, inLane), await pixelAt(canvas, 11_500, inLane))).toBeGreaterThanOrEqual(24);
  // Under the last (only) lane the canvas is blank: the band is not drawn there.
  const below = AXIS_HEIGHT + LANE_HEIGHT + 4;
  expect(await pixelAt(canvas, 12_500, below)).toEqual(await pixelAt(canvas, 17_500, below));
});
