/**
 * The IDE's large job: ten pipelines of ten nodes (generate → watermark → map → filter → map →
 * key → window → map → filter → collect) whose sources never end. The page's responsiveness is
 * measured on it (`npm run bench -- --ide`), and e2e/ide-large-job.spec.ts checks that the IDE
 * keeps up with it.
 */
export const LARGE_JOB_CHAINS = 10;

export function largeJob() {
  const nodes: { id: string; kind: string; params?: Record<string, unknown> }[] = [];
  const edges: { from: string; to: string }[] = [];
  for (let c = 0; c < LARGE_JOB_CHAINS; c++) {
    const id = (s: string) => `${s}-${c}`;
    const chain = [
      { id: id('gen'), kind: 'source.datagen', params: { ratePerSec: 500, seed: c + 1, keys: 8, stepMs: 20, startTs: 0 } },
      { id: id('wm'), kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0 } },
      { id: id('scale'), kind: 'map', params: { code: '(r) => ({ ...r, v: r.value * 2 })' } },
      { id: id('keep'), kind: 'filter', params: { code: '(r) => r.v >= 0' } },
      { id: id('tag'), kind: 'map', params: { code: `(r) => ({ ...r, chain: ${c} })` } },
      { id: id('by-key'), kind: 'keyBy', params: { field: 'key' } },
      { id: id('count'), kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'count' } } },
      { id: id('wrap'), kind: 'map', params: { code: '(r) => ({ n: r.value ?? r })' } },
      { id: id('any'), kind: 'filter', params: { code: '(r) => r !== null' } },
      { id: id('out'), kind: 'sink.collect' },
    ];
    nodes.push(...chain);
    for (let i = 1; i < chain.length; i++) edges.push({ from: chain[i - 1]!.id, to: chain[i]!.id });
  }
  return { format: 'eddy/job@1', name: 'Hundred nodes', parallelism: 2, nodes, edges };
}

/** The link that opens a job in the IDE (its code then waits for the user's review). */
export function jobLink(job: unknown): string {
  return '#job=' + Buffer.from(JSON.stringify(job), 'utf8').toString('base64url');
}

/** What `responsivenessProbe` records in the page. */
export interface PageProbe {
  __longTasks: { start: number; duration: number }[];
  __selections: { id: string; ms: number }[];
}

/**
 * An init script (Playwright's `addInitScript`) that measures in the page, not through
 * Playwright's actionability waits: Chromium's long tasks (buffered from the first script on)
 * and, for each click on a canvas node, the time from the pointer event to the first frame
 * whose inspector shows that node. Self-contained: it is serialized into the page.
 */
export function responsivenessProbe(): void {
  const w = window as unknown as PageProbe;
  w.__longTasks = [];
  w.__selections = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener(
    'pointerdown',
    (e) => {
      const id = (e.target as Element | null)?.closest<HTMLElement>('.react-flow__node')?.dataset['id'];
      if (id === undefined) return;
      const clickedAt = e.timeStamp;
      const shown = () => [...document.querySelectorAll<HTMLInputElement>('aside[aria-label="Inspector"] input')].some((i) => i.value === id);
      const frame = () => {
        if (shown()) w.__selections.push({ id, ms: performance.now() - clickedAt });
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    },
    { capture: true },
  );
}

/** The probe's long tasks since `since` (page time, ms) and every selection measured. */
export function readProbe(page: { evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R> }, since: number): Promise<{ longTasks: PageProbe['__longTasks']; selections: PageProbe['__selections'] }> {
  return page.evaluate((t: number) => {
    const w = window as unknown as PageProbe;
    return { longTasks: w.__longTasks.filter((x) => x.start >= t), selections: w.__selections };
  }, since);
}
