/**
 * The checkpoint browser (docs/replay.md), opened from the Checkpoints tab: the job's retained
 * checkpoints and savepoints in IndexedDB; one opened like Flink's State Processor API reads a
 * savepoint — operator → keyed state as a table (key, key group, owner, one column per state),
 * window contents with trigger state, timers, operator state —, filtered by key; a diff against
 * another checkpoint; and where keys move on a rescale. Reading decodes data only: no user code.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  type CheckpointState,
  type CheckpointSummary,
  type CompletedCheckpoint,
  type StateDiffEntry,
  type StateEdit,
  decodeCheckpoint,
  diffCheckpoints,
  editSavepoint,
  parseKeyText,
  windowOf,
  keyGroupMoves,
  keyGroupRanges,
  keyText,
  readStateRows,
  summarizeCheckpoint,
} from '../../engine/index';
import { formatInstant, instantTitle } from '../format/time';
import { cellText, visibleRows } from '../panels/virtual-range';
import { useApp, useAppStore } from '../store/app-store';
import { formatBytes, formatDuration } from '../store/live-metrics';
import { type KeyRow, keyMatches, newOwner, nodeTables } from './state-table';

const ROW_HEIGHT = 24;
const MAX_PARALLELISM_DEFAULT = 128;

interface Opened {
  readonly id: number;
  /** As stored, or after the edits made here (`editSavepoint`). */
  readonly stored: CompletedCheckpoint;
  readonly state: CheckpointState;
}

export function CheckpointBrowser({ onClose }: { onClose: () => void }) {
  const storage = useApp((s) => s.checkpointStorage);
  const [list, setList] = useState<CheckpointSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [compareWith, setCompareWith] = useState<Opened | null>(null);

  useEffect(() => {
    let live = true;
    const s = storage();
    s.list()
      .then(async (all) => Promise.all(all.map(async (m) => summarizeCheckpoint(await s.load(m.id)))))
      .then((summaries) => live && setList(summaries.reverse()))
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [storage]);

  const load = async (id: number): Promise<Opened> => {
    const stored = await storage().load(id);
    return { id, stored, state: decodeCheckpoint(stored) };
  };
  const open = (id: number) => {
    setCompareWith(null);
    load(id).then(setOpened, (e: unknown) => setError((e as Error).message));
  };
  const compare = (id: number | null) => {
    if (id === null) setCompareWith(null);
    else load(id).then(setCompareWith, (e: unknown) => setError((e as Error).message));
  };

  return (
    <section className="cp-browser" aria-label="Checkpoint browser">
      <div className="cp-browser-bar">
        <h3>Stored checkpoints</h3>
        <button type="button" onClick={onClose}>
          Close browser
        </button>
      </div>
      {error !== null && <p className="cp-declined">{error}</p>}
      {list === null ? (
        <p className="muted">Reading checkpoints…</p>
      ) : list.length === 0 ? (
        <p className="muted">No retained checkpoint is stored for this job.</p>
      ) : (
        <table className="live-table" aria-label="Stored checkpoints">
          <thead>
            <tr>
              <th>ID</th>
              <th>Kind</th>
              <th>Completed</th>
              <th>Size</th>
              <th>Size per operator</th>
              <th>Source offsets</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} className={opened?.id === c.id ? 'cp-open' : undefined}>
                <td>{c.id}</td>
                <td>{c.kind}</td>
                <td title={`${c.time}, took ${formatDuration(c.durationMs)}`}>{formatInstant(c.completedAt)}</td>
                <td>{formatBytes(c.size)}</td>
                <td>{c.error ?? Object.entries(c.sizeByNode ?? {}).map(([n, b]) => `${n} ${formatBytes(b)}`).join(' · ')}</td>
                <td className="cp-mono">{Object.entries(c.operatorState ?? {}).map(([n, s]) => `${n}: ${cellText(s)}`).join(' · ')}</td>
                <td>
                  <button type="button" disabled={c.error !== undefined} onClick={() => open(c.id)}>
                    Open checkpoint {c.id}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {opened !== null && list !== null && (
        <OpenedCheckpoint opened={opened} onEdited={setOpened} others={list.filter((c) => c.id !== opened.id && c.error === undefined).map((c) => c.id)} compareWith={compareWith} onCompare={compare} />
      )}
    </section>
  );
}

function OpenedCheckpoint({
  opened,
  onEdited,
  others,
  compareWith,
  onCompare,
}: { opened: Opened; onEdited: (o: Opened) => void; others: number[]; compareWith: Opened | null; onCompare: (id: number | null) => void }) {
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
  const diff = useMemo(() => (compareWith === null ? null : diffCheckpoints(compareWith.state, opened.state)), [compareWith, opened]);
  return (
    <div className="cp-opened">
      <div className="cp-browser-bar">
        <h3>
          Checkpoint {opened.id}
          {opened.stored.metadata.editedFrom ? ` (edited: ${opened.stored.metadata.editedFrom.edits} edit${opened.stored.metadata.editedFrom.edits === 1 ? '' : 's'})` : ''}
        </h3>
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
          <select value={compareWith?.id ?? ''} onChange={(e) => onCompare(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">—</option>
            {others.map((id) => (
              <option key={id} value={id}>
                checkpoint {id}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ReplayBar opened={opened} />
      <EditBar opened={opened} node={current} states={tables.states} onEdited={onEdited} />
      {diff !== null && compareWith !== null && <DiffTable from={compareWith.id} to={opened.id} entries={diff.filter((d) => keyMatches(filter, d.key ?? ''))} />}
      <p className="meta">
        {tables.keys.length} key{tables.keys.length === 1 ? '' : 's'} · parallelism {parallelism} · maxParallelism {maxParallelism}
        {newParallelism !== null && ` · at ${newParallelism}: ${keys.filter((k) => newOwner(k.keyGroup, maxParallelism, newParallelism) !== k.subtask).length} of the shown keys move`}
      </p>
      {tables.states.length > 0 && <KeyedTable node={current} states={tables.states} kinds={tables.kinds} keys={keys} maxParallelism={maxParallelism} newParallelism={newParallelism} />}
      {tables.windows.length > 0 && (
        <table className="live-table" aria-label={`Windows of ${current}`}>
          <thead>
            <tr>
              <th>Key</th>
              <th>Window</th>
              <th>Contents</th>
              <th>Trigger state</th>
            </tr>
          </thead>
          <tbody>
            {tables.windows
              .filter((w) => keyMatches(filter, w.key))
              .map((w) => (
                <tr key={`${keyText(w.key)}|${w.kind}|${w.kind === 'window' ? windowText(w.window) : ''}`}>
                  <td>{keyText(w.key)}</td>
                  {w.kind === 'window' ? (
                    <>
                      <td>{windowText(w.window)}</td>
                      <td className="cp-mono">{cellText(w.contents)}</td>
                      <td className="cp-mono">{w.trigger === undefined ? '' : cellText(w.trigger)}</td>
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
          </tbody>
        </table>
      )}
      {tables.timers.length > 0 && (
        <table className="live-table" aria-label={`Timers of ${current}`}>
          <thead>
            <tr>
              <th>Key</th>
              <th>Domain</th>
              <th>Time</th>
              <th>Window</th>
            </tr>
          </thead>
          <tbody>
            {tables.timers
              .filter((t) => keyMatches(filter, t.key))
              .map((t) => (
                <tr key={`${keyText(t.key)}|${t.domain}|${t.timestamp}|${t.window === undefined ? '' : windowText(t.window)}`}>
                  <td>{keyText(t.key)}</td>
                  <td>{t.domain}</td>
                  <td title={instantTitle(t.timestamp)}>{formatInstant(t.timestamp)}</td>
                  <td>{t.window === undefined ? '' : windowText(t.window)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {tables.other.length > 0 && (
        <table className="live-table" aria-label={`Operator state of ${current}`}>
          <thead>
            <tr>
              <th>Subtask</th>
              <th>Kind</th>
              <th>State</th>
              <th>Watermark</th>
            </tr>
          </thead>
          <tbody>
            {tables.other.map((o) => (
              <tr key={`${o.kind}|${o.subtask}|${o.kind === 'in-flight' ? `${o.direction}${o.input ?? ''}${o.from ?? ''}${o.edge ?? ''}` : ''}`}>
                <td>{o.subtask}</td>
                <td>{o.kind === 'operator' ? 'operator state' : `in flight (${o.direction})`}</td>
                <td className="cp-mono">{o.kind === 'operator' ? cellText(o.operatorState === undefined ? o.state : { ...(o.state !== undefined ? { offsets: o.state } : {}), ...o.operatorState }) : cellText(o.records)}</td>
                <td>{o.kind === 'operator' && o.watermark !== undefined ? formatInstant(o.watermark) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tables.keys.length > 0 && <KeyGroupsView maxParallelism={maxParallelism} parallelism={parallelism} newParallelism={newParallelism} />}
    </div>
  );
}

/**
 * Editing state before a replay (Flink's State Processor API's write side): set a key's value of
 * a state, delete a key, clear one of its windows. Each edit is checked against the state's kind
 * by the engine (`editSavepoint`); a bad one is shown, never applied.
 */
function EditBar({ opened, node, states, onEdited }: { opened: Opened; node: string; states: readonly string[]; onEdited: (o: Opened) => void }) {
  const [key, setKey] = useState('');
  const [state, setState] = useState('');
  const [value, setValue] = useState('');
  const [window, setWindow] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const chosen = states.includes(state) ? state : (states[0] ?? '');
  const apply = (edit: StateEdit) => {
    try {
      const stored = editSavepoint(opened.stored, [edit], Date.now());
      onEdited({ id: opened.id, stored, state: decodeCheckpoint(stored) });
      setMessage(null);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const set = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      setMessage(`the value is not JSON: ${value === '' ? '(empty)' : value} — quote text: "like this"`);
      return;
    }
    apply({ op: 'set', node, key: parseKeyText(key), state: chosen, value: parsed });
  };
  return (
    <div className="cp-browser-bar" role="group" aria-label="Edit state">
      <label>
        Key <input value={key} onChange={(e) => setKey(e.target.value)} placeholder="key" style={{ width: '8em' }} />
      </label>
      {states.length > 0 && (
        <>
          <label>
            State{' '}
            <select value={chosen} onChange={(e) => setState(e.target.value)}>
              {states.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Value (JSON) <input className="cp-mono" value={value} onChange={(e) => setValue(e.target.value)} placeholder="42" style={{ width: '10em' }} />
          </label>
          <button type="button" disabled={key === ''} onClick={set}>
            Set value
          </button>
        </>
      )}
      <button type="button" disabled={key === ''} onClick={() => apply({ op: 'delete', node, key: parseKeyText(key) })}>
        Delete key
      </button>
      <label>
        Window <input value={window} onChange={(e) => setWindow(e.target.value)} placeholder="0:10000" style={{ width: '7em' }} />
      </label>
      <button type="button" disabled={key === '' || window === ''} onClick={() => apply({ op: 'clear-window', node, key: parseKeyText(key), window: windowOf(window) })}>
        Clear window
      </button>
      {message !== null && (
        <span className="cp-declined" role="alert">
          {message}
        </span>
      )}
    </div>
  );
}

/**
 * "Replay from here": runs the job as it is now — its functions and params as edited, at its
 * current parallelism — from this checkpoint's state (Flink's restore from a retained checkpoint,
 * with its compatibility rules: state of a node the job no longer has needs "allow non-restored state").
 */
function ReplayBar({ opened }: { opened: Opened }) {
  const store = useAppStore();
  const [allow, setAllow] = useState(false);
  const parallelism = useApp((s) => s.doc.parallelism ?? 1);
  const nodes = useApp((s) => s.doc.nodes);
  const blocker = useApp((s) => s.runBlocker());
  const ids = new Set(nodes.map((n) => n.id));
  const orphans = Object.keys(opened.state.byNode).filter((id) => !ids.has(id));
  const refused = orphans.length > 0 && !allow ? `the checkpoint holds state of ${orphans.map((o) => `"${o}"`).join(', ')}, which the job no longer has` : null;
  const replay = () => store.getState().replayFrom({ id: opened.id, state: opened.state, allowNonRestoredState: allow });
  return (
    <div className="cp-browser-bar">
      <button type="button" className="primary" disabled={blocker !== null || refused !== null} title={blocker ?? refused ?? undefined} onClick={replay}>
        Replay from checkpoint {opened.id}
      </button>
      <span className="meta">
        runs the job as it is now (functions as edited, parallelism {parallelism}) from this state{refused !== null ? ` — ${refused}` : ''}
      </span>
      <label>
        <input type="checkbox" checked={allow} onChange={(e) => setAllow(e.target.checked)} /> Allow non-restored state
      </label>
    </div>
  );
}

function windowText(w: unknown): string {
  if (w !== null && typeof w === 'object' && 'start' in w && 'end' in w) {
    const { start, end } = w as { start: number; end: number };
    return `[${formatInstant(start)}, ${formatInstant(end)})`;
  }
  return String(w);
}

/** Keys × states, virtualized: only the rows in view are in the DOM. */
function KeyedTable(props: { node: string; states: readonly string[]; kinds: Readonly<Record<string, string>>; keys: readonly KeyRow[]; maxParallelism: number; newParallelism: number | null }) {
  const { node, states, kinds, keys, maxParallelism, newParallelism } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(200);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  const { start, end } = visibleRows(scrollTop, height, ROW_HEIGHT, keys.length);
  const fixed = newParallelism === null ? 3 : 4;
  const template = `repeat(${fixed}, minmax(70px, 0.6fr)) repeat(${states.length}, minmax(110px, 1fr))`;
  const rows = [];
  for (let i = start; i < end; i++) {
    const k = keys[i]!;
    const moved = newParallelism === null ? null : newOwner(k.keyGroup, maxParallelism, newParallelism);
    rows.push(
      <div role="row" aria-rowindex={i + 2} className="vt-row" key={k.keyText} style={{ top: i * ROW_HEIGHT, gridTemplateColumns: template }}>
        <span role="cell">{k.keyText}</span>
        <span role="cell">{k.keyGroup}</span>
        <span role="cell">{k.subtask}</span>
        {moved !== null && (
          <span role="cell" className={moved !== k.subtask ? 'cp-moved' : undefined}>
            {moved}
          </span>
        )}
        {states.map((s) => {
          const expires = k.expiresAt[s];
          return (
            <span role="cell" key={s} title={cellTitle(k.values[s], expires)} className="cp-mono">
              {cellText(k.values[s])}
            </span>
          );
        })}
      </div>,
    );
  }
  return (
    <div className="vt-wrap cp-keyed">
      <div className="vt" role="table" aria-label={`Keyed state of ${node}`} aria-rowcount={keys.length + 1}>
        <div role="row" aria-rowindex={1} className="vt-head" style={{ gridTemplateColumns: template }}>
          <span role="columnheader">Key</span>
          <span role="columnheader">Key group</span>
          <span role="columnheader">Subtask</span>
          {newParallelism !== null && <span role="columnheader">Subtask at {newParallelism}</span>}
          {states.map((s) => (
            <span role="columnheader" key={s} title={`${kinds[s]} state`}>
              {s} ({kinds[s]})
            </span>
          ))}
        </div>
        <div className="vt-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <div className="vt-spacer" style={{ height: keys.length * ROW_HEIGHT }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}

function cellTitle(value: unknown, expiresAt: number | number[] | undefined): string {
  const json = value === undefined ? '' : (JSON.stringify(value, null, 2) ?? '');
  if (expiresAt === undefined) return json;
  const when = Array.isArray(expiresAt) ? expiresAt.map(formatInstant).join(', ') : formatInstant(expiresAt);
  return `${json}\nTTL expires at ${when} (processing time)`;
}

/** Key groups × subtasks: each subtask's range now, and the runs that move at the new parallelism. */
function KeyGroupsView({ maxParallelism, parallelism, newParallelism }: { maxParallelism: number; parallelism: number; newParallelism: number | null }) {
  const ranges = keyGroupRanges(maxParallelism, parallelism);
  const moves = newParallelism === null ? [] : keyGroupMoves(maxParallelism, parallelism, newParallelism);
  return (
    <div className="cp-keygroups" role="group" aria-label="Key groups by subtask">
      <p className="meta">
        Key groups by subtask: {ranges.map((r) => `subtask ${r.subtask}: ${r.start}–${r.end}`).join(' · ')}
        {newParallelism !== null &&
          (moves.length === 0
            ? ` · at ${newParallelism} nothing moves`
            : ` · at ${newParallelism}: ${moves.map((m) => `${m.start}–${m.end} move ${m.from} → ${m.to}`).join(' · ')}`)}
      </p>
    </div>
  );
}

/** What identifies a difference (as the engine matches rows). */
function diffKey(d: StateDiffEntry): string {
  return [d.node, d.kind, d.key === undefined ? '' : keyText(d.key), d.state ?? '', d.window === undefined ? '' : windowText(d.window), d.domain ?? '', d.timestamp ?? '', d.subtask ?? '', d.namespace ?? ''].join('|');
}

function DiffTable({ from, to, entries }: { from: number; to: number; entries: readonly StateDiffEntry[] }) {
  return (
    <table className="live-table cp-diff" aria-label={`Differences from checkpoint ${from} to ${to}`}>
      <thead>
        <tr>
          <th>Change</th>
          <th>Operator</th>
          <th>Kind</th>
          <th>Key</th>
          <th>State / window / time</th>
          <th>Checkpoint {from}</th>
          <th>Checkpoint {to}</th>
        </tr>
      </thead>
      <tbody>
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
              <td className="cp-mono">{cellText(d.before)}</td>
              <td className="cp-mono">{cellText(d.after)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
