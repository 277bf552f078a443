/**
 * One opened checkpoint (stored, or an imported savepoint file) read like Flink's State Processor
 * API reads a savepoint: operator → keyed state, windows, timers, operator state; filtered by key;
 * key groups at another parallelism; a diff against another checkpoint; edits, a download of the
 * result as a savepoint file, and a replay from it (run or stepped in the lab). The tables come
 * from the checkpoint reader (its Web Worker) for the node and key filter shown; the keyed table
 * asks it for the rows in view only.
 */
import { useEffect, useMemo, useState } from 'react';
import type { StateDiffEntry } from '../../engine/index';
import type { CheckpointReader, NodeView } from '../client/checkpoint-reader';
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
import { keyMatches } from './state-table';

export interface CompareChoice {
  readonly value: string;
  readonly label: string;
}

export function OpenedCheckpoint(props: {
  reader: CheckpointReader;
  opened: Opened;
  onEdited: (o: Opened) => void;
  /** What it can be compared with: other stored checkpoints and imported files. */
  others: readonly CompareChoice[];
  compareWith: Opened | null;
  compareValue: string;
  onCompare: (value: string) => void;
}) {
  const { reader, opened, onEdited, others, compareWith, compareValue, onCompare } = props;
  const jobName = useApp((s) => jobFileName(s.doc));
  const { handle, nodes, maxParallelism } = opened.info;
  const [node, setNode] = useState(nodes[0] ?? '');
  const [filter, setFilter] = useState('');
  const [rescale, setRescale] = useState('');
  const [error, setError] = useState<string | null>(null);
  const current = nodes.includes(node) ? node : (nodes[0] ?? '');
  const parallelism = opened.info.parallelism[current] ?? 1;
  const target = Number(rescale);
  const newParallelism = Number.isInteger(target) && target >= 1 && target <= maxParallelism ? target : null;
  // The node's tables for this filter, built in the reader's worker; the last ones stay shown until the new arrive.
  const [view, setView] = useState<{ handle: number; node: string; filter: string; view: NodeView } | null>(null);
  useEffect(() => {
    if (current === '') return;
    let live = true;
    reader.view(handle, current, filter, newParallelism).then(
      (v) => live && setView({ handle, node: current, filter, view: v }),
      (e: unknown) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [reader, handle, current, filter, newParallelism]);
  const shown = view !== null && view.handle === handle && view.node === current ? view : null;
  const tables = shown?.view ?? null;
  // From the other to this one; from this one to the live run (what changed since).
  const [before, after] = compareWith?.source.kind === 'live' ? [opened, compareWith] : [compareWith, opened];
  const [diff, setDiff] = useState<{ before: Opened; after: Opened; entries: StateDiffEntry[] } | null>(null);
  useEffect(() => {
    if (before === null || after === null) return;
    let live = true;
    reader.diff(before.info.handle, after.info.handle).then(
      (entries) => live && setDiff({ before, after, entries }),
      (e: unknown) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [reader, before, after]);
  const diffShown = diff !== null && diff.before === before && diff.after === after ? diff : null;
  const diffEntries = useMemo(() => diffShown?.entries.filter((d) => keyMatches(filter, d.key ?? '')) ?? null, [diffShown, filter]);
  const download = () =>
    reader.savepointText(handle).then(
      (text) => downloadText(text, savepointFileName(jobName, opened), 'application/json'),
      (e: unknown) => setError((e as Error).message),
    );
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
      <ReplayBar reader={reader} opened={opened} />
      <EditBar reader={reader} opened={opened} node={current} states={tables?.states ?? []} onEdited={onEdited} />
      {error !== null && (
        <p className="cp-declined" role="alert">
          {error}
        </p>
      )}
      {diffShown !== null && diffEntries !== null && <DiffTable from={openedName(diffShown.before)} to={openedName(diffShown.after)} entries={diffEntries} />}
      {tables === null ? (
        <p className="muted">Reading {openedName(opened)}…</p>
      ) : (
        <>
          <p className="meta">
            {tables.keyCount} key{tables.keyCount === 1 ? '' : 's'}
            {shown !== null && shown.filter.trim() !== '' && ` (${tables.shown} match${tables.shown === 1 ? 'es' : ''} "${shown.filter.trim()}")`} · parallelism {parallelism} · maxParallelism {maxParallelism}
            {newParallelism !== null && tables.moved !== null && ` · at ${newParallelism}: ${tables.moved} of the shown keys move`}
          </p>
          {tables.states.length > 0 && shown !== null && (
            <KeyedTable reader={reader} handle={handle} filter={shown.filter} node={current} states={tables.states} kinds={tables.kinds} count={tables.shown} maxParallelism={maxParallelism} newParallelism={newParallelism} />
          )}
          {tables.windows.length > 0 && <WindowsTable node={current} windows={tables.windows} />}
          {tables.timers.length > 0 && <TimersTable node={current} timers={tables.timers} />}
          {tables.other.length > 0 && <OperatorStateTable node={current} rows={tables.other} />}
          {tables.keyCount > 0 && <KeyGroupsView maxParallelism={maxParallelism} parallelism={parallelism} newParallelism={newParallelism} />}
        </>
      )}
    </div>
  );
}
