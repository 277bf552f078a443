/**
 * The lab timeline's interactions in Chromium, through what the canvas tells the page: hovering
 * a record's dot shows the record, its windows and its fate with why; clicking a fired pane shows
 * its records and the watermark (and its source element) that fired it; at parallelism 2 each
 * subtask's watermark has its own line beside the combined one; the processing-time axis moves
 * the dots to the step they arrived at; a job with two window nodes has two timelines; and the
 * Queues view shows the checkpoint barriers waiting in a channel. Where the canvas drew a mark
 * comes from its data attributes (`data-current-record`, `data-watermark-lines`, `data-domain`);
 * what is expected comes from the engine's own trace of the same job, not numbers written here.
 */
import { readFileSync } from 'node:fs';
import { type Locator, type Page, expect, test } from '@playwright/test';
import { TimelineBuilder } from '../app/lab/timeline-model';
import { AXIS_HEIGHT, GUTTER, LANE_HEIGHT, PAD } from '../app/lab/timeline-axis';
import { traceJob } from '../engine/index';

const lab = (page: Page) => page.getByRole('region', { name: 'Lab' });
const position = (page: Page) => page.getByTestId('lab-position');
const stepButton = (page: Page) => lab(page).getByRole('button', { name: 'Step', exact: true });
const lateData = JSON.parse(readFileSync(new URL('../public/examples/late-data.json', import.meta.url), 'utf8'));

async function openJob(page: Page, job: unknown, size = { width: 1280, height: 720 }): Promise<void> {
  await page.setViewportSize(size);
  // A fresh page each time: a new hash alone would not load another job into an open page.
  await page.goto('about:blank');
  await page.goto('/#job=' + Buffer.from(JSON.stringify(job), 'utf8').toString('base64url'));
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(stepButton(page)).toBeEnabled();
  // The trace is taken as the lab steps: run it to its end once, so the scrubber reaches every step.
  await lab(page).getByRole('button', { name: 'Run to breakpoint' }).click();
  await expect(position(page)).toContainText('stopped: end of the trace');
}

/** Moves to `done` steps done with the scrubber (the trace was run to its end). */
async function goTo(page: Page, done: number): Promise<void> {
  await lab(page).getByRole('slider', { name: 'Scrubber' }).fill(String(done));
  await expect(position(page)).toContainText(`(${done} of `);
}

/** Hovers the dot of the record the current step took (where the canvas says it drew it). */
async function hoverCurrentRecord(page: Page, canvas: Locator): Promise<Locator> {
  await expect(canvas).toHaveAttribute('data-current-record', /^\d+,\d+$/);
  const [x, y] = (await canvas.getAttribute('data-current-record'))!.split(',').map(Number) as [number, number];
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + x, box.y + y);
  return lab(page).getByRole('tooltip');
}

/** The element marking record `id`'s dot (its index in arrival order at the window node), present while the record is drawn. */
const recordMark = (timeline: Locator, id: number) => timeline.locator(`.lab-record-mark[data-record="${id}"]`);

/** The centre of record `id`'s dot, in page pixels. */
async function dotOf(timeline: Locator, id: number): Promise<{ x: number; y: number }> {
  const b = (await recordMark(timeline, id).boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** The canvas x of event time `t`, through its event-time domain (as the timeline lays it out). */
async function xOf(canvas: Locator, t: number): Promise<number> {
  return canvas.evaluate(
    (c: HTMLCanvasElement, a: { t: number; gutter: number; pad: number }) => {
      const [d0, d1] = c.dataset['domain']!.split(',').map(Number) as [number, number];
      const right = Math.max(a.gutter + 100, c.clientWidth - a.pad);
      return a.gutter + ((a.t - d0) / (d1 - d0)) * (right - a.gutter);
    },
    { t, gutter: GUTTER, pad: PAD },
  );
}

/** The step (index) at which the late-data example's window node takes its `n`-th record (0-based). */
function recordStep(steps: ReturnType<typeof traceJob>['steps'], n: number): number {
  // The sink is chained to the window: its own `record.in` events (the firings' results) are in the same steps.
  return steps.filter((s) => s.events.some((e) => e.type === 'record.in' && e['node'] === 'sum-10s'))[n]!.step;
}

test('hovering a record\'s dot shows the record, its windows, and whether it was on time, late, sent to the side output or dropped — and why', async ({ page }) => {
  const { steps } = traceJob(lateData);
  await openJob(page, lateData);
  const canvas = lab(page).getByRole('region', { name: 'Timeline' }).getByRole('img', { name: /Event time from/ });

  // The first record (10 at 1 s): on time, in [0 s, 10 s).
  await goTo(page, recordStep(steps, 0) + 1);
  let tip = await hoverCurrentRecord(page, canvas);
  await expect(tip).toContainText('{"sensor":"s1","value":10,"ts":1000}');
  await expect(tip).toContainText('key s1 · event time 00:00:01.000');
  await expect(tip).toContainText('on time: the watermark (none yet) had not reached the end of its windows');
  await expect(tip).toContainText('windows [00:00:00.000, 00:00:10.000)');

  // 5 at 9 s after the watermark 10.999 s: late, within the 5 s of allowed lateness — it fires the window again.
  await page.mouse.move(0, 0);
  await goTo(page, recordStep(steps, 2) + 1);
  tip = await hoverCurrentRecord(page, canvas);
  await expect(tip).toContainText('{"sensor":"s1","value":5,"ts":9000}');
  await expect(tip).toContainText("late, accepted (fires again): the watermark (00:00:10.999) had passed a window's end, but not end + allowed lateness (5.00 s)");
  await expect(tip).toContainText('windows [00:00:00.000, 00:00:10.000)');

  // 1 at 8 s after the watermark 14.999 s: past lateness, to the side output "too-late".
  await page.mouse.move(0, 0);
  await goTo(page, recordStep(steps, 4) + 1);
  tip = await hoverCurrentRecord(page, canvas);
  await expect(tip).toContainText('{"sensor":"s1","value":1,"ts":8000}');
  await expect(tip).toContainText('late → side output: every window was past end + allowed lateness at watermark 00:00:14.999');
  await expect(tip).toContainText('its windows, all past lateness: [00:00:00.000, 00:00:10.000)');

  // Any record, not only the current step's, can be found by its identity: the first one, four records later.
  const timeline = lab(page).getByRole('region', { name: 'Timeline' });
  await expect(recordMark(timeline, 4)).toHaveAttribute('data-current', '');
  await expect(recordMark(timeline, 0)).toHaveAttribute('data-step', String(recordStep(steps, 0)));
  await expect(recordMark(timeline, 0)).toHaveAttribute('data-fate', 'on-time');
  await page.mouse.move(0, 0);
  const first = await dotOf(timeline, 0);
  await page.mouse.move(first.x, first.y);
  await expect(tip).toContainText('{"sensor":"s1","value":10,"ts":1000}');
  await expect(tip).toContainText(`event time 00:00:01.000 · step ${recordStep(steps, 0)}`);

  // The same job without the side output: that record is dropped.
  const noSideOutput = { ...lateData, nodes: lateData.nodes.map((n: { id: string; params?: object }) => (n.id === 'sum-10s' ? { ...n, params: { ...n.params, lateOutput: undefined } } : n)).filter((n: { id: string }) => n.id !== 'dropped'), edges: lateData.edges.filter((e: { to: string }) => e.to !== 'dropped') };
  await page.mouse.move(0, 0);
  await openJob(page, noSideOutput);
  await goTo(page, recordStep(traceJob(noSideOutput).steps, 4) + 1);
  tip = await hoverCurrentRecord(page, canvas);
  await expect(tip).toContainText('late → dropped: every window was past end + allowed lateness at watermark 00:00:14.999, and no side output is wired');
});

test('clicking a fired pane shows its records and the watermark, with its source element, that fired it; a late firing names the record', async ({ page }) => {
  const { steps } = traceJob(lateData);
  const fire = steps.find((s) => s.events.some((e) => e.type === 'window.fire'))!;
  const lateFire = steps.find((s) => s.step > fire.step && s.events.some((e) => e.type === 'window.fire'))!;
  const cause = fire.events.find((e) => e.type === 'window.fire')!['cause'] as { node: string; offset: number };
  await openJob(page, lateData);
  const timeline = lab(page).getByRole('region', { name: 'Timeline' });
  const canvas = timeline.getByRole('img', { name: /Event time from/ });
  await goTo(page, fire.step + 1);

  // The pane [0 s, 10 s) of s1 (the only lane), clicked away from its dots (at 1 s and 4 s).
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: await xOf(canvas, 7_000), y: AXIS_HEIGHT + LANE_HEIGHT / 2 } });
  const details = timeline.getByRole('group', { name: 'Window pane' });
  await expect(details).toContainText('s1 [00:00:00.000, 00:00:10.000) — fired');
  await expect(details).toContainText('Records (2): {"sensor":"s1","value":10,"ts":1000}, {"sensor":"s1","value":20,"ts":4000}');
  await expect(details).toContainText(`Fired at step ${fire.step} with {"key":"s1","windowStart":0,"windowEnd":10000,"value":30} — by the watermark 00:00:10.999, from element ${cause.offset} of ${cause.node}`);
  expect(box.width).toBeGreaterThan(0);

  // On to the late record: the same pane fires again, caused by that record.
  await goTo(page, lateFire.step + 1);
  await expect(details).toContainText('Records (3):');
  await expect(details).toContainText(`Late firing at step ${lateFire.step} with {"key":"s1","windowStart":0,"windowEnd":10000,"value":35} — by a record (element 3 of readings), the watermark at 00:00:10.999`);
  await details.getByRole('button', { name: 'Close pane details' }).click();
  await expect(details).toHaveCount(0);

  // At the end of the input the window [10 s, 20 s) fired by the watermark of element 7 (19.999 s).
  await goTo(page, steps.length);
  await canvas.click({ position: { x: await xOf(canvas, 17_000), y: AXIS_HEIGHT + LANE_HEIGHT / 2 } });
  await expect(details).toContainText('by the watermark 00:00:19.999, from element 7 of readings');
});

/** Four keys through one collection source into a tumbling count at parallelism 2: the keyBy spreads them over both window subtasks. */
const parallelJob = {
  format: 'eddy/job@1',
  name: 'Two subtasks',
  parallelism: 2,
  nodes: [
    {
      id: 'src',
      kind: 'source.collection',
      params: {
        timestampField: 'ts',
        records: [{ k: 'a', ts: 1000 }, { k: 'b', ts: 2000 }, { k: 'c', ts: 3000 }, { k: 'd', ts: 4000 }, { $watermark: 4999 }, { k: 'a', ts: 6000 }, { k: 'b', ts: 7000 }, { $watermark: 9999 }],
      },
    },
    { id: 'by', kind: 'keyBy', params: { field: 'k' } },
    { id: 'win', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 5000 }, function: { type: 'aggregate', fn: 'count' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'by' },
    { from: 'by', to: 'win' },
    { from: 'win', to: 'out' },
  ],
};

test('at parallelism 2 each subtask\'s watermark has its own line beside the combined one, the minimum', async ({ page }) => {
  const { steps } = traceJob(parallelJob, { parallelism: 2 });
  // The first step after which the two subtasks' watermarks differ (one took the watermark, the other not yet).
  const b = new TimelineBuilder('win');
  let at = -1;
  for (const s of steps) {
    b.apply(s);
    const w = b.model().watermarks;
    if (w.size === 2 && w.get(0) !== w.get(1) && [...w.values()].every(Number.isFinite)) {
      at = s.step;
      break;
    }
  }
  expect(at).toBeGreaterThanOrEqual(0);
  const w = b.model().watermarks;
  const [w0, w1] = [w.get(0)!, w.get(1)!];
  await openJob(page, parallelJob);
  await goTo(page, at + 1);
  const timeline = lab(page).getByRole('region', { name: 'Timeline' });
  const canvas = timeline.getByRole('img', { name: /Event time from/ });
  const name = (ms: number) => (ms === 4999 ? '00:00:04.999' : ms === 9999 ? '00:00:09.999' : String(ms));
  await expect(canvas).toHaveAccessibleName(new RegExp(`the minimum of subtasks #0 ${name(w0)}, #1 ${name(w1)}`));
  await expect(timeline.getByTestId('timeline-watermark')).toContainText(`min over 2 subtasks: #0 ${name(w0)}, #1 ${name(w1)}`);
  // Three lines: one per subtask where its watermark lies, and the combined one on the lower.
  const lines = Object.fromEntries((await canvas.getAttribute('data-watermark-lines'))!.split(' ').map((l) => l.split(':') as [string, string]));
  expect(Object.keys(lines).sort()).toEqual(['#0', '#1', 'combined']);
  expect(Number(lines['#0'])).toBeCloseTo(await xOf(canvas, w0), -1);
  expect(Number(lines['#1'])).toBeCloseTo(await xOf(canvas, w1), -1);
  expect(Number(lines['combined'])).toBe(Number(lines[w0 < w1 ? '#0' : '#1']));
  expect(lines['#0']).not.toBe(lines['#1']);
});

test('the processing-time axis puts each dot at the step it arrived; Keys lays it back on its lane', async ({ page }) => {
  const { steps } = traceJob(lateData);
  // Tall enough that the whole processing-time plot is on screen to hover (as in lab-cep.spec).
  await openJob(page, lateData, { width: 1920, height: 1080 });
  const timeline = lab(page).getByRole('region', { name: 'Timeline' });
  const canvas = timeline.getByRole('img', { name: /Event time from/ });
  await goTo(page, recordStep(steps, 3) + 1);
  await expect(canvas).toHaveAttribute('data-current-record', /,/);
  const onLane = (await canvas.getAttribute('data-current-record'))!;
  expect(Number(onLane.split(',')[1])).toBe(AXIS_HEIGHT + LANE_HEIGHT / 2);
  const keysHeight = (await canvas.boundingBox())!.height;

  await timeline.getByRole('group', { name: 'Vertical axis' }).getByRole('button', { name: 'Processing time' }).click();
  await expect(timeline.getByRole('button', { name: 'Processing time' })).toHaveAttribute('aria-pressed', 'true');
  await expect(canvas).not.toHaveAttribute('data-current-record', onLane);
  await expect.poll(async () => (await canvas.boundingBox())!.height).toBeGreaterThan(keysHeight);
  // The same x (its event time), lower down (the last step so far is at the bottom of the plot).
  const [x, y] = (await canvas.getAttribute('data-current-record'))!.split(',').map(Number) as [number, number];
  expect(x).toBe(Number(onLane.split(',')[0]));
  expect(y).toBeGreaterThan(AXIS_HEIGHT + LANE_HEIGHT);
  // Elsewhere and back, each record by its identity: before record 3 arrives it is not drawn and
  // record 2 is the current one; back again, record 3 is where it was, below record 2 (it arrived later).
  // (The marks follow the drawing within a moment: waited for by where the canvas says it drew the dot.)
  await expect(recordMark(timeline, 3)).toHaveAttribute('style', `left:${x}px;top:${y}px`);
  await expect(recordMark(timeline, 3)).toHaveAttribute('data-current', '');
  const third = await dotOf(timeline, 3);
  await goTo(page, recordStep(steps, 2) + 1);
  await expect(recordMark(timeline, 3)).toHaveCount(0);
  await expect(recordMark(timeline, 2)).toHaveAttribute('data-current', '');
  await goTo(page, recordStep(steps, 3) + 1);
  await expect(canvas).toHaveAttribute('data-current-record', `${x},${y}`);
  await expect(recordMark(timeline, 3)).toHaveAttribute('data-current', '');
  await expect(recordMark(timeline, 2)).not.toHaveAttribute('data-current', '');
  await expect(recordMark(timeline, 3)).toHaveAttribute('style', `left:${x}px;top:${y}px`);
  expect(await dotOf(timeline, 3)).toEqual(third);
  expect((await dotOf(timeline, 2)).y).toBeLessThan(third.y);
  await canvas.scrollIntoViewIfNeeded();
  const tip = await hoverCurrentRecord(page, canvas);
  await expect(tip).toContainText('{"sensor":"s1","value":7,"ts":12000}');

  await page.mouse.move(0, 0);
  await timeline.getByRole('button', { name: 'Keys' }).click();
  await expect(canvas).toHaveAttribute('data-current-record', onLane);
});

test('a job with two window nodes shows a timeline for each, each with its own panes', async ({ page }) => {
  const job = {
    ...lateData,
    name: 'Two windows',
    nodes: [
      ...lateData.nodes,
      { id: 'count-5s', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 5000 }, function: { type: 'aggregate', fn: 'count' } } },
      { id: 'counts', kind: 'sink.collect' },
    ],
    edges: [...lateData.edges, { from: 'by-sensor', to: 'count-5s' }, { from: 'count-5s', to: 'counts' }],
  };
  const { steps } = traceJob(job);
  await openJob(page, job);
  const sums = lab(page).getByRole('region', { name: 'Timeline of sum-10s' });
  const counts = lab(page).getByRole('region', { name: 'Timeline of count-5s' });
  await expect(sums.getByRole('img', { name: /Event time from/ })).toBeVisible();
  await expect(counts.getByRole('img', { name: /Event time from/ })).toBeVisible();

  await goTo(page, steps.length);
  await sums.getByText(/^Window panes/).click();
  await counts.getByText(/^Window panes/).click();
  // Each timeline lists its own node's panes, as the trace fired them.
  const fired = (node: string) => [...new Set(steps.flatMap((s) => s.events.filter((e) => e.type === 'window.fire' && e['node'] === node).map((e) => `s1@${(e['window'] as { start: number }).start}`)))];
  expect(fired('sum-10s')).toEqual(['s1@0', 's1@10000']);
  expect(fired('count-5s')).toEqual(['s1@0', 's1@10000']);
  // The same windows' starts, but each table has its own node's results: sums 30 then 35 (a late firing), counts 2.
  const results = (t: Locator, p: string) => t.locator(`tr[data-pane="${p}"] td`).nth(4);
  await expect(results(sums, 's1@0')).toContainText('"value":30}');
  await expect(results(sums, 's1@0')).toContainText('"value":35}');
  await expect(results(counts, 's1@0')).toHaveText(/^\{[^→]*"value":2\}$/);
  await expect(results(sums, 's1@10000')).toContainText('"value":7}');
  await expect(results(counts, 's1@10000')).toContainText('"value":1}');
  await expect(counts.getByRole('img', { name: /Event time from/ })).toHaveAccessibleName(/00:00:00\.000 to 00:00:15\.000; 1 keys/);
});

test('paused where a barrier waits in a channel, the Queues view shows it in order with the records', async ({ page }) => {
  const job = JSON.parse(readFileSync(new URL('../public/lessons/checkpoints-exactly-once.json', import.meta.url), 'utf8')).job;
  const { steps } = traceJob(job, { parallelism: job.parallelism });
  const sources = new Set(job.nodes.filter((n: { kind: string }) => n.kind.startsWith('source.')).map((n: { id: string }) => n.id));
  // The first barrier a task downstream of the sources takes: before that step it waits in its channel.
  const taken = steps.find((s) => !sources.has(s.node) && s.events.some((e) => e.type === 'checkpoint.barrier'))!;
  const id = taken.events.find((e) => e.type === 'checkpoint.barrier')!['checkpointId'];
  await openJob(page, job);
  await goTo(page, taken.step);
  const queues = lab(page).getByRole('region', { name: 'Queues' });
  // Its channels from upstream: at least one holds the barrier (each upstream subtask sends one).
  const into = queues.getByRole('listitem', { name: new RegExp(`→ ${taken.node}\\[${taken.subtask}\\]$`) }).filter({ hasText: `barrier ${id}` });
  await expect(into.first()).toBeVisible();
  await expect(into.first().locator('.lab-queued.barrier').first()).toHaveText(`barrier ${id}`);
  // The task takes it at the next step: the step says so.
  await stepButton(page).click();
  await expect(lab(page).getByRole('region', { name: 'Current step' })).toContainText(`barrier ${id}`);
});
