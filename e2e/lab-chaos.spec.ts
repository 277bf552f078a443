/**
 * Chaos and queued elements in the lab, in Chromium: a paused source stalls the watermark and
 * releasing it lets the windows fire; marking it idle lets them fire without it; an element
 * injected at a channel's head and dropped from it shows in the Queues view and in the step; a
 * record injected into a source fires its window late ("why" leads to the intervention); a node
 * told to throw on its next record fails the trace there.
 */
import { type Page, expect, test } from '@playwright/test';
import { openExample } from './ide-helpers';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const chaos = (page: Page) => lab(page).getByRole('region', { name: 'Chaos' });
const queues = (page: Page) => lab(page).getByRole('region', { name: 'Queues' });
const position = (page: Page) => page.getByTestId('lab-position');
const currentStep = (page: Page) => lab(page).getByRole('region', { name: 'Current step' });
const pane = (page: Page, key: string, start: number) => lab(page).locator(`tr[data-pane="${key}@${start}"]`);

/** Two sources into one 10 s window: its watermark is the minimum of both. */
const twoSources = {
  format: 'eddy/job@1',
  name: 'Two sources',
  nodes: [
    { id: 'a', kind: 'source.collection', params: { timestampField: 'ts', records: [{ k: 'x', v: 1, ts: 1000 }, { $watermark: 4999 }, { k: 'x', v: 2, ts: 12000 }, { $watermark: 20000 }] } },
    { id: 'b', kind: 'source.collection', params: { timestampField: 'ts', records: [{ k: 'x', v: 10, ts: 2000 }, { $watermark: 15000 }] } },
    { id: 'u', kind: 'union' },
    { id: 'by', kind: 'keyBy', params: { field: 'k' } },
    { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10000 }, function: { type: 'aggregate', fn: 'sum', field: 'v' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'a', to: 'u' },
    { from: 'b', to: 'u' },
    { from: 'u', to: 'by' },
    { from: 'by', to: 'w' },
    { from: 'w', to: 'out' },
  ],
};

async function openTwoSources(page: Page): Promise<void> {
  await page.goto('/#job=' + Buffer.from(JSON.stringify(twoSources), 'utf8').toString('base64url'));
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  await lab(page).getByText(/^Window panes/).click();
  await chaos(page).getByRole('combobox', { name: 'Source subtask' }).selectOption('b#0');
}

async function runOn(page: Page, stop: string): Promise<void> {
  await lab(page).getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(position(page)).toContainText(`stopped: ${stop}`);
}

test('a paused source stalls the watermark; releasing it lets the windows fire', async ({ page }) => {
  await openTwoSources(page);
  await chaos(page).getByRole('button', { name: 'Pause source' }).click();
  await expect(position(page)).toContainText('(1 of ');
  await expect(currentStep(page)).toContainText('you paused source b[0]');
  await expect(chaos(page).getByTestId('lab-source-state')).toHaveText('paused: holds the watermark back');

  // Source a runs to its end; the union's watermark waits for b: nothing fires.
  await runOn(page, 'waiting for a held source');
  await expect(pane(page, 'x', 0)).toHaveAttribute('data-state', 'open');
  await expect(pane(page, 'x', 10000)).toHaveAttribute('data-state', 'open');
  const union = page.getByTestId('lab-watermark-u');
  await expect(union).toContainText('none yet · held by b[0]');
  await expect(union).toHaveAttribute('title', /channel 1 \(b\[0\]\): none yet \(holds the minimum\)/);

  await chaos(page).getByRole('button', { name: 'Release source' }).click();
  await expect(chaos(page).getByTestId('lab-source-state')).toHaveText('emitting');
  await runOn(page, 'end of the trace');
  // b's record is in the first window: 1 + 10.
  await expect(pane(page, 'x', 0)).toHaveAttribute('data-state', /fired|purged/);
  await expect(pane(page, 'x', 0)).toContainText('11');
  await expect(pane(page, 'x', 10000)).toHaveAttribute('data-state', /fired|purged/);
  await expect(chaos(page).getByRole('listitem')).toHaveCount(2);
});

test('a source paused for N seconds stalls the watermark, then is released by itself and the windows fire with its records', async ({ page }) => {
  await openTwoSources(page);
  await chaos(page).getByRole('spinbutton', { name: 'Hold for (s)' }).fill('5');
  await chaos(page).getByRole('button', { name: 'Pause source' }).click();
  await expect(currentStep(page)).toContainText('you paused source b[0] for 5.00 s');
  await expect(chaos(page).getByTestId('lab-source-state')).toHaveText('paused until 00:00:05.000: holds the watermark back');

  // No waiting for the user: once nothing else can run, the virtual clock moves to the hold's end.
  await runOn(page, 'end of the trace');
  await expect(chaos(page).getByTestId('lab-source-state')).toHaveText('emitting');
  // b's record is in the first window (1 + 10): the watermark waited for it.
  await expect(pane(page, 'x', 0)).toHaveAttribute('data-state', /fired|purged/);
  await expect(pane(page, 'x', 0)).toContainText('11');
  // The release is a step of its own, just before b's first record.
  const stepBack = lab(page).getByRole('button', { name: 'Step back' });
  for (let i = 0; i < 60 && !(await currentStep(page).innerText()).includes('released'); i++) {
    const before = await position(page).innerText();
    await stepBack.click();
    await expect(position(page)).not.toHaveText(before);
  }
  await expect(currentStep(page)).toContainText('source b[0] released: the 5.00 s you held it for at step 0 are over, it emits again');
  await expect(chaos(page).getByRole('listitem')).toHaveCount(1);
});

test('marking the source idle releases the watermark without it; removing the interventions restores the trace', async ({ page }) => {
  await openTwoSources(page);
  await chaos(page).getByRole('button', { name: 'Pause source' }).click();
  await runOn(page, 'waiting for a held source');
  await expect(pane(page, 'x', 0)).toHaveAttribute('data-state', 'open');

  await chaos(page).getByRole('button', { name: 'Mark idle' }).click();
  await expect(currentStep(page)).toContainText('you marked source b[0] idle');
  await runOn(page, 'waiting for a held source');
  // The windows fire with a's records only; the union's channel from b is marked idle.
  await expect(pane(page, 'x', 0)).toHaveAttribute('data-state', /fired|purged/);
  await expect(pane(page, 'x', 0)).toContainText('1');
  await expect(page.getByTestId('lab-watermark-u')).toHaveAttribute('title', /channel 1 \(b\[0\]\): idle/);

  // Without the interventions the trace is the job's own again: b's record counts.
  await lab(page).getByRole('button', { name: 'Remove all interventions' }).click();
  await expect(chaos(page)).toContainText('None: the trace is the job\'s own.');
  await runOn(page, 'end of the trace');
  await expect(pane(page, 'x', 0)).toContainText('11');
});

test('the Queues view shows a channel\'s elements; inject a watermark and a record at its head, drop one', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'Late data');
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  const row = queues(page).getByRole('listitem', { name: 'readings[0] → sum-10s[0]' });
  await expect(row).toHaveAttribute('data-size', '0');
  await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(row).toHaveAttribute('data-size', '1');
  await expect(row).toContainText('"sensor":"s1","value":10');

  await queues(page).getByRole('spinbutton', { name: 'Watermark (ms) at the head' }).fill('500');
  await queues(page).getByRole('button', { name: 'Inject watermark at the head' }).click();
  await expect(row).toHaveAttribute('data-size', '2');
  await expect(row.locator('.lab-queued').first()).toHaveText('watermark 00:00:00.500');
  await expect(currentStep(page)).toContainText('you injected watermark 00:00:00.500 at the head of channel 0');

  await queues(page).getByRole('button', { name: 'Drop head of readings[0] → sum-10s[0]' }).click();
  await expect(row).toHaveAttribute('data-size', '1');
  await expect(currentStep(page)).toContainText('you dropped the head of channel 0: watermark 00:00:00.500');

  // A record at the head, its event time typed: the window takes it at the next step.
  await queues(page).getByRole('spinbutton', { name: 'Event time (ms) at the head' }).fill('50');
  await queues(page).getByRole('textbox', { name: 'Record (JSON) at the head' }).fill('{"sensor":"s9","value":3,"ts":50}');
  await queues(page).getByRole('button', { name: 'Inject record at the head' }).click();
  await expect(row).toHaveAttribute('data-size', '2');
  const injectedAt = Number((await position(page).innerText()).match(/\((\d+) of /)![1]);
  await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(currentStep(page)).toContainText('record in at sum-10s: {"sensor":"s9","value":3,"ts":50} @ 00:00:00.050');

  // Back before the injection and forward again: the same step, replayed.
  await lab(page).getByRole('button', { name: 'Step back' }).click();
  await lab(page).getByRole('button', { name: 'Step back' }).click();
  await expect(position(page)).toContainText(`(${injectedAt - 1} of `);
  await expect(row).toHaveAttribute('data-size', '1');
  await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
  await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(currentStep(page)).toContainText('record in at sum-10s: {"sensor":"s9"');
  await expect(chaos(page).getByRole('listitem')).toHaveCount(3);
  await chaos(page).getByRole('button', { name: `Remove intervention at step ${injectedAt - 1}` }).click();
  await expect(chaos(page).getByRole('listitem')).toHaveCount(2);
  await expect(position(page)).toContainText(`(${injectedAt - 1} of `);
});

test('a record injected into a source, late by default, fires its window again; a node told to throw fails the trace there', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'Late data');
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  const form = lab(page).getByRole('region', { name: 'Breakpoints' });
  await form.getByRole('combobox', { name: 'Breakpoint kind' }).selectOption('window-fires');
  await form.getByRole('button', { name: 'Add breakpoint' }).click();
  await runOn(page, 'A window fires');
  // The watermark is 10.999 s: left empty, the record is the source's last one at 9.999 s — late, within the lateness.
  await chaos(page).getByRole('button', { name: 'Inject record into readings[0]' }).click();
  await expect(currentStep(page)).toContainText('you injected record {"sensor":"s1","value":20,"ts":9999} @ 00:00:09.999 into source readings[0]');
  const injectedAt = Number((await position(page).innerText()).match(/\((\d+) of /)![1]) - 1;
  await form.getByRole('button', { name: 'Remove breakpoint: A window fires' }).click();
  await form.getByRole('combobox', { name: 'Breakpoint kind' }).selectOption('late-record');
  await form.getByRole('button', { name: 'Add breakpoint' }).click();
  await runOn(page, 'A late record arrives');
  await expect(currentStep(page)).toContainText('late firing at sum-10s: "s1" [00:00:00.000, 00:00:10.000) → {"key":"s1","windowStart":0,"windowEnd":10000,"value":50}');
  await currentStep(page).getByRole('button', { name: `why: your intervention at step ${injectedAt}` }).click();
  await expect(position(page)).toContainText(`(${injectedAt + 1} of `);

  await chaos(page).getByRole('combobox', { name: 'Node that throws' }).selectOption('sum-10s');
  await chaos(page).getByRole('textbox', { name: 'Error message' }).fill('chaos: bad record');
  await chaos(page).getByRole('button', { name: 'Throw on next record' }).click();
  await form.getByRole('button', { name: /^Remove breakpoint/ }).click();
  await runOn(page, 'end of the trace');
  await expect(position(page)).toContainText('the job failed at sum-10s: chaos: bad record');
});
