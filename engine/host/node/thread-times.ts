/**
 * The calling thread's CPU time under Node on Linux, for the per-slot figures (SlotStats): read
 * from /proc/thread-self, which names the thread that reads it (a worker thread's synchronous fs
 * call runs on that thread). `schedstat` gives nanoseconds on a core and waiting in the run queue;
 * without it (schedstats off), `stat`'s utime + stime in clock ticks (10 ms). Null elsewhere.
 */
import { readFileSync } from 'node:fs';
import type { ThreadTimes } from '../slot-stats.js';

/** Linux's USER_HZ, the unit of /proc's utime and stime. */
const TICK_MS = 10;

export function nodeThreadTimes(): ThreadTimes | null {
  try {
    const sched = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    const onCpu = Number(sched[0]);
    const waiting = Number(sched[1]);
    if (onCpu > 0 && Number.isFinite(waiting)) return { cpuMs: onCpu / 1e6, runQueueMs: waiting / 1e6 };
  } catch {
    // No schedstat: try stat.
  }
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? { cpuMs: ticks * TICK_MS } : null;
  } catch {
    return null;
  }
}
