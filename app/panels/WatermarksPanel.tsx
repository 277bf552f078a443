/**
 * The Watermarks tab: per operator and subtask, the watermark coming in and going out, how far
 * it trails the most advanced source watermark, and idle subtasks; a chart of each operator's
 * watermark (its slowest subtask's) over time.
 */
import { formatDuration, formatEventTime } from '../store/live-metrics';
import { TimeChart } from './charts/TimeChart';
import { LivePanelFrame } from './LivePanelFrame';
import { useLiveMetrics } from './use-live-metrics';

/** A subtask idle more than this share of each second is marked idle. */
const IDLE_MS_PER_SECOND = 900;

export function WatermarksPanel() {
  const { metrics } = useLiveMetrics();
  const rows = metrics.rows();
  // The most advanced watermark any operator emitted: how far behind each one is.
  const front = rows.reduce((m, r) => (Number.isFinite(r.outputWatermark) ? Math.max(m, r.outputWatermark) : m), -Infinity);
  return (
    <LivePanelFrame title="Watermarks" empty={rows.length === 0}>
      <div className="live-grid">
        <table className="live-table" aria-label="Watermarks per operator and subtask">
          <thead>
            <tr>
              <th>Operator</th>
              <th>Subtask</th>
              <th>Input watermark</th>
              <th>Output watermark</th>
              <th title="How far this watermark trails the most advanced watermark in the job (event time)">Behind the front</th>
              <th>Idle</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.nodeId}#${r.subtask}`} data-node={r.nodeId}>
                <td>{r.nodeId}</td>
                <td>#{r.subtask}</td>
                <td>{formatEventTime(r.inputWatermark)}</td>
                <td data-testid={`wm-${r.nodeId}-${r.subtask}`}>{formatEventTime(r.outputWatermark)}</td>
                <td>{Number.isFinite(r.outputWatermark) && Number.isFinite(front) ? formatDuration(front - r.outputWatermark) : '—'}</td>
                <td>{r.idleMsPerSecond >= IDLE_MS_PER_SECOND ? <span className="tag">idle</span> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <TimeChart title="Watermark per operator over time" times={metrics.times} series={metrics.watermark} formatValue={formatEventTime} />
      </div>
    </LivePanelFrame>
  );
}
