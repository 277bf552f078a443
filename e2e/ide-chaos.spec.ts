/** Chaos controls on a normal run (the Chaos tab) and the exactly-once check after them. */
import { type Page, expect, test } from '@playwright/test';
import { generatedCountsJob, node, openJob } from './ide-helpers';

/** A long run: two generator subtasks feeding keyed 1 s windows. */
const LONG = generatedCountsJob('Long counts', { count: 200_000, ratePerSec: 400, seed: 3, keys: 5, stepMs: 20 });

/** About 10 s of events at parallelism 2 (time for chaos on a loaded machine), checkpoints every 300 ms, restarts allowed. */
const CHECKPOINTED = generatedCountsJob(
  'Checkpointed counts',
  { count: 1000, ratePerSec: 100, seed: 7, keys: 5, stepMs: 20 },
  { checkpointing: { intervalMs: 300, mode: 'exactly-once', retained: 3 }, restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 200 } },
);

/** Milliseconds of a watermark as the Watermarks tab shows it ("00:01:02.500"; −∞ for "none yet"). */
function parseEventTime(text: string): number {
  const m = /^(\d+):(\d\d):(\d\d)\.(\d{3})$/.exec(text.trim());
  if (m === null) return -Infinity;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

async function watermarkOf(page: Page, testId: string): Promise<number> {
  return parseEventTime(await page.getByTestId(testId).innerText());
}

async function chaosTab(page: Page) {
  await page.getByRole('tab', { name: 'Chaos' }).click();
  return page.getByRole('group', { name: 'Chaos controls' });
}

test('"Make source idle" marks one generator subtask idle in the Watermarks tab, and the other runs on', async ({ page }) => {
  await openJob(page, LONG);
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('tab', { name: 'Watermarks' }).click();
  await expect(async () => expect(await watermarkOf(page, 'wm-wm-0')).toBeGreaterThan(0)).toPass();
  const controls = await chaosTab(page);
  await expect(controls.getByRole('button', { name: 'Make source idle' })).toBeEnabled();
  await controls.getByRole('combobox', { name: 'Node' }).selectOption('gen');
  await controls.getByRole('combobox', { name: 'Subtask' }).selectOption('0');
  await controls.getByRole('spinbutton', { name: 'Seconds' }).fill('600');
  await controls.getByRole('button', { name: 'Make source idle' }).click();
  await expect(page.getByRole('region', { name: 'Chaos log' })).toContainText('made source "gen" #0 idle for 600 s');

  await page.getByRole('tab', { name: 'Watermarks' }).click();
  // The source and the watermarks node chained to it are idle in subtask 0, not in subtask 1.
  await expect(page.getByTestId('idle-gen-0')).toHaveText('idle');
  await expect(page.getByTestId('idle-wm-0')).toContainText('idle');
  await expect(page.getByTestId('idle-wm-1')).toHaveText('');
  // The windows no longer wait for subtask 0: their watermark passes its frozen one.
  const frozen = await watermarkOf(page, 'wm-wm-0');
  expect(frozen).toBeGreaterThan(-Infinity);
  await expect(async () => expect(await watermarkOf(page, 'wm-count-0')).toBeGreaterThan(frozen + 2000)).toPass();
  await expect(async () => expect(await watermarkOf(page, 'wm-count-1')).toBeGreaterThan(frozen + 2000)).toPass();
  expect(await watermarkOf(page, 'wm-wm-0')).toBe(frozen);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  // A stopped run has no complete output to compare.
  await chaosTab(page);
  await page.getByRole('button', { name: 'Check exactly-once' }).click();
  await expect(page.getByTestId('exactly-once')).toContainText('The check does not apply: The check compares a finished run');
});

test('"Slow operator" back-pressures the generator in the Backpressure tab until "End chaos"', async ({ page }) => {
  await openJob(page, LONG);
  await page.getByRole('button', { name: 'Run' }).click();
  const controls = await chaosTab(page);
  await controls.getByRole('combobox', { name: 'Node' }).selectOption('count');
  await controls.getByRole('spinbutton', { name: 'Seconds' }).fill('600');
  await controls.getByRole('spinbutton', { name: 'Delay per record (ms)' }).fill('50');
  await controls.getByRole('button', { name: 'Slow operator' }).click();
  await expect(page.getByRole('region', { name: 'Chaos log' })).toContainText('slowed "count" by 50 ms per record for 600 s');

  await page.getByRole('tab', { name: 'Backpressure' }).click();
  const table = page.getByRole('table', { name: 'Backpressure per subtask' });
  await expect(table.getByRole('row').filter({ hasText: 'gen → wm' }).first()).toContainText('HIGH');
  await expect(node(page, 'gen').locator('[data-backpressure="high"]')).toBeVisible();
  // The slowed task itself is busy (its waits count as busy time), not back-pressured.
  const busy = async () => Number.parseInt(await table.getByRole('row').filter({ hasText: /^count/ }).first().getByRole('cell').nth(2).innerText(), 10);
  await expect(async () => expect(await busy()).toBeGreaterThanOrEqual(50)).toPass();

  await chaosTab(page);
  await controls.getByRole('button', { name: 'End chaos' }).click();
  await expect(page.getByRole('region', { name: 'Chaos log' })).toContainText('ended chaos at "count"');
  await expect(node(page, 'gen').locator('[data-backpressure="high"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
});

test('"Throw on next record" fails the window, the job restarts from its checkpoint, and the check finds the output of an undisturbed run', async ({ page }) => {
  await openJob(page, CHECKPOINTED);
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const table = page.getByRole('table', { name: 'Checkpoint history' });
  await expect(async () => expect(await table.getByRole('cell', { name: 'completed', exact: true }).count()).toBeGreaterThanOrEqual(2)).toPass();

  const controls = await chaosTab(page);
  await controls.getByRole('combobox', { name: 'Node' }).selectOption('count');
  await controls.getByRole('button', { name: 'Throw on next record' }).click();
  await expect(page.getByRole('region', { name: 'Chaos log' })).toContainText('armed a failure at the next record into "count"');
  await expect(page.getByRole('status').filter({ hasText: 'chaos: injected failure at node count' })).toBeVisible();

  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(page.getByTestId('checkpoint-summary')).toContainText('1 restart');
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 60_000 });

  // The check starts by itself once the run finished.
  await chaosTab(page);
  const check = page.getByRole('region', { name: 'Exactly-once check' });
  await expect(check.getByTestId('exactly-once')).toContainText(/Output equals an undisturbed run: yes — \d+ records, exactly-once held/, { timeout: 60_000 });
});

test('after "Kill a slot" with checkpoints on, the built-in check says the output equals an undisturbed run', async ({ page }) => {
  await openJob(page, CHECKPOINTED);
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const table = page.getByRole('table', { name: 'Checkpoint history' });
  await expect(async () => expect(await table.getByRole('cell', { name: 'completed', exact: true }).count()).toBeGreaterThanOrEqual(2)).toPass();
  // The Chaos tab's "Kill a slot" is the Checkpoints menu's command.
  const controls = await chaosTab(page);
  await controls.getByRole('button', { name: 'Kill a slot' }).click();
  await expect(page.getByRole('region', { name: 'Chaos log' })).toContainText('killed a slot worker');
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(page.getByTestId('checkpoint-summary')).toContainText('1 restart');

  await chaosTab(page);
  const check = page.getByRole('region', { name: 'Exactly-once check' });
  await expect(check.getByTestId('exactly-once')).toContainText(/Output equals an undisturbed run: yes — \d+ records, exactly-once held/, { timeout: 60_000 });
  await expect(check.getByTestId('exactly-once')).toHaveClass('check-ok');
  // The outputs were compared off the page, in the output comparer's worker.
  expect(page.workers().map((w) => w.url()).filter((u) => u.includes('output-comparer'))).toHaveLength(1);
});

test('after an injected record the exactly-once check says it does not apply, and why', async ({ page }) => {
  await openJob(page, CHECKPOINTED);
  await page.getByRole('button', { name: 'Run' }).click();
  const controls = await chaosTab(page);
  await controls.getByRole('combobox', { name: 'Node' }).selectOption('gen');
  await controls.getByRole('button', { name: 'Inject record' }).click();
  await expect(page.getByRole('region', { name: 'Chaos log' })).toContainText(/injected \{"key":"key-0","value":0,"ts":\d+\} at event time/);
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 60_000 });
  await chaosTab(page);
  await expect(page.getByTestId('exactly-once')).toContainText('The check does not apply: Records were injected');
});
