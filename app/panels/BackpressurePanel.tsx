/**
 * The Backpressure tab: how each subtask spent the last second — busy, idle, or waiting for
 * credit downstream — with Flink's level (OK ≤ 10% < LOW ≤ 50% < HIGH of back-pressured time).
 */
import { backpressureLevel, formatShare } from '../store/live-metrics';
import { LivePanelFrame } from './LivePanelFrame';
import { useLiveMetrics } from './use-live-metrics';

export function BackpressurePanel() {
  const { metrics } = useLiveMetrics();
  const subtasks = metrics.subtasks();
  return (
    <LivePanelFrame title="Backpressure" empty={subtasks.length === 0}>
      <table className="live-table" aria-label="Backpressure per subtask">
        <thead>
          <tr>
            <th>Task (chain)</th>
            <th>Subtask</th>
            <th>Busy</th>
            <th>Idle</th>
            <th>Back-pressured</th>
            <th>Level</th>
            <th>Input buffers</th>
            <th>Output buffers</th>
          </tr>
        </thead>
        <tbody>
          {subtasks.map((s) => {
            const level = backpressureLevel(s.backPressuredMsPerSecond);
            return (
              <tr key={`${s.vertex}#${s.subtask}`}>
                <td>{s.operators.map((o) => o.nodeId).join(' → ')}</td>
                <td>#{s.subtask}</td>
                <td>{formatShare(s.busyMsPerSecond)}</td>
                <td>{formatShare(s.idleMsPerSecond)}</td>
                <td>{formatShare(s.backPressuredMsPerSecond)}</td>
                <td>
                  <span className={`level level-${level}`}>{level.toUpperCase()}</span>
                </td>
                <td>{Math.round(s.inputBufferUsage * 100)}%</td>
                <td>{Math.round(s.outputBufferUsage * 100)}%</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </LivePanelFrame>
  );
}
