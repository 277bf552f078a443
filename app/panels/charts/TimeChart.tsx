/** A chart of per-node series over the run's time; uPlot is fetched the first time one shows. */
import { Suspense, lazy, useMemo } from 'react';
import { useApp } from '../../store/app-store';
import { kindInfo } from '../../store/job-types';
import type { Series } from '../../store/live-metrics';

export interface TimeChartProps {
  /** The chart's accessible name. */
  readonly title: string;
  /** Seconds since the run's first sample. */
  readonly times: readonly number[];
  /** One line per node, aligned with `times`. */
  readonly series: ReadonlyMap<string, Series>;
  /**
   * Changes when the data changed (`LiveMetrics.historyVersion`): the chart redraws then, not on
   * every render of its panel. `times` and the series are read when it draws.
   */
  readonly version: number;
  /** Writes a y value with its unit. */
  readonly formatValue: (v: number) => string;
  /** Writes a y-axis tick, shorter than `formatValue` where that is long; `formatValue` by default. */
  readonly formatTick?: (v: number) => string;
}

export interface ChartWithRolesProps extends TimeChartProps {
  /** Each node's role (its kind's category: Sources, Transforms…), which colours its line. */
  readonly roles: ReadonlyMap<string, string>;
}

const UPlotChart = lazy(() => import('./UPlotChart'));

/** A chart over the run's time; before any figures, what to do to get some. */
export function TimeChart(props: TimeChartProps) {
  const doc = useApp((s) => s.doc);
  const roles = useMemo(() => new Map(doc.nodes.map((n) => [n.id, kindInfo(n.kind)?.category ?? ''])), [doc]);
  if (props.times.length === 0)
    return (
      <p className="chart-empty muted" role="img" aria-label={props.title}>
        No data yet — run the job.
      </p>
    );
  return (
    <Suspense fallback={<div className="time-chart muted">Loading chart…</div>}>
      <UPlotChart {...props} roles={roles} />
    </Suspense>
  );
}
