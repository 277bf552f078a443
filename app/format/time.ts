/**
 * Event-time instants as people read them: a clock time from the stream's zero
 * (`00:01:00.000`) for the small timestamps of examples and lessons, a UTC date and time for
 * epoch milliseconds, and words for the two ends of time.
 */
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
