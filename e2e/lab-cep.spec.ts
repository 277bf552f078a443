/**
 * The lab on a CEP job in Chromium: the timeline of a `cep.pattern` node shows each key's partial
 * matches (the NFA's state) as bars that appear once the watermark passes the first failed login,
 * grow with each further failure, and give way to a match mark; stepping back restores each state.
 */
import { type Locator, type Page, expect, test } from '@playwright/test';
import { openExample } from './ide-helpers';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const position = (page: Page) => page.getByTestId('lab-position');
const at = async (page: Page) => Number((await position(page).innerText()).match(/\((\d+) of /)![1]);
const row = (page: Page, id: string) => lab(page).locator(`tr[data-cep="${id}"]`);

/** Steps until `target` is on the page (or the trace ends); returns the position it showed at. */
async function stepUntil(page: Page, target: Locator): Promise<number> {
  const step = lab(page).getByRole('button', { name: 'Step', exact: true });
  while ((await target.count()) === 0) {
    const n = await at(page);
    await expect(step).toBeEnabled();
    await step.click();
    await expect(position(page)).toContainText(`(${n + 1} of `);
  }
  return at(page);
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`the CEP timeline at ${size.width}×${size.height}: a partial match appears, grows and becomes a match; stepping back removes it`, async ({ page }, info) => {
    await page.setViewportSize(size);
    await page.goto('/');
    await openExample(page, 'Failed logins (CEP)');
    await page.getByRole('button', { name: 'Lab' }).click();
    await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
    const timeline = lab(page).getByRole('region', { name: 'Timeline' });
    await expect(timeline).toContainText('Timeline of suspicious');
    const canvas = timeline.getByRole('img', { name: /Event time from/ });
    await timeline.getByText(/^Partial matches \(/).click();

    // Alice's first failed login: buffered until the watermark passes it, no partial match yet.
    const record = timeline.getByText(/1 buffered/);
    const bufferedAt = await stepUntil(page, record);
    await expect(canvas).toHaveAttribute('aria-label', /1 keys, 1 records \(1 buffered\), 0 partial matches, 0 matches/);

    // The watermark passes it: a partial match from 00:00:00 waiting for more failures.
    const first = row(page, 'partial:alice@0');
    const appearedAt = await stepUntil(page, first);
    expect(appearedAt).toBeGreaterThan(bufferedAt);
    await expect(first).toContainText('failures → …');
    await expect(first).toContainText('times out at 00:01:00.000');
    await page.screenshot({ path: info.outputPath(`partial-${size.width}.png`) });

    // It grows: two failures, and a second partial match from alice's second failure.
    const grown = row(page, 'partial:alice@0').filter({ hasText: 'failures ×2 → …' });
    await stepUntil(page, grown);
    await expect(row(page, 'partial:alice@10000')).toContainText('failures → …');

    // Three failures then the success: the match mark, with what select returned.
    const match = row(page, 'match:alice@25000');
    const matchedAt = await stepUntil(page, match);
    await expect(match).toContainText('failures ×3 → success');
    await expect(match).toContainText('"failures":[0,10000,20000]');
    await expect(canvas).toHaveAttribute('aria-label', /, 1 matches, 0 timed out/);
    await expect(row(page, 'partial:alice@0')).toHaveCount(0);
    await page.screenshot({ path: info.outputPath(`match-${size.width}.png`) });
    await page.screenshot({ path: `/tmp/labcep-shots/match-${size.width}.png` });

    // Hovering the mark shows the match and the selected record.
    const box = (await canvas.boundingBox())!;
    const mark = await canvas.evaluate((c) => c.getAttribute('data-last-mark'));
    expect(mark).not.toBeNull();
    const [mx, my] = mark!.split(',').map(Number) as [number, number];
    await page.mouse.move(box.x + mx, box.y + my);
    const tip = timeline.getByRole('tooltip');
    await expect(tip).toContainText('Pattern matched for alice at 00:00:25.000');
    await expect(tip).toContainText('"success":25000');
    await page.screenshot({ path: `/tmp/labcep-shots/tip-${size.width}.png` });

    // One step back: the match is gone and the partial matches are back.
    await page.mouse.move(0, 0);
    await lab(page).getByRole('button', { name: 'Step back' }).click();
    await expect(position(page)).toContainText(`(${matchedAt - 1} of `);
    await expect(match).toHaveCount(0);
    await expect(row(page, 'partial:alice@0')).toContainText('failures ×3 → …');
    await expect(canvas).toHaveAttribute('aria-label', /, 0 matches, 0 timed out/);

    // To the end: carol's failures time out (within a minute) and go to the side output.
    await lab(page).getByRole('button', { name: 'Run to breakpoint' }).click();
    await expect(position(page)).toContainText('stopped: end of the trace');
    await expect(timeline.locator('tr[data-cep^="timeout:carol@"]').first()).toBeVisible();
    await page.screenshot({ path: `/tmp/labcep-shots/end-${size.width}.png` });
  });
}
