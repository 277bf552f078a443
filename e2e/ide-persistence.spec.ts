import { readFile } from 'node:fs/promises';
import { type Page, expect, test } from '@playwright/test';
import { node, menuCommand } from './ide-helpers';

test('Export job writes an eddy/job@1 file that Import job reads back', async ({ page }) => {
  await page.goto('/');
  await expect(node(page, 'clicks')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), (await menuCommand(page, 'Export job')).click()]);
  expect(download.suggestedFilename()).toBe('clicks-per-user-per-minute.json');
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(exported.format).toBe('eddy/job@1');
  expect(exported.nodes.map((n: { id: string }) => n.id)).toEqual(['clicks', 'wm', 'by-user', 'per-minute', 'results']);
  expect(exported.layout.clicks).toEqual({ x: 0, y: 0 });

  await (await menuCommand(page, 'New job')).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), (await menuCommand(page, 'Import job')).click()]);
  await chooser.setFiles({ name: 'job.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await expect(node(page, 'per-minute')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Job name' })).toHaveValue('Clicks per user per minute');

  const [again] = await Promise.all([page.waitForEvent('download'), (await menuCommand(page, 'Export job')).click()]);
  expect(JSON.parse(await readFile((await again.path())!, 'utf8'))).toEqual(exported);
});

test('the job is saved in the browser and reopens on reload; Ctrl+S says it saved', async ({ page }) => {
  await page.goto('/');
  const name = page.getByRole('textbox', { name: 'Job name' });
  await expect(name).toHaveValue('Clicks per user per minute');
  await name.fill('My clicks');
  await node(page, 'wm').click();
  await page.keyboard.press('ControlOrMeta+S');
  await expect(page.getByTestId('status-line')).toHaveText('Saved in this browser');
  await page.getByRole('button', { name: 'Add Filter' }).click();
  await expect(node(page, 'filter')).toBeVisible();
  // Autosave: no explicit save after the last edit; reload once the workspace in IndexedDB has it.
  await expect.poll(() => savedNodeIds(page), { timeout: 30_000 }).toContain('filter');
  await page.reload();
  await expect(node(page, 'filter')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(page.getByRole('textbox', { name: 'Job name' })).toHaveValue('My clicks');
});

/** The node ids of the job the IDE saved last in IndexedDB (database "eddy", store "jobs"). */
function savedNodeIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('eddy');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('jobs').objectStore('jobs').index('savedAt').openCursor(null, 'prev');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            const saved = get.result?.value as { doc: { nodes: { id: string }[] } } | undefined;
            resolve(saved?.doc.nodes.map((n) => n.id) ?? []);
          };
        };
      }),
  );
}
