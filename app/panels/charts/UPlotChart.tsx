/**
 * A uPlot line chart over the run's history (time in seconds on x). Loaded on demand through
 * `TimeChart`, so uPlot stays out of the main bundle. The chart is built once per set of series
 * and fed new data in place on every tick.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimeChartProps } from './TimeChart';

const COLOURS = ['#2453d4', '#ef6c00', '#1a7f37', '#6a1b9a', '#b42318', '#00838f', '#455a64', '#c2185b'];
const HEIGHT = 170;
const MAX_SERIES_WITH_POINTS = 8;

/** The width a y axis needs for its widest tick label (12 px system font as uPlot draws it), plus the tick and gap. */
function axisWidth(labels: readonly (string | null)[] | undefined): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx || !labels) return 60;
  ctx.font = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
  const widest = Math.max(0, ...labels.map((l) => (l ? ctx.measureText(l).width : 0)));
  return Math.ceil(widest) + 22;
}

export default function UPlotChart({ title, times, series, formatValue, formatTick = formatValue }: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const names = [...series.keys()];
  const shape = names.join('\n');
  const data = (): uPlot.AlignedData => [times.slice(), ...names.map((n) => (series.get(n) ?? []).slice())] as uPlot.AlignedData;

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the set of series changes; data flows in below
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        legend: { show: true },
        scales: { x: { time: false } },
        axes: [
          { values: (_u, ticks) => ticks.map((t) => `${t} s`) },
          // Sized to the labels it draws, so none is cut.
          { size: (_u, values) => axisWidth(values), values: (_u, ticks) => ticks.map((t) => formatTick(t)) },
        ],
        // Points only where a few lines leave room for them: drawing a dot per sample of dozens of
        // lines costs a large job's page more than everything else on a tick.
        series: [{ label: 'time (s)' }, ...names.map((n, i) => ({ label: n, stroke: COLOURS[i % COLOURS.length]!, width: 1.5, spanGaps: false, points: { show: names.length <= MAX_SERIES_WITH_POINTS }, value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatValue(v)) }))],
      },
      data(),
      el,
    );
    chart.current = u;
    const observer = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [shape]);

  useEffect(() => {
    chart.current?.setData(data());
  });

  const charted = names.reduce((n, name) => n + (series.get(name) ?? []).filter((v) => v !== null).length, 0);
  return <div className="time-chart" ref={box} role="img" aria-label={title} data-points={charted} />;
}
