/**
 * Every time the IDE shows goes through this module, with one convention:
 * - an **event time** (a record's timestamp, a watermark, a window bound) is `formatInstant`: a
 *   clock from the stream's zero (`00:01:00.000`) for the small timestamps of examples and lessons,
 *   a UTC date and time for epoch milliseconds, words for the two ends of time; its tooltip
 *   (`instantTitle`) adds the raw milliseconds, and tables can switch to them;
 * - a **duration** (lag, checkpoint time, distance between watermarks) is `formatDuration`
 *   (`850 ms`, `12.3 s`, `4 min 05 s`);
 * - a **wall-clock moment** of this session (a checkpoint triggered, a chaos action, a job saved)
 *   is `formatWallClock`: the reader's own time zone, 24-hour, with the date when not today.
 */

/** An event-time instant (see above). */
export function formatInstant(ms: number): string {
  if (ms === -Infinity) return 'none yet';
  if (ms === Infinity) return 'end of input';
  if (!Number.isFinite(ms)) return '—';
  if (Math.abs(ms) >= 1e11) return new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC');
  const sign = ms < 0 ? '−' : '';
  let a = Math.abs(Math.round(ms));
  const milli = a % 1000;
  a = (a - milli) / 1000;
  const s = a % 60;
  a = (a - s) / 60;
  const m = a % 60;
  const h = (a - m) / 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${sign}${two(h)}:${two(m)}:${two(s)}.${String(milli).padStart(3, '0')}`;
}

/** A duration: "850 ms", "12.3 s", "4 min 05 s"; "—" when unknown. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(a < 10_000 ? 2 : 1)} s`;
  const min = Math.floor(a / 60_000);
  return `${sign}${min} min ${String(Math.floor((a % 60_000) / 1000)).padStart(2, '0')} s`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A wall-clock moment in the reader's time zone: `14:05:09`, or `2026-12-01 14:05:09` on another day. */
export function formatWallClock(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const time = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  const today = new Date(now);
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  return sameDay ? time : `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${time}`;
}

/**
 * An axis tick of event time, short enough for a chart's axis: the clock for stream times, the
 * UTC time of day for epoch milliseconds (the date goes to the chart's legend and tooltip).
 */
export function formatInstantTick(ms: number): string {
  if (!Number.isFinite(ms)) return formatInstant(ms);
  if (Math.abs(ms) >= 1e11) return new Date(ms).toISOString().slice(11, 19);
  return formatInstant(ms).replace(/\.000$/, '');
}

/** A window `[start, end)` in readable instants. */
export function formatWindow(w: { start: number; end: number }): string {
  return `[${formatInstant(w.start)}, ${formatInstant(w.end)})`;
}

/** Both readings of an instant, for a tooltip: `00:01:00.000 (60000 ms)`. */
export function instantTitle(ms: number): string {
  return `${formatInstant(ms)} (${ms} ms)`;
}

/**
 * Whether a column of records holds event-time instants, by its name (Flink's and Eddy's names
 * for them: `ts`, `timestamp`, `windowStart`/`windowEnd`, SQL's `window_start`/`window_end`/
 * `window_time`, a session's `start`/`end`, names ending in `Time`, `_time` or `Ts`) and its
 * values (whole numbers in every sampled record that has the field).
 */
export function isTimeColumn(name: string, values: readonly unknown[]): boolean {
  if (!TIME_NAME.test(name)) return false;
  let numbers = 0;
  for (const v of values) {
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) return false;
    numbers++;
  }
  return numbers > 0;
}

const TIME_NAME = /^(ts|timestamp|time|eventTime|rowtime|start|end|windowStart|windowEnd|window_start|window_end|window_time)$|(Time|_time|Ts|_ts|Timestamp)$/;
