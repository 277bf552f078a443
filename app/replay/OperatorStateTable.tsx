/** An operator's non-keyed state per subtask: source offsets, watermark generator, a function's broadcast and list state, in-flight records. */
import { formatInstant } from '../format/time';
import { BrowserTable } from './BrowserTable';
import { JsonTree } from './JsonTree';
import type { NodeTables } from './state-table';

export function OperatorStateTable({ node, rows }: { node: string; rows: NodeTables['other'] }) {
  return (
    <BrowserTable label={`Operator state of ${node}`} headers={['Subtask', 'Kind', 'State', 'Watermark']}>
      {rows.map((o) => (
        <tr key={`${o.kind}|${o.subtask}|${o.kind === 'in-flight' ? `${o.direction}${o.input ?? ''}${o.from ?? ''}${o.edge ?? ''}` : ''}`}>
          <td>{o.subtask}</td>
          <td>{o.kind === 'operator' ? 'operator state' : `in flight (${o.direction})`}</td>
          <td className="cp-mono"><JsonTree value={o.kind === 'operator' ? (o.operatorState === undefined ? o.state : { ...(o.state !== undefined ? { offsets: o.state } : {}), ...o.operatorState }) : o.records} label={`State of subtask ${o.subtask}`} /></td>
          <td>{o.kind === 'operator' && o.watermark !== undefined ? formatInstant(o.watermark) : ''}</td>
        </tr>
      ))}
    </BrowserTable>
  );
}
