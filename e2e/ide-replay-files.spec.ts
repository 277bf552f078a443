import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SHORTER, runToEnd } from './replay-job';

/** `npx eddy ARGS` (the repo's CLI), its stdout. */
const eddy = (...args: string[]) => execFileSync(process.execPath, ['bin/eddy.js', ...args], { encoding: 'utf8' });

test('an edited checkpoint downloads as a savepoint file that the CLI reads and restores, and that file opens in the browser again beside the stored checkpoint', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await runToEnd(page, SHORTER);
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const first = page.getByRole('table', { name: 'Stored checkpoints' }).getByRole('button', { name: /^Open checkpoint \d+$/ }).last();
  const id = Number((await first.textContent())!.replace('Open checkpoint ', ''));
  await first.click();

  // Edit key-1's running total, then download the edited checkpoint.
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('totals');
  const edit = page.getByRole('group', { name: 'Edit state' });
  await edit.getByRole('textbox', { name: 'Key' }).fill('key-1');
  await edit.getByRole('combobox', { name: 'State' }).selectOption('total');
  await edit.getByRole('textbox', { name: 'Value (JSON)' }).fill('1000');
  await edit.getByRole('button', { name: 'Set value' }).click();
  await expect(page.getByRole('heading', { name: `Checkpoint ${id} (edited: 1 edit)` })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download as savepoint file' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`totals-and-windows-savepoint-${id}-edited.json`);
  const dir = mkdtempSync(join(tmpdir(), 'eddy-replay-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);

  // The CLI reads the edit back, and restores the job from the file.
  const rows = eddy('state', file, '--node', 'totals', '--key', 'key-1')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { kind: string; state?: string; value?: unknown });
  expect(rows.find((r) => r.kind === 'keyed' && r.state === 'total')?.value).toBe(1000);
  const jobFile = join(dir, 'job.json');
  writeFileSync(jobFile, JSON.stringify(SHORTER));
  const restored = eddy('run', jobFile, '--from-savepoint', file, '--parallelism', '3');
  expect(restored).toMatch(/"key":"key-\d"/);

  // The same file opened in the browser: the edited value, and its difference from the stored checkpoint.
  await page.getByLabel('Open savepoint file').setInputFiles(file);
  const name = `savepoint ${id} (${download.suggestedFilename()})`;
  await expect(page.getByRole('heading', { name: `S${name.slice(1)} (edited: 1 edit)` })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter by key' }).fill('key-1');
  await expect(page.getByRole('table', { name: 'Keyed state of totals' }).getByRole('row').nth(1).getByRole('cell').nth(4)).toHaveText('1000');
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption(String(id));
  const diff = page.getByRole('table', { name: `Differences from checkpoint ${id} to ${name}` });
  await expect(diff.getByRole('row', { name: /changed totals keyed key-1 total \d+ 1000/ })).toBeVisible();
  await diff.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/replay-file.png' });
  // A file that is not a savepoint is refused with a sentence.
  const bad = join(dir, 'job-not-savepoint.json');
  writeFileSync(bad, JSON.stringify(SHORTER));
  await page.getByLabel('Open savepoint file').setInputFiles(bad);
  await expect(page.getByRole('region', { name: 'Checkpoint browser' }).getByRole('alert').first()).toHaveText('job-not-savepoint.json: not a savepoint file (expected "format": "eddy/savepoint@1")');
});
