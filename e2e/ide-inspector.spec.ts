import { readFile } from 'node:fs/promises';
import { type Page, expect, test } from '@playwright/test';
import { editCode, handle, node, openJob, menuCommand } from './ide-helpers';

/** collection → union → collect in a straight row (no code, so the shared link needs no review). */
const CHAIN = {
  format: 'eddy/job@1',
  name: 'Chain',
  parallelism: 1,
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [{ n: 1 }, { n: 2 }] } },
    { id: 'm', kind: 'union' },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'm' },
    { from: 'm', to: 'out' },
  ],
  layout: { src: { x: 0, y: 0 }, m: { x: 320, y: 0 }, out: { x: 640, y: 0 } },
};

/** Clicks an edge halfway between the handles it joins (a level edge has no height to click on). */
async function clickEdge(page: Page, from: [string, string], to: [string, string]) {
  const a = (await handle(page, ...from).boundingBox())!;
  const b = (await handle(page, ...to).boundingBox())!;
  await page.mouse.click((a.x + a.width / 2 + b.x + b.width / 2) / 2, (a.y + a.height / 2 + b.y + b.height / 2) / 2);
}

/** The job document "Export" downloads. */
async function exportedJob(page: Page): Promise<Record<string, any>> {
  const [download] = await Promise.all([page.waitForEvent('download'), (await menuCommand(page, 'Export job')).click()]);
  return JSON.parse(await readFile((await download.path())!, 'utf8'));
}

test('the job inspector sets checkpointing and the restart strategy from their schemas, with problems on the field', async ({ page }) => {
  await openJob(page, CHAIN);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Checkpointing' })).toBeVisible();
  const enabled = inspector.getByRole('checkbox', { name: 'Checkpointing enabled' });
  await expect(enabled).not.toBeChecked();
  await expect(inspector.getByRole('spinbutton', { name: 'Interval (ms)' })).toHaveCount(0);

  await enabled.check();
  const interval = inspector.getByRole('spinbutton', { name: 'Interval (ms)' });
  await expect(interval).toHaveValue('1000');
  // Validation's message shows on the field itself.
  await interval.fill('0');
  await expect(interval).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector.getByText(/expected a positive number/)).toBeVisible();
  await interval.fill('500');
  await expect(interval).not.toHaveAttribute('aria-invalid');
  await inspector.getByRole('combobox', { name: 'Mode' }).selectOption('at-least-once');
  await inspector.getByRole('checkbox', { name: 'Unaligned' }).check();
  await expect(inspector.getByText('unaligned checkpoints exist only in "exactly-once" mode')).toBeVisible();
  await inspector.getByRole('checkbox', { name: 'Unaligned' }).uncheck();

  const restart = inspector.getByRole('combobox', { name: 'Restart type' });
  await restart.selectOption('fixed-delay');
  await expect(inspector.getByText('missing required field "restart.attempts"')).toBeVisible();
  await inspector.getByRole('spinbutton', { name: 'Attempts' }).fill('2');
  await inspector.getByRole('spinbutton', { name: 'Delay (ms)' }).fill('100');
  await expect(inspector.locator('.field-problem')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled();

  const job = await exportedJob(page);
  expect(job.checkpointing).toEqual({ intervalMs: 500, mode: 'at-least-once', unaligned: false });
  expect(job.restart).toEqual({ strategy: 'fixed-delay', attempts: 2, delayMs: 100 });

  // Switching the strategy keeps the fields both have; undo brings the old one back.
  await restart.selectOption('failure-rate');
  await expect(inspector.getByRole('spinbutton', { name: 'Delay (ms)' })).toHaveValue('100');
  await expect(inspector.getByRole('spinbutton', { name: 'Max failures' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(restart.locator('option:checked')).toHaveText('fixed-delay');
  await enabled.uncheck();
  expect((await exportedJob(page)).checkpointing).toBeUndefined();
});

test('selecting an edge shows its ends and its partitioning, which labels the edge on the canvas', async ({ page }) => {
  await openJob(page, CHAIN);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await clickEdge(page, ['m', 'out'], ['out', 'in']);
  await expect(inspector.getByRole('heading', { name: 'Edge' })).toBeVisible();
  await expect(inspector.getByLabel('Edge ends')).toHaveText('m/out → out/in');
  const partitioning = inspector.getByRole('combobox', { name: 'Partitioning' });
  await expect(partitioning).toHaveValue('');
  await expect(partitioning.locator('option')).toHaveText(['default', 'forward', 'rebalance', 'rescale', 'broadcast', 'shuffle']);
  await expect(inspector.getByText(/ignored out of or into keyBy and into joins/)).toBeVisible();

  await partitioning.selectOption('rebalance');
  const label = page.getByTestId('rf__edge-m.out->out.in').locator('.react-flow__edge-text');
  await expect(label).toHaveText('rebalance');
  expect((await exportedJob(page)).edges).toEqual([{ from: 'src', to: 'm' }, { from: 'm', to: 'out', partition: 'rebalance' }]);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(label).toHaveCount(0);
  await expect(partitioning).toHaveValue('');
});

test('a process node grows a side-output handle when its code emits to a tag, or when a tag is added by hand', async ({ page }) => {
  await openJob(page, {
    ...CHAIN,
    nodes: [CHAIN.nodes[0], { id: 'p', kind: 'process', params: { code: '({ onElement(r, ctx, out) { out.collect(r); } })' } }, CHAIN.nodes[2]],
    edges: [
      { from: 'src', to: 'p' },
      { from: 'p', to: 'out' },
    ],
    layout: { src: { x: 0, y: 0 }, p: { x: 320, y: 0 }, out: { x: 640, y: 0 } },
  });
  await expect(handle(page, 'p', 'out')).toBeAttached();
  await expect(handle(page, 'p', 'late')).toHaveCount(0);

  await node(page, 'p').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const editor = await editCode(page);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText("({ onElement(r, ctx, out) { if (r.n > 1) out.output('late', r); else out.collect(r); } })");
  await expect(handle(page, 'p', 'late')).toBeAttached();
  const sideOutputs = inspector.getByRole('region', { name: 'Side outputs' });
  await expect(sideOutputs.getByRole('listitem')).toHaveText(['late from code']);

  // A tag for code not written yet: added by hand, kept in the layout, exported.
  await sideOutputs.getByRole('textbox', { name: 'New side output tag' }).fill('audit');
  await sideOutputs.getByRole('button', { name: 'Add side output' }).click();
  await expect(handle(page, 'p', 'audit')).toBeAttached();
  await sideOutputs.getByRole('textbox', { name: 'New side output tag' }).fill('late');
  await sideOutputs.getByRole('button', { name: 'Add side output' }).click();
  await expect(sideOutputs.getByText('the node already has the side output "late"')).toBeVisible();
  const job = await exportedJob(page);
  expect(job.layout.p).toEqual({ x: 320, y: 0, sideOutputs: ['audit'] });

  await sideOutputs.getByRole('button', { name: 'Remove side output audit' }).click();
  await expect(handle(page, 'p', 'audit')).toHaveCount(0);
});
