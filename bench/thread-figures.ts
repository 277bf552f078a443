/**
 * `npm run bench -- --threads`: a workers run's time per thread, one line for the controller's
 * thread and the process, one per slot. Figures are from SlotReport.stats (engine/host/slot-stats)
 * and, under Node, /proc/thread-self and process.cpuUsage (bench/node-run.ts).
 */
import type { SlotStats } from '../engine/host/slot-stats.js';
import type { ThreadFigures } from './measure.js';

const ms = (x: number) => `${x.toFixed(0)} ms`;
const pct = (x: number, of: number) => `${of > 0 ? ((100 * x) / of).toFixed(0) : '0'} %`;
const nsPer = (cpuMs: number, records: number) => (records > 0 ? `${((cpuMs * 1e6) / records).toFixed(0)} ns/record` : '');

/** One slot's line: CPU, where the wall time went, traffic. */
export function formatSlot(index: number, s: SlotStats, records: number): string {
  const wall = s.wallMs;
  const cpu = s.cpuMs === undefined ? 'cpu ?' : `cpu ${ms(s.cpuMs)} (${pct(s.cpuMs, wall)} of wall, ${nsPer(s.cpuMs, records)}${s.runQueueMs === undefined ? '' : `; run queue ${ms(s.runQueueMs)}`}; before start ${ms(s.startupCpuMs ?? 0)})`;
  const split = `slices ${pct(s.sliceMs, wall)}, yield ${pct(s.yieldMs, wall)}, wait credit ${pct(s.waitCreditMs, wall)}, wait input ${pct(s.waitInputMs, wall)} (${s.slices} slices, ${s.waits} waits)`;
  const traffic = (t: SlotStats['sent']) => (t.batches === 0 ? 'none' : `${t.batches} batches, ${(t.records / t.batches).toFixed(0)} records/batch, ${(t.bytes / Math.max(1, t.records)).toFixed(1)} B/record${t.waitedForCredit ? `, ${t.waitedForCredit} waited for credit` : ''}`);
  const tasks = s.tasks.map((t) => `${t.task} busy ${pct(t.busyMs, wall)} back-pressured ${pct(t.backPressuredMs, wall)}`).join('; ');
  return `slot ${index}: wall ${ms(wall)}, ${cpu}; ${split}\n      sent: ${traffic(s.sent)}; received: ${traffic(s.received)}\n      ${tasks}`;
}

/** The lines of one run (indented for the bench's output). */
export function formatThreads(t: ThreadFigures, records: number): string {
  const lines: string[] = [];
  const head: string[] = [];
  if (t.mainCpuMs !== undefined) head.push(`${t.slots.length === 0 ? 'the job\'s thread (inline host)' : 'controller thread'} cpu ${ms(t.mainCpuMs)} (${nsPer(t.mainCpuMs, records)}${t.mainRunQueueMs === undefined ? '' : `; run queue ${ms(t.mainRunQueueMs)}`})`);
  if (t.processCpuMs !== undefined) {
    const slots = t.slots.reduce((a, s) => a + (s.cpuMs ?? 0), 0);
    const boot = t.slots.reduce((a, s) => a + (s.startupCpuMs ?? 0), 0);
    const other = t.processCpuMs - slots - boot - (t.mainCpuMs ?? 0);
    const parts = t.slots.length === 0 ? [] : [`slots running ${ms(slots)}`, `slots starting ${ms(boot)}`];
    parts.push(`other threads (V8's GC and compiler helpers, I/O) ${ms(other)}`);
    head.push(`process cpu ${ms(t.processCpuMs)} (${nsPer(t.processCpuMs, records)}): ${parts.join(', ')}`);
  }
  if (head.length > 0) lines.push(head.join('; '));
  for (const [i, s] of t.slots.entries()) lines.push(formatSlot(i, s, records));
  return lines.map((l) => `    ${l}`).join('\n');
}

/** Medians over the runs of one series: where its CPU and its slots' time went. */
export interface ThreadSummary {
  runs: number;
  processCpuMs?: number;
  slotsRunningCpuMs?: number;
  slotsBootCpuMs?: number;
  otherThreadsCpuMs?: number;
  controllerCpuMs?: number;
  /** Slot time shares, averaged over the slots, % of their wall time. */
  slicesPct: number;
  waitCreditPct: number;
  waitInputPct: number;
  /** Records per batch crossing slots (0 when none crossed). */
  recordsPerBatch: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The medians of `figures` (one per run of a workers series); null when no run has slots. */
export function summariseThreads(figures: ThreadFigures[]): ThreadSummary | null {
  const runs = figures.filter((t) => t.slots.length > 0);
  if (runs.length === 0) return null;
  const opt = (f: (t: ThreadFigures) => number | undefined): number | undefined => {
    const xs = runs.map(f);
    return xs.every((x) => x !== undefined) ? median(xs as number[]) : undefined;
  };
  const sumSlots = (t: ThreadFigures, f: (s: SlotStats) => number | undefined) => {
    let sum = 0;
    for (const s of t.slots) {
      const x = f(s);
      if (x === undefined) return undefined;
      sum += x;
    }
    return sum;
  };
  const share = (f: (s: SlotStats) => number) => median(runs.map((t) => t.slots.reduce((a, s) => a + (s.wallMs > 0 ? (100 * f(s)) / s.wallMs : 0), 0) / t.slots.length));
  const out: ThreadSummary = {
    runs: runs.length,
    slicesPct: share((s) => s.sliceMs),
    waitCreditPct: share((s) => s.waitCreditMs),
    waitInputPct: share((s) => s.waitInputMs),
    recordsPerBatch: median(runs.map((t) => {
      const batches = t.slots.reduce((a, s) => a + s.sent.batches, 0);
      return batches === 0 ? 0 : t.slots.reduce((a, s) => a + s.sent.records, 0) / batches;
    })),
  };
  const running = opt((t) => sumSlots(t, (s) => s.cpuMs));
  const boot = opt((t) => sumSlots(t, (s) => s.startupCpuMs));
  const processCpu = opt((t) => t.processCpuMs);
  const controller = opt((t) => t.mainCpuMs);
  if (processCpu !== undefined) out.processCpuMs = processCpu;
  if (running !== undefined) out.slotsRunningCpuMs = running;
  if (boot !== undefined) out.slotsBootCpuMs = boot;
  if (controller !== undefined) out.controllerCpuMs = controller;
  const other = opt((t) => {
    const r = sumSlots(t, (s) => s.cpuMs);
    const b = sumSlots(t, (s) => s.startupCpuMs);
    return t.processCpuMs === undefined || r === undefined || b === undefined || t.mainCpuMs === undefined ? undefined : t.processCpuMs - r - b - t.mainCpuMs;
  });
  if (other !== undefined) out.otherThreadsCpuMs = other;
  return out;
}

/**
 * One line of a series' summary. With CPU figures, also the least wall time the process's CPU
 * needs on `cores` cores: a run cannot be faster than that, however well its threads overlap.
 */
export function formatSummary(label: string, s: ThreadSummary, records: number, cores: number): string {
  const parts: string[] = [];
  if (s.processCpuMs !== undefined) {
    parts.push(`process cpu ${ms(s.processCpuMs)} (${nsPer(s.processCpuMs, records)}; ≥ ${ms(s.processCpuMs / cores)} of wall on ${cores} cores)`);
    const detail: string[] = [];
    if (s.slotsRunningCpuMs !== undefined) detail.push(`slots running ${ms(s.slotsRunningCpuMs)}`);
    if (s.slotsBootCpuMs !== undefined) detail.push(`booting ${ms(s.slotsBootCpuMs)}`);
    if (s.otherThreadsCpuMs !== undefined) detail.push(`other threads ${ms(s.otherThreadsCpuMs)}`);
    if (s.controllerCpuMs !== undefined) detail.push(`controller ${ms(s.controllerCpuMs)}`);
    parts.push(detail.join(', '));
  }
  parts.push(`slots in slices ${s.slicesPct.toFixed(0)} %, waiting for credit ${s.waitCreditPct.toFixed(0)} %, for input ${s.waitInputPct.toFixed(0)} %`);
  if (s.recordsPerBatch > 0) parts.push(`${s.recordsPerBatch.toFixed(0)} records per batch crossing slots`);
  return `  ${label}: ${parts.join('; ')}`;
}
