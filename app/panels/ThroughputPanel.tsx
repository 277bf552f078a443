/** The Throughput tab: records in and out per second per operator, now and over time. */
import { countWork } from '../perf/work-counts';
import { formatRate } from '../store/throughput';
import { TimeChart } from './charts/TimeChart';
import { LivePanelFrame } from './LivePanelFrame';
import { useLiveMetrics } from './use-live-metrics';
import { NodeName } from './NodeName';
import { SpacerRow } from './SpacerRow';
import { useRowWindow } from './use-row-window';

const COUNT = new Intl.NumberFormat('en');

export function ThroughputPanel() {
  countWork('render.panel');
  const { metrics } = useLiveMetrics();
  const rows = metrics.rows();
  const shown = useRowWindow(rows.length);
  return (
    <LivePanelFrame title="Throughput" empty={rows.length === 0}>
      <div className="live-grid">
        <table className="live-table" aria-label="Throughput per operator and subtask" aria-rowcount={rows.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th>Operator</th>
              <th>Subtask</th>
              <th>Slot</th>
              <th>Records in</th>
              <th>Records out</th>
              <th>Out so far</th>
            </tr>
          </thead>
          <tbody ref={shown.ref}>
            <SpacerRow height={shown.before} columns={6} />
            {rows.slice(shown.start, shown.end).map((r, k) => (
              <tr key={`${r.nodeId}#${r.subtask}`} data-node={r.nodeId} aria-rowindex={shown.start + k + 2}>
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
            <SpacerRow height={shown.after} columns={6} />
          </tbody>
        </table>
        <div>
          <TimeChart title="Records out per second per operator" times={metrics.times} series={metrics.recordsOutPerSecond} version={metrics.historyVersion} formatValue={formatRate} />
          <TimeChart title="Records in per second per operator" times={metrics.times} series={metrics.recordsInPerSecond} version={metrics.historyVersion} formatValue={formatRate} />
        </div>
      </div>
    </LivePanelFrame>
  );
}
