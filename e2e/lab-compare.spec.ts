/**
 * Compare in the lab: the same input through a second configuration — here allowed lateness
 * 0 instead of 5 s — traced by a second stepping host that follows the lab step for step, the
 * two timelines side by side on one event-time axis.
 */
import { type Page, expect, test } from '@playwright/test';
import { openExample } from './ide-helpers';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const position = (page: Page) => page.getByTestId('lab-position');

test('compare allowed lateness 5 s with 0: two timelines in lockstep, the late record fires one and goes to the side output in the other', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/');
  await openExample(page, 'Late data');
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();

  await lab(page).getByRole('button', { name: 'Compare…' }).click();
  const form = lab(page).getByRole('form', { name: 'Compare' });
  await expect(form.getByRole('combobox', { name: 'Compare node' })).toHaveValue('sum-10s');
  await expect(form.getByRole('combobox', { name: 'Compare param' })).toHaveValue('allowedLatenessMs');
  await expect(form.getByRole('textbox', { name: 'Compare value' })).toHaveValue('5000');
  await form.getByRole('textbox', { name: 'Compare value' }).fill('0');
  await form.getByRole('button', { name: 'Compare', exact: true }).click();

  const a = lab(page).getByRole('region', { name: 'Timeline: A: as the job is' });
  const b = lab(page).getByRole('region', { name: 'Timeline: B: sum-10s.allowedLatenessMs = 0' });
  await expect(a).toBeVisible();
  await expect(b).toBeVisible();
  await expect(lab(page).getByRole('group', { name: 'Compare' })).toContainText('step 0 of');
  // A second stepping host: a worker of its own.
  await expect.poll(() => workers.filter((u) => u.includes('trace-worker')).length).toBe(2);

  // Lockstep: three steps in the lab, three in the comparison.
  for (let i = 0; i < 3; i++) await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(position(page)).toContainText('(3 of ');
  await expect(lab(page).getByRole('group', { name: 'Compare' })).toContainText('step 3 of');

  await lab(page).getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(position(page)).toContainText('stopped: end of the trace');
  const end = Number((await position(page).innerText()).match(/\((\d+) of /)![1]);
  await expect(lab(page).getByRole('group', { name: 'Compare' })).toContainText(`step ${end} of ${end}`);

  // One event-time axis for both.
  const axis = async (t: typeof a) => ((await t.getByRole('img', { name: /^Event time/ }).getAttribute('aria-label')) ?? '').split(';')[0];
  expect(await axis(a)).toBe(await axis(b));
  // With 5 s of lateness the record at 9 s fires [0 s, 10 s) again (35); without, it is late → side output and the pane keeps 30.
  for (const t of [a, b]) await t.getByText(/^Window panes/).click();
  await expect(a.locator('tr[data-pane="s1@0"] td').nth(4)).toContainText('35');
  await expect(b.locator('tr[data-pane="s1@0"] td').nth(4)).toContainText('30');
  await expect(b.locator('tr[data-pane="s1@0"] td').nth(4)).not.toContainText('35');

  // Back a step: both follow.
  await lab(page).getByRole('button', { name: 'Step back' }).click();
  await expect(lab(page).getByRole('group', { name: 'Compare' })).toContainText(`step ${end - 1} of ${end}`);

  await lab(page).getByRole('button', { name: 'Stop comparing' }).click();
  await expect(b).toHaveCount(0);
  await expect(lab(page).getByRole('region', { name: 'Timeline', exact: true })).toBeVisible();
});
