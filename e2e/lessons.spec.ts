/**
 * Lessons in Chromium: the gallery lists them, a lesson opens its job in the lab with the lesson
 * beside the timeline, its questions are answered by stepping (a wrong answer first, with
 * feedback, then the right one) and the lesson completes; a lesson's own link opens it directly.
 */
import { type Page, expect, test } from '@playwright/test';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const lesson = (page: Page) => page.getByRole('region', { name: 'Lesson' });
const position = (page: Page) => page.getByTestId('lab-position');
const feedback = (page: Page) => lesson(page).getByTestId('lesson-feedback');
const progress = (page: Page) => lesson(page).getByTestId('lesson-progress');
const check = (page: Page) => lesson(page).getByRole('button', { name: 'Check answer' });
const next = (page: Page) => lesson(page).getByRole('button', { name: 'Next ▶' });

/** Steps the lab until the current step's events contain `text` (one step at a time, waiting for each). */
async function stepUntil(page: Page, text: string): Promise<void> {
  const current = lab(page).getByRole('region', { name: 'Current step' });
  for (let i = 0; i < 200; i++) {
    if ((await current.innerText()).includes(text)) return;
    const before = await position(page).innerText();
    await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
    await expect(position(page)).not.toHaveText(before);
  }
  throw new Error(`no step shows "${text}"`);
}

test('the gallery opens a lesson; its questions are answered by stepping, and it completes', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Lessons' }).click();
  const gallery = page.getByRole('dialog', { name: 'Lessons' });
  for (const title of ['Tumbling, sliding and session windows', 'Out-of-order data and bounded-out-of-orderness watermarks', 'Allowed lateness, late firings and side outputs', 'An idle source stalls the watermark', 'keyBy, key groups and parallelism', 'Checkpoints, barriers and exactly-once']) {
    await expect(gallery.getByRole('listitem', { name: title })).toBeVisible();
  }
  await gallery.getByRole('button', { name: 'Open Allowed lateness, late firings and side outputs' }).click();
  await expect(gallery).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Job name' })).toHaveValue('Lesson: allowed lateness and side outputs');
  await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  await expect(progress(page)).toHaveText('Step 1 of 5 · 0 of 5 questions answered');

  // Q1, a step question: checked too early it says "not yet", at the firing it is right.
  await check(page).click();
  await expect(feedback(page)).toContainText('✗ You are before the first step');
  await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
  await check(page).click();
  await expect(feedback(page)).toContainText('✗ Not yet: the window has not fired at this step');
  await stepUntil(page, 'window fires at sum-10s');
  await check(page).click();
  await expect(feedback(page)).toContainText('✓ Right: step 5 is the one.');
  await expect(progress(page)).toContainText('1 of 5 questions answered');

  // Q2: the late firing.
  await next(page).click();
  await stepUntil(page, 'late firing at sum-10s');
  await check(page).click();
  await expect(feedback(page)).toContainText('✓ Right');

  // Q3, a number from the trace: wrong first (the first firing's 30), then the late firing's 35.
  await next(page).click();
  const answer = lesson(page).getByRole('spinbutton', { name: 'Your answer' });
  await answer.fill('30');
  await check(page).click();
  await expect(feedback(page)).toContainText('✗ Not quite.');
  await answer.fill('35');
  await answer.press('Enter');
  await expect(feedback(page)).toContainText('✓ Right: 35.');

  // Q4: the cleanup purge. One step too far, the lab says where it was and goes back there.
  await next(page).click();
  await stepUntil(page, 'window purged at sum-10s');
  await lab(page).getByRole('button', { name: 'Step', exact: true }).click();
  await check(page).click();
  await expect(feedback(page)).toContainText('✗ Not this step. It happened earlier, at step 11');
  await feedback(page).getByRole('button', { name: 'Go to step 11' }).click();
  await expect(position(page)).toContainText('(12 of ');
  await check(page).click();
  await expect(feedback(page)).toContainText('✓ Right: step 11 is the one.');

  // Q5, a choice: before the record arrives the lab says so; then a wrong option, then the right one.
  await next(page).click();
  await lesson(page).getByRole('radio', { name: 'It goes to the side output too-late' }).check();
  await check(page).click();
  await expect(feedback(page)).toContainText('✗ Not yet: the reading at 00:00:08 has not reached sum-10s yet');
  await stepUntil(page, 'late record to the side output');
  await lesson(page).getByRole('radio', { name: 'It is dropped without a trace' }).check();
  await check(page).click();
  await expect(feedback(page)).toContainText('✗ Not quite.');
  await lesson(page).getByRole('radio', { name: 'It goes to the side output too-late' }).check();
  await check(page).click();
  await expect(feedback(page)).toContainText('✓ Right: It goes to the side output too-late.');
  await expect(progress(page)).toHaveText('Step 5 of 5 · 5 of 5 questions answered');
  await expect(lesson(page).getByRole('status').filter({ hasText: 'Lesson complete' })).toBeVisible();

  // Leaving the lab keeps the lesson's job; the lesson pane shows again in the lab.
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(page.getByRole('tablist', { name: 'Panels' })).toBeVisible();
});

test("a lesson's own link opens the IDE straight into it; its change traces the changed job", async ({ page }) => {
  await page.goto('/#lesson=idle-source');
  await expect(lesson(page)).toContainText('An idle source stalls the watermark');
  await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  await expect(page.getByRole('textbox', { name: 'Job name' })).toHaveValue('Lesson: an idle source stalls the watermark');
  // The link left the address bar, as a shared job's does.
  expect(new URL(page.url()).hash).toBe('');

  // Step 2: run to the first firing: ads' element caused it.
  await next(page).click();
  const form = lab(page).getByRole('region', { name: 'Breakpoints' });
  await form.getByRole('combobox', { name: 'Breakpoint kind' }).selectOption('window-fires');
  await form.getByRole('button', { name: 'Add breakpoint' }).click();
  await lab(page).getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(position(page)).toContainText('stopped: A window fires');
  await lesson(page).getByRole('radio', { name: 'clicks' }).check();
  await check(page).click();
  await expect(feedback(page)).toContainText('✗ Not quite. Follow the firing');
  await lesson(page).getByRole('radio', { name: 'ads' }).check();
  await check(page).click();
  await expect(feedback(page)).toContainText('✓ Right: ads.');

  // Step 3: set idleTimeoutMs; the lab traces the changed job from the start and ads goes idle.
  await next(page).click();
  await lesson(page).getByRole('button', { name: 'Set idleTimeoutMs: 1000 on ads-wm and trace again' }).click();
  await expect(lesson(page)).toContainText('✓ done: the lab traces the changed job');
  await expect(position(page)).toContainText('(0 of ');
  await stepUntil(page, 'goes idle');
  await check(page).click();
  await expect(feedback(page)).toContainText('✓ Right');
  await expect(progress(page)).toContainText('2 of 4 questions answered');
});

test('the checkpoints lesson: the learner kills a slot with the lab\'s Kill slot, says which checkpoint the job restarted from, and completes it', async ({ page }) => {
  await page.goto('/#lesson=checkpoints-exactly-once');
  await expect(lesson(page)).toContainText('Checkpoints, barriers and exactly-once');
  await expect(lab(page).getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
  await expect(progress(page)).toHaveText('Step 1 of 7 · 0 of 6 questions answered');
  const form = lab(page).getByRole('region', { name: 'Breakpoints' });
  await form.getByRole('combobox', { name: 'Breakpoint kind' }).selectOption('checkpoint-complete');
  await form.getByRole('button', { name: 'Add breakpoint' }).click();
  const toCompletion = async () => {
    await lab(page).getByRole('button', { name: 'Run to breakpoint' }).click();
    await expect(position(page)).toContainText('stopped: A checkpoint completes');
  };

  // Q1 and Q2 happened before checkpoint 1 completed: the lab says where, and goes there.
  for (const q of [1, 2]) {
    await toCompletion();
    await check(page).click();
    await expect(feedback(page)).toContainText('✗ Not this step. It happened earlier');
    await feedback(page).getByRole('button', { name: /^Go to step/ }).click();
    await check(page).click();
    await expect(feedback(page)).toContainText('✓ Right');
    await expect(progress(page)).toContainText(`${q} of 6 questions answered`);
    await next(page).click();
  }
  // Q3: the completion; Q4: its snapshots — 2 sources, 2 payments and 2 totals subtasks.
  await toCompletion();
  await check(page).click();
  await expect(feedback(page)).toContainText('✓ Right');
  await next(page).click();
  const answer = lesson(page).getByRole('spinbutton', { name: 'Your answer' });
  await answer.fill('6');
  await check(page).click();
  await expect(feedback(page)).toContainText('✓ Right: 6.');
  await next(page).click();

  // Q5: the lesson asks for the lab's Kill slot, not a run outside the lab.
  await expect(lesson(page)).toContainText('In the lab\'s Chaos controls choose a slot in Slot to kill and press Kill slot');
  await expect(lesson(page)).not.toContainText('Leave lab');
  await check(page).click();
  await expect(feedback(page)).toContainText('✗ Not yet: no slot was killed at this step');
  const chaos = lab(page).getByRole('region', { name: 'Chaos' });
  await chaos.getByRole('combobox', { name: 'Slot to kill' }).selectOption('0');
  await chaos.getByRole('button', { name: 'Kill slot' }).click();
  await expect(lab(page).getByRole('region', { name: 'Current step' })).toContainText('you killed slot 0');
  await check(page).click();
  await expect(feedback(page)).toContainText('✓ Right');

  // Q6: the kill restored checkpoint 1, the latest completed one.
  await next(page).click();
  await answer.fill('2');
  await check(page).click();
  await expect(feedback(page)).toContainText('✗ Not quite.');
  await answer.fill('1');
  await answer.press('Enter');
  await expect(feedback(page)).toContainText('✓ Right: 1.');
  await next(page).click();
  await expect(progress(page)).toHaveText('Step 7 of 7 · 6 of 6 questions answered');
  await expect(lesson(page).getByRole('status').filter({ hasText: 'Lesson complete' })).toBeVisible();
});
