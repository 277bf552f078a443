/**
 * "Kill slot" in the lab, in Chromium: on the late-data example with checkpoints, killed after
 * checkpoint 1 completed, the step says every task restarts from that checkpoint; the source
 * rewinds to the checkpointed offset, the window pane opened since is lost and the one the
 * checkpoint held is back with its records, and the run ends as the engine's own trace of the
 * same moves does. What is expected comes from that trace, not numbers written here.
 */
import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { createTraceSession } from '../engine/index';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const position = (page: Page) => page.getByTestId('lab-position');
const currentStep = (page: Page) => lab(page).getByRole('region', { name: 'Current step' });
const chaos = (page: Page) => lab(page).getByRole('region', { name: 'Chaos' });

const lateData = JSON.parse(readFileSync(new URL('../public/examples/late-data.json', import.meta.url), 'utf8'));
/** Late data with checkpoints every virtual second: its source emits 2 elements a second, so the virtual clock moves. */
const job = {
  ...lateData,
  checkpointing: { intervalMs: 1000 },
  restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 500 },
  nodes: lateData.nodes.map((n: { id: string; params?: object }) => (n.id === 'readings' ? { ...n, params: { ...n.params, ratePerSec: 2 } } : n)),
};

test('killing a slot while stepping restores the latest completed checkpoint: the source rewinds, the panes go back to what it held', async ({ page }) => {
  // The engine's trace of the same moves: to checkpoint 1's completion, 3 steps on, kill slot 0, to the end.
  const { session } = createTraceSession(job);
  let completedAt = -1;
  for (let s = session.stepForward(); s !== null && completedAt < 0; s = session.stepForward()) if (s.events.some((e) => e.type === 'checkpoint.complete')) completedAt = s.step;
  session.goTo(completedAt + 1 + 3);
  const kill = session.intervene({ kind: 'kill-slot', slot: 0 })!;
  session.runToEnd();
  const steps = session.steps;
  const restart = steps[kill.step + 1]!.events.find((e) => e.type === 'source.emit')!;

  await page.goto('/#job=' + Buffer.from(JSON.stringify(job), 'utf8').toString('base64url'));
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  await lab(page).getByText(/^Window panes/).click();
  const form = lab(page).getByRole('region', { name: 'Breakpoints' });
  await form.getByRole('combobox', { name: 'Breakpoint kind' }).selectOption('checkpoint-complete');
  await form.getByRole('button', { name: 'Add breakpoint' }).click();
  await lab(page).getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(position(page)).toContainText(`Step ${completedAt} (`);
  for (let i = 1; i <= 3; i++) {
    await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
    await expect(position(page)).toContainText(`(${completedAt + 1 + i} of `);
  }
  // Before the kill: the late record (5 at 9 s) came after the checkpoint and is in the fired pane [0 s, 10 s).
  const first = lab(page).locator('tr[data-pane="s1@0"]');
  await expect(first).toHaveCount(1);

  await chaos(page).getByRole('combobox', { name: 'Slot to kill' }).selectOption('0');
  await chaos(page).getByRole('button', { name: 'Kill slot' }).click();
  await expect(position(page)).toContainText(`Step ${kill.step} (`);
  await expect(currentStep(page)).toContainText('you killed slot 0 (readings#0, sum-10s#0): every task restarts after 500 ms from checkpoint 1 — sources rewind to its offsets, in-flight elements are lost');
  await expect(chaos(page).getByRole('listitem').filter({ hasText: `Step ${kill.step}: you killed slot 0` })).toHaveCount(1);
  // The pane as it was is lost; the checkpoint's pane [0 s, 10 s) is back, restored with the records it held then.
  await expect(first).toHaveCount(2);
  await expect(first.first()).toContainText('lost (failover)');
  await expect(first.last()).toContainText('restored');
  await first.last().getByRole('button', { name: 's1' }).click();
  const details = lab(page).getByRole('group', { name: 'Window pane' });
  await expect(details).toContainText(`restored from checkpoint 1 at step ${kill.step} (a killed slot's failover)`);
  await expect(details).toContainText('Records (2): {"sensor":"s1","value":10,"ts":1000}, {"sensor":"s1","value":20,"ts":4000}');

  // The next step: the source emits again from where checkpoint 1 had it.
  await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(currentStep(page)).toContainText(`readings emits element ${restart['offset'] as number}`);

  // To the end: the lab's trace is the engine's, and the re-sent late record fires the restored pane again.
  await form.getByRole('button', { name: /^Remove breakpoint/ }).click();
  await lab(page).getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(position(page)).toContainText(`(${steps.length} of ${steps.length} done) · stopped: end of the trace`);
  await expect(details).toContainText('"value":35}');

  // Back before the kill: one pane again, as before; forward again: the same trace.
  await lab(page).getByRole('slider', { name: 'Scrubber' }).fill(String(kill.step));
  await expect(position(page)).toContainText(`(${kill.step} of `);
  await expect(first).toHaveCount(1);
  await lab(page).getByRole('slider', { name: 'Scrubber' }).fill(String(kill.step + 1));
  await expect(first).toHaveCount(2);
});
