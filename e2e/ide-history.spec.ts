import { expect, test } from '@playwright/test';
import { node } from './ide-helpers';

test('undo and redo, from the keyboard and the toolbar', async ({ page }) => {
  await page.goto('/');
  await expect(node(page, 'clicks')).toBeVisible();
  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await expect(undo).toBeDisabled();

  await page.getByRole('button', { name: 'Add Map' }).click();
  await expect(node(page, 'map')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(node(page, 'map')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(node(page, 'map')).toBeVisible();

  await undo.click();
  await expect(node(page, 'map')).toHaveCount(0);
  await expect(redo).toBeEnabled();
  await redo.click();
  await expect(node(page, 'map')).toBeVisible();
});

test('typing in one field undoes as one step', async ({ page }) => {
  await page.goto('/');
  await node(page, 'wm').click();
  const field = page.getByRole('spinbutton', { name: 'Max out of orderness (ms)' });
  await expect(field).toHaveValue('5000');
  await field.fill('');
  await field.pressSequentially('1234');
  await expect(field).toHaveValue('1234');
  await field.blur();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(field).toHaveValue('5000');
});

test('Delete removes the selection with its edges; copy and paste make fresh ids', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await node(page, 'wm').click();
  await page.keyboard.press('ControlOrMeta+C');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(node(page, 'wm-2')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Id' })).toHaveValue('wm-2');

  await node(page, 'by-user').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'by-user')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(node(page, 'by-user')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
});
