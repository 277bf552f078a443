/** An operator's timers per key: event or processing time, when (readable), and the window it belongs to. */
import { keyText } from '../../engine/index';
import { formatInstant, instantTitle } from '../format/time';
import { BrowserTable } from './BrowserTable';
import { windowText } from './opened';
import type { NodeTables } from './state-table';

export function TimersTable({ node, timers }: { node: string; timers: NodeTables['timers'] }) {
  return (
    <BrowserTable label={`Timers of ${node}`} headers={['Key', 'Domain', 'Time', 'Window']}>
      {timers.map((t) => (
        <tr key={`${keyText(t.key)}|${t.domain}|${t.timestamp}|${t.window === undefined ? '' : windowText(t.window)}`}>
          <td>{keyText(t.key)}</td>
          <td>{t.domain}</td>
          <td title={instantTitle(t.timestamp)}>{formatInstant(t.timestamp)}</td>
          <td>{t.window === undefined ? '' : windowText(t.window)}</td>
        </tr>
      ))}
    </BrowserTable>
  );
}
