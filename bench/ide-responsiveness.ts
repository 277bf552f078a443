/**
 * `npm run bench -- --ide`: how the IDE's page keeps up while a large job runs (the speed
 * issue's targets). Builds the app, serves it, opens the 100-node job of bench/large-job.ts at
 * parallelism 2 in headless Chromium, runs it, and clicks nodes one metrics tick apart with the
 * Throughput tab (the heaviest live panel) open. Measured in the page: click to inspector, and
 * Chromium's long tasks while the job runs, with the sources of its long animation frames (their
 * scripts mapped to the app's files, bench/frame-attribution.ts). Prints each target with holds / does not hold and
 * writes bench/results/ide.json.
 *
 *   npm run bench -- --ide [--clicks N] [--profile]
 *
 * `--profile` builds unminified and takes a CPU profile (Chrome DevTools protocol) of the page's
 * main thread from the Run click over the clicks: prints the functions with the most self time and writes
 * bench/results/ide.cpuprofile.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportCpuProfile } from './cpu-profile.js';
import { attributeFrames, attributionText, taskTimeline } from './frame-attribution.js';
import { jobLink, LONG_FRAME_MS, largeJob, readProbe, responsivenessProbe, workPerTick, workText } from './large-job.js';
import { option, percentile } from './trace-step-back.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH_DIR, '..');
const CHROMIUM = process.env.EDDY_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The speed issue's targets for the page. */
const TARGETS = { selectMs: 100, longTaskMs: 100 };

export async function runIdeBench(argv: readonly string[]): Promise<void> {
  const clicks = option(argv, '--clicks', 20);
  const profile = argv.includes('--profile');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run scripts/ensure-chromium.sh`);
  const outDir = join(ROOT, 'node_modules', '.eddy-bench-ide');
  const { build, preview } = await import('vite');
  console.log('eddy bench --ide: building the app…');
  // Hidden source maps: the long frames' scripts are mapped back to the app's files (bench/frame-attribution.ts).
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: !profile, sourcemap: 'hidden' } });
  const server = await preview({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { port: 5198, strictPort: false } });
  const base = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5198/';
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const loadBefore = os.loadavg();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.setDefaultTimeout(120_000);
    // tsx compiles this file keeping function names (esbuild's `__name(fn, "name")` wrappers),
    // and the probe is serialized into the page as it was compiled: give the page that helper.
    await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    await page.addInitScript(responsivenessProbe);
    const job = largeJob();
    await page.goto(base + jobLink(job));
    await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
    await page.locator('.react-flow__node').nth(job.nodes.length - 1).waitFor();
    // Profiled from before the Run click: the run's start is where the longest tasks were.
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (profile) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const started = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Run' }).click();
    const atRun = await readProbe(page, started);
    const runClicked = atRun.at;
    await page.getByRole('tab', { name: 'Throughput' }).click();
    await page.getByRole('table', { name: 'Throughput per operator and subtask' }).waitFor();
    // The first source's badge on the canvas: its records sent so far move on every metrics tick.
    const sentSoFar = page.getByTestId('node-gen-0').locator('.node-throughput');
    await sentSoFar.waitFor();
    const ids = job.nodes.map((n) => n.id);
    const countsBefore = await readProbe(page, started);
    for (let i = 0; i < clicks; i++) {
      // One click per metrics tick: the records the first source has sent moved on.
      const before = await sentSoFar.innerText();
      await page.waitForFunction(([el, text]) => (el as HTMLElement).innerText !== text, [await sentSoFar.elementHandle(), before] as const);
      const id = ids[(i * 37) % ids.length]!;
      await page.getByTestId(`node-${id}`).click({ force: true });
      await page.waitForFunction((n) => [...document.querySelectorAll<HTMLInputElement>('aside[aria-label="Inspector"] input')].some((x) => x.value === n), id);
    }
    if (cdp) reportCpuProfile((await cdp.send('Profiler.stop')).profile, join(BENCH_DIR, 'results', 'ide.cpuprofile'), "the run's start and the clicks");
    if (profile) reportMainThread(JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] });
    const probe = await readProbe(page, started);
    const work = workPerTick(countsBefore, probe);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const select = probe.selections.map((s) => s.ms);
    const tasks = probe.longTasks.map((t) => t.duration);
    const longest = Math.max(0, ...tasks);
    const result = {
      date: new Date().toISOString(),
      chromium: browser.version(),
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}`,
      load: { before: loadBefore, after: os.loadavg() },
      clicks: select.length,
      selectMs: { median: percentile(select, 0.5), p95: percentile(select, 0.95), max: Math.max(0, ...select) },
      longTasks: { count: tasks.length, longestMs: longest, over100: tasks.filter((t) => t > TARGETS.longTaskMs).length },
      longFrames: attributeFrames(probe.longFrames, outDir),
      targets: TARGETS,
      work,
      /** From the Run click to the first click: the work of the run's start (the badges and panels appearing), as counts. */
      runStart: { ms: countsBefore.at - runClicked, work: countsBetween(atRun.counts, countsBefore.counts) },
    };
    const holds = (ok: boolean) => (ok ? 'holds' : 'does not hold');
    console.log(`load ${loadBefore.map((x) => x.toFixed(2)).join(' ')}; ${result.clicks} clicks on the 100-node job at parallelism 2, Throughput tab open`);
    console.log(`click to inspector: median ${result.selectMs.median.toFixed(0)} ms, p95 ${result.selectMs.p95.toFixed(0)} ms, max ${result.selectMs.max.toFixed(0)} ms — target < ${TARGETS.selectMs} ms: ${holds(result.selectMs.max < TARGETS.selectMs)}`);
    console.log(`long tasks while running: ${result.longTasks.count}, longest ${longest.toFixed(0)} ms, ${result.longTasks.over100} over ${TARGETS.longTaskMs} ms — target none over ${TARGETS.longTaskMs} ms: ${holds(result.longTasks.over100 === 0)}`);
    for (const line of attributionText(result.longFrames)) console.log(line);
    console.log(`tasks over ${LONG_FRAME_MS} ms from the Run click (the clicks began at +${((countsBefore.at - runClicked) / 1000).toFixed(1)} s):`);
    for (const line of taskTimeline(probe.longTasks, probe.longFrames, outDir, runClicked, LONG_FRAME_MS)) console.log(line);
    console.log(`work from the Run click to the first click (${(result.runStart.ms / 1000).toFixed(1)} s): ${Object.entries(result.runStart.work).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(`work over the clicks (counts, not time: they hold on a loaded machine): ${workText(work)}`);
    mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
    writeFileSync(join(BENCH_DIR, 'results', 'ide.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

/** The work counts that moved from `before` to `after`. */
function countsBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const moved: Record<string, number> = {};
  for (const k of Object.keys(after).sort()) if ((after[k] ?? 0) !== (before[k] ?? 0)) moved[k] = (after[k] ?? 0) - (before[k] ?? 0);
  return moved;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * The page's main thread in a Chromium trace: time by kind of work (style, layout, paint, script,
 * garbage collection…), summed over the trace's complete events of those names — what a CPU
 * profile lumps together as "(program)".
 */
function reportMainThread(trace: { traceEvents: TraceEvent[] }): void {
  writeFileSync(join(BENCH_DIR, 'results', 'ide-trace.json'), JSON.stringify(trace));
  const main = trace.traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return;
  const sums = new Map<string, { ms: number; n: number }>();
  let tasks = 0;
  for (const e of trace.traceEvents) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || e.dur === undefined) continue;
    if (e.name === 'RunTask') tasks += e.dur / 1000;
    const s = sums.get(e.name) ?? { ms: 0, n: 0 };
    s.ms += e.dur / 1000;
    s.n++;
    sums.set(e.name, s);
  }
  console.log(`main thread from the Run click over the clicks (Chromium trace): tasks ${tasks.toFixed(0)} ms; by event (nested events counted in each):`);
  for (const [name, s] of [...sums].filter(([n]) => n !== 'RunTask').sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) console.log(`  ${s.ms.toFixed(0).padStart(8)} ms  ${String(s.n).padStart(6)} × ${name}`);
}
