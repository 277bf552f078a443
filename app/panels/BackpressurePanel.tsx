/**
 * The Backpressure tab: how each subtask spent the last second — busy, idle, or waiting for
 * credit downstream — with Flink's level (OK ≤ 10% < LOW ≤ 50% < HIGH of back-pressured time).
 * Each operator of a chain is shown in its role's colour, as on the canvas.
 */
import { Fragment } from 'react';
import { useApp } from '../store/app-store';
import { backpressureLevel, formatShare } from '../store/live-metrics';
import { LivePanelFrame } from './LivePanelFrame';
import { NodeName } from './NodeName';
import { useLiveMetrics } from './use-live-metrics';

export function BackpressurePanel() {
  const { metrics } = useLiveMetrics();
  const subtasks = metrics.subtasks();
  const stalls = useApp((s) => s.stalls);
  // A slot stuck in a function sends no figures: its subtask is busy all the time, whatever the last sample said.
  const stuck = new Set(Object.values(stalls).map((st) => `${st.vertex}#${st.subtask}`));
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
            const isStuck = stuck.has(`${s.vertex}#${s.subtask}`);
            return (
              <tr key={`${s.vertex}#${s.subtask}`} className={isStuck ? 'stuck' : undefined}>
                <td>
                  {s.operators.map((o, i) => (
                    <Fragment key={o.nodeId}>
                      {i > 0 && ' → '}
                      <NodeName id={o.nodeId} />
                    </Fragment>
                  ))}
                </td>
                <td>#{s.subtask}</td>
                <td>{formatShare(isStuck ? 1000 : s.busyMsPerSecond)}</td>
                <td>{formatShare(isStuck ? 0 : s.idleMsPerSecond)}</td>
                <td>{formatShare(isStuck ? 0 : s.backPressuredMsPerSecond)}</td>
                <td>
                  {isStuck ? <span className="level level-high">NOT RESPONDING</span> : <span className={`level level-${level}`}>{level.toUpperCase()}</span>}
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
