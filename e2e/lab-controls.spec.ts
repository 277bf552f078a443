/**
 * The lab's play controls and its condition breakpoints, in Chromium: Play steps on at the
 * chosen speed to the end, Pause stops it, Space toggles them, Restart goes back before step 0;
 * "the watermark at node N passes T" and "a checkpoint completes" stop at the step where that
 * happens — the step found in the engine's own trace of the same job, not a number written here.
 * A job with an asyncMap steps too: each call's answer a step of its own, the same back and forth.
 */
import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { traceJob, traceJobAsync } from '../engine/index';
import { fileFetch } from '../engine/host/node/file-fetch';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const position = (page: Page) => page.getByTestId('lab-position');
const controls = (page: Page) => lab(page).getByRole('toolbar', { name: 'Step controls' });
const currentStep = (page: Page) => lab(page).getByRole('region', { name: 'Current step' });

/** The checkpoints lesson's job: two sources into a union, a keyed running sum, checkpoints every virtual second. */
const job = JSON.parse(readFileSync(new URL('../public/lessons/checkpoints-exactly-once.json', import.meta.url), 'utf8')).job;
const trace = traceJob(job, { parallelism: job.parallelism }).steps;

/** Steps done, from the position line ("Step 7 (8 of 23 done)"). */
async function done(page: Page): Promise<number> {
  return Number((await position(page).innerText()).match(/\((\d+) of /)![1]);
}

async function openLab(page: Page): Promise<void> {
  await page.goto('/#job=' + Buffer.from(JSON.stringify(job), 'utf8').toString('base64url'));
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(controls(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  await expect(position(page)).toContainText('Before step 0 (0 of ');
}

test('Play runs to the end at the chosen speed, Pause and Space stop and start it, Restart goes back to the start', async ({ page }) => {
  await openLab(page);
  const play = controls(page).getByRole('button', { name: 'Play' });
  const pause = controls(page).getByRole('button', { name: 'Pause' });
  const speed = controls(page).getByRole('combobox', { name: 'Speed' });

  // Play at 256 steps per second to the end of the trace: the whole trace, then Play is off.
  await speed.selectOption('256');
  await expect(speed).toHaveValue('256');
  await play.click();
  await expect(pause).toBeVisible();
  await expect(position(page)).toContainText(`Step ${trace.length - 1} (${trace.length} of ${trace.length} done) · stopped: end of the trace`);
  await expect(play).toBeDisabled();
  await expect(pause).toHaveCount(0);

  // Restart: before step 0, everything can be taken again.
  await controls(page).getByRole('button', { name: 'Restart' }).click();
  await expect(position(page)).toContainText(`Before step 0 (0 of ${trace.length} done)`);
  await expect(controls(page).getByRole('button', { name: 'Restart' })).toBeDisabled();
  await expect(play).toBeEnabled();

  // Space plays (nothing focused: the page's shortcut), and Space again pauses.
  await speed.selectOption('4');
  await expect(speed).toHaveValue('4');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(pause).toBeVisible();
  await expect.poll(() => done(page)).toBeGreaterThan(0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(play).toBeVisible();
  // Paused: each move is now the user's alone — a step and a step back land exactly.
  await controls(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => done(page)).toBeGreaterThan(1);
  const at = await done(page);
  expect(at).toBeLessThan(trace.length);
  await controls(page).getByRole('button', { name: 'Step back' }).click();
  await expect(position(page)).toContainText(`(${at - 1} of ${trace.length} done)`);
  await controls(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(position(page)).toContainText(`(${at} of ${trace.length} done)`);
  await expect(play).toBeVisible();

  // The Pause button pauses too.
  await play.click();
  await expect(pause).toBeVisible();
  await expect.poll(() => done(page)).toBeGreaterThan(at);
  await pause.click();
  await expect(play).toBeVisible();
  await expect(position(page)).not.toContainText('stopped: end of the trace');
});

test('"the watermark at a node passes a time" and "a checkpoint completes" stop at the steps where the trace says they happen', async ({ page }) => {
  // From the engine's trace of the same job: the first step where totals' combined watermark
  // reaches 5 s, and the first step with a completed checkpoint.
  const passes = trace.findIndex((s) => s.events.some((e) => e.type === 'watermark.in' && e['node'] === 'totals' && typeof e['combined'] === 'number' && e['combined'] >= 5000));
  const completes = trace.findIndex((s) => s.events.some((e) => e.type === 'checkpoint.complete'));
  expect(passes).toBeGreaterThan(0);
  expect(completes).toBeGreaterThan(0);

  await openLab(page);
  const form = lab(page).getByRole('region', { name: 'Breakpoints' });
  const run = controls(page).getByRole('button', { name: 'Run to breakpoint' });
  const only = async (kind: string, setUp: () => Promise<void>, description: string) => {
    // One breakpoint at a time, from the start.
    for (const remove of await form.getByRole('button', { name: /^Remove breakpoint/ }).all()) await remove.click();
    await form.getByRole('combobox', { name: 'Breakpoint kind' }).selectOption(kind);
    await setUp();
    await form.getByRole('button', { name: 'Add breakpoint' }).click();
    await expect(form.getByRole('listitem')).toHaveText([`${description} remove`]);
    const restart = controls(page).getByRole('button', { name: 'Restart' });
    if (await restart.isEnabled()) await restart.click();
    await expect(position(page)).toContainText('Before step 0');
    await run.click();
  };

  await only(
    'watermark-passes',
    async () => {
      await form.getByRole('combobox', { name: 'Breakpoint node' }).selectOption('totals');
      await form.getByRole('spinbutton', { name: 'Breakpoint time (ms)' }).fill('5000');
    },
    'The watermark at totals passes 00:00:05.000',
  );
  await expect(position(page)).toContainText(`Step ${passes} (${passes + 1} of `);
  await expect(position(page)).toContainText('stopped: The watermark at totals passes 00:00:05.000');
  await expect(currentStep(page)).toContainText(`Step ${passes}`);

  await only('checkpoint-complete', async () => {}, 'A checkpoint completes');
  await expect(position(page)).toContainText(`Step ${completes} (${completes + 1} of `);
  await expect(position(page)).toContainText('stopped: A checkpoint completes');
  await expect(currentStep(page)).toContainText('checkpoint complete 1');
});

test('a job with an asyncMap steps to its end, every answer of a call a step of its own, and back and forth across one', async ({ page }) => {
  const examples = new URL('../public/examples/', import.meta.url);
  const enrichment = JSON.parse(readFileSync(new URL('product-enrichment.json', examples), 'utf8'));
  // The engine's trace of the same job, its ctx.fetch reading the files the app serves.
  const { steps } = await traceJobAsync(enrichment, { fetch: fileFetch(examples.pathname) });
  const answer = steps.findIndex((s) => s.events[0]?.type === 'async.complete');
  expect(answer).toBeGreaterThan(0);

  await page.goto('/#job=' + Buffer.from(JSON.stringify(enrichment), 'utf8').toString('base64url'));
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(controls(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  // To the end: every call fetched in the lab's worker, the whole trace as the engine's.
  await controls(page).getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(position(page)).toContainText(`Step ${steps.length - 1} (${steps.length} of ${steps.length} done) · stopped: end of the trace`);

  const text = 'async call at enrich for {"order":1,"product":"p1","qty":2,"ts":5000} answered [{"order":1,"product":"p1","qty":2,"ts":5000,"name":';
  await lab(page).getByRole('slider', { name: 'Scrubber' }).fill(String(answer + 1));
  await expect(position(page)).toContainText(`Step ${answer} (${answer + 1} of `);
  await expect(currentStep(page)).toContainText(text);
  await controls(page).getByRole('button', { name: 'Step back' }).click();
  await expect(position(page)).toContainText(`(${answer} of ${steps.length} done)`);
  await expect(currentStep(page)).not.toContainText(text);
  await controls(page).getByRole('button', { name: 'Step', exact: true }).click();
  await expect(position(page)).toContainText(`(${answer + 1} of ${steps.length} done)`);
  await expect(currentStep(page)).toContainText(text);
});
