/**
 * `npm run bench -- --lab`: how the teaching lab's page keeps up on a big trace (issue 10's
 * target: no long task over 100 ms). Builds the app, serves it, opens a 10 000-record job with
 * 50 keys in headless Chromium at 1280×720, runs the lab to the end of its trace, then steps
 * forward and back and drags the scrubber across the trace — the canvas watermarks, the timeline
 * and the current step follow each move. Chromium's long tasks are measured in the page, per
 * phase. Prints each phase with holds / does not hold and writes bench/results/lab.json.
 *
 *   npm run bench -- --lab [--records N] [--keys K] [--moves M] [--profile] [--cep]
 *
 * `--cep` puts a CEP pattern where the window is (the CEP node's timeline instead of the window's);
 * it writes bench/results/lab-cep.json.
 *
 * `--profile` builds unminified and takes a CPU profile (Chrome DevTools protocol) over the
 * stepping and scrubbing, printing the functions with the most self time and writing
 * bench/results/lab.cpuprofile (opens in DevTools' Performance panel).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attributeFrames, attributionText } from './frame-attribution.js';
import { type LongFrame, jobLink, responsivenessProbe } from './large-job.js';
import { option, percentile } from './trace-step-back.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH_DIR, '..');
const CHROMIUM = process.env.EDDY_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LONG_TASK_MS = 100;

/** The e2e's big trace: datagen → watermarks → keyBy → tumbling count with lateness → sink. */
/** The same input into a CEP pattern (`--cep`): a low value followed by a high one within 20 s, per key. */
export function labCepJob(records: number, keys: number) {
  const job = labJob(records, keys);
  return {
    ...job,
    name: `Lab bench (CEP): ${records} records, ${keys} keys`,
    nodes: job.nodes.map((n) =>
      n.id === 'w'
        ? {
            id: 'w',
            kind: 'cep.pattern',
            params: {
              pattern: [
                { name: 'low', type: 'begin', where: '(r) => r.value < 50' },
                { name: 'high', type: 'followedBy', where: '(r) => r.value >= 90' },
              ],
              withinMs: 20_000,
              select: '(match) => match.high[0].value',
            },
          }
        : n,
    ),
  };
}

export function labJob(records: number, keys: number) {
  return {
    format: 'eddy/job@1',
    name: `Lab bench: ${records} records, ${keys} keys`,
    nodes: [
      { id: 'gen', kind: 'source.datagen', params: { count: records, keys, stepMs: 100, seed: 4, maxOutOfOrdernessMs: 2000 } },
      { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 1000, intervalMs: 0 } },
      { id: 'k', kind: 'keyBy', params: { field: 'key' } },
      { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10_000 }, allowedLatenessMs: 500, function: { type: 'aggregate', fn: 'count' } } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'gen', to: 'wm' },
      { from: 'wm', to: 'k' },
      { from: 'k', to: 'w' },
      { from: 'w', to: 'out' },
    ],
  };
}

export async function runLabBench(argv: readonly string[]): Promise<void> {
  const records = option(argv, '--records', 10_000);
  const keys = option(argv, '--keys', 50);
  const moves = option(argv, '--moves', 20);
  const profile = argv.includes('--profile');
  const cep = argv.includes('--cep');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run scripts/ensure-chromium.sh`);
  const outDir = join(ROOT, 'node_modules', '.eddy-bench-lab');
  const { build, preview } = await import('vite');
  console.log('eddy bench --lab: building the app…');
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: !profile, sourcemap: 'hidden' } });
  const server = await preview({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { port: 5199, strictPort: false } });
  const base = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5199/';
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const loadBefore = os.loadavg();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.setDefaultTimeout(600_000);
    await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    await page.addInitScript(responsivenessProbe);
    await page.goto(base + jobLink(cep ? labCepJob(records, keys) : labJob(records, keys)));
    await page.getByRole('button', { name: 'Lab' }).click();
    const lab = page.getByRole('region', { name: 'Lab' });
    const position = page.getByTestId('lab-position');
    await lab.getByRole('button', { name: 'Step', exact: true }).waitFor();
    await page.waitForFunction(() => !(document.querySelector('[aria-label="Step"]') as HTMLButtonElement | null)?.disabled);
    const now = () => page.evaluate(() => performance.now());
    const tasksSince = (t: number) => page.evaluate((since) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((x) => x.start >= since).map((x) => x.duration), t);
    /** Waits until the position line says N steps are done. */
    const at = (n: number) => page.waitForFunction((want) => document.querySelector('[data-testid="lab-position"]')?.textContent?.includes(want) ?? false, `(${n} of `);

    const runStart = await now();
    await lab.getByRole('button', { name: 'Run to breakpoint' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="lab-position"]')?.textContent?.includes('end of the trace') ?? false, null, { timeout: 600_000 });
    const run = await tasksSince(runStart);
    const end = Number((await position.innerText()).match(/\((\d+) of /)![1]);

    // Stepping: back and forward one step at a time, at the end and in the middle of the trace.
    const scrubber = lab.getByRole('slider', { name: 'Scrubber' });
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const stepStart = await now();
    const stepMs: number[] = [];
    for (const from of [end, Math.floor(end / 2)]) {
      await scrubber.fill(String(from));
      await at(from);
      for (let i = 1; i <= moves / 2; i++) {
        const t = await now();
        await lab.getByRole('button', { name: 'Step back' }).click();
        await at(from - i);
        stepMs.push((await now()) - t);
      }
      for (let i = moves / 2 - 1; i >= 0; i--) {
        await lab.getByRole('button', { name: 'Step', exact: true }).click();
        await at(from - i);
      }
    }
    const stepping = await tasksSince(stepStart);

    // Scrubbing: jumps across the whole trace, back and forth.
    const scrubStart = await now();
    const scrubMs: number[] = [];
    for (let i = 0; i < moves; i++) {
      const to = Math.floor(((i * 7) % moves) * (end / moves));
      const t = await now();
      await scrubber.fill(String(to));
      await at(to);
      scrubMs.push((await now()) - t);
    }
    const scrubbing = await tasksSince(scrubStart);

    // Playing at the fastest speed from the middle: several steps per tick, each redrawn.
    const playFrom = Math.floor(end / 2);
    await scrubber.fill(String(playFrom));
    await at(playFrom);
    await lab.getByLabel('Speed').selectOption('256');
    const playStart = await now();
    await lab.getByRole('button', { name: 'Play', exact: true }).click();
    const played = Math.min(end - playFrom, moves * 50);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="lab-position"]')?.textContent?.match(/\((\d+) of /)?.[1] ?? 0) >= n, playFrom + played, { timeout: 600_000 });
    await lab.getByRole('button', { name: 'Pause', exact: true }).click();
    const playing = await tasksSince(playStart);
    if (cdp) reportProfile((await cdp.send('Profiler.stop')).profile);
    // The long animation frames after the run to the end (stepping, scrubbing, playing), named by source.
    const frames = await page.evaluate((since) => (window as unknown as { __longFrames: LongFrame[] }).__longFrames.filter((f) => f.start >= since), stepStart);
    // Style and layout that scripts forced (read layout after writing the page), in every long animation frame (≥ 50 ms) of the moves.
    const forced = await page.evaluate((since) => (window as unknown as { __forcedLayout: { start: number; ms: number }[] }).__forcedLayout.filter((f) => f.start >= since).map((f) => f.ms), stepStart);

    const summary = (tasks: number[]) => ({ count: tasks.length, longestMs: Math.max(0, ...tasks), over100: tasks.filter((t) => t > LONG_TASK_MS).length });
    const result = {
      date: new Date().toISOString(),
      chromium: browser.version(),
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}`,
      load: { before: loadBefore, after: os.loadavg() },
      trace: { records, keys, steps: end, node: cep ? 'cep.pattern' : 'window' },
      runToEnd: summary(run),
      stepping: { ...summary(stepping), moves: stepMs.length, moveMs: { median: percentile(stepMs, 0.5), max: Math.max(0, ...stepMs) } },
      scrubbing: { ...summary(scrubbing), moves: scrubMs.length, moveMs: { median: percentile(scrubMs, 0.5), max: Math.max(0, ...scrubMs) } },
      playing: { ...summary(playing), steps: played, speed: 256 },
      longFrames: attributeFrames(frames, outDir),
      forcedLayout: { frames: forced.length, ms: forced.reduce((a, b) => a + b, 0), longestMs: Math.max(0, ...forced) },
      target: { longTaskMs: LONG_TASK_MS },
    };
    const holds = (s: { over100: number }) => (s.over100 === 0 ? 'holds' : 'does not hold');
    const line = (name: string, s: ReturnType<typeof summary>) => `${name}: ${s.count} long tasks, longest ${s.longestMs.toFixed(0)} ms, ${s.over100} over ${LONG_TASK_MS} ms — target none over ${LONG_TASK_MS} ms: ${holds(s)}`;
    console.log(`load ${loadBefore.map((x) => x.toFixed(2)).join(' ')}; ${records} records, ${keys} keys, ${end} steps, 1280×720`);
    console.log(`${line('run to the end (reported)', result.runToEnd)}`);
    console.log(`${line(`stepping (${stepMs.length} steps back and on)`, result.stepping)}; a step back to drawn: median ${result.stepping.moveMs.median.toFixed(0)} ms`);
    console.log(`${line(`scrubbing (${scrubMs.length} jumps)`, result.scrubbing)}; a jump to drawn: median ${result.scrubbing.moveMs.median.toFixed(0)} ms, max ${result.scrubbing.moveMs.max.toFixed(0)} ms`);
    console.log(`${line(`playing (${played} steps at 256 steps/s)`, result.playing)}`);
    console.log('while stepping, scrubbing and playing:');
    for (const l of attributionText(result.longFrames)) console.log(l);
    console.log(`forced style and layout in all long animation frames (≥ 50 ms): ${result.forcedLayout.ms.toFixed(0)} ms in ${result.forcedLayout.frames} frames, most in one ${result.forcedLayout.longestMs.toFixed(0)} ms`);
    mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
    writeFileSync(join(BENCH_DIR, 'results', cep ? 'lab-cep.json' : 'lab.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The 25 functions with the most self time over the profiled moves, and the profile itself. */
function reportProfile(profile: CpuProfile): void {
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
  writeFileSync(join(BENCH_DIR, 'results', 'lab.cpuprofile'), JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    const dt = profile.timeDeltas?.[i] ?? 0;
    self.set(name, (self.get(name) ?? 0) + dt);
    total += dt;
  });
  console.log(`CPU profile of the moves: ${(total / 1000).toFixed(0)} ms sampled; most self time:`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);
}
