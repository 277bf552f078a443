import { type Page, expect, test } from '@playwright/test';
import { downloadedResults, node, openJob } from './ide-helpers';

/**
 * Records 1…5, four a second (so metrics are sampled before the hang), through a map that never
 * returns on record 3. The watchdog limit is set in the job: long enough to see the slot
 * reported as not responding first.
 */
function hangingJob(execution: { functionTimeoutMs: number }, extra: Record<string, unknown> = {}) {
  return {
    format: 'eddy/job@1',
    name: 'Endless loop',
    execution,
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3, 4, 5], ratePerSec: 4 } },
      { id: 'stuck', kind: 'map', params: { code: '(n) => { if (n === 3) while (true) {} return n * 10; }' } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'stuck' },
      { from: 'stuck', to: 'out' },
    ],
    ...extra,
  };
}

async function openAndRun(page: Page, job: unknown) {
  await openJob(page, job);
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  // The job inspector (nothing selected) shows the limit the job sets.
  const limit = (job as { execution: { functionTimeoutMs: number } }).execution.functionTimeoutMs;
  await expect(page.getByRole('region', { name: 'Execution' }).getByRole('spinbutton')).toHaveValue(String(limit));
  await page.getByRole('button', { name: 'Run' }).click();
}

test('a function that never returns: the panels say the slot is not responding, then the node fails and the restart strategy runs out', async ({ page }) => {
  await openAndRun(page, hangingJob({ functionTimeoutMs: 3000 }, { restart: { strategy: 'fixed-delay', attempts: 1, delayMs: 100 } }));

  // While the slot is stuck: a notice above every panel, the node marked, the subtask busy all the time.
  const notice = page.getByTestId('stall-notice');
  await expect(notice).toContainText(/Slot 0 not responding for [1-9] s: node "stuck" \(subtask 0\) has not returned from its function; the job fails at 3 s/);
  await expect(node(page, 'stuck')).toContainText(/Not responding for \d s/);
  await page.getByRole('tab', { name: 'Backpressure' }).click();
  const row = page.getByRole('table', { name: 'Backpressure per subtask' }).getByRole('row').filter({ hasText: 'src → stuck → out' });
  await expect(row).toContainText('NOT RESPONDING');
  await expect(row.getByRole('cell').nth(2)).toHaveText('100%');
  await expect(page.getByRole('status', { name: 'Run status: Running…' })).toBeVisible();

  // The watchdog fails the attempt; the strategy restarts once, then the job fails on the node.
  // "Job failed … restarting…" and "Recovered" are in the status line only until the next word
  // (on a quiet machine for less than the gap between two polls): the test waits for the end
  // and reads the status line's last word, which says the restart happened and how the run ended.
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Failed at node "stuck"' })).toContainText('did not return within 3 s', { timeout: 60_000 });
  await expect(page.getByRole('status', { name: 'Run status: Failed' })).toBeVisible();
  await expect(page.getByTestId('status-line')).toContainText('Failed after 1 restart at node "stuck": did not return within 3 s');
  // Cut to the toolbar's width, the status line keeps its whole text in a tooltip.
  await expect(page.getByTestId('status-line')).toHaveAttribute('title', /^Failed after 1 restart at node "stuck": did not return within 3 s/);
  await expect(node(page, 'stuck').getByRole('alert')).toContainText('did not return within 3 s');
  await expect(notice).toBeHidden();
  // What the map returned before each hang reached the page; without checkpoints the restart
  // started over from the first record, so each came twice.
  expect(await downloadedResults(page)).toEqual(['{"sink":"out","value":10}', '{"sink":"out","value":10}', '{"sink":"out","value":20}', '{"sink":"out","value":20}']);
});

test('Stop ends a run whose slot is stuck, even with no time limit, and the page stays usable', async ({ page }) => {
  await openAndRun(page, hangingJob({ functionTimeoutMs: 0 }));
  const notice = page.getByTestId('stall-notice');
  await expect(notice).toContainText('Slot 0 not responding for');
  await expect(notice).not.toContainText('the job fails');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status: Stopped' })).toBeVisible();
  await expect(notice).toBeHidden();
  await expect(node(page, 'stuck')).not.toContainText('Not responding');
  // The page's thread was never blocked: the next run starts and gets as far again.
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(notice).toContainText('Slot 0 not responding for');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status: Stopped' })).toBeVisible();
});
