/**
 * A uPlot line chart over the run's history (time in seconds on x). Loaded on demand through
 * `TimeChart`, so uPlot stays out of the main bundle. The chart is built once per set of series
 * and fed new data in place on every tick. Its colours (lines, axes, grid, background) are the
 * theme's CSS properties, and it is rebuilt in the other theme's when the system's setting changes.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { readColours, useColourScheme } from '../../theme/canvas-colours';
import type { TimeChartProps } from './TimeChart';

/** The lines' colours (`--series-1` … `--series-8` in app.css), then the axes', the grid's and the background's. */
const LIGHT = {
  s1: '#2453d4',
  s2: '#ef6c00',
  s3: '#1a7f37',
  s4: '#6a1b9a',
  s5: '#b42318',
  s6: '#00838f',
  s7: '#455a64',
  s8: '#c2185b',
  text: '#333',
  grid: '#e3e3e3',
  bg: '#ffffff',
};
const VARS: Record<keyof typeof LIGHT, string> = {
  s1: '--series-1',
  s2: '--series-2',
  s3: '--series-3',
  s4: '--series-4',
  s5: '--series-5',
  s6: '--series-6',
  s7: '--series-7',
  s8: '--series-8',
  text: '--canvas-text',
  grid: '--canvas-grid',
  bg: '--canvas-bg',
};
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
  const scheme = useColourScheme();
  const data = (): uPlot.AlignedData => [times.slice(), ...names.map((n) => (series.get(n) ?? []).slice())] as uPlot.AlignedData;

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the set of series or the colour scheme changes; data flows in below
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = readColours(el, VARS, LIGHT);
    const lines = [c.s1, c.s2, c.s3, c.s4, c.s5, c.s6, c.s7, c.s8];
    const axis = { stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 } };
    const u = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        legend: { show: true },
        scales: { x: { time: false } },
        axes: [
          { ...axis, values: (_u, ticks) => ticks.map((t) => `${t} s`) },
          // Sized to the labels it draws, so none is cut.
          { ...axis, size: (_u, values) => axisWidth(values), values: (_u, ticks) => ticks.map((t) => formatTick(t)) },
        ],
        // Points only where a few lines leave room for them: drawing a dot per sample of dozens of
        // lines costs a large job's page more than everything else on a tick.
        // The plot's background in the theme's colour, under the grid and lines.
        hooks: {
          drawClear: [
            (u: uPlot) => {
              u.ctx.fillStyle = c.bg;
              u.ctx.fillRect(0, 0, u.ctx.canvas.width, u.ctx.canvas.height);
            },
          ],
        },
        series: [{ label: 'time (s)' }, ...names.map((n, i) => ({ label: n, stroke: lines[i % lines.length]!, width: 1.5, spanGaps: false, points: { show: names.length <= MAX_SERIES_WITH_POINTS }, value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatValue(v)) }))],
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
  }, [shape, scheme]);

  useEffect(() => {
    chart.current?.setData(data());
  });

  const charted = names.reduce((n, name) => n + (series.get(name) ?? []).filter((v) => v !== null).length, 0);
  return <div className="time-chart" ref={box} role="img" aria-label={title} data-points={charted} />;
}
