/**
 * A uPlot line chart over the run's history (time in seconds on x). Loaded on demand through
 * `TimeChart`, so uPlot stays out of the main bundle. The chart is built once per set of series
 * and colour scheme; it redraws when its data's version moved, only while in view, and a chart of
 * many lines at most once a second (`redraw-gate`) — never just because its panel re-rendered.
 * Each line has its node's role colour, told apart within a role by shade and dash
 * (`series-style`); the legend beside it is static, grouped by role, and hovering the plot names
 * the nearest line and its value. Colours are the theme's CSS properties, and the chart is rebuilt
 * in the other theme's when the system's setting changes.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { countWork } from '../../perf/work-counts';
import { readColours, useColourScheme } from '../../theme/canvas-colours';
import { ChartLegend } from './ChartLegend';
import { minRedrawGapMs, redrawDelay } from './redraw-gate';
import { ROLES, ROLE_FALLBACK, ROLE_VARS, type Role, type SeriesStyle, seriesStyles } from './series-style';
import type { ChartWithRolesProps } from './TimeChart';

/** The axes', the grid's, the background's and role-less lines' colours, then the roles'. */
const LIGHT = { text: '#333', grid: '#e3e3e3', bg: '#ffffff', muted: '#555', ...ROLE_FALLBACK };
const VARS: Record<keyof typeof LIGHT, string> = { text: '--canvas-text', grid: '--canvas-grid', bg: '--canvas-bg', muted: '--canvas-muted', ...ROLE_VARS };
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

export default function UPlotChart({ title, times, series, version, roles, formatValue, formatTick = formatValue }: ChartWithRolesProps) {
  const box = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLParagraphElement>(null);
  const chart = useRef<uPlot | null>(null);
  const names = [...series.keys()];
  const shape = names.map((n) => `${n}:${roles.get(n) ?? ''}`).join('\n');
  const scheme = useColourScheme();
  const [styles, setStyles] = useState<readonly SeriesStyle[]>([]);
  // What the next draw reads: the latest props (the series arrays are the run's, mutated in place).
  const latest = useRef({ times, series, names, version });
  latest.current = { times, series, names, version };
  const drawn = useRef({ version: -1, times: null as readonly number[] | null, at: -Infinity, timer: 0, inView: true });

  const data = (): uPlot.AlignedData => {
    const l = latest.current;
    return [l.times.slice(), ...l.names.map((n) => (l.series.get(n) ?? []).slice())] as uPlot.AlignedData;
  };
  const draw = (u: uPlot) => {
    u.setData(data());
    markDrawn();
  };
  const markDrawn = () => {
    const l = latest.current;
    drawn.current.version = l.version;
    drawn.current.times = l.times;
    drawn.current.at = performance.now();
    let charted = 0;
    for (const n of l.names) for (const v of l.series.get(n) ?? []) if (v !== null) charted++;
    box.current?.setAttribute('data-points', String(charted));
  };
  /** Draws now, later (a chart of many lines drew less than a second ago), or not at all. */
  const consider = () => {
    const u = chart.current;
    const d = drawn.current;
    if (u === null || d.timer !== 0) return;
    const l = latest.current;
    const wait = redrawDelay({ changed: l.version !== d.version || l.times !== d.times, inView: d.inView, lastDrawAt: d.at, now: performance.now(), minGapMs: minRedrawGapMs(l.names.length) });
    if (wait === null) return;
    if (wait === 0) draw(u);
    else
      d.timer = window.setTimeout(() => {
        d.timer = 0;
        consider();
      }, wait);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the set of series, their roles or the colour scheme changes; data flows in below
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Built in tasks of its own, not in the render that mounted it: a chart of 90 lines takes
    // tens of milliseconds to build, and a run's first figures mount a table and two charts in
    // one publication (with the badges of every node due next). Its lines and axes are set up in
    // one task, its data, size and first draw in the next.
    let u: uPlot | null = null;
    let resize: ResizeObserver | null = null;
    let seen: IntersectionObserver | null = null;
    let building = window.setTimeout(() => {
      u = build(el, (init) => {
        building = window.setTimeout(() => {
          init();
          chart.current = u;
          observe();
          consider();
        }, 0);
      });
    }, 0);
    const observe = () => {
      // Observing reports the size it was built at: only a new width redraws.
      resize = new ResizeObserver(() => {
        const width = Math.max(200, el.clientWidth);
        if (u !== null && width !== u.width) u.setSize({ width, height: HEIGHT });
      });
      resize.observe(el);
      // Out of view (scrolled away in its panel) it does not redraw; back in view it catches up.
      seen = new IntersectionObserver((entries) => {
        drawn.current.inView = entries.some((e) => e.isIntersecting);
        consider();
      });
      seen.observe(el);
    };
    return () => {
      window.clearTimeout(building);
      resize?.disconnect();
      seen?.disconnect();
      window.clearTimeout(drawn.current.timer);
      drawn.current.timer = 0;
      u?.destroy();
      chart.current = null;
    };
  }, [shape, scheme]);

  /** A new uPlot for the current series with the latest data, put in `el`; `later` is handed its first setting of data, size and draw. */
  const build = (el: HTMLDivElement, later: (init: () => void) => void): uPlot => {
    countWork('chart.build');
    const c = readColours(el, VARS, LIGHT);
    const lines = seriesStyles(names, (n) => roles.get(n), { roles: Object.fromEntries(ROLES.map((r) => [r, c[r]])) as Record<Role, string>, text: c.text, bg: c.bg, other: c.muted });
    setStyles(lines);
    const axis = { stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 } };
    let focused: number | null = null;
    const u = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        // The legend is ChartLegend (static, by role): uPlot's would rewrite a row per line on every draw.
        legend: { show: false },
        focus: { alpha: 0.3 },
        // One hover point, on the line nearest the pointer: uPlot would make an element per line.
        cursor: { focus: { prox: 16 }, points: { one: true } },
        scales: { x: { time: false } },
        axes: [
          { ...axis, values: (_u, ticks) => ticks.map((t) => `${t} s`) },
          // Sized to the labels it draws, so none is cut.
          { ...axis, size: (_u, values) => axisWidth(values), values: (_u, ticks) => ticks.map((t) => formatTick(t)) },
        ],
        hooks: {
          draw: [() => countWork('chart.draw')],
          // The plot's background in the theme's colour, under the grid and lines.
          drawClear: [
            (u: uPlot) => {
              u.ctx.fillStyle = c.bg;
              u.ctx.fillRect(0, 0, u.ctx.canvas.width, u.ctx.canvas.height);
            },
          ],
          setSeries: [
            (_u: uPlot, i: number | null, opts: uPlot.Series & { focus?: boolean }) => {
              if (opts.focus !== undefined) focused = opts.focus && i !== null ? i : null;
            },
          ],
          // Hovering names the nearest line and its value (in place of uPlot's legend values).
          setCursor: [
            (u: uPlot) => {
              const out = readout.current;
              if (!out) return;
              const idx = u.cursor.idx;
              const line = focused === null ? undefined : lines[focused - 1];
              const v = line === undefined || idx == null ? null : (u.data[focused!]?.[idx] ?? null);
              if (idx == null) {
                out.textContent = '';
                return;
              }
              const at = `${(u.data[0][idx] ?? 0).toFixed(1)} s`;
              out.textContent = line === undefined || v === null ? at : `${at} — ${line.name}: ${formatValue(v)}`;
            },
          ],
        },
        // Points only where a few lines leave room for them: drawing a dot per sample of dozens of
        // lines costs a large job's page more than everything else on a tick.
        series: [
          { label: 'time (s)' },
          ...lines.map((s) => ({ label: s.name, stroke: s.stroke, dash: [...s.dash], width: 1.5, spanGaps: false, points: { show: names.length <= MAX_SERIES_WITH_POINTS } })),
        ],
      },
      data(),
      (self, init) => {
        el.appendChild(self.root);
        later(init as () => void);
      },
    );
    markDrawn();
    return u;
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the data's version is the reason to draw; consider reads the latest props
  useEffect(consider, [version, times]);

  const focus = (name: string | null) => {
    const u = chart.current;
    if (u) u.setSeries(name === null ? null : names.indexOf(name) + 1, { focus: name !== null });
  };
  return (
    <figure className="time-chart-figure">
      <div className="time-chart" ref={box} role="img" aria-label={title} />
      <p className="chart-readout meta" ref={readout} />
      <ChartLegend title={title} styles={styles} onFocus={focus} />
    </figure>
  );
}
