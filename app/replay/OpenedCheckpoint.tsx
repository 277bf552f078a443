/**
 * One opened checkpoint (stored, or an imported savepoint file) read like Flink's State Processor
 * API reads a savepoint: operator → keyed state, windows, timers, operator state; filtered by key;
 * key groups at another parallelism; a diff against another checkpoint; edits, a download of the
 * result as a savepoint file, and a replay from it (run or stepped in the lab).
 */
import { useMemo, useState } from 'react';
import { diffCheckpoints, readStateRows, savepointToText } from '../../engine/index';
import { downloadText } from '../persist/browser-files';
import { jobFileName } from '../persist/job-file';
import { useApp } from '../store/app-store';
import { DiffTable } from './DiffTable';
import { EditBar } from './EditBar';
import { KeyGroupsView } from './KeyGroupsView';
import { KeyedTable } from './KeyedTable';
import { OperatorStateTable } from './OperatorStateTable';
import { ReplayBar } from './ReplayBar';
import { TimersTable } from './TimersTable';
import { WindowsTable } from './WindowsTable';
import { type Opened, openedName, openedTitle, savepointFileName } from './opened';
import { keyMatches, newOwner, nodeTables } from './state-table';

const MAX_PARALLELISM_DEFAULT = 128;

export interface CompareChoice {
  readonly value: string;
  readonly label: string;
}

export function OpenedCheckpoint(props: {
  opened: Opened;
  onEdited: (o: Opened) => void;
  /** What it can be compared with: other stored checkpoints and imported files. */
  others: readonly CompareChoice[];
  compareWith: Opened | null;
  compareValue: string;
  onCompare: (value: string) => void;
}) {
  const { opened, onEdited, others, compareWith, compareValue, onCompare } = props;
  const jobName = useApp((s) => jobFileName(s.doc));
  const nodes = useMemo(() => Object.keys(opened.state.byNode).sort(), [opened]);
  const [node, setNode] = useState(nodes[0] ?? '');
  const [filter, setFilter] = useState('');
  const [rescale, setRescale] = useState('');
  const current = nodes.includes(node) ? node : (nodes[0] ?? '');
  const tables = useMemo(() => nodeTables(current === '' ? [] : readStateRows(opened.state, { node: current })), [opened, current]);
  const maxParallelism = opened.state.maxParallelism ?? MAX_PARALLELISM_DEFAULT;
  const parallelism = opened.state.parallelism[current] ?? 1;
  const target = Number(rescale);
  const newParallelism = Number.isInteger(target) && target >= 1 && target <= maxParallelism ? target : null;
  const keys = useMemo(() => tables.keys.filter((k) => keyMatches(filter, k.key)), [tables, filter]);
  // From the other to this one; from this one to the live run (what changed since).
  const [before, after] = compareWith?.source.kind === 'live' ? [opened, compareWith] : [compareWith, opened];
  const diff = useMemo(() => (before === null || after === null ? null : diffCheckpoints(before.state, after.state)), [before, after]);
  const windows = useMemo(() => tables.windows.filter((w) => keyMatches(filter, w.key)), [tables, filter]);
  const timers = useMemo(() => tables.timers.filter((t) => keyMatches(filter, t.key)), [tables, filter]);
  const download = () => downloadText(savepointToText(opened.stored), savepointFileName(jobName, opened), 'application/json');
  return (
    <div className="cp-opened">
      <div className="cp-browser-bar">
        <h3>{openedTitle(opened)}</h3>
        <label>
          Operator{' '}
          <select value={current} onChange={(e) => setNode(e.target.value)}>
            {nodes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Filter by key <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="key" />
        </label>
        <label>
          Rescale to{' '}
          <input type="number" min={1} max={maxParallelism} value={rescale} onChange={(e) => setRescale(e.target.value)} placeholder={String(parallelism)} style={{ width: '5em' }} />
        </label>
        <label>
          Compare with{' '}
          <select value={compareValue} onChange={(e) => onCompare(e.target.value)}>
            <option value="">—</option>
            {others.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={download} title="An eddy/savepoint@1 file: eddy run JOB.json --from-savepoint FILE, eddy state FILE, or Import savepoint">
          Download as savepoint file
        </button>
      </div>
      <ReplayBar opened={opened} />
      <EditBar opened={opened} node={current} states={tables.states} onEdited={onEdited} />
      {diff !== null && before !== null && after !== null && <DiffTable from={openedName(before)} to={openedName(after)} entries={diff.filter((d) => keyMatches(filter, d.key ?? ''))} />}
      <p className="meta">
        {tables.keys.length} key{tables.keys.length === 1 ? '' : 's'} · parallelism {parallelism} · maxParallelism {maxParallelism}
        {newParallelism !== null && ` · at ${newParallelism}: ${keys.filter((k) => newOwner(k.keyGroup, maxParallelism, newParallelism) !== k.subtask).length} of the shown keys move`}
      </p>
      {tables.states.length > 0 && <KeyedTable node={current} states={tables.states} kinds={tables.kinds} keys={keys} maxParallelism={maxParallelism} newParallelism={newParallelism} />}
      {tables.windows.length > 0 && <WindowsTable node={current} windows={windows} />}
      {tables.timers.length > 0 && <TimersTable node={current} timers={timers} />}
      {tables.other.length > 0 && <OperatorStateTable node={current} rows={tables.other} />}
      {tables.keys.length > 0 && <KeyGroupsView maxParallelism={maxParallelism} parallelism={parallelism} newParallelism={newParallelism} />}
    </div>
  );
}
