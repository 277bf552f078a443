import { expect, test } from '@playwright/test';
import { runToEnd } from './replay-job';

/**
 * A back-pressured job with unaligned checkpoints: the source emits as fast as it can and a keyed
 * function busy-waits 1 ms per record, so the channels between them stay full and every
 * unaligned barrier overtakes queued records. Checkpoints every 150 ms, all retained.
 */
const BACK_PRESSURED = {
  format: 'eddy/job@1',
  name: 'Back-pressured sums',
  parallelism: 2,
  checkpointing: { intervalMs: 150, mode: 'exactly-once', unaligned: true, retained: 100 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 4000, seed: 3, keys: 6, stepMs: 10, startTs: 0 } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
    { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
    {
      id: 'slow',
      kind: 'process',
      params: {
        code: `({
  onElement(r, ctx, out) {
    const until = Date.now() + 1;
    while (Date.now() < until) {}
    out.collect(r);
  },
})`,
      },
    },
    { id: 'by-key-2', kind: 'keyBy', params: { field: 'key' } },
    { id: 'sum', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 2000 }, function: { type: 'aggregate', fn: 'sum', field: 'value' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'gen', to: 'wm' },
    { from: 'wm', to: 'by-key' },
    { from: 'by-key', to: 'slow' },
    { from: 'slow', to: 'by-key-2' },
    { from: 'by-key-2', to: 'sum' },
    { from: 'sum', to: 'out' },
  ],
};

test('an unaligned checkpoint of a back-pressured job is listed as unaligned with the records it caught in flight, and a replay from it gives the original run’s records', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await runToEnd(page, BACK_PRESSURED);
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await page.getByRole('button', { name: 'Browse checkpoints' }).click();
  const stored = page.getByRole('table', { name: 'Stored checkpoints' });
  // A checkpoint taken under backpressure: unaligned, with records caught in flight.
  const caught = stored.getByRole('row').filter({ has: page.getByRole('cell', { name: /^unaligned · [1-9]\d* records? in flight$/ }) });
  await expect(caught.first()).toBeVisible();
  // Its subtasks waited for no barrier.
  await expect(caught.first().getByRole('cell').nth(6)).toHaveText('0 ms');
  await page.screenshot({ path: 'test-results/replay-unaligned.png' });
  const open = caught.first().getByRole('button', { name: /^Open checkpoint \d+$/ });
  const id = Number((await open.textContent())!.replace('Open checkpoint ', ''));
  await open.click();

  // Restored with its in-flight records replayed (same parallelism), the job produces after the
  // checkpoint exactly what the undisturbed original run produced after it.
  await page.getByRole('button', { name: `Replay from checkpoint ${id}` }).click();
  await expect(page.getByRole('status', { name: 'Run status: Finished' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(page.getByTestId('replay-verdict')).toContainText(new RegExp(`Replay from checkpoint ${id}: ([1-9]\\d*) records?; the original run produced \\1 after it — the same records`));
});
