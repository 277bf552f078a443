/**
 * Counts of the page's rendering work — renders of a component, chart redraws, metrics
 * publications — read by the page benchmark and e2e (`responsivenessProbe` in bench/large-job.ts)
 * as work per metrics tick: counts hold on a loaded machine where durations do not. Off (one
 * property read, no allocation) unless the page defined `window.__eddyCounts` before the app
 * loaded.
 */
export type WorkCounts = Record<string, number>;

function counts(): WorkCounts | undefined {
  return (globalThis as { __eddyCounts?: WorkCounts }).__eddyCounts;
}

/** Adds one to the count named `what` when counting is on. */
export function countWork(what: string): void {
  const c = counts();
  if (c !== undefined) c[what] = (c[what] ?? 0) + 1;
}

/** Whether counting is on: lets a view skip setting up what only counts. */
export function countingWork(): boolean {
  return counts() !== undefined;
}
