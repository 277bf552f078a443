/**
 * Random DataStream window jobs for the differential tests: a collection source of out-of-order
 * records → bounded-out-of-orderness (or monotonous) watermarks after every record, sometimes
 * with an idleness timeout that never expires → keyBy (or none: windowAll) → a `window` node with
 * a random assigner (tumbling, sliding, session with a static or dynamic gap, count, global),
 * trigger (default, count, event-time, continuous event-time, end-of-stream, purging), evictor
 * (count, time), allowed lateness, a late side output and a function (built-in aggregate, reduce,
 * process listing the window's elements) → sinks. One case in five is a window join
 * (`join.window`) of two such sources instead. Many cases are merged into ONE job (`c<i>-…` node
 * ids, sinks `c<i>-out` / `c<i>-late`) so Flink compiles and starts once.
 */
import fc from 'fast-check';
import type { JobEdge } from '../../engine/graph/schema.js';

export interface WindowJobCase {
  /** The case's nodes and edges; ids start with `c<i>-`. */
  nodes: Record<string, unknown>[];
  edges: JobEdge[];
  /** Sink ids of the case. */
  sinks: string[];
  /** One line saying what the case is. */
  title: string;
}

interface Rec {
  k: string;
  v: number;
  ts: number;
}

const rec: fc.Arbitrary<Rec> = fc.record({
  k: fc.constantFrom('a', 'b', 'c'),
  v: fc.integer({ min: -5, max: 20 }),
  // Whole seconds, some a millisecond off, so watermarks land on window ends − 1 (the firing bound).
  ts: fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0, 0, -1, 1, 500)).map(([s, ms]) => Math.max(0, s * 1000 + ms)),
});

type Assigner = Record<string, unknown> & { type: string };

/** Dynamic session gaps (Flink's withDynamicGap): every gap > 0, some differing by key or value. */
const GAPS = ['(r) => (r.k === "a" ? 1000 : 2500)', '(r) => 1000 + (((r.v % 3) + 3) % 3) * 1000', '(r) => (r.v > 10 ? 3000 : 500)'];

const assigner: fc.Arbitrary<Assigner> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(2000, 5000, 10_000), fc.constantFrom(0, 0, 1000)).map(([sizeMs, offsetMs]) => ({ type: 'tumbling', sizeMs, offsetMs })) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(2000, 3000, 5000), fc.constantFrom(2, 3)).map(([slideMs, n]) => ({ type: 'sliding', sizeMs: slideMs * n, slideMs, offsetMs: 0 })) },
  { weight: 3, arbitrary: fc.constantFrom(1000, 2000, 3000).map((gapMs) => ({ type: 'session', gapMs })) },
  { weight: 1, arbitrary: fc.constantFrom(...GAPS).map((gap) => ({ type: 'session', gap })) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.option(fc.integer({ min: 1, max: 2 }), { freq: 2 })).map(([size, slide]) => (slide === null ? { type: 'count', size } : { type: 'count', size, slide })) },
  { weight: 2, arbitrary: fc.constant({ type: 'global' }) },
);

const timeTrigger = fc.oneof(
  { weight: 6, arbitrary: fc.constant<unknown>('default') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((count) => ({ type: 'count', count })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((count) => ({ type: 'purging', of: { type: 'count', count } })) },
  { weight: 1, arbitrary: fc.constant({ type: 'event-time' }) },
  { weight: 1, arbitrary: fc.constant({ type: 'purging', of: { type: 'event-time' } }) },
  { weight: 1, arbitrary: fc.constantFrom(1000, 2000, 5000).map((intervalMs) => ({ type: 'continuous-event-time', intervalMs })) },
  { weight: 1, arbitrary: fc.constant({ type: 'end-of-stream' }) },
  { weight: 1, arbitrary: fc.constant({ type: 'purging', of: { type: 'end-of-stream' } }) },
);

/** A trigger of a global window: counts and the end of the input ("default" never fires). */
const globalTrigger = fc.oneof(
  { weight: 1, arbitrary: fc.constant<unknown>('default') },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((count) => ({ type: 'count', count })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((count) => ({ type: 'purging', of: { type: 'count', count } })) },
  { weight: 2, arbitrary: fc.constant({ type: 'end-of-stream' }) },
  { weight: 1, arbitrary: fc.constant({ type: 'purging', of: { type: 'end-of-stream' } }) },
);

const isEndOfStream = (t: unknown): boolean =>
  typeof t === 'object' && t !== null && ((t as { type: string }).type === 'end-of-stream' || ((t as { type: string }).type === 'purging' && isEndOfStream((t as { of: unknown }).of)));

/**
 * The trigger a case gets. Global windows take only count and end-of-stream triggers: Flink's
 * EventTimeTrigger is a Trigger<Object, TimeWindow> (no Java form on a GlobalWindow) and a
 * continuous event-time trigger on the global window would fire every interval up to +∞ at the
 * end of the input. Sessions take no end-of-stream trigger: it cannot merge, which both refuse.
 */
function triggerFor(a: Assigner, time: unknown, global: unknown): unknown {
  if (a.type === 'count') return 'default';
  if (a.type === 'global') return global;
  if (a.type === 'session' && isEndOfStream(time)) return 'default';
  return time;
}

const evictor = fc.oneof(
  { weight: 5, arbitrary: fc.constant<unknown>(null) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((count) => ({ type: 'count', count })) },
  { weight: 1, arbitrary: fc.constantFrom(1000, 2000, 4000).map((sizeMs) => ({ type: 'time', sizeMs })) },
);

const fn = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('sum', 'min', 'max', 'count', 'avg', 'minBy', 'maxBy').map((f) => (f === 'count' ? { type: 'aggregate', fn: f } : { type: 'aggregate', fn: f, field: 'v' })) },
  { weight: 1, arbitrary: fc.constant({ type: 'reduce', code: '(a, b) => ({ k: a.k, v: a.v + b.v, ts: Math.max(a.ts, b.ts) })' }) },
  // The elements in the order the window holds them: evictors remove from the front.
  { weight: 2, arbitrary: fc.constant({ type: 'process', code: '(key, w, els) => ({ key, start: w.start, end: w.end, vs: els.map((e) => e.v + "@" + e.ts) })' }) },
);

const windowCase = (i: number): fc.Arbitrary<WindowJobCase> =>
  fc
    .record({
      records: fc.array(rec, { minLength: 1, maxLength: 25 }),
      delayMs: fc.constantFrom(0, 1000, 2000, 5000),
      monotonous: fc.boolean(),
      idle: fc.boolean(),
      keyed: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      assigner,
      trigger: timeTrigger,
      globalTrigger,
      evictor,
      lateness: fc.constantFrom(0, 0, 1000, 3000),
      lateOutput: fc.boolean(),
      fn,
    })
    .map((c) => {
      const id = (s: string) => `c${i}-${s}`;
      const countWindow = c.assigner.type === 'count';
      // countWindow installs its own trigger and evictor (Flink's countWindow(size[, slide])).
      const trigger = triggerFor(c.assigner, c.trigger, c.globalTrigger);
      const ev = countWindow ? null : c.evictor;
      const delay = c.monotonous ? 0 : c.delayMs;
      const wm: Record<string, unknown> = { timestampField: 'ts', intervalMs: 0, ...(c.monotonous ? { strategy: 'monotonous' } : { maxOutOfOrdernessMs: delay }) };
      // An idleness timeout that never expires in a test: it must change nothing.
      if (c.idle) wm.idleTimeoutMs = 3_600_000;
      const win: Record<string, unknown> = { assigner: c.assigner, trigger, evictor: ev, allowedLatenessMs: countWindow ? 0 : c.lateness, function: c.fn };
      const late = c.lateOutput && !countWindow;
      if (late) win.lateOutput = 'late';
      const nodes: Record<string, unknown>[] = [
        { id: id('src'), kind: 'source.collection', params: { records: c.records } },
        // One watermark subtask: every window subtask sees the records and watermarks in one order, in Flink too.
        { id: id('wm'), kind: 'watermarks', parallelism: 1, params: wm },
        ...(c.keyed ? [{ id: id('key'), kind: 'keyBy', params: { field: 'k' } }] : []),
        { id: id('win'), kind: 'window', params: win },
        { id: id('out'), kind: 'sink.collect' },
        ...(late ? [{ id: id('late'), kind: 'sink.collect' }] : []),
      ];
      const edges: JobEdge[] = [
        { from: id('src'), to: id('wm') },
        ...(c.keyed ? [{ from: id('wm'), to: id('key') }, { from: id('key'), to: id('win') }] : [{ from: id('wm'), to: id('win') }]),
        { from: id('win'), to: id('out') },
        ...(late ? [{ from: id('win'), fromPort: 'late', to: id('late') }] : []),
      ] as JobEdge[];
      const a = c.assigner;
      const what = assignerTitle(a);
      const title = [
        c.keyed ? what : `${what} (windowAll)`,
        trigger === 'default' ? '' : `trigger ${JSON.stringify(trigger)}`,
        ev ? `evictor ${JSON.stringify(ev)}` : '',
        win.allowedLatenessMs ? `lateness ${win.allowedLatenessMs}` : '',
        late ? 'late output' : '',
        c.fn.type === 'aggregate' ? `${c.fn.fn}` : c.fn.type,
        c.monotonous ? 'monotonous' : `wm-${delay}`,
        c.idle ? 'idleness' : '',
        `${c.records.length} records`,
      ]
        .filter(Boolean)
        .join(', ');
      return { nodes, edges, sinks: late ? [id('out'), id('late')] : [id('out')], title };
    });

const assignerTitle = (a: Assigner): string =>
  a.type === 'tumbling'
    ? `tumbling ${a.sizeMs}${a.offsetMs ? `+${a.offsetMs}` : ''}`
    : a.type === 'sliding'
      ? `sliding ${a.sizeMs}/${a.slideMs}`
      : a.type === 'session'
        ? `session gap ${a.gapMs ?? a.gap}`
        : a.type === 'count'
          ? `count ${a.size}${a.slide ? `/${a.slide}` : ''}`
          : 'global';

/**
 * Window joins (`join.window`, Flink's `a.join(b).where(…).equalTo(…).window(…)`). Flink reads the
 * two inputs in no fixed order, so a case's result must not depend on how their records
 * interleave: the watermarks lag a minute (more than the records span), so no record is late and
 * every window fires at the end of the input, where the watermark jumps to +∞; no count triggers
 * or count evictors (what they see depends on the interleaving), and no continuous event-time
 * trigger (its firings are aligned to the timestamp of the window's first record: seed 424242
 * fired a window three times in Flink, whose right record came first, and twice in Eddy, whose
 * left one did); a time evictor is fine.
 */
const joinCase = (i: number): fc.Arbitrary<WindowJobCase> =>
  fc
    .record({
      left: fc.array(rec, { minLength: 1, maxLength: 10 }),
      right: fc.array(rec, { minLength: 1, maxLength: 10 }),
      assigner: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(2000, 5000, 10_000).map((sizeMs) => ({ type: 'tumbling', sizeMs, offsetMs: 0 }) as Assigner) },
        { weight: 2, arbitrary: fc.constantFrom(2000, 5000).map((slideMs) => ({ type: 'sliding', sizeMs: slideMs * 2, slideMs, offsetMs: 0 }) as Assigner) },
        { weight: 2, arbitrary: fc.constantFrom(1000, 3000).map((gapMs) => ({ type: 'session', gapMs }) as Assigner) },
        { weight: 1, arbitrary: fc.constant({ type: 'global' } as Assigner) },
      ),
      trigger: fc.oneof(
        { weight: 4, arbitrary: fc.constant<unknown>('default') },
        { weight: 1, arbitrary: fc.constant({ type: 'purging', of: { type: 'event-time' } }) },
        { weight: 1, arbitrary: fc.constant({ type: 'end-of-stream' }) },
      ),
      evictor: fc.oneof({ weight: 3, arbitrary: fc.constant<unknown>(null) }, { weight: 1, arbitrary: fc.constantFrom(1000, 3000).map((sizeMs) => ({ type: 'time', sizeMs })) }),
      lateness: fc.constantFrom(0, 0, 2000),
      codeKey: fc.boolean(),
    })
    .map((c) => {
      const id = (s: string) => `c${i}-${s}`;
      const a = c.assigner;
      // The global window fires only through an end-of-stream trigger here; sessions cannot take one.
      const trigger = a.type === 'global' ? { type: 'end-of-stream' } : a.type === 'session' && isEndOfStream(c.trigger) ? 'default' : c.trigger;
      const wm = { timestampField: 'ts', intervalMs: 0, maxOutOfOrdernessMs: 60_000 };
      const nodes: Record<string, unknown>[] = [
        { id: id('l'), kind: 'source.collection', params: { records: c.left } },
        { id: id('r'), kind: 'source.collection', params: { records: c.right } },
        { id: id('lwm'), kind: 'watermarks', parallelism: 1, params: wm },
        { id: id('rwm'), kind: 'watermarks', parallelism: 1, params: wm },
        {
          id: id('join'),
          kind: 'join.window',
          params: {
            window: { assigner: a, trigger, evictor: c.evictor, allowedLatenessMs: c.lateness },
            leftKey: 'k',
            rightKey: c.codeKey ? '(r) => r.k' : 'k',
            code: '(l, r) => ({ k: l.k, l: l.v + "@" + l.ts, r: r.v + "@" + r.ts })',
          },
        },
        { id: id('out'), kind: 'sink.collect' },
      ];
      const edges = [
        { from: id('l'), to: id('lwm') },
        { from: id('r'), to: id('rwm') },
        { from: id('lwm'), to: id('join'), toPort: 'in1' },
        { from: id('rwm'), to: id('join'), toPort: 'in2' },
        { from: id('join'), to: id('out') },
      ] as JobEdge[];
      const title = [
        `join.window ${assignerTitle(a)}`,
        trigger === 'default' ? '' : `trigger ${JSON.stringify(trigger)}`,
        c.evictor ? `evictor ${JSON.stringify(c.evictor)}` : '',
        c.lateness ? `lateness ${c.lateness}` : '',
        c.codeKey ? 'key code' : '',
        `${c.left.length}+${c.right.length} records`,
      ]
        .filter(Boolean)
        .join(', ');
      return { nodes, edges, sinks: [id('out')], title };
    });

export const windowJobCase = (i: number): fc.Arbitrary<WindowJobCase> =>
  fc.oneof({ weight: 4, arbitrary: windowCase(i) }, { weight: 1, arbitrary: joinCase(i) });

/** Cases 0..n−1 of a seed, each its own sub-job. */
export function sampleWindowJobs(seed: number, n: number): WindowJobCase[] {
  return Array.from({ length: n }, (_, i) => fc.sample(windowJobCase(i), { seed: seed + i, numRuns: 1 })[0]!);
}

/** A named case of window-job-cases.json: a mismatch a random case found, shrunk. */
export interface NamedWindowJob extends WindowJobCase {
  name: string;
  /** Set while Eddy is wrong there: the test must fail until the fix lands. */
  knownMismatch?: string;
}

/** The named cases of a window-job-cases.json document; sinks are its `sink.collect` nodes. */
export function namedWindowJobs(doc: { cases: Array<{ name: string; title: string; knownMismatch?: string; nodes: Record<string, unknown>[]; edges: JobEdge[] }> }): NamedWindowJob[] {
  return doc.cases.map((c) => {
    const foreign = c.nodes.find((n) => !String(n.id).startsWith(`${c.name}-`));
    if (foreign) throw new Error(`window-job-cases.json: node ${String(foreign.id)} of case ${c.name} must start with "${c.name}-"`);
    const sinks = c.nodes.filter((n) => n.kind === 'sink.collect').map((n) => String(n.id));
    return { ...c, sinks };
  });
}

/** The cases as one job document (parallelism 2; each case's sinks are its own). */
export function mergedJob(cases: readonly WindowJobCase[], name: string): Record<string, unknown> {
  return { format: 'eddy/job@1', name, parallelism: 2, nodes: cases.flatMap((c) => c.nodes), edges: cases.flatMap((c) => c.edges) };
}
