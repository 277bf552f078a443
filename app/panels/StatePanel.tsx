/**
 * The State tab: keys in state and the estimated state size per operator and subtask, and both
 * per operator over time. The size is the engine's estimate of what the keyed state and timers
 * take in a checkpoint (a sample of rows, scaled), refreshed about once a second.
 */
import { formatBytes } from '../store/live-metrics';
import { TimeChart } from './charts/TimeChart';
import { LivePanelFrame } from './LivePanelFrame';
import { useLiveMetrics } from './use-live-metrics';
import { NodeName } from './NodeName';

const keys = (n: number) => `${Math.round(n).toLocaleString('en')} key${Math.round(n) === 1 ? '' : 's'}`;

export function StatePanel() {
  const { metrics } = useLiveMetrics();
  const rows = metrics.rows();
  const keyed = rows.filter((r) => metrics.stateKeys.get(r.nodeId)?.some((v) => (v ?? 0) > 0) || r.stateKeys > 0);
  const isKeyed = ([node]: [string, unknown]) => keyed.some((r) => r.nodeId === node);
  const series = new Map([...metrics.stateKeys].filter(isKeyed));
  const bytesSeries = new Map([...metrics.stateBytes].filter(isKeyed));
  return (
    <LivePanelFrame title="State" empty={rows.length === 0}>
      {keyed.length === 0 ? (
        <p className="muted">No operator holds keyed state yet.</p>
      ) : (
        <div className="live-grid">
          <table className="live-table" aria-label="Keyed state per operator and subtask">
            <thead>
              <tr>
                <th>Operator</th>
                <th>Subtask</th>
                <th>Keys in state</th>
                <th title="Estimated from a sample of state rows encoded as checkpoints encode them, refreshed about once a second">State size (est.)</th>
              </tr>
            </thead>
            <tbody>
              {keyed.map((r) => (
                <tr key={`${r.nodeId}#${r.subtask}`} data-node={r.nodeId}>
                  <td>
                  <NodeName id={r.nodeId} />
                </td>
                  <td>#{r.subtask}</td>
                  <td>{keys(r.stateKeys)}</td>
                  <td data-testid={`state-bytes-${r.nodeId}-${r.subtask}`}>{formatBytes(r.stateBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="live-charts">
            <TimeChart title="Keys in state per operator over time" times={metrics.times} series={series} version={metrics.historyVersion} formatValue={keys} />
            <TimeChart title="Estimated state size per operator over time" times={metrics.times} series={bytesSeries} version={metrics.historyVersion} formatValue={formatBytes} />
          </div>
        </div>
      )}
    </LivePanelFrame>
  );
}
