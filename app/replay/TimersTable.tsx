/** An operator's timers per key: event or processing time, when (readable), and the window it belongs to. */
import { keyText } from '../../engine/index';
import { formatInstant, instantTitle } from '../format/time';
import { windowText } from './opened';
import type { NodeTables } from './state-table';
import { VirtualBrowserTable } from './VirtualBrowserTable';

export function TimersTable({ node, timers }: { node: string; timers: NodeTables['timers'] }) {
  return (
    <VirtualBrowserTable
      label={`Timers of ${node}`}
      headers={['Key', 'Domain', 'Time', 'Window']}
      count={timers.length}
      row={(i) => {
        const t = timers[i]!;
        const key = keyText(t.key);
        const win = t.window === undefined ? '' : windowText(t.window);
        return {
          key: `${key}|${t.domain}|${t.timestamp}|${win}`,
          cells: [{ content: key }, { content: t.domain }, { content: formatInstant(t.timestamp), title: instantTitle(t.timestamp) }, { content: win }],
        };
      }}
    />
  );
}
