import { expect, test } from '@playwright/test';
import { editCode, node, openExample, openJob } from './ide-helpers';

async function positions(page: import('@playwright/test').Page, ids: string[]) {
  const out: Record<string, { x: number; y: number }> = {};
  for (const id of ids) {
    const box = (await node(page, id).boundingBox())!;
    out[id] = { x: box.x, y: box.y };
  }
  return out;
}

test('Auto-layout places the graph left to right with ELK, undoably', async ({ page }) => {
  const ids = ['a', 'b', 'both', 'out'];
  // Every node on the same spot: the layout has all the work to do.
  await openJob(page, {
    format: 'eddy/job@1',
    nodes: [
      { id: 'a', kind: 'source.datagen', params: { count: 1 } },
      { id: 'b', kind: 'source.datagen', params: { count: 1 } },
      { id: 'both', kind: 'union' },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'a', to: 'both' },
      { from: 'b', to: 'both' },
      { from: 'both', to: 'out' },
    ],
    layout: Object.fromEntries(ids.map((id) => [id, { x: 0, y: 0 }])),
  });
  for (const id of ids) await expect(node(page, id)).toBeVisible();
  const piled = await positions(page, ids);
  expect(new Set(Object.values(piled).map((p) => p.x)).size).toBe(1);

  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect
    .poll(async () => {
      const p = await positions(page, ids);
      return p.a!.x < p.both!.x && p.b!.x < p.both!.x && p.both!.x < p.out!.x && Math.abs(p.a!.y - p.b!.y) > 20;
    })
    .toBe(true);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => new Set(Object.values(await positions(page, ids)).map((p) => Math.round(p.x))).size).toBe(1);
});

test('Ctrl+Enter runs the job, even from the code editor', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'Fraud detection');
  await node(page, 'detect').click();
  const editor = await editCode(page);
  await editor.click();
  const code = await editor.textContent();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 30_000 });
  // The key ran the command and did not reach the editor: the code is unchanged (no new line).
  expect(await editor.textContent()).toBe(code);
});

test('the palette, inspector and bottom panel resize by pointer and keyboard, and keep their sizes after a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const panels = page.getByRole('region', { name: 'Panels' });
  const width = async () => (await inspector.boundingBox())!.width;
  const height = async () => (await panels.boundingBox())!.height;
  const before = { inspector: await width(), panels: await height() };

  // Drag the inspector's edge 150 px to the left: the inspector widens by as much.
  const edge = page.getByRole('separator', { name: 'Resize the inspector' });
  const box = (await edge.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 150, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(width).toBeGreaterThan(before.inspector + 140);

  // The bottom panel's edge moves with the arrow keys (a window splitter, as in VS Code).
  const rows = page.getByRole('separator', { name: 'Resize the bottom panel' });
  await rows.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
  await expect.poll(height).toBeGreaterThan(before.panels + 20);

  const after = { inspector: await width(), panels: await height() };
  await page.reload();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect.poll(width).toBeCloseTo(after.inspector, 0);
  await expect.poll(height).toBeCloseTo(after.panels, 0);
  // The palette's edge is a separator too, with its name.
  await expect(page.getByRole('separator', { name: 'Resize the palette' })).toBeVisible();
});
