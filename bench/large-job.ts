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
  /** Chromium's long animation frames over LONG_FRAME_MS, with the scripts that ran in each (their attribution). */
  __longFrames: LongFrame[];
  /** Every long animation frame (Chromium's, ≥ 50 ms) whose scripts forced style and layout: when, and how much. */
  __forcedLayout: { start: number; ms: number }[];
  /** Per click: the node, click to inspector, and the renders of canvas nodes and of the canvas, and the updates of React Flow's store, in between. */
  __selections: { id: string; ms: number; nodeRenders: number; canvasRenders: number; flowUpdates: number }[];
  /** The app's work counts (app/perf/work-counts.ts): renders, chart draws, metrics publications. */
  __eddyCounts: Record<string, number>;
}

/** A script run inside a long animation frame, as PerformanceScriptTiming names it. */
export interface FrameScript {
  /** What started it: "MessagePort.onmessage", "Window.requestAnimationFrame", "DOMWindow.onclick"… */
  invoker: string;
  invokerType: string;
  url: string;
  fn: string;
  /** Character offset of the function in `url` (-1 when unknown). */
  char: number;
  duration: number;
  /** Style and layout the script forced (read layout after writing the DOM). */
  forcedLayoutMs: number;
}

export interface LongFrame {
  start: number;
  duration: number;
  blockingMs: number;
  /** From the frame's rendering start (rAF callbacks, style, layout, paint) to its end; 0 without rendering. */
  renderMs: number;
  /** Style and layout of the rendering update. */
  styleLayoutMs: number;
  scripts: FrameScript[];
}

/**
 * Frames at least this long are recorded with their scripts: half the targets' long-task
 * threshold (100 ms), so what comes near it is named too, not only what passes it.
 */
export const LONG_FRAME_MS = 50;

/**
 * An init script (Playwright's `addInitScript`) that measures in the page, not through
 * Playwright's actionability waits: Chromium's long tasks (buffered from the first script on)
 * and, for each click on a canvas node, the time from the pointer event to the first frame
 * whose inspector shows that node. Self-contained: it is serialized into the page.
 */
export function responsivenessProbe(): void {
  const w = window as unknown as PageProbe;
  w.__longTasks = [];
  w.__longFrames = [];
  w.__forcedLayout = [];
  w.__selections = [];
  w.__eddyCounts = {};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // A long task says how long, a long animation frame also says which scripts ran in it and what invoked them.
  interface FrameEntry {
    startTime: number;
    duration: number;
    blockingDuration: number;
    renderStart: number;
    styleAndLayoutStart: number;
    scripts: { invoker: string; invokerType: string; sourceURL: string; sourceFunctionName: string; sourceCharPosition: number; duration: number; forcedStyleAndLayoutDuration: number }[];
  }
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as FrameEntry[]) {
        let forced = 0;
        for (const x of e.scripts) forced += x.forcedStyleAndLayoutDuration;
        if (forced > 0) w.__forcedLayout.push({ start: e.startTime, ms: forced });
        // The threshold is repeated: the probe is serialized into the page alone.
        if (e.duration < 50) continue;
        const end = e.startTime + e.duration;
        w.__longFrames.push({
          start: e.startTime,
          duration: e.duration,
          blockingMs: e.blockingDuration,
          renderMs: e.renderStart > 0 ? end - e.renderStart : 0,
          styleLayoutMs: e.styleAndLayoutStart > 0 ? end - e.styleAndLayoutStart : 0,
          scripts: e.scripts.map((x) => ({ invoker: x.invoker, invokerType: x.invokerType, url: x.sourceURL, fn: x.sourceFunctionName, char: x.sourceCharPosition, duration: x.duration, forcedLayoutMs: x.forcedStyleAndLayoutDuration })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
  document.addEventListener(
    'pointerdown',
    (e) => {
      const id = (e.target as Element | null)?.closest<HTMLElement>('.react-flow__node')?.dataset['id'];
      if (id === undefined) return;
      const clickedAt = e.timeStamp;
      const rendersOf = (what: string) => w.__eddyCounts[what] ?? 0;
      const nodesBefore = rendersOf('render.node');
      const canvasBefore = rendersOf('render.canvas');
      const flowBefore = rendersOf('canvas.flowUpdate');
      const shown = () => [...document.querySelectorAll<HTMLInputElement>('aside[aria-label="Inspector"] input')].some((i) => i.value === id);
      const frame = () => {
        if (shown()) w.__selections.push({ id, ms: performance.now() - clickedAt, nodeRenders: rendersOf('render.node') - nodesBefore, canvasRenders: rendersOf('render.canvas') - canvasBefore, flowUpdates: rendersOf('canvas.flowUpdate') - flowBefore });
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    },
    { capture: true },
  );
}

/** The probe's long tasks and long frames since `since` (page time, ms), every selection measured, and the work counts so far. */
export function readProbe(
  page: { evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R> },
  since: number,
): Promise<{ longTasks: PageProbe['__longTasks']; longFrames: PageProbe['__longFrames']; selections: PageProbe['__selections']; counts: PageProbe['__eddyCounts']; at: number }> {
  return page.evaluate((t: number) => {
    const w = window as unknown as PageProbe;
    return { longTasks: w.__longTasks.filter((x) => x.start >= t), longFrames: w.__longFrames.filter((x) => x.start >= t), selections: w.__selections, counts: { ...w.__eddyCounts }, at: performance.now() };
  }, since);
}

/**
 * The work counted between two reads of the probe, per metrics publication (one tick of the live
 * views) and per second of page time: "render.node 0.0/tick, chart.draw 2.0/tick (4.1/s), …".
 */
export function workPerTick(before: { counts: Record<string, number>; at: number }, after: { counts: Record<string, number>; at: number }): { ticks: number; seconds: number; perTick: Record<string, number>; perSecond: Record<string, number> } {
  const delta = (k: string) => (after.counts[k] ?? 0) - (before.counts[k] ?? 0);
  const ticks = delta('metrics.publish');
  const seconds = (after.at - before.at) / 1000;
  const perTick: Record<string, number> = {};
  const perSecond: Record<string, number> = {};
  for (const k of Object.keys(after.counts).sort()) {
    perTick[k] = ticks > 0 ? delta(k) / ticks : Number.NaN;
    perSecond[k] = seconds > 0 ? delta(k) / seconds : Number.NaN;
  }
  return { ticks, seconds, perTick, perSecond };
}

/** `workPerTick`'s figures as one line. */
export function workText(w: ReturnType<typeof workPerTick>): string {
  const parts = Object.keys(w.perTick).map((k) => `${k} ${w.perTick[k]!.toFixed(1)}/tick (${w.perSecond[k]!.toFixed(1)}/s)`);
  return `${w.ticks} metrics ticks in ${w.seconds.toFixed(1)} s: ${parts.join(', ')}`;
}
