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
