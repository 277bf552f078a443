/** The Throughput tab: records in and out per second per operator, now and over time. */
import { formatRate } from '../store/throughput';
import { TimeChart } from './charts/TimeChart';
import { LivePanelFrame } from './LivePanelFrame';
import { useLiveMetrics } from './use-live-metrics';
import { NodeName } from './NodeName';

const COUNT = new Intl.NumberFormat('en');

export function ThroughputPanel() {
  const { metrics } = useLiveMetrics();
  const rows = metrics.rows();
  return (
    <LivePanelFrame title="Throughput" empty={rows.length === 0}>
      <div className="live-grid">
        <table className="live-table" aria-label="Throughput per operator and subtask">
          <thead>
            <tr>
              <th>Operator</th>
              <th>Subtask</th>
              <th>Slot</th>
              <th>Records in</th>
              <th>Records out</th>
              <th>Out so far</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.nodeId}#${r.subtask}`} data-node={r.nodeId}>
                <td>
                  <NodeName id={r.nodeId} />
                </td>
                <td>#{r.subtask}</td>
                <td>{r.slot}</td>
                <td>{formatRate(r.recordsInPerSecond)}</td>
                <td data-testid={`out-rate-${r.nodeId}-${r.subtask}`}>{formatRate(r.recordsOutPerSecond)}</td>
                <td>{COUNT.format(r.recordsOut)} records</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <TimeChart title="Records out per second per operator" times={metrics.times} series={metrics.recordsOutPerSecond} formatValue={formatRate} />
          <TimeChart title="Records in per second per operator" times={metrics.times} series={metrics.recordsInPerSecond} formatValue={formatRate} />
        </div>
      </div>
    </LivePanelFrame>
  );
}
