/**
 * Watermark flow on the canvas while stepping, in Chromium: every edge carries its watermark,
 * which changes at the step that delivers one; the union (two inputs) lists each input's
 * watermark and marks the one holding its minimum; stepping back restores the earlier labels.
 */
import { type Page, expect, test } from '@playwright/test';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const position = (page: Page) => page.getByTestId('lab-position');
const currentStep = (page: Page) => lab(page).getByRole('region', { name: 'Current step' });
/** An edge's watermark label (its box also names the edge for screen readers). */
const edgeBox = (page: Page, id: string) => page.getByTestId(`lab-edge-watermark-${id}`);
const edge = (page: Page, id: string) => edgeBox(page, id).locator('.value');

/** Two sources into a union, keyed into a 10 s window chained with its sink. */
const twoSources = {
  format: 'eddy/job@1',
  name: 'Two sources',
  nodes: [
    { id: 'a', kind: 'source.collection', params: { timestampField: 'ts', records: [{ k: 'x', v: 1, ts: 1000 }, { $watermark: 4999 }, { k: 'x', v: 2, ts: 12000 }, { $watermark: 20000 }] } },
    { id: 'b', kind: 'source.collection', params: { timestampField: 'ts', records: [{ k: 'x', v: 10, ts: 2000 }, { $watermark: 15000 }] } },
    { id: 'u', kind: 'union' },
    { id: 'by', kind: 'keyBy', params: { field: 'k' } },
    { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10000 }, function: { type: 'aggregate', fn: 'sum', field: 'v' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'a', to: 'u' },
    { from: 'b', to: 'u' },
    { from: 'u', to: 'by' },
    { from: 'by', to: 'w' },
    { from: 'w', to: 'out' },
  ],
};

/** The number of steps done, from the position line ("Step 7 (8 of 23 done)"). */
async function done(page: Page): Promise<number> {
  return Number((await position(page).innerText()).match(/\((\d+) of /)![1]);
}

/** Steps until `label` no longer reads `text`; returns the steps done then. */
async function stepUntilChanged(page: Page, label: ReturnType<typeof edge>, text: string): Promise<number> {
  const step = lab(page).getByRole('button', { name: 'Step', exact: true });
  for (let n = await done(page); (await label.innerText()) === text; ) {
    await step.click();
    n++;
    await expect(position(page)).toContainText(`(${n} of `);
    expect(n, `the label still reads ${text}`).toBeLessThan(40);
  }
  return done(page);
}

for (const viewport of [{ width: 1280, height: 720 }]) {
  test(`at ${viewport.width}×${viewport.height} every edge shows its watermark while stepping; the union marks the input holding its minimum`, async ({ page }, info) => {
    await page.setViewportSize(viewport);
    await page.goto('/#job=' + Buffer.from(JSON.stringify(twoSources), 'utf8').toString('base64url'));
    await page.getByRole('button', { name: 'Lab' }).click();
    await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
    await expect(position(page)).toContainText('(0 of ');

    // Before the first step: every edge is there, none has a watermark yet.
    const ids = ['a.out->u.in', 'b.out->u.in', 'u.out->by.in', 'by.out->w.in', 'w.out->out.in'];
    for (const id of ids) await expect(edge(page, id)).toHaveText('none yet');
    await expect(edgeBox(page, 'a.out->u.in')).toHaveText('Watermark on a → u: none yet');
    await expect(edgeBox(page, 'a.out->u.in')).toHaveAttribute('title', 'Watermark on a → u: none yet (a[0] → u[0]: none yet)');

    // The a → u label changes exactly at the step that delivers a's first watermark to the union.
    const aToU = edge(page, 'a.out->u.in');
    const first = await stepUntilChanged(page, aToU, 'none yet');
    await expect(aToU).toHaveText('00:00:04.999');
    await expect(currentStep(page)).toContainText('00:00:04.999');
    await expect(currentStep(page)).toContainText('u');
    await expect(edge(page, 'b.out->u.in')).toHaveText('none yet');
    // The union lists both inputs; b, that sent nothing, holds the minimum.
    const inputs = page.getByRole('list', { name: 'Watermarks into u' });
    await expect(inputs.getByRole('listitem')).toHaveText(['a 00:00:04.999', 'b none yet ◂ min (holds the minimum)']);
    await expect(inputs.locator('li[data-holds]')).toHaveText(/^b /);

    await page.screenshot({ path: info.outputPath(`lab-watermark-flow-${viewport.width}.png`) });

    // Step back: the label is as it was.
    await lab(page).getByRole('button', { name: 'Step back' }).click();
    await expect(position(page)).toContainText(`(${first - 1} of `);
    await expect(aToU).toHaveText('none yet');
    await expect(inputs.locator('li[data-holds]')).toHaveCount(0);
    await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
    await expect(aToU).toHaveText('00:00:04.999');

    // On to b's watermark reaching the window: a has ended; b holds the union's minimum, and the
    // keyed edges and the edge inside the window's task carry it.
    const byToW = edge(page, 'by.out->w.in');
    await stepUntilChanged(page, byToW, 'none yet');
    await expect(byToW).toHaveText('00:00:15.000');
    await expect(edge(page, 'u.out->by.in')).toHaveText('00:00:15.000');
    await expect(edge(page, 'w.out->out.in')).toHaveText('00:00:15.000');
    await expect(aToU).toHaveText('end of input');
    await expect(inputs.getByRole('listitem')).toHaveText(['a end of input', 'b 00:00:15.000 ◂ min (holds the minimum)']);
    await expect(page.getByTestId('lab-watermark-w')).toContainText('Watermark 00:00:15.000');
  });
}
