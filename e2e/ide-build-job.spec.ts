import { expect, test } from '@playwright/test';
import { connect, downloadedResults, editCode, foreign, handle, node, recordRequests, runToEnd, menuCommand } from './ide-helpers';

test('a job built by dragging kinds from the palette, wiring handles and filling the inspector runs', async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto('/');
  await expect(node(page, 'clicks')).toBeVisible();
  await (await menuCommand(page, 'New job')).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  const canvas = page.locator('.react-flow__pane');
  const box = (await canvas.boundingBox())!;
  const y = box.height / 2;
  await page.getByRole('button', { name: 'Add Collection' }).dragTo(canvas, { targetPosition: { x: box.width * 0.2, y } });
  await page.getByRole('button', { name: 'Add Map' }).dragTo(canvas, { targetPosition: { x: box.width * 0.5, y } });
  await page.getByRole('button', { name: 'Add Collect', exact: true }).dragTo(canvas, { targetPosition: { x: box.width * 0.8, y } });
  for (const id of ['collection', 'map', 'collect']) await expect(node(page, id)).toBeVisible();

  // Unconnected nodes are problems, and Run says so.
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
  await connect(page, handle(page, 'collection', 'out'), handle(page, 'map', 'in'));
  await connect(page, handle(page, 'map', 'out'), handle(page, 'collect', 'in'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  await node(page, 'collection').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('textbox', { name: 'Records' }).fill('[{"n": 1}, {"n": 2}, {"n": 21}]');

  await node(page, 'map').click();
  const editor = await editCode(page);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  // Cleared first: Monaco would wrap a selection in the "(" typed over it.
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('(r) => ({ n: r.n, doubled: r.n * 2 })');
  await expect(editor).toContainText('doubled: r.n * 2');

  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled();
  const summary = await runToEnd(page);
  expect(summary).toContain('3 results');
  expect(await downloadedResults(page)).toEqual(
    ['{"sink":"collect","value":{"n":1,"doubled":2}}', '{"sink":"collect","value":{"n":2,"doubled":4}}', '{"sink":"collect","value":{"n":21,"doubled":42}}'].sort(),
  );
  await expect(page.getByRole('table', { name: 'Records of collect' }).getByRole('row').nth(3)).toContainText('42');
  // Monaco and its workers came from this origin, like everything else.
  expect(foreign(requests)).toEqual([]);
});

test('palette kinds are found by search and added at the centre from the keyboard', async ({ page }) => {
  await page.goto('/');
  await expect(node(page, 'clicks')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search node kinds' }).fill('interval');
  await expect(page.getByRole('navigation', { name: 'Node palette' }).getByRole('button')).toHaveText(['Interval join', 'Interval join (SQL)']);
  await page.getByRole('button', { name: 'Add Interval join', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(node(page, 'join-interval')).toBeVisible();
  await expect(handle(page, 'join-interval', 'in1')).toBeAttached();
  await expect(handle(page, 'join-interval', 'in2')).toBeAttached();
  // The new node is selected: the inspector shows its form, generated from its schema.
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Interval join' })).toBeVisible();
  await expect(inspector.getByRole('spinbutton', { name: 'Upper (ms)' })).toHaveValue('60000');
});

test('the inspector edits window params through generated forms: unions, units, selects', async ({ page }) => {
  await page.goto('/');
  await node(page, 'per-minute').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const assignerType = inspector.getByRole('combobox', { name: 'Assigner type' });
  await expect(assignerType).toHaveValue('0');
  await assignerType.selectOption({ label: 'sliding' });
  // The size survives the switch; sliding needs a slide too.
  await expect(inspector.getByRole('spinbutton', { name: 'Size (ms)' })).toHaveValue('60000');
  await expect(inspector.locator('.field-problem')).toHaveText('missing required param "assigner.slideMs"');
  await inspector.getByRole('spinbutton', { name: 'Slide (ms)' }).fill('30000');
  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled();
  await inspector.getByRole('textbox', { name: 'Late output' }).fill('late');
  await expect(handle(page, 'per-minute', 'late')).toBeAttached();
  const summary = await runToEnd(page);
  expect(summary).toMatch(/\d+ results/);
});
