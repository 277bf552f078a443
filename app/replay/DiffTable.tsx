/** The differences from one checkpoint to another (the engine's `diffCheckpoints`), both values side by side, rows tinted by change. */
import { type StateDiffEntry, keyText } from '../../engine/index';
import { formatInstant } from '../format/time';
import { BrowserTable } from './BrowserTable';
import { JsonTree } from './JsonTree';
import { windowText } from './opened';

/** What identifies a difference (as the engine matches rows). */
function diffKey(d: StateDiffEntry): string {
  return [d.node, d.kind, d.key === undefined ? '' : keyText(d.key), d.state ?? '', d.window === undefined ? '' : windowText(d.window), d.domain ?? '', d.timestamp ?? '', d.subtask ?? '', d.namespace ?? ''].join('|');
}

const upper = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}`;

/** `from` and `to` name the two sides ("checkpoint 12", "the live run"). */
export function DiffTable({ from, to, entries }: { from: string; to: string; entries: readonly StateDiffEntry[] }) {
  return (
    <BrowserTable label={`Differences from ${from} to ${to}`} className="cp-diff" headers={['Change', 'Operator', 'Kind', 'Key', 'State / window / time', upper(from), upper(to)]}>
      {entries.length === 0 ? (
        <tr>
          <td colSpan={7} className="muted">
            No differences.
          </td>
        </tr>
      ) : (
        entries.map((d) => (
          <tr key={diffKey(d)} className={`cp-${d.change}`}>
            <td>{d.change}</td>
            <td>{d.node}</td>
            <td>{d.kind}</td>
            <td>{d.key === undefined ? (d.subtask !== undefined ? `subtask ${d.subtask}` : '') : keyText(d.key)}</td>
            <td>{d.state ?? (d.window !== undefined ? windowText(d.window) : d.timestamp !== undefined ? `${d.domain} ${formatInstant(d.timestamp)}` : '')}</td>
            <td className="cp-mono"><JsonTree value={d.before} label={`${upper(from)}: ${d.state ?? d.kind}${d.key === undefined ? '' : ` of ${keyText(d.key)}`}`} /></td>
            <td className="cp-mono"><JsonTree value={d.after} label={`${upper(to)}: ${d.state ?? d.kind}${d.key === undefined ? '' : ` of ${keyText(d.key)}`}`} /></td>
          </tr>
        ))
      )}
    </BrowserTable>
  );
}
