/**
 * The timeline of one `cep.pattern` node (region "Timeline"): event time across, a lane per key;
 * each partial match in progress (the NFA's state) as a bar from its first event to the
 * watermark, labelled with the stages matched so far, its `within` deadline dashed ahead of it;
 * each completed match as a diamond at its match time and each timed-out partial match as a
 * hollow diamond at its timeout; records as dots, hollow while buffered for the watermark. The
 * same canvas, scale and colours as a window node's timeline, with everything also listed as a
 * table for keyboards, screen readers and tests.
 */
import { useCallback, useMemo, useState } from 'react';
import { NodeName } from '../panels/NodeName';
import { formatDuration, formatInstant } from '../format/time';
import { AxisChoice, TimelineCanvas, useTimelineBox } from './TimelineCanvas';
import { type CepOutcome, type CepRecord, type CepRecordFate, type CepTimelineModel, stagesText } from './cep-timeline-model';
import { type CepTimelineLayout, cepItemAt, layoutCepTimeline } from './cep-timeline-layout';
import { type TimelineAxis, type VisibleRows, ofKeys, rowsInView } from './timeline-axis';
import { recordMarkLayer } from './record-marks';
import { COLOURS, FATE_COLOURS, FATE_CSS, PANE_FILL, PANE_FILL_CSS, PANE_STROKE, PANE_STROKE_CSS, WATERMARK_CSS, drawLanesOrSteps, drawTimeAxis, drawWatermarks, prepareCanvas, recordMark } from './timeline-canvas';

/** A CEP record's colour is its window-timeline fate's: in the theme now on the canvas, or as CSS in the DOM. */
const fateOf = (f: CepRecordFate) => (f === 'buffered' || f === 'processed' ? 'on-time' : f);
const recordColour = (f: CepRecordFate) => FATE_COLOURS[fateOf(f)];
const RECORD_CSS: Record<CepRecordFate, string> = { buffered: FATE_CSS['on-time'], processed: FATE_CSS['on-time'], 'side-output': FATE_CSS['side-output'], dropped: FATE_CSS.dropped };
const RECORD_LABELS: Record<CepRecordFate, string> = {
  buffered: 'buffered until the watermark passes it',
  processed: 'fed to the pattern',
  'side-output': 'late → side output',
  dropped: 'late → dropped',
};
const MATCH_CSS = PANE_STROKE_CSS.fired;
const TIMEOUT_CSS = FATE_CSS.late;

const valueText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const isOutcome = (x: CepOutcome | CepRecord): x is CepOutcome => 'kind' in x;

interface CepTimelineProps {
  readonly model: CepTimelineModel;
  /** The event times across, shared by compared timelines so they line up; the model's own by default. */
  readonly domain?: readonly [number, number];
  /** Which configuration (Compare): named in the heading and the region. */
  readonly variant?: string;
  /** The region's name when the lab shows several timelines (one per window node); "Timeline" (or with the variant) otherwise. */
  readonly name?: string | undefined;
}

export function CepTimeline({ model, domain, variant, name }: CepTimelineProps) {
  const box = useTimelineBox();
  const [axis, setAxis] = useState<TimelineAxis>('keys');
  const lo = domain?.[0];
  const hi = domain?.[1];
  // biome-ignore lint/correctness/useExhaustiveDependencies: the domain is compared by its bounds
  const layout = useMemo(() => layoutCepTimeline(model, box.width, axis, domain), [model, box.width, axis, lo, hi]);
  const paint = useCallback((c: HTMLCanvasElement, view: VisibleRows, marks: HTMLElement) => draw(c, marks, model, layout, view), [model, layout]);
  const matches = model.matchCount;
  const buffered = model.bufferedCount;

  return (
    <section className="lab-timeline lab-cep-timeline" aria-label={name ?? (variant === undefined ? 'Timeline' : `Timeline: ${variant}`)}>
      <div className="lab-timeline-head">
        <h3>
          Timeline of{' '}
          <span className="mono">
            <NodeName id={model.node} />
          </span> <span className="muted">(CEP pattern)</span>
          {variant !== undefined && <span className="lab-variant"> · {variant}</span>}
        </h3>
        <p className="meta" data-testid="timeline-watermark">
          Watermark {formatInstant(model.combinedWatermark)}
          {model.withinMs > 0 && ` · within ${formatDuration(model.withinMs)}`} · {model.partials.length} partial {model.partials.length === 1 ? 'match' : 'matches'} in progress · {buffered} buffered
        </p>
        <AxisChoice axis={axis} onChange={setAxis} />
      </div>
      <CepLegend />
      <TimelineCanvas
        box={box}
        frame={layout}
        label={`Event time from ${formatInstant(model.minTime)} to ${formatInstant(model.maxTime)}; ${model.keys.length} keys, ${model.records.length} records (${buffered} buffered), ${model.partials.length} partial matches, ${matches} matches, ${model.outcomes.length - matches} timed out`}
        draw={paint}
        itemAt={(x, y) => cepItemAt(model, layout, x, y)}
        tip={(item, style) => (isOutcome(item) ? <OutcomeTip outcome={item} at={style} /> : <RecordTip record={item} at={style} />)}
      />
      <CepTable model={model} />
    </section>
  );
}

function CepLegend() {
  return (
    <ul className="lab-legend" aria-label="Legend">
      <li>
        <span className="swatch dot" style={{ background: RECORD_CSS.processed }} /> fed to the pattern
      </li>
      <li>
        <span className="swatch dot hollow" style={{ borderColor: RECORD_CSS.buffered }} /> buffered (waits for the watermark)
      </li>
      <li>
        <span className="swatch dot" style={{ background: RECORD_CSS['side-output'] }} /> late → side output / dropped
      </li>
      <li>
        <span className="swatch" style={{ background: PANE_FILL_CSS.open, borderColor: PANE_STROKE_CSS.open }} /> partial match (first event → now)
      </li>
      <li>
        <span className="swatch dashed" style={{ borderColor: PANE_STROKE_CSS.open }} /> until its within deadline
      </li>
      <li>
        <span className="swatch diamond" style={{ background: MATCH_CSS }} /> match
      </li>
      <li>
        <span className="swatch diamond hollow" style={{ borderColor: TIMEOUT_CSS }} /> timed out
      </li>
      <li>
        <span className="swatch line" style={{ background: WATERMARK_CSS }} /> watermark
      </li>
    </ul>
  );
}

function OutcomeTip({ outcome: o, at }: { outcome: CepOutcome; at: React.CSSProperties }) {
  return (
    <div className="lab-tip" role="tooltip" style={at}>
      <div>
        <strong style={{ color: o.kind === 'match' ? MATCH_CSS : TIMEOUT_CSS }}>{o.kind === 'match' ? 'Pattern matched' : 'Partial match timed out'}</strong> for{' '}
        <span className="mono">{o.key}</span> at {formatInstant(o.ts)} · step {o.step}
      </div>
      <div>{stagesText(o.match, false)}</div>
      <div>
        {o.kind === 'match' ? 'select' : 'timeoutSelect'} → <span className="mono">{valueText(o.result)}</span>
      </div>
    </div>
  );
}

function RecordTip({ record: r, at }: { record: CepRecord; at: React.CSSProperties }) {
  return (
    <div className="lab-tip" role="tooltip" style={at}>
      <div className="mono">{valueText(r.value)}</div>
      <div>
        key <span className="mono">{r.key}</span> · event time {formatInstant(r.ts)} · step {r.step}
      </div>
      <div>
        <strong style={{ color: RECORD_CSS[r.fate] }}>{RECORD_LABELS[r.fate]}</strong>
      </div>
    </div>
  );
}

/** Partial matches in progress, then matches and timeouts, as rows (drawn only while open). */
function CepTable({ model }: { model: CepTimelineModel }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="lab-pane-list" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Partial matches ({model.partials.length}) and matches ({model.outcomes.length})
      </summary>
      {open && (
        <table className="live-table" aria-label={`Partial matches and matches of ${model.node}`}>
          <thead>
            <tr>
              <th>Key</th>
              <th>State</th>
              <th>Stages</th>
              <th>From</th>
              <th>At / until</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {model.partials.map((p) => (
              <tr key={`p${p.key}@${p.start}@${stagesText(p.match)}`} data-cep={`partial:${p.key}@${p.start}`}>
                <td className="mono">{p.key}</td>
                <td>in progress, waits in {p.stage}</td>
                <td>{stagesText(p.match)}</td>
                <td>{formatInstant(p.start)}</td>
                <td>{model.withinMs > 0 ? `times out at ${formatInstant(p.start + model.withinMs)}` : 'no within'}</td>
                <td />
              </tr>
            ))}
            {model.outcomes.map((o) => (
              <tr key={`${o.kind}${o.step}@${o.key}@${o.ts}`} data-cep={`${o.kind}:${o.key}@${o.ts}`}>
                <td className="mono">{o.key}</td>
                <td>{o.kind === 'match' ? `matched at step ${o.step}` : `timed out at step ${o.step}`}</td>
                <td>{stagesText(o.match, false)}</td>
                <td>{formatInstant(firstTime(o))}</td>
                <td>{formatInstant(o.ts)}</td>
                <td className="mono">{valueText(o.result)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** A match's first event's time (events carry theirs as `ts` when the job's records do). */
function firstTime(o: CepOutcome): number {
  let t = o.ts;
  for (const evs of Object.values(o.match))
    for (const e of evs) {
      const v = e !== null && typeof e === 'object' ? (e as Record<string, unknown>)['ts'] : undefined;
      if (typeof v === 'number') t = Math.min(t, v);
    }
  return t;
}

function diamond(g: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  g.moveTo(x, y - r);
  g.lineTo(x + r, y);
  g.lineTo(x, y + r);
  g.lineTo(x - r, y);
  g.closePath();
}

/** Draws what is in view: the axis, and the lanes, bars, dots and marks whose rows are scrolled into view (a lane either side). */
function draw(c: HTMLCanvasElement, marks: HTMLElement, model: CepTimelineModel, L: CepTimelineLayout, view: VisibleRows): void {
  const g = prepareCanvas(c, L, view);
  if (!g) return;
  const inView = rowsInView(view);
  // Only the lanes in view, through the per-key indices: most of 50 keys' records are never visited.
  const lanes = L.axis === 'keys' ? model.keys.filter((k) => inView(L.laneTop(k), L.laneHeight(k))) : null;
  const shown = lanes === null ? null : new Set(lanes);
  // By index: a record's index is its identity on the page's marks.
  const recordIds = lanes === null ? model.records.map((_, i) => i) : lanes.flatMap((k) => model.recordsByKey.get(k) ?? []);
  const outcomes = lanes === null ? model.outcomes : ofKeys(lanes, model.outcomesByKey, model.outcomes);

  drawLanesOrSteps(g, L, model.keys, { top: L.laneTop, height: L.laneHeight }, inView);
  drawTimeAxis(g, L);

  // Partial matches: the deadline dashed, the bar up to now filled, the stages so far on it.
  for (const p of model.partials) {
    if (shown !== null && !shown.has(p.key)) continue;
    const b = L.bar(p);
    if (!inView(b.y, b.h)) continue;
    if (b.deadline !== null && b.deadline > b.x + b.w) {
      g.setLineDash([3, 3]);
      g.strokeStyle = PANE_STROKE.open;
      g.lineWidth = 1;
      g.strokeRect(b.x + b.w, b.y + 0.5, b.deadline - b.x - b.w, b.h - 1);
      g.setLineDash([]);
    }
    g.fillStyle = PANE_FILL.open;
    g.fillRect(b.x, b.y, b.w, b.h);
    g.strokeStyle = PANE_STROKE.open;
    g.lineWidth = 1.5;
    g.strokeRect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1);
    const room = Math.max(b.w, (b.deadline ?? 0) - b.x) - 8;
    const text = stagesText(p.match);
    if (room > 24) {
      g.fillStyle = PANE_STROKE.open;
      g.fillText(text.length * 6 > room ? `${text.slice(0, Math.max(1, Math.floor(room / 6) - 1))}…` : text, b.x + 4, Math.min(b.y + b.h, b.y + BAR_TEXT) - 3);
    }
  }

  // Records: filled once fed to the pattern, hollow while buffered, late ones as the window timeline draws them.
  // Each dot in view also gets an element naming its record (`recordMarkLayer`).
  const named = recordMarkLayer(marks);
  named.begin();
  for (const fate of ['processed', 'buffered', 'side-output', 'dropped'] as const) {
    g.beginPath();
    for (const i of recordIds) {
      const r = model.records[i]!;
      if (r.fate !== fate) continue;
      const d = L.dot(r);
      if (!inView(d.y)) continue;
      recordMark(g, d.x, d.y, r.step === model.step ? 5.5 : 4, fate === 'dropped');
      named.mark(i, r.step, r.key, r.ts, fate, d.x, d.y - view.top, r.step === model.step);
    }
    g.fillStyle = COLOURS.onMark;
    g.strokeStyle = recordColour(fate);
    g.lineWidth = 2;
    if (fate === 'processed') {
      g.fillStyle = recordColour(fate);
      g.fill();
    } else {
      if (fate === 'buffered') g.fill();
      g.stroke();
    }
  }

  named.end();

  // Matches (filled) and timeouts (hollow) as diamonds on their lane.
  for (const kind of ['match', 'timeout'] as const) {
    g.beginPath();
    for (const o of outcomes) {
      if (o.kind !== kind) continue;
      const m = L.mark(o);
      if (!inView(m.y)) continue;
      diamond(g, m.x, m.y, o.step === model.step ? 8 : 6.5);
    }
    g.lineWidth = 2;
    if (kind === 'match') {
      g.fillStyle = PANE_STROKE.fired;
      g.fill();
      g.strokeStyle = COLOURS.onMark;
      g.stroke();
    } else {
      g.fillStyle = COLOURS.onMark;
      g.fill();
      g.strokeStyle = FATE_COLOURS.late;
      g.stroke();
    }
  }

  // Where the newest mark is on the canvas, for tests that hover it (the canvas has no elements to find).
  const last = model.outcomes[model.outcomes.length - 1];
  if (last) {
    const m = L.mark(last);
    c.dataset['lastMark'] = `${Math.round(m.x)},${Math.round(m.y - view.top)}`;
  } else delete c.dataset['lastMark'];

  drawWatermarks(g, L, model.combinedWatermark);
}

/** Where a bar's label sits from its top: its bottom in the lane view (a bar is that tall), near its top when it runs down in processing time. */
const BAR_TEXT = 14;
