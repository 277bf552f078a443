/**
 * The lab's edge labels (an edge's tag and the watermark it carries) never cover a node's name
 * nor each other, on every example and every lesson, at 1280×720 and 1920×1080: on a graph zoomed out to fit
 * beside the timeline a short edge's label is wider than the edge, so the lab places it off
 * the nodes and off the other labels. Checked as the lab opens and again after some steps (the labels' text changes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { openExample } from './ide-helpers';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const position = (page: Page) => page.getByTestId('lab-position');
const publicDir = join(import.meta.dirname, '..', 'public');
const examples = (JSON.parse(readFileSync(join(publicDir, 'examples', 'index.json'), 'utf8')) as { title: string }[]).map((e) => e.title);
const lessons = JSON.parse(readFileSync(join(publicDir, 'lessons', 'index.json'), 'utf8')) as string[];

/**
 * Each edge label that overlaps a node's name (or id) text, as "label text ⟂ node name", and each
 * two edge labels that overlap, as "label text ⟂ label text (labels)".
 */
function overlapsInPage(): string[] {
  const labels = [...document.querySelectorAll<HTMLElement>('.edge-lab-label, .edge-lab-watermark, .react-flow__edge-textwrapper')];
  const names = [...document.querySelectorAll<HTMLElement>('.react-flow__node .job-node-title, .react-flow__node .job-node-id')];
  const found: string[] = [];
  for (const l of labels) {
    const a = l.getBoundingClientRect();
    for (const n of names) {
      // The text itself, not the block it sits in.
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const b of range.getClientRects()) {
        if (a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top) found.push(`${l.textContent} ⟂ ${n.textContent}`);
      }
    }
  }
  const boxes = [...document.querySelectorAll<HTMLElement>('.edge-lab-label, .react-flow__edge-textwrapper')].map((l) => ({ text: l.textContent, r: l.getBoundingClientRect() }));
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      if (a.r.left < b.r.right && a.r.right > b.r.left && a.r.top < b.r.bottom && a.r.bottom > b.r.top) found.push(`${a.text} ⟂ ${b.text} (labels)`);
    }
  });
  return found;
}

async function expectLabelsClear(page: Page, what: string): Promise<void> {
  await expect.poll(() => page.evaluate(overlapsInPage), { message: what }).toEqual([]);
}

/** Opens the lab, checks, steps up to 10 times, checks again. */
async function checkInLab(page: Page, what: string, opened: boolean): Promise<void> {
  if (!opened) await page.getByRole('button', { name: 'Lab' }).click();
  const step = lab(page).getByRole('button', { name: 'Step', exact: true });
  await expect(lab(page)).toBeVisible();
  // A job the stepper refuses shows why instead of the controls; its labels are checked all the same.
  const refused = lab(page).getByRole('alert');
  await expect.poll(async () => (await step.isEnabled()) || (await refused.isVisible())).toBe(true);
  if (await refused.isVisible()) {
    await expectLabelsClear(page, `${what}, not steppable`);
    return;
  }
  // (A SQL job's canvas shows its compiled plan, whose edges carry no watermark label.)
  await expectLabelsClear(page, `${what}, as the lab opens`);
  for (let i = 1; i <= 10; i++) {
    await step.click();
    // A step past the last one finds the end instead ("7 of 7 done", no "+").
    await expect(position(page)).toHaveText(new RegExp(`\\(${i} of |\\((\\d+) of \\1 done\\)`));
    if (/\((\d+) of \1 done\)/.test(await position(page).innerText())) break;
  }
  await expectLabelsClear(page, `${what}, after stepping`);
}

// Every example and lesson at 1280×720, the worst case: the graph is zoomed out furthest there,
// and the labels are scaled up against the zoom (up to 1.6×) to stay readable, so they are
// largest beside the nodes. At 1920×1080 the two graphs whose labels covered a name before they
// were placed off the nodes (the Late data example, the idle-source lesson) are checked as well.
const viewports = [
  { width: 1280, height: 720, examples, lessons },
  { width: 1920, height: 1080, examples: examples.filter((t) => t === 'Late data'), lessons: lessons.filter((l) => l === 'idle-source') },
];

for (const viewport of viewports) {
  for (const title of viewport.examples) {
    test(`at ${viewport.width}×${viewport.height} no edge label covers a node's name or another label: example ${title}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto('/');
      await openExample(page, title);
      await checkInLab(page, title, false);
    });
  }

  for (const id of viewport.lessons) {
    test(`at ${viewport.width}×${viewport.height} no edge label covers a node's name or another label: lesson ${id}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(`/#lesson=${id}`);
      await checkInLab(page, `lesson ${id}`, true);
    });
  }
}

test('the 1920×1080 checks find their graphs', () => {
  expect(viewports[1]!.examples.length).toBe(1);
  expect(viewports[1]!.lessons.length).toBe(1);
});
