/**
 * An uploaded file source restored from a mid-run checkpoint (the browser's LineReader over the
 * upload's Blob): the checkpoint holds the source's line and that line's byte offset in the file,
 * and a replay from it goes on at that line — every later record once, none before it.
 */
import { expect, test } from '@playwright/test';
import { downloadedResults, node, openJob } from './ide-helpers';

const LINES = 2000;
/** Multi-byte characters on every line: a line's byte offset differs from its character count. */
const lines = Array.from({ length: LINES }, (_, i) => JSON.stringify({ i, s: `wörld ${'€'.repeat(i % 3)} 𝄞` }));
const content = `${lines.join('\n')}\n`;
const byteOf = (line: number) => Buffer.byteLength(lines.slice(0, line).map((l) => `${l}\n`).join(''), 'utf8');

const JOB = {
  format: 'eddy/job@1',
  name: 'Upload restore',
  parallelism: 1,
  checkpointing: { intervalMs: 400, retained: 50 },
  nodes: [
    { id: 'src', kind: 'source.file', params: { path: 'readings.jsonl', format: 'jsonl' } },
    // About 3 ms of work per record, so checkpoints fall while the source is inside the file.
    { id: 'work', kind: 'map', params: { code: '(r) => { const until = Date.now() + 3; while (Date.now() < until) {} return { i: r.i }; }' } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'work' },
    { from: 'work', to: 'out' },
  ],
};

test('a replay from a mid-run checkpoint of an uploaded file source goes on at the checkpointed line, which the checkpoint keeps with its byte offset', async ({ page }) => {
  await openJob(page, JOB);
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  await node(page, 'src').click();
  await page.getByLabel('Input file').setInputFiles({ name: 'readings.jsonl', mimeType: 'text/plain', buffer: Buffer.from(content, 'utf8') });
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 90_000 });
  expect(await downloadedResults(page)).toHaveLength(LINES);

  // The oldest stored checkpoint: taken while the source was inside the file.
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const oldest = page.getByRole('table', { name: 'Stored checkpoints' }).getByRole('button', { name: /^Open checkpoint \d+$/ }).last();
  const id = Number((await oldest.textContent())!.replace('Open checkpoint ', ''));
  await oldest.click();
  await page.getByRole('combobox', { name: 'Operator' }).selectOption('src');
  const offsets = page.getByRole('table', { name: 'Operator state of src' });
  await offsets.getByRole('treeitem', { name: /^State of subtask 0/ }).click();
  const text = await offsets.innerText();
  const line = Number(/line:\s*(\d+)/.exec(text)?.[1]);
  const byte = Number(/byte:\s*(\d+)/.exec(text)?.[1]);
  expect(line, text).toBeGreaterThan(0);
  expect(line).toBeLessThan(LINES);
  // The offset is where that line starts in the uploaded file (in bytes, not characters).
  expect(byte, text).toBe(byteOf(line));

  await page.getByRole('button', { name: `Replay from checkpoint ${id}` }).click();
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible({ timeout: 90_000 });
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(page.getByTestId('replay-verdict')).toContainText(new RegExp(`Replay from checkpoint ${id}: (\\d+) records?; the original run produced \\1 after it — the same records`));
  // The replay read the file from line `line` on: each later record once, none before it.
  await page.getByRole('tab', { name: 'Results' }).click();
  const replayed = (await downloadedResults(page)).map((l) => (JSON.parse(l) as { value: { i: number } }).value.i).sort((a, b) => a - b);
  expect(replayed).toEqual(Array.from({ length: LINES - line }, (_, k) => line + k));
});
