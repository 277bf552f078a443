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
}

const UPlotChart = lazy(() => import('./UPlotChart'));

export function TimeChart(props: TimeChartProps) {
  if (props.times.length === 0) return null;
  return (
    <Suspense fallback={<div className="time-chart muted">Loading chart…</div>}>
      <UPlotChart {...props} />
    </Suspense>
  );
}
