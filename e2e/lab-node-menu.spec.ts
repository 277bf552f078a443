/**
 * The canvas node's context menu: by right click or Shift+F10 on a focused node, breakpoints at
 * that node in the lab (the same list as the Breakpoints panel), editing actions outside it.
 */
import { type Page, expect, test } from '@playwright/test';
import { node, openExample } from './ide-helpers';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const position = (page: Page) => page.getByTestId('lab-position');
const breakpoints = (page: Page) => lab(page).getByRole('region', { name: 'Breakpoints' });
const menu = (page: Page) => page.getByRole('menu');
/** The focusable wrapper React Flow puts around a node. */
const focusable = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

test('breakpoints from the node menu: right click and keyboard, toggled in the Breakpoints panel, stop the run', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'Late data');
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();

  // Right click on the window node: its lab actions, a window firing among them.
  await node(page, 'sum-10s').click({ button: 'right' });
  await expect(menu(page)).toBeVisible();
  await expect(menu(page).getByRole('menuitemcheckbox')).toHaveText(['Break on next record here', 'Break on next watermark here', 'Break when a window fires here']);
  await menu(page).getByRole('menuitemcheckbox', { name: 'Break when a window fires here' }).click();
  await expect(menu(page)).toHaveCount(0);
  await expect(breakpoints(page)).toContainText('A window fires at sum-10s');

  // A source has no window to fire.
  await node(page, 'readings').click({ button: 'right' });
  await expect(menu(page).getByRole('menuitemcheckbox', { name: 'Break when a window fires here' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(menu(page)).toHaveCount(0);

  // Keyboard: Shift+F10 on the focused node opens the menu with its first item focused.
  const win = focusable(page, 'sum-10s');
  await win.focus();
  await page.keyboard.press('Shift+F10');
  await expect(menu(page).getByRole('menuitemcheckbox', { name: 'Break on next record here' })).toBeFocused();
  await expect(menu(page).getByRole('menuitemcheckbox', { name: 'Break when a window fires here' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(menu(page)).toHaveCount(0);
  await expect(win).toBeFocused();
  await expect(breakpoints(page)).toContainText('Next watermark into sum-10s');
  // Escape closes without doing anything, and gives the focus back to the node.
  await page.keyboard.press('Shift+F10');
  await expect(menu(page).getByRole('menuitemcheckbox', { name: 'Break on next watermark here' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect(menu(page)).toHaveCount(0);
  await expect(win).toBeFocused();

  // The panel's remove unchecks it in the menu.
  await breakpoints(page).getByRole('button', { name: 'Remove breakpoint: A window fires at sum-10s' }).click();
  await node(page, 'sum-10s').click({ button: 'right' });
  await expect(menu(page).getByRole('menuitemcheckbox', { name: 'Break when a window fires here' })).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('Escape');

  // The run stops at the first watermark into the window node.
  await lab(page).getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(position(page)).toContainText('stopped: Next watermark into sum-10s');
  await expect(lab(page).getByRole('region', { name: 'Current step' })).toContainText('sum-10s #0');
  await expect(lab(page).getByRole('region', { name: 'Current step' }).locator('li[data-type="watermark.in"]')).toHaveCount(1);

  // Unchecking in the menu removes it from the panel.
  await win.focus();
  await page.keyboard.press('Shift+F10');
  await menu(page).getByRole('menuitemcheckbox', { name: 'Break on next watermark here' }).press('Enter');
  await expect(breakpoints(page)).toContainText('None');
});

test('outside the lab the node menu inspects, duplicates and deletes a node', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'Late data');
  await node(page, 'by-sensor').click({ button: 'right' });
  await expect(menu(page).getByRole('menuitem')).toHaveText(['Inspect', 'Duplicate', 'Delete']);
  await expect(menu(page).getByRole('menuitemcheckbox')).toHaveCount(0);
  await menu(page).getByRole('menuitem', { name: 'Duplicate' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  const copy = page.locator('.react-flow__node.selected');
  const copyId = await copy.getAttribute('data-id');
  expect(copyId).not.toBe('by-sensor');

  await focusable(page, copyId!).focus();
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('End');
  await expect(menu(page).getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(focusable(page, copyId!)).toHaveCount(0);

  await node(page, 'sum-10s').click({ button: 'right' });
  await menu(page).getByRole('menuitem', { name: 'Inspect' }).click();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Id', exact: true })).toHaveValue('sum-10s');
});
