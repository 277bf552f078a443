/** The differences from one checkpoint to another (the engine's `diffCheckpoints`), both values side by side, rows tinted by change. */
import { type StateDiffEntry, keyText } from '../../engine/index';
import { formatInstant } from '../format/time';
import { BrowserTable } from './BrowserTable';
import { JsonTree } from './JsonTree';
import { windowText } from './opened';
import { VirtualBrowserTable } from './VirtualBrowserTable';

/** What identifies a difference (as the engine matches rows). */
function diffKey(d: StateDiffEntry): string {
  return [d.node, d.kind, d.key === undefined ? '' : keyText(d.key), d.state ?? '', d.window === undefined ? '' : windowText(d.window), d.domain ?? '', d.timestamp ?? '', d.subtask ?? '', d.namespace ?? ''].join('|');
}

const upper = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}`;

/** `from` and `to` name the two sides ("checkpoint 12", "the live run"). */
export function DiffTable({ from, to, entries }: { from: string; to: string; entries: readonly StateDiffEntry[] }) {
  const headers = ['Change', 'Operator', 'Kind', 'Key', 'State / window / time', upper(from), upper(to)];
  if (entries.length === 0) {
    return (
      <BrowserTable label={`Differences from ${from} to ${to}`} className="cp-diff" headers={headers}>
        <tr>
          <td colSpan={7} className="muted">
            No differences.
          </td>
        </tr>
      </BrowserTable>
    );
  }
  return (
    <VirtualBrowserTable
      label={`Differences from ${from} to ${to}`}
      className="cp-diff"
      headers={headers}
      columns="repeat(3, minmax(60px, 0.5fr)) minmax(70px, 0.6fr) minmax(100px, 1fr) repeat(2, minmax(120px, 1.2fr))"
      count={entries.length}
      row={(i, floating) => {
        const d = entries[i]!;
        const of = `${d.state ?? d.kind}${d.key === undefined ? '' : ` of ${keyText(d.key)}`}`;
        return {
          key: diffKey(d),
          className: `cp-${d.change}`,
          cells: [
            { content: d.change },
            { content: d.node },
            { content: d.kind },
            { content: d.key === undefined ? (d.subtask !== undefined ? `subtask ${d.subtask}` : '') : keyText(d.key) },
            { content: d.state ?? (d.window !== undefined ? windowText(d.window) : d.timestamp !== undefined ? `${d.domain} ${formatInstant(d.timestamp)}` : '') },
            { content: <JsonTree value={d.before} label={`${upper(from)}: ${of}`} floating={floating} />, className: 'cp-mono' },
            { content: <JsonTree value={d.after} label={`${upper(to)}: ${of}`} floating={floating} />, className: 'cp-mono' },
          ],
        };
      }}
    />
  );
}
