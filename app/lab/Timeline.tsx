/**
 * The window/watermark timeline of one window node (region "Timeline"): event time across,
 * a lane per key (or processing time down, the two-axis view), each record a dot placed when it
 * arrives, window panes as boxes that open, fire (with their result), fire again for late data
 * and disappear when purged, the watermark of each subtask and the combined one as vertical
 * lines, and the allowed-lateness horizon as a shaded band. Drawn on a canvas (thousands of
 * dots), with the panes also listed as a table for keyboards, screen readers and tests.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatInstant, formatWindow } from '../format/time';
import { AXIS_HEIGHT, GUTTER, LANE_HEIGHT, type TimelineAxis, type TimelineLayout, type VisibleRows, layoutTimeline, paneAt, recordAt, rowsInView } from './timeline-layout';
import { type RecordFate, type TimelineModel, type TimelinePane, type TimelineRecord, cleanupTime, paneState } from './timeline-model';

export const FATE_COLOURS: Record<RecordFate, string> = { 'on-time': '#2453d4', late: '#ef6c00', 'side-output': '#6a1b9a', dropped: '#b42318' };
const FATE_LABELS: Record<RecordFate, string> = { 'on-time': 'on time', late: 'late, accepted (fires again)', 'side-output': 'late → side output', dropped: 'late → dropped' };
export const PANE_FILL = { open: 'rgba(36, 83, 212, 0.10)', fired: 'rgba(26, 127, 55, 0.16)', purged: 'rgba(69, 90, 100, 0.05)', merged: 'transparent' } as const;
export const PANE_STROKE = { open: '#2453d4', fired: '#1a7f37', purged: '#90a4ae', merged: 'transparent' } as const;
export const WATERMARK = '#b42318';

interface TimelineProps {
  readonly model: TimelineModel;
  /** The event times across, shared by compared timelines so they line up; the model's own by default. */
  readonly domain?: readonly [number, number];
  /** Which configuration (Compare): named in the heading and the region. */
  readonly variant?: string;
  /** Where the record's source element came from, for "why": `node#offset`. */
  readonly onShowCause?: (cause: { node: string; offset: number }) => void;
}

const valueText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
/** A firing's result on its pane: an aggregate's `value` alone (the key and bounds are the pane's), else the whole result. */
const resultText = (v: unknown) => (v !== null && typeof v === 'object' && 'value' in v && 'windowStart' in v ? valueText((v as { value: unknown }).value) : valueText(v));

export function Timeline({ model, domain, variant }: TimelineProps) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(800);
  const [axis, setAxis] = useState<TimelineAxis>('keys');
  const [hover, setHover] = useState<{ record: TimelineRecord; x: number; y: number } | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  /** The part of the canvas scrolled into view: only its lanes are drawn (50 keys are 1 300 px, the view 360). */
  const [view, setView] = useState<VisibleRows>({ top: 0, height: 360 });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      setWidth(Math.max(320, el.clientWidth));
      setView({ top: el.scrollTop, height: el.clientHeight });
    });
    observer.observe(el);
    setWidth(Math.max(320, el.clientWidth));
    return () => observer.disconnect();
  }, []);

  const lo = domain?.[0];
  const hi = domain?.[1];
  // biome-ignore lint/correctness/useExhaustiveDependencies: the domain is compared by its bounds
  const layout = useMemo(() => layoutTimeline(model, width, axis, domain), [model, model.step, width, axis, lo, hi]);
  useEffect(() => {
    if (canvas.current) draw(canvas.current, model, layout, view);
  });

  const pane = chosen === null ? null : (model.panes[chosen] ?? null);
  const at = (e: React.MouseEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  return (
    <section className="lab-timeline" aria-label={variant === undefined ? 'Timeline' : `Timeline: ${variant}`}>
      <div className="lab-timeline-head">
        <h3>
          Timeline of <span className="mono">{model.node}</span>
          {variant !== undefined && <span className="lab-variant"> · {variant}</span>}
        </h3>
        <p className="meta" data-testid="timeline-watermark">
          Watermark {formatInstant(model.combinedWatermark)}
          {model.watermarks.size > 1 && ` (min over ${model.watermarks.size} subtasks: ${[...model.watermarks].map(([s, w]) => `#${s} ${formatInstant(w)}`).join(', ')})`}
          {model.allowedLatenessMs > 0 && ` · allowed lateness ${model.allowedLatenessMs} ms`}
        </p>
        <div className="lab-axis-choice" role="group" aria-label="Vertical axis">
          <button type="button" aria-pressed={axis === 'keys'} onClick={() => setAxis('keys')}>
            Keys
          </button>
          <button type="button" aria-pressed={axis === 'processing-time'} onClick={() => setAxis('processing-time')}>
            Processing time
          </button>
        </div>
      </div>
      <Legend />
      <div className="lab-timeline-scroll" ref={box} onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={`Event time from ${formatInstant(model.minTime)} to ${formatInstant(model.maxTime)}; ${model.keys.length} keys, ${model.records.length} records, ${model.panes.length} window panes`}
          style={{ width: layout.width, height: layout.height }}
          onMouseMove={(e) => {
            const p = at(e);
            const record = recordAt(model, layout, p.x, p.y);
            setHover(record ? { record, x: p.x, y: p.y } : null);
          }}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const p = at(e);
            setChosen(paneAt(model, layout, p.x, p.y)?.id ?? null);
          }}
        />
        {hover && <RecordTip record={hover.record} model={model} x={hover.x} y={hover.y} />}
      </div>
      {pane && <PaneDetails pane={pane} model={model} onClose={() => setChosen(null)} />}
      <PaneTable model={model} onChoose={setChosen} />
    </section>
  );
}

function Legend() {
  return (
    <ul className="lab-legend" aria-label="Legend">
      {(Object.keys(FATE_LABELS) as RecordFate[]).map((f) => (
        <li key={f}>
          <span className="swatch dot" style={{ background: FATE_COLOURS[f] }} /> {FATE_LABELS[f]}
        </li>
      ))}
      <li>
        <span className="swatch" style={{ background: PANE_FILL.open, borderColor: PANE_STROKE.open }} /> window open
      </li>
      <li>
        <span className="swatch" style={{ background: PANE_FILL.fired, borderColor: PANE_STROKE.fired }} /> fired
      </li>
      <li>
        <span className="swatch dashed" style={{ borderColor: PANE_STROKE.purged }} /> purged
      </li>
      <li>
        <span className="swatch line" style={{ background: WATERMARK }} /> watermark (thin: per subtask)
      </li>
      <li>
        <span className="swatch" style={{ background: 'rgba(239, 108, 0, 0.12)' }} /> allowed lateness
      </li>
    </ul>
  );
}

function RecordTip({ record, model, x, y }: { record: TimelineRecord; model: TimelineModel; x: number; y: number }) {
  return (
    <div className="lab-tip" role="tooltip" style={{ left: x + 12, top: y + 12 }}>
      <div className="mono">{valueText(record.value)}</div>
      <div>
        key <span className="mono">{record.key}</span> · event time {formatInstant(record.ts)} · step {record.step}
      </div>
      <div>
        <strong style={{ color: FATE_COLOURS[record.fate] }}>{FATE_LABELS[record.fate]}</strong>: {whyText(record, model)}
      </div>
      {record.windows.length > 0 && <div>windows {record.windows.map(formatWindow).join(', ')}</div>}
    </div>
  );
}

/** Why a record met its fate, in Flink's terms. */
export function whyText(r: TimelineRecord, model: TimelineModel): string {
  const wm = formatInstant(r.watermarkAtArrival);
  switch (r.fate) {
    case 'on-time':
      return `the watermark (${wm}) had not reached the end of its windows`;
    case 'late':
      return `the watermark (${wm}) had passed a window's end, but not end + allowed lateness (${model.allowedLatenessMs} ms): the window fires again`;
    case 'side-output':
      return `every window was past end + allowed lateness at watermark ${wm}; the late side output takes it`;
    case 'dropped':
      return `every window was past end + allowed lateness at watermark ${wm}, and no side output is wired`;
  }
}

function PaneDetails({ pane, model, onClose }: { pane: TimelinePane; model: TimelineModel; onClose: () => void }) {
  return (
    <div className="lab-pane-details" role="group" aria-label="Window pane">
      <p>
        <strong>
          {pane.key} {formatWindow(pane)}
        </strong>{' '}
        — {paneState(pane)}, opened at step {pane.openedAt}
        {pane.purgedAt !== null && `, purged at step ${pane.purgedAt}`}; takes records until the watermark passes {formatInstant(cleanupTime(pane, model.allowedLatenessMs))}
        <button type="button" className="link" onClick={onClose} aria-label="Close pane details">
          ×
        </button>
      </p>
      <p>Records ({pane.records.length}): {pane.records.map((i) => valueText(model.records[i]?.value)).join(', ') || 'none'}</p>
      {pane.firings.map((f) => (
        <p key={f.step}>
          {f.late ? 'Late firing' : 'Fired'} at step {f.step} with <span className="mono">{valueText(f.result)}</span> — caused by element {f.cause.offset} of{' '}
          <span className="mono">{f.cause.node}</span>
        </p>
      ))}
    </div>
  );
}

/** The panes as a table, drawn only while it is open (thousands of rows otherwise redrawn each step). */
function PaneTable({ model, onChoose }: { model: TimelineModel; onChoose: (id: number) => void }) {
  const [open, setOpen] = useState(false);
  const shown = model.panes.filter((p) => p.mergedInto === null);
  return (
    <details className="lab-pane-list" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Window panes ({shown.length})</summary>
      {open && <table className="live-table" aria-label={`Window panes of ${model.node}`}>
        <thead>
          <tr>
            <th>Key</th>
            <th>Window</th>
            <th>State</th>
            <th>Records</th>
            <th>Results</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.id} data-pane={`${p.key}@${p.start}`} data-state={paneState(p)}>
              <td className="mono">
                <button type="button" className="link" onClick={() => onChoose(p.id)}>
                  {p.key}
                </button>
              </td>
              <td>{formatWindow(p)}</td>
              <td>{paneState(p)}</td>
              <td>{p.records.length}</td>
              <td className="mono">{p.firings.map((f) => valueText(f.result)).join(' → ')}</td>
            </tr>
          ))}
        </tbody>
      </table>}
    </details>
  );
}

/**
 * Draws what is in view: the axis, and the lanes, panes and dots whose rows are scrolled into
 * view (a margin of a lane either side), so a step costs the visible keys' records, not all of them.
 */
function draw(c: HTMLCanvasElement, model: TimelineModel, L: TimelineLayout, view: VisibleRows): void {
  const ratio = globalThis.devicePixelRatio || 1;
  if (c.width !== Math.round(L.width * ratio) || c.height !== Math.round(L.height * ratio)) {
    c.width = Math.round(L.width * ratio);
    c.height = Math.round(L.height * ratio);
  }
  const g = c.getContext('2d');
  if (!g) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, L.width, L.height);
  g.font = '11px system-ui, sans-serif';
  const bottom = L.height - 4;
  const right = L.x.range()[1]!;
  const inView = rowsInView(view);
  /** By lane, before any geometry: most of 50 keys' records are out of view. */
  const laneInView = (key: string) => L.axis !== 'keys' || inView(L.laneTop(key), LANE_HEIGHT);

  // Axis: event-time ticks with readable times.
  g.fillStyle = '#555';
  g.strokeStyle = '#e3e3e3';
  g.textAlign = 'center';
  for (const t of L.xTicks) {
    const x = L.x(t);
    g.beginPath();
    g.moveTo(x, AXIS_HEIGHT - 4);
    g.lineTo(x, bottom);
    g.stroke();
    // A label at the right edge is moved in, not cut.
    const label = formatInstant(t);
    g.fillText(label, Math.min(x, L.width - g.measureText(label).width / 2 - 2), 12);
  }
  g.textAlign = 'left';
  g.fillText('event time →', GUTTER - 104, 24);

  // Lanes (or the processing-time axis).
  if (L.axis === 'keys') {
    model.keys.forEach((k, i) => {
      const top = L.laneTop(k);
      if (!inView(top, LANE_HEIGHT)) return;
      if (i % 2 === 1) {
        g.fillStyle = '#fafafa';
        g.fillRect(GUTTER, top, right - GUTTER, LANE_HEIGHT);
      }
      g.fillStyle = '#333';
      g.fillText(k.length > 16 ? `${k.slice(0, 15)}…` : k, 6, top + 17);
    });
  } else if (L.y) {
    g.fillStyle = '#555';
    for (const s of L.y.ticks(6)) g.fillText(`step ${s}`, 6, L.y(s) + 4);
    g.fillText('processing time ↓', 6, AXIS_HEIGHT + 2);
  }

  // The allowed-lateness band: event times whose windows are late but still take records.
  const wm = model.combinedWatermark;
  if (Number.isFinite(wm) && model.allowedLatenessMs > 0) {
    const x0 = Math.max(GUTTER, L.x(wm - model.allowedLatenessMs));
    const x1 = Math.min(right, L.x(wm));
    g.fillStyle = 'rgba(239, 108, 0, 0.12)';
    if (x1 > x0) g.fillRect(x0, AXIS_HEIGHT, x1 - x0, bottom - AXIS_HEIGHT);
  }

  // Panes, batched by state: one path per state (thousands of rects in one fill and stroke).
  for (const state of ['purged', 'open', 'fired'] as const) {
    g.beginPath();
    for (const p of model.panes) {
      if (paneState(p) !== state || !laneInView(p.key)) continue;
      const b = L.paneBox(p);
      if (!inView(b.y, b.h)) continue;
      g.rect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1);
    }
    g.fillStyle = PANE_FILL[state];
    g.fill();
    g.strokeStyle = PANE_STROKE[state];
    g.setLineDash(state === 'purged' ? [3, 3] : []);
    g.lineWidth = state === 'fired' ? 1.5 : 1;
    g.stroke();
  }
  g.setLineDash([]);
  g.fillStyle = '#1a7f37';
  for (const p of model.panes) {
    const last = p.firings[p.firings.length - 1];
    if (!last || p.purgedAt !== null || p.mergedInto !== null || !laneInView(p.key)) continue;
    const b = L.paneBox(p);
    if (b.w <= 30 || !inView(b.y, b.h)) continue;
    const text = `${p.firings.length > 1 ? `×${p.firings.length} ` : ''}${resultText(last.result)}`;
    g.fillText(text.length * 6 > b.w - 6 ? `${text.slice(0, Math.max(1, Math.floor((b.w - 10) / 6)))}…` : text, b.x + 4, b.y + Math.min(b.h - 4, 14));
  }

  // Records, batched by fate; the record of the current step drawn larger.
  for (const fate of ['on-time', 'late', 'side-output', 'dropped'] as const) {
    g.beginPath();
    for (const r of model.records) {
      if (r.fate !== fate || !laneInView(r.key)) continue;
      const d = L.dot(r);
      if (!inView(d.y)) continue;
      const radius = r.step === model.step ? 5.5 : 4;
      if (fate === 'dropped') {
        g.moveTo(d.x - 4, d.y - 4);
        g.lineTo(d.x + 4, d.y + 4);
        g.moveTo(d.x + 4, d.y - 4);
        g.lineTo(d.x - 4, d.y + 4);
      } else {
        g.moveTo(d.x + radius, d.y);
        g.arc(d.x, d.y, radius, 0, Math.PI * 2);
      }
    }
    g.fillStyle = FATE_COLOURS[fate];
    g.strokeStyle = FATE_COLOURS[fate];
    g.lineWidth = 2;
    if (fate === 'dropped' || fate === 'side-output') g.stroke();
    else g.fill();
  }

  // Watermarks: a thin line per subtask, a thick one for the combined watermark.
  g.strokeStyle = WATERMARK;
  for (const w of model.watermarks.values()) {
    if (!Number.isFinite(w) || model.watermarks.size < 2) continue;
    const x = L.x(w);
    if (x < GUTTER || x > right) continue;
    g.lineWidth = 1;
    g.setLineDash([2, 3]);
    g.beginPath();
    g.moveTo(x, AXIS_HEIGHT);
    g.lineTo(x, bottom);
    g.stroke();
  }
  g.setLineDash([]);
  if (Number.isFinite(wm)) {
    const x = Math.min(right, Math.max(GUTTER, L.x(wm)));
    g.lineWidth = 2.5;
    g.beginPath();
    g.moveTo(x, AXIS_HEIGHT - 6);
    g.lineTo(x, bottom);
    g.stroke();
    g.fillStyle = WATERMARK;
    g.fillText('watermark', Math.min(x + 4, right - 60), AXIS_HEIGHT + 10);
  }
}
