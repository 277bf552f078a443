/**
 * First impressions, the finish (issue 16): the canvas's colour roles named and coloured in the
 * panels and the lab, a Watermarks table that fits at 1280×720, toolbar buttons readable (WCAG AA)
 * in both themes, and a minimap that never hides a node the user cannot uncover.
 */
import { type Page, expect, test } from '@playwright/test';
import { generatedCountsJob, node, openExample, openJob } from './ide-helpers';
import { runAndStop } from './replay-job';

/** About 40 s of generated events at 2 × 30 records per second: long enough to read the live panels. */
const RUNNING = generatedCountsJob('Running', { count: 2400, ratePerSec: 30, seed: 7, keys: 4, stepMs: 50 });

const SMALL_JOB = {
  format: 'eddy/job@1',
  name: 'Small',
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [{ n: 1 }] } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [{ from: 'src', to: 'out' }],
};

/** The box a table is shown in (its nearest ancestor that clips it), and whether that box scrolls sideways. */
function clippingBox(table: ReturnType<Page['getByRole']>) {
  return table.evaluate((el) => {
    let p = el.parentElement!;
    while (getComputedStyle(p).overflowX === 'visible') p = p.parentElement!;
    const r = p.getBoundingClientRect();
    return { left: r.left, right: r.right, scrolls: p.scrollWidth > p.clientWidth };
  });
}

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
    // The window's results trail its watermark: its Lag reads "none (ahead)" in full, not cut.
    const ahead = table.getByRole('cell', { name: 'none (ahead)', exact: true }).first();
    await expect(ahead).toBeVisible({ timeout: 30_000 });
    expect(await ahead.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: test.info().outputPath('watermarks-1280x720.png') });
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
  });

  test('the stored-checkpoints table fits the checkpoint browser: Source offsets and the Open buttons are in view without scrolling', async ({ page }) => {
    await runAndStop(page, 2);
    await page.getByRole('button', { name: 'Browse checkpoints' }).click();
    const table = page.getByRole('table', { name: 'Stored checkpoints' });
    const openFirst = table.getByRole('row').nth(1).getByRole('button', { name: /^Open checkpoint \d+$/ });
    await expect(openFirst).toBeVisible();
    const box = await clippingBox(table);
    for (const el of [table.getByRole('columnheader', { name: 'Source offsets' }), table.getByRole('columnheader').last(), openFirst]) {
      const b = (await el.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(box.left);
      expect(b.x + b.width).toBeLessThanOrEqual(box.right + 0.5);
    }
    expect(box.scrolls).toBe(false);
    // The button's label is whole; a cut cell keeps its whole text in a tooltip.
    expect(await openFirst.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= el.closest('td')!.getBoundingClientRect().right + 0.5)).toBe(true);
    await expect(table.locator('td.cp-mono').first()).toHaveAttribute('title', /gen: /);
    await page.screenshot({ path: test.info().outputPath('checkpoints-1280x720.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: test.info().outputPath('checkpoints-1920x1080.png') });
  });

  test('the minimap never covers a node of the example after Fit view, and can be hidden by name', async ({ page }) => {
    await page.goto('/');
    await expect(node(page, 'clicks')).toBeVisible();
    await page.getByRole('button', { name: 'Fit View' }).click();
    const minimap = page.locator('.react-flow__minimap');
    const nodes = await page.locator('.react-flow__node').all();
    expect(nodes.length).toBeGreaterThan(2);
    if ((await minimap.count()) > 0) {
      const m = (await minimap.boundingBox())!;
      for (const n of nodes) {
        const b = (await n.boundingBox())!;
        const apart = b.x + b.width <= m.x || m.x + m.width <= b.x || b.y + b.height <= m.y || m.y + m.height <= b.y;
        expect(apart, `${await n.getAttribute('data-id')} under the minimap`).toBe(true);
      }
    }
    // Zoomed in, the minimap appears over the canvas; a control hides it and brings it back.
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await expect(minimap).toBeVisible();
    const toggle = page.getByRole('button', { name: 'Mini map', exact: true });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await toggle.click();
    await expect(minimap).toHaveCount(0);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(minimap).toBeVisible();
  });
});

/** WCAG 2 contrast ratio of an element's text against what lies under it (ancestors' backgrounds composited). */
function textContrast(page: Page, selector: string): Promise<{ name: string; ratio: number }[]> {
  return page.locator(selector).evaluateAll((els) => {
    const parse = (c: string): number[] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) throw new Error(`unexpected colour ${c}`);
      const [r, g, b, a] = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r!, g!, b!, a ?? 1];
    };
    const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + under[i]! * (1 - top[3]!)).concat(1);
    const background = (el: Element | null): number[] => {
      if (el === null) return [255, 255, 255, 1];
      const own = parse(getComputedStyle(el).backgroundColor);
      return own[3] === 1 ? own : over(own, background(el.parentElement));
    };
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    return els
      .filter((el) => !(el as HTMLButtonElement).disabled && (el as HTMLElement).offsetParent !== null)
      .map((el) => {
        const bg = background(el);
        const fg = over(parse(getComputedStyle(el).color), bg);
        const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
        return { name: el.getAttribute('aria-label') ?? el.textContent ?? '', ratio: (hi! + 0.05) / (lo! + 0.05) };
      });
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in the ${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('the toolbar’s buttons read at WCAG AA contrast (4.5:1), Run also under the pointer', async ({ page }) => {
      await openJob(page, SMALL_JOB);
      const buttons = await textContrast(page, 'header.toolbar button');
      expect(buttons.map((b) => b.name)).toEqual(expect.arrayContaining(['Run', 'Job', 'Checkpoints', 'Lab']));
      for (const b of buttons) expect(b.ratio, `${b.name} contrast`).toBeGreaterThanOrEqual(4.5);
      const run = page.getByRole('button', { name: 'Run', exact: true });
      await run.hover();
      const hovered = await textContrast(page, 'header.toolbar button.primary');
      expect(hovered[0]!.ratio, 'Run under the pointer').toBeGreaterThanOrEqual(4.5);
    });

    test('a node’s problem mark reads at WCAG AA contrast (4.5:1)', async ({ page }) => {
      await page.goto('/');
      await node(page, 'per-minute').click();
      await page.getByRole('complementary', { name: 'Inspector' }).getByRole('spinbutton', { name: 'Size (ms)' }).fill('-5');
      await expect(node(page, 'per-minute').getByRole('img', { name: /1 problem/ })).toBeVisible();
      const marks = await textContrast(page, '.node-mark.problem');
      expect(marks).toHaveLength(1);
      expect(marks[0]!.ratio, 'problem mark contrast').toBeGreaterThanOrEqual(4.5);
    });
  });
}
