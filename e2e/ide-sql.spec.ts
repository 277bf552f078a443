/**
 * Flink SQL in the IDE: a script written in the SQL editor with completion of the script's own
 * tables and columns, its problems underlined, run on slot workers with its compiled graph
 * read-only on the canvas, results as Flink prints them; an uploaded file as a table's path.
 */
import { type Locator, type Page, expect, test } from '@playwright/test';
import { menuCommand, node, openExample } from './ide-helpers';

const SHOTS = process.env.EDDY_E2E_OUTDIR ? `test-results/${process.env.EDDY_E2E_OUTDIR}` : 'test-results';

function sqlEditor(page: Page): Locator {
  return page.getByRole('region', { name: 'SQL script' }).locator('.monaco-editor');
}

/** The completions Monaco's suggest widget lists. */
function suggestion(editor: Locator, label: string): Locator {
  return editor.locator('.suggest-widget .monaco-list-row').filter({ hasText: new RegExp(`^${label}`) });
}

/** Types `prefix` and accepts the completion `label`. */
async function complete(page: Page, editor: Locator, prefix: string, label: string): Promise<void> {
  await page.keyboard.type(prefix);
  const row = suggestion(editor, label);
  // The widget may open on typing before the worker answered; asking again (Ctrl+Space) shows the answer.
  await expect(async () => {
    if (!(await row.isVisible())) {
      // A widget left open but not shown (its answer came while the editor was busy) is closed first.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Space');
    }
    await expect(row).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 90_000 });
  await page.keyboard.press('Enter');
}

test('a windowed query written with completion runs, its graph read-only on the canvas, then becomes an editable job', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await (await menuCommand(page, 'New SQL script')).click();
  const editor = sqlEditor(page);
  await expect(editor).toBeVisible({ timeout: 60_000 });
  await editor.click();
  await page.keyboard.press('Control+End');

  // A bad line is underlined and listed at its line:column.
  await page.keyboard.insertText('SELECT prodcut FROM Orders;');
  const problems = page.getByRole('region', { name: 'SQL problems' });
  await expect(problems.getByRole('button', { name: /^18:8 unknown column prodcut/ })).toBeVisible({ timeout: 60_000 });
  await expect(editor.locator('.squiggly-error')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Problems' }).click();
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('query.sql:18:8: unknown column prodcut');
  // Choosing it there puts the editor's cursor on it.
  await page.getByRole('list', { name: 'Problems' }).getByRole('button', { name: 'query.sql:18:8: unknown column prodcut' }).click();
  await expect(editor.locator('textarea')).toBeFocused();
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Backspace');

  // The query, with a column and the table completed from the script's CREATE TABLE.
  await page.keyboard.insertText('SELECT window_start, window_end, ');
  await complete(page, editor, 'prod', 'product');
  await page.keyboard.insertText(', COUNT(*) AS orders\nFROM TABLE(TUMBLE(TABLE ');
  await complete(page, editor, 'Ord', 'Orders');
  await page.keyboard.insertText(", DESCRIPTOR(order_time), INTERVAL '10' SECOND))\nGROUP BY window_start, window_end, product;");
  await expect(problems.getByText('No problems')).toBeVisible({ timeout: 60_000 });
  await expect(editor.locator('.squiggly-error')).toHaveCount(0);

  // Ctrl+Enter runs from inside the editor (Monaco would insert a line).
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(node(page, 'Orders')).toBeVisible({ timeout: 60_000 });
  await expect(node(page, 'result')).toBeVisible();
  const note = page.getByRole('note', { name: 'Compiled from SQL' });
  await expect(note).toContainText('read-only');
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 60_000 });

  // Live panels work as for any job: the compiled watermarks node has its row.
  await page.getByRole('tab', { name: 'Watermarks' }).click();
  await expect(page.getByRole('table', { name: 'Watermarks per operator and subtask' })).toContainText('Orders_watermarks');
  await page.getByRole('tab', { name: 'Results' }).click();

  const table = page.getByRole('table', { name: 'Records of result' });
  const header = table.getByRole('row').first();
  await expect(header).toHaveText(/#\s*op\s*window_start\s*window_end\s*product\s*orders/);
  // 100 rows one second apart: 10 windows of 10 s, up to 3 products each.
  const first = table.getByRole('row').nth(1);
  await expect(first.getByRole('cell').nth(1)).toHaveText('+I');
  await expect(first.getByRole('cell').nth(2)).toHaveText('2024-01-01 00:00:00.000');
  await expect(first.getByRole('cell').nth(3)).toHaveText('2024-01-01 00:00:10.000');
  await page.getByRole('group', { name: 'Result view' }).getByRole('button', { name: 'Current table' }).click();
  await expect(page.getByRole('table', { name: 'Current table of result' }).getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('2024-01-01 00:00:00.000');
  await page.screenshot({ path: `${SHOTS}/ide-sql-1280.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(note).toBeInViewport();
  await page.screenshot({ path: `${SHOTS}/ide-sql-1920.png` });

  await note.getByRole('button', { name: 'Convert to editable job' }).click();
  await expect(note).toBeHidden();
  await expect(page.getByRole('region', { name: 'SQL script' })).toBeHidden();
  await expect(node(page, 'Orders')).toBeVisible();
  // An editable job again: the palette is back and Undo has something to undo after an edit.
  await node(page, 'result').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'result')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
});

test('a SQL example reads an uploaded file as its table path, and both are there after a reload', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'SQL: HOP totals');
  await expect(node(page, 'Bid')).toBeVisible({ timeout: 60_000 });
  const upload = page.getByLabel('File for table Bid');
  await upload.setInputFiles({
    name: 'two-bids.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from('{"bidtime":"2020-04-15 08:05:00","price":4.00,"item":"C","supplier_id":"s1"}\n{"bidtime":"2020-04-15 08:07:00","price":2.50,"item":"A","supplier_id":"s1"}\n'),
  });
  await expect(page.getByRole('region', { name: 'SQL script' })).toContainText('2 lines ready');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 60_000 });
  const rows = page.getByRole('table', { name: 'Records of result' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toHaveText(/\+I\s*2020-04-15 08:00:00\.000\s*2020-04-15 08:10:00\.000\s*6\.50\s*2/);
  await expect(rows.nth(2)).toHaveText(/\+I\s*2020-04-15 08:05:00\.000\s*2020-04-15 08:15:00\.000\s*6\.50\s*2/);

  // The script and its uploaded file are saved with the workspace: a reload reopens them.
  await page.keyboard.press('ControlOrMeta+S');
  await expect(page.getByTestId('status-line')).toContainText('Saved in this browser');
  await page.reload();
  const pane = page.getByRole('region', { name: 'SQL script' });
  await expect(pane.getByRole('heading', { name: 'hop-totals.sql' })).toBeVisible();
  await expect(pane).toContainText('2 lines ready');
  await expect(node(page, 'Bid')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('note', { name: 'Compiled from SQL' })).toContainText('read-only');
});

test('a changelog GROUP BY shows its row kinds, and "Current table" applies them', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'SQL: changelog GROUP BY');
  await expect(node(page, 'Bid')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 60_000 });
  // Flink's changelog of the Bid table's first six bids: +I, then a -U/+U pair per later bid.
  const changelog = page.getByRole('table', { name: 'Records of result' });
  await expect(changelog).toHaveAttribute('aria-rowcount', '11');
  await expect(changelog.getByRole('row').nth(1)).toHaveText(/^1\s*\+I\s*supplier1\s*1\s*4\.00\s*4\.00\s*1$/);
  await expect(changelog.getByRole('row').nth(2)).toHaveText(/^2\s*-U\s*supplier1\s*1\s*4\.00\s*4\.00\s*1$/);
  await expect(changelog.getByRole('row').nth(3)).toHaveText(/^3\s*\+U\s*supplier1\s*2\s*6\.00\s*4\.00\s*2$/);

  await page.getByRole('group', { name: 'Result view' }).getByRole('button', { name: 'Current table' }).click();
  const current = page.getByRole('table', { name: 'Current table of result' });
  await expect(current).toHaveAttribute('aria-rowcount', '3');
  await expect(current.getByRole('row').nth(1)).toHaveText(/^1\s*supplier1\s*3\s*7\.00\s*4\.00\s*3$/);
  await expect(current.getByRole('row').nth(2)).toHaveText(/^2\s*supplier2\s*3\s*14\.00\s*6\.00\s*3$/);
  await page.screenshot({ path: `${SHOTS}/ide-sql-changelog-1280.png` });
});
