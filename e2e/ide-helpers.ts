/** Shared steps of the IDE's end-to-end tests: open jobs, run them, read their results. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Locator, type Page, expect } from '@playwright/test';

export const ORIGIN = `http://127.0.0.1:${process.env.EDDY_E2E_PORT ?? 4173}/`;

/** The CLI's output for an example, sorted (the order across subtasks is not fixed). */
export function expectedLines(name: string): string[] {
  return readFileSync(join(import.meta.dirname, '..', 'public', 'examples', 'expected', `${name}.jsonl`), 'utf8').trim().split('\n').sort();
}

/** Every request the page makes, to check that none leaves the origin. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

export function foreign(urls: readonly string[]): string[] {
  return urls.filter((u) => !u.startsWith(ORIGIN) && !u.startsWith('blob:') && !u.startsWith('data:'));
}

/** base64url of a job's JSON, as share links carry it. */
export function shareHash(job: unknown): string {
  return '#job=' + Buffer.from(JSON.stringify(job), 'utf8').toString('base64url');
}

/** Opens the IDE on a job through a share link (jobs without code open without a review). */
export async function openJob(page: Page, job: unknown): Promise<void> {
  await page.goto('/' + shareHash(job));
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
}

export async function openExample(page: Page, title: string): Promise<void> {
  await (await menuCommand(page, 'Examples')).click();
  const gallery = page.getByRole('dialog', { name: 'Examples' });
  await gallery.getByRole('button', { name: `Open ${title}` }).click();
  await expect(gallery).toBeHidden();
}

/** Runs the job and waits until it finished; returns the run summary line. */
export async function runToEnd(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Run' }).click();
  const summary = page.getByTestId('slots');
  await expect(summary).toContainText('Finished', { timeout: 30_000 });
  return summary.innerText();
}

/** The results as "Download results" writes them: CLI JSON lines, sorted. */
export async function downloadedResults(page: Page): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results' }).click()]);
  const text = await readFile((await download.path())!, 'utf8');
  return text.trim() === '' ? [] : text.trim().split('\n').sort();
}

/** A node on the canvas by its id. */
export function node(page: Page, id: string): Locator {
  return page.getByTestId(`node-${id}`);
}

/** A handle of a node: `out`, a side-output tag, `in`, `in1`, `in2`. */
export function handle(page: Page, nodeId: string, port: string): Locator {
  return page.locator(`.react-flow__handle[data-nodeid="${nodeId}"][data-handleid="${port}"]`);
}

/** Draws an edge by dragging from one handle to another, as a user does. */
export async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** datagen → watermarks → keyBy key → tumbling 1 s count → collect, at parallelism 2: a run that lasts count / ratePerSec seconds. */
export function generatedCountsJob(name: string, gen: { count: number; ratePerSec: number; seed: number; keys: number; stepMs: number }, extra: Record<string, unknown> = {}) {
  return {
    format: 'eddy/job@1',
    name,
    parallelism: 2,
    ...extra,
    nodes: [
      { id: 'gen', kind: 'source.datagen', params: { ...gen, startTs: 0 } },
      { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
      { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
      { id: 'count', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'count' } } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'gen', to: 'wm' },
      { from: 'wm', to: 'by-key' },
      { from: 'by-key', to: 'count' },
      { from: 'count', to: 'out' },
    ],
  };
}

/**
 * Opens the selected node's code param in Monaco and returns the editor: a code param shows
 * read-only until "Edit code" is used, and Monaco loads only then.
 */
export async function editCode(page: Page, param = 'code'): Promise<Locator> {
  const field = page.getByTestId(`code-${param}`);
  await field.getByRole('button', { name: 'Edit code' }).click();
  const editor = field.locator('.monaco-editor');
  await expect(editor).toBeVisible({ timeout: 30_000 });
  return editor;
}

/** Which toolbar menu holds a command. */
const MENU_OF: Readonly<Record<string, string>> = {
  'New job': 'Job',
  'New SQL script': 'Job',
  'Saved jobs': 'Job',
  'Import job': 'Job',
  'Export job': 'Job',
  'Export to Flink': 'Job',
  'Copy share link': 'Job',
  Examples: 'Job',
  'Kill a slot': 'Checkpoints',
  'Take savepoint': 'Checkpoints',
  'Stop with savepoint': 'Checkpoints',
  'Import savepoint': 'Checkpoints',
};

/** A command of a toolbar menu, with its menu opened (left open if it already is). */
export async function menuCommand(page: Page, name: string): Promise<Locator> {
  const item = page.getByRole('menuitem', { name, exact: true });
  if (!(await item.isVisible())) await page.getByRole('button', { name: MENU_OF[name]!, exact: true }).click();
  await expect(item).toBeVisible();
  return item;
}
