/** A chart of per-node series over the run's time; uPlot is fetched the first time one shows. */
import { Suspense, lazy } from 'react';
import type { Series } from '../../store/live-metrics';

export interface TimeChartProps {
  /** The chart's accessible name. */
  readonly title: string;
  /** Seconds since the run's first sample. */
  readonly times: readonly number[];
  /** One line per node, aligned with `times`. */
  readonly series: ReadonlyMap<string, Series>;
  /** Writes a y value with its unit. */
  readonly formatValue: (v: number) => string;
  /** Writes a y-axis tick, shorter than `formatValue` where that is long; `formatValue` by default. */
  readonly formatTick?: (v: number) => string;
}

const UPlotChart = lazy(() => import('./UPlotChart'));

/** A chart over the run's time; before any figures, what to do to get some. */
export function TimeChart(props: TimeChartProps) {
  if (props.times.length === 0)
    return (
      <p className="chart-empty muted" role="img" aria-label={props.title}>
        No data yet — run the job.
      </p>
    );
  return (
    <Suspense fallback={<div className="time-chart muted">Loading chart…</div>}>
      <UPlotChart {...props} />
    </Suspense>
  );
}
