/**
 * What every lab timeline draws the same way on its canvas: the colours, the event-time axis
 * with readable times (colours from the theme's CSS properties, light or dark), the lanes (only those scrolled into view) or the processing-time axis,
 * record dots batched into one path per kind, and the watermark — a thick line for the node's,
 * thin dashed ones per subtask. A window node's and a CEP node's timeline add their own marks
 * (panes; partial matches and matches) between these layers.
 */
import { formatInstant } from '../format/time';
import { ColoursPerScheme, currentScheme, readColours } from '../theme/canvas-colours';
import { AXIS_HEIGHT, GUTTER, type TimeFrame, type VisibleRows } from './timeline-axis';
import type { RecordFate } from './timeline-types';

/** The CSS custom properties (app.css, light and dark) the timelines draw with. */
const VARS = {
  text: '--canvas-text',
  muted: '--canvas-muted',
  grid: '--canvas-grid',
  bg: '--canvas-bg',
  laneAlt: '--canvas-lane-alt',
  onMark: '--canvas-on-mark',
  'on-time': '--fate-on-time',
  late: '--fate-late',
  'side-output': '--fate-side-output',
  dropped: '--fate-dropped',
  paneOpen: '--pane-open',
  paneFired: '--pane-fired',
  panePurged: '--pane-purged',
  paneOpenFill: '--pane-open-fill',
  paneFiredFill: '--pane-fired-fill',
  panePurgedFill: '--pane-purged-fill',
  lateness: '--lateness-fill',
  watermark: '--watermark',
} as const;
type ColourName = keyof typeof VARS;
/** The light theme's values, used where the properties are not defined (a test page without app.css). */
const LIGHT: Record<ColourName, string> = {
  text: '#333',
  muted: '#555',
  grid: '#e3e3e3',
  bg: '#ffffff',
  laneAlt: '#fafafa',
  onMark: '#fff',
  'on-time': '#2453d4',
  late: '#ef6c00',
  'side-output': '#6a1b9a',
  dropped: '#b42318',
  paneOpen: '#2453d4',
  paneFired: '#1a7f37',
  panePurged: '#90a4ae',
  paneOpenFill: 'rgba(36, 83, 212, 0.10)',
  paneFiredFill: 'rgba(26, 127, 55, 0.16)',
  panePurgedFill: 'rgba(69, 90, 100, 0.05)',
  lateness: 'rgba(239, 108, 0, 0.12)',
  watermark: '#b42318',
};

/** The colours the canvas draws with now: the theme's, set by `prepareCanvas` on every redraw (read once per scheme). */
export const COLOURS: Record<ColourName, string> = { ...LIGHT };
export const FATE_COLOURS: Record<RecordFate, string> = { 'on-time': '', late: '', 'side-output': '', dropped: '' };
export const PANE_FILL = { open: '', fired: '', purged: '', merged: 'transparent' };
export const PANE_STROKE = { open: '', fired: '', purged: '', merged: 'transparent' };
refreshColours(COLOURS);

/** The same colours for legends and tips in the DOM, which follow the theme through `var()`. */
const css = (n: ColourName) => `var(${VARS[n]}, ${LIGHT[n]})`;
export const FATE_CSS: Record<RecordFate, string> = { 'on-time': css('on-time'), late: css('late'), 'side-output': css('side-output'), dropped: css('dropped') };
export const PANE_FILL_CSS = { open: css('paneOpenFill'), fired: css('paneFiredFill'), purged: css('panePurgedFill') } as const;
export const PANE_STROKE_CSS = { open: css('paneOpen'), fired: css('paneFired'), purged: css('panePurged') } as const;
export const WATERMARK_CSS = css('watermark');
export const LATENESS_CSS = css('lateness');

const perScheme = new ColoursPerScheme<ColourName>();

function refreshColours(c: Record<ColourName, string>): void {
  Object.assign(COLOURS, c);
  for (const f of ['on-time', 'late', 'side-output', 'dropped'] as const) FATE_COLOURS[f] = c[f];
  Object.assign(PANE_FILL, { open: c.paneOpenFill, fired: c.paneFiredFill, purged: c.panePurgedFill });
  Object.assign(PANE_STROKE, { open: c.paneOpen, fired: c.paneFired, purged: c.panePurged });
}

/**
 * The canvas sized for the rows in view (`view`: the canvas shows the frame from `view.top`,
 * `view.height` tall) at the screen's pixel ratio, cleared, drawing in frame pixels; null without
 * a 2-D context. A canvas only as tall as the view keeps each redraw's raster work to what shows,
 * however many lanes the frame has.
 */
export function prepareCanvas(c: HTMLCanvasElement, frame: TimeFrame, view: VisibleRows): CanvasRenderingContext2D | null {
  const ratio = globalThis.devicePixelRatio || 1;
  const w = Math.round(frame.width * ratio);
  const h = Math.round(view.height * ratio);
  if (c.width !== w || c.height !== h) {
    c.width = w;
    c.height = h;
  }
  const g = c.getContext('2d');
  if (!g) return null;
  refreshColours(perScheme.get(currentScheme(), () => readColours(c, VARS, LIGHT), c.isConnected));
  g.setTransform(ratio, 0, 0, ratio, 0, -view.top * ratio);
  g.clearRect(0, view.top, frame.width, view.height);
  g.font = '11px system-ui, sans-serif';
  return g;
}

/** Where the plot ends: its right edge and its bottom. */
export function plotEdges(frame: TimeFrame): { right: number; bottom: number } {
  return { right: frame.x.range()[1]!, bottom: frame.height - 4 };
}

/** Event-time ticks across the top with readable times, their grid lines down the plot. */
export function drawTimeAxis(g: CanvasRenderingContext2D, frame: TimeFrame): void {
  const { bottom } = plotEdges(frame);
  g.fillStyle = COLOURS.muted;
  g.strokeStyle = COLOURS.grid;
  g.lineWidth = 1;
  g.textAlign = 'center';
  for (const t of frame.xTicks) {
    const x = frame.x(t);
    g.beginPath();
    g.moveTo(x, AXIS_HEIGHT - 4);
    g.lineTo(x, bottom);
    g.stroke();
    // A label at the right edge is moved in, not cut.
    const label = formatInstant(t);
    g.fillText(label, Math.min(x, frame.width - g.measureText(label).width / 2 - 2), 12);
  }
  g.textAlign = 'left';
  g.fillText('event time →', GUTTER - 104, 24);
}

/**
 * The lanes' names and their backgrounds (every other lane shaded), for the lanes in view only (`inView(top, h)`); in
 * the processing-time view, the steps down the side instead.
 */
export function drawLanesOrSteps(g: CanvasRenderingContext2D, frame: TimeFrame, keys: readonly string[], lane: { top(key: string): number; height(key: string): number }, inView: (y: number, h?: number) => boolean): void {
  if (frame.y !== null) {
    g.fillStyle = COLOURS.muted;
    for (const s of frame.y.ticks(6)) g.fillText(`step ${s}`, 6, frame.y(s) + 4);
    g.fillText('processing time ↓', GUTTER - 104, AXIS_HEIGHT + 12);
    return;
  }
  const { right } = plotEdges(frame);
  keys.forEach((k, i) => {
    const top = lane.top(k);
    const h = lane.height(k);
    if (!inView(top, h)) return;
    g.fillStyle = i % 2 === 1 ? COLOURS.laneAlt : COLOURS.bg;
    g.fillRect(GUTTER, top, right - GUTTER, h);
    g.fillStyle = COLOURS.text;
    g.fillText(k.length > 16 ? `${k.slice(0, 15)}…` : k, 6, top + 17);
  });
}

/** Adds a record's mark to the current path: a cross for a dropped record, else a circle. */
export function recordMark(g: CanvasRenderingContext2D, x: number, y: number, radius: number, cross: boolean): void {
  if (cross) {
    g.moveTo(x - 4, y - 4);
    g.lineTo(x + 4, y + 4);
    g.moveTo(x + 4, y - 4);
    g.lineTo(x - 4, y + 4);
  } else {
    g.moveTo(x + radius, y);
    g.arc(x, y, radius, 0, Math.PI * 2);
  }
}

/** The node's watermark as a thick line (labelled), and each subtask's as a thin dashed one when there are several. */
export function drawWatermarks(g: CanvasRenderingContext2D, frame: TimeFrame, combined: number, subtasks: Iterable<[number, number]> | Iterable<number> = []): WatermarkLine[] {
  const { right, bottom } = plotEdges(frame);
  const perSubtask = [...subtasks].map((w, i) => (typeof w === 'number' ? ([i, w] as const) : w));
  const drawn: WatermarkLine[] = [];
  g.strokeStyle = COLOURS.watermark;
  for (const [subtask, w] of perSubtask) {
    if (!Number.isFinite(w) || perSubtask.length < 2) continue;
    const x = frame.x(w);
    if (x < GUTTER || x > right) continue;
    g.lineWidth = 1;
    g.setLineDash([2, 3]);
    g.beginPath();
    g.moveTo(x, AXIS_HEIGHT);
    g.lineTo(x, bottom);
    g.stroke();
    drawn.push({ subtask, x });
  }
  g.setLineDash([]);
  if (Number.isFinite(combined)) {
    const x = Math.min(right, Math.max(GUTTER, frame.x(combined)));
    g.lineWidth = 2.5;
    g.beginPath();
    g.moveTo(x, AXIS_HEIGHT - 6);
    g.lineTo(x, bottom);
    g.stroke();
    g.fillStyle = COLOURS.watermark;
    // In the row between the time labels and the first lane: on the lane it covered dots and pane results.
    g.fillText('watermark', Math.min(x + 4, right - 60), AXIS_HEIGHT - 3);
    drawn.push({ subtask: 'combined', x });
  }
  return drawn;
}

/** A watermark line as drawn: a subtask's (thin, dashed) or the combined one (thick), at x in frame pixels. */
export interface WatermarkLine {
  readonly subtask: number | 'combined';
  readonly x: number;
}
