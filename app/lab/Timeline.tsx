/**
 * The window/watermark timeline of one window node (region "Timeline"): event time across,
 * a lane per key (or processing time down, the two-axis view), each record a dot placed when it
 * arrives, window panes as boxes that open, fire (with their result), fire again for late data
 * and disappear when purged, the watermark of each subtask and the combined one as vertical
 * lines, and the allowed-lateness horizon as a shaded band. Drawn on a canvas (thousands of
 * dots), with the panes also listed as a table for keyboards, screen readers and tests.
 */
import { useCallback, useMemo, useState } from 'react';
import { NodeName } from '../panels/NodeName';
import { formatDuration, formatInstant, formatWindow } from '../format/time';
import { AxisChoice, TimelineCanvas, useTimelineBox } from './TimelineCanvas';
import { LANE_HEIGHT, type TimelineAxis, type VisibleRows, ofKeys, rowsInView } from './timeline-axis';
import { COLOURS, FATE_COLOURS, FATE_CSS, LATENESS_CSS, PANE_FILL, PANE_FILL_CSS, PANE_STROKE, PANE_STROKE_CSS, WATERMARK_CSS, drawLanesOrSteps, drawTimeAxis, drawWatermarks, plotEdges, prepareCanvas, recordMark } from './timeline-canvas';
import { recordMarkLayer } from './record-marks';
import { type LatenessBand, type TimelineLayout, latenessBand, layoutTimeline, paneAt, recordAt } from './timeline-layout';
import { type PaneFiring, type RecordFate, type TimelineModel, type TimelinePane, type TimelineRecord, cleanupTime, paneState } from './timeline-types';

export { FATE_COLOURS, PANE_FILL, PANE_STROKE };
const FATE_LABELS: Record<RecordFate, string> = { 'on-time': 'on time', late: 'late, accepted (fires again)', 'side-output': 'late → side output', dropped: 'late → dropped' };

interface TimelineProps {
  readonly model: TimelineModel;
  /** The event times across, shared by compared timelines so they line up; the model's own by default. */
  readonly domain?: readonly [number, number];
  /** Which configuration (Compare): named in the heading and the region. */
  readonly variant?: string;
  /** The region's name when the lab shows several timelines (one per window node); "Timeline" (or with the variant) otherwise. */
  readonly name?: string | undefined;
  /** Where the record's source element came from, for "why": `node#offset`. */
  readonly onShowCause?: (cause: { node: string; offset: number }) => void;
}

const valueText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
/** A firing's result on its pane: an aggregate's `value` alone (the key and bounds are the pane's), else the whole result. */
const resultText = (v: unknown) => (v !== null && typeof v === 'object' && 'value' in v && 'windowStart' in v ? valueText((v as { value: unknown }).value) : valueText(v));

export function Timeline({ model, domain, variant, name }: TimelineProps) {
  const box = useTimelineBox();
  const [axis, setAxis] = useState<TimelineAxis>('keys');
  const [chosen, setChosen] = useState<number | null>(null);

  const lo = domain?.[0];
  const hi = domain?.[1];
  // biome-ignore lint/correctness/useExhaustiveDependencies: the domain is compared by its bounds; the model is a view that changes with its step
  const layout = useMemo(() => layoutTimeline(model, box.width, axis, domain), [model, model.step, box.width, axis, lo, hi]);
  const paint = useCallback((c: HTMLCanvasElement, view: VisibleRows, marks: HTMLElement) => draw(c, marks, model, layout, view), [model, layout]);

  const pane = chosen === null ? null : (model.panes[chosen] ?? null);
  return (
    <section className="lab-timeline" aria-label={name ?? (variant === undefined ? 'Timeline' : `Timeline: ${variant}`)}>
      <div className="lab-timeline-head">
        <h3>
          Timeline of{' '}
          <span className="mono">
            <NodeName id={model.node} />
          </span>
          {variant !== undefined && <span className="lab-variant"> · {variant}</span>}
        </h3>
        <p className="meta" data-testid="timeline-watermark">
          Watermark {formatInstant(model.combinedWatermark)}
          {model.watermarks.size > 1 && ` (min over ${model.watermarks.size} subtasks: ${subtaskWatermarks(model)})`}
          {model.allowedLatenessMs > 0 && ` · allowed lateness ${formatDuration(model.allowedLatenessMs)}`}
        </p>
        <AxisChoice axis={axis} onChange={setAxis} />
      </div>
      <Legend lateness={model.allowedLatenessMs > 0} restored={model.panes.some((p) => p.restored !== undefined)} />
      <TimelineCanvas
        box={box}
        frame={layout}
        label={canvasLabel(model)}
        draw={paint}
        itemAt={(x, y) => recordAt(model, layout, x, y)}
        tip={(record, style) => <RecordTip record={record} model={model} style={style} />}
        onPick={(x, y) => setChosen(paneAt(model, layout, x, y)?.id ?? null)}
      />
      {pane && <PaneDetails pane={pane} model={model} onClose={() => setChosen(null)} />}
      <PaneTable model={model} onChoose={setChosen} />
    </section>
  );
}

/** The marks' meanings; the allowed-lateness band only where the window node has some. */
function Legend({ lateness, restored }: { lateness: boolean; restored: boolean }) {
  return (
    <ul className="lab-legend" aria-label="Legend">
      {(Object.keys(FATE_LABELS) as RecordFate[]).map((f) => (
        <li key={f}>
          <span className="swatch dot" style={{ background: FATE_CSS[f] }} /> {FATE_LABELS[f]}
        </li>
      ))}
      <li>
        <span className="swatch" style={{ background: PANE_FILL_CSS.open, borderColor: PANE_STROKE_CSS.open }} /> window open
      </li>
      <li>
        <span className="swatch" style={{ background: PANE_FILL_CSS.fired, borderColor: PANE_STROKE_CSS.fired }} /> fired
      </li>
      <li>
        <span className="swatch dashed" style={{ borderColor: PANE_STROKE_CSS.purged }} /> purged
      </li>
      {restored && (
        <li>
          <span className="swatch restored" style={{ background: PANE_FILL_CSS.open, borderColor: PANE_STROKE_CSS.open }} /> restored from the checkpoint (thick left edge)
        </li>
      )}
      <li>
        <span className="swatch line" style={{ background: WATERMARK_CSS }} /> watermark (thin: per subtask)
      </li>
      {lateness && (
        <li>
          <span className="swatch lateness" style={{ background: LATENESS_CSS, borderLeftColor: FATE_CSS.late }} /> allowed lateness (from the dashed horizon to the watermark)
        </li>
      )}
    </ul>
  );
}

function RecordTip({ record, model, style }: { record: TimelineRecord; model: TimelineModel; style: React.CSSProperties }) {
  return (
    <div className="lab-tip" role="tooltip" style={style}>
      <div className="mono">{valueText(record.value)}</div>
      <div>
        key <span className="mono">{record.key}</span> · event time {formatInstant(record.ts)} · step {record.step}
      </div>
      <div>
        <strong style={{ color: FATE_CSS[record.fate] }}>{FATE_LABELS[record.fate]}</strong>: {whyText(record, model)}
      </div>
      {record.windows.length > 0 && <div>{record.fate === 'side-output' || record.fate === 'dropped' ? 'its windows, all past lateness:' : 'windows'} {record.windows.map(formatWindow).join(', ')}</div>}
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
      return `the watermark (${wm}) had passed a window's end, but not end + allowed lateness (${formatDuration(model.allowedLatenessMs)}): the window fires again`;
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
        — {pane.lost ? 'lost' : paneState(pane)}, {pane.restored?.checkpointId !== undefined ? `restored from checkpoint ${pane.restored.checkpointId} at step ${pane.openedAt} (a killed slot's failover)` : pane.restored ? 'restored from the checkpoint the lab steps from' : `opened at step ${pane.openedAt}`}
        {pane.purgedAt !== null && (pane.lost ? `, lost at step ${pane.purgedAt} when a slot was killed (every task restarted from a checkpoint)` : `, purged at step ${pane.purgedAt}`)}; takes records until the watermark passes {formatInstant(cleanupTime(pane, model.allowedLatenessMs))}
        <button type="button" className="link" onClick={onClose} aria-label="Close pane details">
          ×
        </button>
      </p>
      {pane.restored && pane.restored.checkpointId === undefined && (
        <p>
          Restored contents: <span className="mono">{valueText(pane.restored.contents)}</span>
        </p>
      )}
      <p>Records ({pane.records.length}{pane.restored && pane.restored.checkpointId === undefined ? ' since the restore' : ''}): {pane.records.map((i) => valueText(model.records[i]?.value)).join(', ') || 'none'}</p>
      {pane.firings.map((f) => (
        <p key={f.step}>
          {f.late ? 'Late firing' : 'Fired'} at step {f.step} with <span className="mono">{valueText(f.result)}</span> — {firedBy(f)}
        </p>
      ))}
    </div>
  );
}

/** What fired a pane, and the source element behind it (the trace's `cause`). */
export function firedBy(f: PaneFiring): string {
  const element = `element ${f.cause.offset} of ${f.cause.node}`;
  if (f.by === 'record') return `by a record (${element}), the watermark at ${formatInstant(f.watermark)}`;
  if (f.watermark === Infinity) return `by the end of input of ${f.cause.node} (its final watermark, after its ${f.cause.offset} elements)`;
  return `by the watermark ${formatInstant(f.watermark)}, from ${element}`;
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
              <td>{p.lost ? 'lost (failover)' : p.restored ? `${paneState(p)} · restored` : paneState(p)}</td>
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
function draw(c: HTMLCanvasElement, marks: HTMLElement, model: TimelineModel, L: TimelineLayout, view: VisibleRows): void {
  const g = prepareCanvas(c, L, view);
  if (!g) return;
  const { right } = plotEdges(L);
  const inView = rowsInView(view);
  // Only the lanes in view, through the per-key indices: most of 50 keys' records and panes are never visited.
  const lanes = L.axis === 'keys' ? model.keys.filter((k) => inView(L.laneTop(k), LANE_HEIGHT)) : null;
  const records = lanes === null ? model.records : ofKeys(lanes, model.recordsByKey, model.records);
  const panes = lanes === null ? model.panes : ofKeys(lanes, model.panesByKey, model.panes);

  const wm = model.combinedWatermark;
  drawLanesOrSteps(g, L, model.keys, { top: L.laneTop, height: () => LANE_HEIGHT }, inView);
  drawTimeAxis(g, L);

  // Panes, batched by state: one path per state (thousands of rects in one fill and stroke).
  for (const state of ['purged', 'open', 'fired'] as const) {
    g.beginPath();
    for (const p of panes) {
      if (paneState(p) !== state) continue;
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
  // Panes restored from the checkpoint the lab steps from: a thick left edge in their state's colour.
  for (const p of panes) {
    if (p.restored === undefined) continue;
    const b = L.paneBox(p);
    if (!inView(b.y, b.h)) continue;
    g.fillStyle = PANE_STROKE[paneState(p)];
    g.fillRect(b.x, b.y, 4, b.h);
  }
  g.fillStyle = PANE_STROKE.fired;
  for (const p of panes) {
    const last = p.firings[p.firings.length - 1];
    if (!last || p.purgedAt !== null || p.mergedInto !== null) continue;
    const b = L.paneBox(p);
    if (b.w <= 30 || !inView(b.y, b.h)) continue;
    const text = `${p.firings.length > 1 ? `×${p.firings.length} ` : ''}${resultText(last.result)}`;
    g.fillText(text.length * 6 > b.w - 6 ? `${text.slice(0, Math.max(1, Math.floor((b.w - 10) / 6)))}…` : text, b.x + 4, b.y + Math.min(b.h - 4, 14));
  }

  drawLatenessBand(g, latenessBand(L, wm, model.allowedLatenessMs), Number.isFinite(wm) ? L.x(wm) : right, right);

  // Records, batched by fate; the record of the current step drawn larger. Each dot in view also
  // gets an element naming its record (`recordMarkLayer`), at the canvas's pixels.
  const named = recordMarkLayer(marks);
  named.begin();
  for (const fate of ['on-time', 'late', 'side-output', 'dropped'] as const) {
    g.beginPath();
    for (const r of records) {
      if (r.fate !== fate) continue;
      const d = L.dot(r);
      if (!inView(d.y)) continue;
      recordMark(g, d.x, d.y, r.step === model.step ? 5.5 : 4, fate === 'dropped');
      named.mark(r.index, r.step, r.key, r.ts, fate, d.x, d.y - view.top, r.step === model.step);
    }
    g.fillStyle = FATE_COLOURS[fate];
    g.strokeStyle = FATE_COLOURS[fate];
    g.lineWidth = 2;
    if (fate === 'dropped' || fate === 'side-output') g.stroke();
    else g.fill();
  }

  named.end();

  const lines = drawWatermarks(g, L, wm, model.watermarks.entries());
  // What is drawn where, for tests that hover and click the canvas (it has no elements to find):
  // the watermark lines ("#0:312 #1:340 combined:312") and the dot of the record the current step took.
  c.dataset['watermarkLines'] = lines.map((l) => `${l.subtask === 'combined' ? 'combined' : `#${l.subtask}`}:${Math.round(l.x)}`).join(' ');
  const last = model.records[model.records.length - 1];
  const current = last?.step === model.step ? last : undefined;
  const dot = current && L.dot(current);
  if (dot && inView(dot.y)) c.dataset['currentRecord'] = `${Math.round(dot.x)},${Math.round(dot.y - view.top)}`;
  else delete c.dataset['currentRecord'];
}

/** Each subtask's watermark, in subtask order: "#0 00:00:04.999, #1 00:00:09.999". */
function subtaskWatermarks(model: TimelineModel): string {
  return [...model.watermarks]
    .sort((a, b) => a[0] - b[0])
    .map(([s, w]) => `#${s} ${formatInstant(w)}`)
    .join(', ');
}

/** The canvas's accessible name: what it shows, the watermark and where the allowed-lateness band lies. */
function canvasLabel(model: TimelineModel): string {
  const wm = model.combinedWatermark;
  const parts = [`Event time from ${formatInstant(model.minTime)} to ${formatInstant(model.maxTime)}; ${model.keys.length} keys, ${model.records.length} records, ${model.panes.length} window panes`];
  if (Number.isFinite(wm)) {
    parts.push(`watermark ${formatInstant(wm)}${model.watermarks.size > 1 ? ` (the minimum of subtasks ${subtaskWatermarks(model)}: a dashed line each)` : ''}`);
    if (model.allowedLatenessMs > 0) parts.push(`allowed lateness ${formatDuration(model.allowedLatenessMs)}: shaded from the lateness horizon ${formatInstant(wm - model.allowedLatenessMs)} to the watermark ${formatInstant(wm)}`);
  }
  return parts.join('; ');
}

/**
 * The allowed-lateness band over the panes (translucent, so they show through) and under the
 * dots, its left edge — the lateness horizon — dashed, and named beside the watermark when it fits.
 */
function drawLatenessBand(g: CanvasRenderingContext2D, band: LatenessBand | null, watermarkX: number, right: number): void {
  if (band === null) return;
  g.fillStyle = COLOURS.lateness;
  g.fillRect(band.x, band.y, band.w, band.h);
  if (band.horizonX !== null) {
    g.strokeStyle = FATE_COLOURS.late;
    g.lineWidth = 1.5;
    g.setLineDash([4, 3]);
    g.beginPath();
    g.moveTo(band.horizonX, band.y);
    g.lineTo(band.horizonX, band.y + band.h);
    g.stroke();
    g.setLineDash([]);
  }
  // Left of the watermark's own label, which `drawWatermarks` moves in from the right edge.
  const label = 'allowed lateness';
  const end = Math.min(watermarkX - 5, right - 66);
  if (end - g.measureText(label).width >= band.x + 4) {
    g.fillStyle = COLOURS.muted;
    g.textAlign = 'right';
    // Beside the watermark's label, above the lanes (a dot near the band's top would cover it).
    g.fillText(label, end, band.y - 3);
    g.textAlign = 'left';
  }
}
