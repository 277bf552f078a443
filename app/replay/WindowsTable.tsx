/** A window operator's state per key and window: contents, pending trigger state, and session windows' merging sets. */
import { keyText } from '../../engine/index';
import { JsonTree } from './JsonTree';
import { windowText } from './opened';
import type { NodeTables } from './state-table';
import { VirtualBrowserTable } from './VirtualBrowserTable';

export function WindowsTable({ node, windows }: { node: string; windows: NodeTables['windows'] }) {
  return (
    <VirtualBrowserTable
      label={`Windows of ${node}`}
      headers={['Key', 'Window', 'Contents', 'Trigger state']}
      columns="minmax(80px, 0.6fr) minmax(150px, 1fr) minmax(120px, 1.2fr) minmax(120px, 1fr)"
      count={windows.length}
      row={(i, floating) => {
        const w = windows[i]!;
        const key = keyText(w.key);
        if (w.kind !== 'window') {
          return { key: `${key}|${w.kind}|`, cells: [{ content: key }, { content: 'merging set' }, { content: w.windows.map((m) => `${windowText(m.window)} in ${windowText(m.stateWindow)}`).join(' · '), className: 'cp-mono' }, { content: '' }] };
        }
        const win = windowText(w.window);
        return {
          key: `${key}|${w.kind}|${win}`,
          cells: [
            { content: key },
            { content: win },
            { content: <JsonTree value={w.contents} label={`Contents of ${key} ${win}`} floating={floating} />, className: 'cp-mono' },
            { content: <JsonTree value={w.trigger} label={`Trigger state of ${key} ${win}`} floating={floating} />, className: 'cp-mono' },
          ],
        };
      }}
    />
  );
}
