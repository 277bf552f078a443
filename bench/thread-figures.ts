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
    head.push(`process cpu ${ms(t.processCpuMs)} (${nsPer(t.processCpuMs, records)}): slots running ${ms(slots)}, slots starting ${ms(boot)}, other threads (V8's GC and compiler helpers, I/O) ${ms(other)}`);
  }
  if (head.length > 0) lines.push(head.join('; '));
  for (const [i, s] of t.slots.entries()) lines.push(formatSlot(i, s, records));
  return lines.map((l) => `    ${l}`).join('\n');
}
