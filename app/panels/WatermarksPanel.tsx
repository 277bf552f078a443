/**
 * The Watermarks tab: per operator and subtask, the watermark coming in and going out, how far
 * it trails the most advanced watermark in the job and the newest record the operator emitted,
 * and idle inputs and outputs (Flink's watermark status); a chart of each operator's watermark
 * (its slowest subtask's) over time.
 */
import { useState } from 'react';
import { formatDuration, formatInstant, formatInstantTick, instantTitle } from '../format/time';
import { countWork } from '../perf/work-counts';
import type { OperatorRow } from '../store/live-metrics';
import { TimeChart } from './charts/TimeChart';
import { LivePanelFrame } from './LivePanelFrame';
import { RawTimesToggle } from './RawTimesToggle';
import { useLiveMetrics } from './use-live-metrics';
import { NodeName } from './NodeName';
import { SpacerRow } from './SpacerRow';
import { useRowWindow } from './use-row-window';

/** Flink's watermark status of the operator's input and output: idle streams hold no watermark back. */
function IdleMarks({ row }: { row: OperatorRow }) {
  return (
    <>
      {row.inputIdle && (
        <span className="tag" title="Every input of this operator is idle: it does not wait for their watermarks">
          input idle
        </span>
      )}
      {row.outputIdle && (
        <span className="tag" title="This operator marked its output idle: downstream operators do not wait for its watermark">
          idle
        </span>
      )}
    </>
  );
}

export function WatermarksPanel() {
  countWork('render.panel');
  const { metrics } = useLiveMetrics();
  const rows = metrics.rows();
  const shown = useRowWindow(rows.length);
  // The most advanced watermark any operator emitted: how far behind each one is.
  const front = rows.reduce((m, r) => (Number.isFinite(r.outputWatermark) ? Math.max(m, r.outputWatermark) : m), -Infinity);
  const [raw, setRaw] = useState(false);
  const instant = (ms: number) => (raw && Number.isFinite(ms) ? String(ms) : formatInstant(ms));
  return (
    <LivePanelFrame title="Watermarks" empty={rows.length === 0}>
      <div className="live-grid">
        <div className="live-table-box">
        <RawTimesToggle raw={raw} onChange={setRaw} />
        <table className="live-table fit" aria-label="Watermarks per operator and subtask" aria-rowcount={rows.length + 1}>
          {/* Fixed widths: the table fits its half of the panel at 1280 px; a cut value keeps its text in a tooltip. */}
          <colgroup>
            <col style={{ width: '15%' }} />
            <col style={{ width: '11%' }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '12%' }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '14%' }} />
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th>Operator</th>
              <th>Subtask</th>
              <th>Input watermark</th>
              <th>Output watermark</th>
              <th title="How far this watermark trails the most advanced watermark in the job (event time)">Behind the front</th>
              <th title="How far the output watermark trails the newest record this operator emitted (event time)">Lag</th>
              <th>Idle</th>
            </tr>
          </thead>
          <tbody ref={shown.ref}>
            <SpacerRow height={shown.before} columns={7} />
            {rows.slice(shown.start, shown.end).map((r, k) => {
              const behind = Number.isFinite(r.outputWatermark) && Number.isFinite(front) ? formatDuration(front - r.outputWatermark) : '—';
              const lag = Number.isNaN(r.watermarkLag) ? '—' : r.watermarkLag < 0 ? 'none (ahead)' : formatDuration(r.watermarkLag);
              return (
                <tr key={`${r.nodeId}#${r.subtask}`} data-node={r.nodeId} aria-rowindex={shown.start + k + 2}>
                  <td title={r.nodeId} data-node-cell={r.nodeId}>
                    <NodeName id={r.nodeId} />
                  </td>
                  <td>#{r.subtask}</td>
                  <td title={instantTitle(r.inputWatermark)}>{instant(r.inputWatermark)}</td>
                  <td data-testid={`wm-${r.nodeId}-${r.subtask}`} title={instantTitle(r.outputWatermark)}>
                    {instant(r.outputWatermark)}
                  </td>
                  <td title={behind}>{behind}</td>
                  <td
                    data-testid={`lag-${r.nodeId}-${r.subtask}`}
                    title={r.watermarkLag < 0 ? `The watermark is ${formatDuration(-r.watermarkLag)} past the newest record this operator emitted (a window emits its results behind the watermark that fires it)` : lag}
                  >
                    {lag}
                  </td>
                  <td className="wraps" data-testid={`idle-${r.nodeId}-${r.subtask}`} title={[r.inputIdle && 'input idle', r.outputIdle && 'output idle'].filter(Boolean).join(', ') || undefined}>
                    <IdleMarks row={r} />
                  </td>
                </tr>
              );
            })}
            <SpacerRow height={shown.after} columns={7} />
          </tbody>
        </table>
        </div>
        <div className="live-chart-box">
          <TimeChart title="Watermark per operator over time" times={metrics.times} series={metrics.watermark} version={metrics.historyVersion} formatValue={formatInstant} formatTick={formatInstantTick} />
          <p className="meta">Each operator's slowest subtask. Once its input ends (watermark +∞), a line stays at the furthest event time it reached.</p>
        </div>
      </div>
    </LivePanelFrame>
  );
}
