/**
 * The live charts colour each node's line by its kind's role — the canvas's colours for sources,
 * transforms, keyed, windows, joins and sinks — in the light and the dark theme, and the legend
 * shows each line's colour and dash grouped by role.
 */
import { type Locator, type Page, expect, test } from '@playwright/test';
import { openExample, runToEnd } from './ide-helpers';

/** The page's value of a CSS colour property, as the canvas's `rgb(…)` triple. */
function roleColour(page: Page, property: string): Promise<[number, number, number]> {
  return page.evaluate((p) => {
    const probe = document.createElement('div');
    probe.style.color = `var(${p})`;
    document.body.append(probe);
    const [r, g, b] = getComputedStyle(probe).color.match(/\d+/g)!.map(Number);
    probe.remove();
    return [r!, g!, b!] as [number, number, number];
  }, property);
}

/** How many of the chart canvas's pixels are within a small distance of `rgb`. */
function pixelsOf(canvas: Locator, rgb: [number, number, number]): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement, [r, g, b]) => {
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3]! > 200 && Math.abs(px[i]! - r) + Math.abs(px[i + 1]! - g) + Math.abs(px[i + 2]! - b) < 24) n++;
    return n;
  }, rgb);
}

/** The stroke of a legend entry's line sample, as the page computes it. */
function legendStroke(entry: Locator): Promise<string> {
  return entry.locator('line').evaluate((l) => getComputedStyle(l).stroke);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`chart lines and their legend take the node roles' colours in the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    // readings (a source) → by-sensor (keyBy) → sum-10s (a window) → sums, dropped (sinks).
    await openExample(page, 'Late data');
    await runToEnd(page);
    await page.getByRole('tab', { name: 'Watermarks' }).click();
    const panel = page.getByRole('tabpanel');
    const legend = panel.getByRole('list', { name: 'Legend of watermark per operator over time' });
    const group = (role: string) => legend.getByRole('listitem').filter({ has: page.getByRole('list', { name: role, exact: true }) });
    await expect(group('Sources').getByRole('listitem')).toHaveText(['readings']);
    await expect(group('Windows').getByRole('listitem')).toHaveText(['sum-10s']);
    await expect(group('Sinks').getByRole('listitem')).toHaveText(['sums', 'dropped']);

    const sources = await roleColour(page, '--c-sources');
    const windows = await roleColour(page, '--c-windows');
    const sinks = await roleColour(page, '--c-sinks');
    const rgb = (c: number[]) => `rgb(${c.join(', ')})`;
    // The first line of a role in the role's colour; the second of the same role a shade of it, with the same dash here.
    expect(await legendStroke(group('Sources').getByRole('listitem').first())).toBe(rgb(sources));
    expect(await legendStroke(group('Windows').getByRole('listitem').first())).toBe(rgb(windows));
    const sinkEntries = group('Sinks').getByRole('listitem');
    expect(await legendStroke(sinkEntries.first())).toBe(rgb(sinks));
    expect(await legendStroke(sinkEntries.nth(1))).not.toBe(rgb(sinks));

    // And the plot draws them in those colours.
    const canvas = panel.getByRole('img', { name: 'Watermark per operator over time' }).locator('canvas');
    await expect.poll(() => pixelsOf(canvas, sources)).toBeGreaterThan(20);
    await expect.poll(() => pixelsOf(canvas, windows)).toBeGreaterThan(20);
    if (process.env['EDDY_SCREENSHOTS']) await page.screenshot({ path: `${process.env['EDDY_SCREENSHOTS']}/chart-colours-${scheme}.png` });
  });
}
