/** The State tab: keys in state per operator and subtask, and per operator over time. */
import { TimeChart } from './charts/TimeChart';
import { LivePanelFrame } from './LivePanelFrame';
import { useLiveMetrics } from './use-live-metrics';

const keys = (n: number) => `${Math.round(n).toLocaleString('en')} key${Math.round(n) === 1 ? '' : 's'}`;

export function StatePanel() {
  const { metrics } = useLiveMetrics();
  const rows = metrics.rows();
  const keyed = rows.filter((r) => metrics.stateKeys.get(r.nodeId)?.some((v) => (v ?? 0) > 0) || r.stateKeys > 0);
  const series = new Map([...metrics.stateKeys].filter(([node]) => keyed.some((r) => r.nodeId === node)));
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
              </tr>
            </thead>
            <tbody>
              {keyed.map((r) => (
                <tr key={`${r.nodeId}#${r.subtask}`} data-node={r.nodeId}>
                  <td>{r.nodeId}</td>
                  <td>#{r.subtask}</td>
                  <td>{keys(r.stateKeys)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <TimeChart title="Keys in state per operator over time" times={metrics.times} series={series} formatValue={keys} />
        </div>
      )}
    </LivePanelFrame>
  );
}
