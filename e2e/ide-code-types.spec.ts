import { type Locator, type Page, expect, test } from '@playwright/test';
import { editCode, node, openExample, openJob } from './ide-helpers';

/** The Monaco editor of the selected node's `code` param (opened with "Edit code"), with its text replaced by `code`. */
async function typeCode(page: Page, code: string): Promise<Locator> {
  const editor = page.getByTestId('code-code').locator('.monaco-editor');
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(code);
  return editor;
}

/** The completions Monaco's suggest widget lists. */
function suggestions(editor: Locator): Locator {
  return editor.locator('.suggest-widget .monaco-list-row');
}

test('map code after a data generator is checked against the generated records', async ({ page }) => {
  await openJob(page, {
    format: 'eddy/job@1',
    nodes: [
      { id: 'gen', kind: 'source.datagen', params: { count: 5 } },
      { id: 'double', kind: 'map' },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'gen', to: 'double' },
      { from: 'double', to: 'out' },
    ],
  });
  await node(page, 'double').click();
  await editCode(page);

  const editor = await typeCode(page, '(r) => r.nosuchfield * 2');
  const squiggle = editor.locator('.squiggly-error');
  await expect(squiggle).toHaveCount(1, { timeout: 30_000 });
  await squiggle.hover({ force: true });
  await expect(page.locator('.monaco-hover').filter({ hasText: "Property 'nosuchfield' does not exist" })).toBeVisible();

  // Correct code carries no marker.
  await typeCode(page, '(r) => ({ key: r.key, doubled: r.value * 2, at: r.ts })');
  await expect(squiggle).toHaveCount(0, { timeout: 30_000 });

  // The record's fields are offered after "r.".
  await typeCode(page, '(r) => r');
  await page.keyboard.type('.');
  await expect(suggestions(editor).filter({ hasText: /^value/ })).toBeVisible({ timeout: 30_000 });
  await expect(suggestions(editor).filter({ hasText: /^key/ })).toBeVisible();
});

test('process code knows the records of its source and the function context', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'Fraud detection');
  await node(page, 'detect').click();
  const editor = await editCode(page);

  await typeCode(page, '({ onElement(tx, ctx, out) { out.collect(tx.amont); } })');
  const squiggle = editor.locator('.squiggly-error');
  await expect(squiggle).toHaveCount(1, { timeout: 30_000 });
  await squiggle.hover({ force: true });
  await expect(page.locator('.monaco-hover').filter({ hasText: "'amont' does not exist" })).toBeVisible();

  await typeCode(page, '({ onElement(tx, ctx, out) { ctx.timers.registerEventTime(tx.ts + 1000); out.collect(tx.amount); } })');
  await expect(squiggle).toHaveCount(0, { timeout: 30_000 });

  await typeCode(page, '({ onElement(tx, ctx, out) { ctx');
  await page.keyboard.type('.');
  await expect(suggestions(editor).filter({ hasText: /^timers/ })).toBeVisible({ timeout: 30_000 });
  await expect(suggestions(editor).filter({ hasText: /^state/ })).toBeVisible();
});
