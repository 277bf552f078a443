/** A window operator's state per key and window: contents, pending trigger state, and session windows' merging sets. */
import { keyText } from '../../engine/index';
import { BrowserTable } from './BrowserTable';
import { JsonTree } from './JsonTree';
import { windowText } from './opened';
import type { NodeTables } from './state-table';

export function WindowsTable({ node, windows }: { node: string; windows: NodeTables['windows'] }) {
  return (
    <BrowserTable label={`Windows of ${node}`} headers={['Key', 'Window', 'Contents', 'Trigger state']}>
      {windows.map((w) => (
        <tr key={`${keyText(w.key)}|${w.kind}|${w.kind === 'window' ? windowText(w.window) : ''}`}>
          <td>{keyText(w.key)}</td>
          {w.kind === 'window' ? (
            <>
              <td>{windowText(w.window)}</td>
              <td className="cp-mono"><JsonTree value={w.contents} label={`Contents of ${keyText(w.key)} ${windowText(w.window)}`} /></td>
              <td className="cp-mono"><JsonTree value={w.trigger} label={`Trigger state of ${keyText(w.key)} ${windowText(w.window)}`} /></td>
            </>
          ) : (
            <>
              <td>merging set</td>
              <td className="cp-mono" colSpan={2}>
                {w.windows.map((m) => `${windowText(m.window)} in ${windowText(m.stateWindow)}`).join(' · ')}
              </td>
            </>
          )}
        </tr>
      ))}
    </BrowserTable>
  );
}
