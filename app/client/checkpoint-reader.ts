/**
 * The checkpoint browser's reader (docs/replay.md): decoding a checkpoint, building its tables,
 * filtering 100 000 keys, diffs and edits are work for a Web Worker (`checkpointReaderWorker`),
 * so the page stays responsive; the page holds a handle and asks for the rows in view. Reads
 * data only, runs no user code. `createCheckpointReader` is the same reader in the caller's
 * thread: the worker serves it, and tests use it directly.
 */
import * as Comlink from 'comlink';
import {
  type CheckpointMetadata,
  type CheckpointState,
  type CheckpointSummary,
  type CompletedCheckpoint,
  type StateDiffEntry,
  type StateEdit,
  decodeCheckpoint,
  diffCheckpoints,
  editSavepoint,
  readStateRows,
  savepointFromText,
  savepointToText,
  summarizeCheckpoint,
} from '../../engine/index';
import { type KeyRow, type NodeTables, keyMatches, newOwner, nodeTables } from '../replay/state-table';

/** Flink's default, which checkpoints that did not record theirs had. */
const DEFAULT_MAX_PARALLELISM = 128;

/** What the page keeps of an opened checkpoint: a handle to it in the reader, and what its bars show. */
export interface OpenedInfo {
  readonly handle: number;
  readonly metadata: CheckpointMetadata;
  /** The nodes it holds state of, sorted. */
  readonly nodes: readonly string[];
  readonly parallelism: Readonly<Record<string, number>>;
  readonly maxParallelism: number;
}

/** One node's tables for a key filter: everything but the keyed rows, which are read by range (`keyRows`). */
export interface NodeView {
  readonly states: NodeTables['states'];
  readonly kinds: NodeTables['kinds'];
  /** Keys of the node (unfiltered). */
  readonly keyCount: number;
  /** Keys that match the filter: the keyed table's length. */
  readonly shown: number;
  /** Of the shown keys, how many another owner has at `newParallelism` (null without one). */
  readonly moved: number | null;
  readonly windows: NodeTables['windows'];
  readonly timers: NodeTables['timers'];
  readonly other: NodeTables['other'];
}

/** Invariant: a handle names one immutable decoded checkpoint until `closeAll`; an edit makes a new handle. */
export interface CheckpointReader {
  /** The Stored checkpoints table's row of one (decodes it to size its operators). */
  summarize(stored: CompletedCheckpoint): Promise<CheckpointSummary>;
  /** Opens a stored checkpoint. Rejects (CorruptCheckpointError's sentence) when it cannot be read. */
  openStored(stored: CompletedCheckpoint): Promise<OpenedInfo>;
  /** Opens an `eddy/savepoint@1` file's text. Rejects with a sentence when it is not one. */
  openText(text: string): Promise<OpenedInfo>;
  view(handle: number, node: string, filter: string, newParallelism: number | null): Promise<NodeView>;
  /** Rows `start` (inclusive) to `end` (exclusive) of the node's keys that match the filter. */
  keyRows(handle: number, node: string, filter: string, start: number, end: number): Promise<KeyRow[]>;
  /** The checkpoint after an edit (checked against the state's kind by the engine), as a new handle. */
  edit(handle: number, edit: StateEdit, now: number): Promise<OpenedInfo>;
  /** Differences from `before` to `after`. */
  diff(before: number, after: number): Promise<StateDiffEntry[]>;
  /** The `eddy/savepoint@1` file of it. */
  savepointText(handle: number): Promise<string>;
  /** The decoded state, for a replay or the lab to restore. */
  state(handle: number): Promise<CheckpointState>;
  /** Forgets every opened checkpoint (the browser closed). */
  closeAll(): Promise<void>;
}

interface Entry {
  readonly stored: CompletedCheckpoint;
  readonly state: CheckpointState;
  readonly tables: Map<string, NodeTables>;
  /** The last filter's matching keys per node: scrolling asks for ranges of the same list. */
  readonly filtered: Map<string, { filter: string; keys: readonly KeyRow[] }>;
}

/** The reader in this thread. */
export function createCheckpointReader(): CheckpointReader {
  const entries = new Map<number, Entry>();
  let next = 1;
  const entry = (handle: number): Entry => {
    const e = entries.get(handle);
    if (e === undefined) throw new Error(`checkpoint handle ${handle} is not open (the browser was closed)`);
    return e;
  };
  const open = (stored: CompletedCheckpoint): OpenedInfo => {
    const state = decodeCheckpoint(stored);
    const handle = next++;
    entries.set(handle, { stored, state, tables: new Map(), filtered: new Map() });
    return { handle, metadata: stored.metadata, nodes: Object.keys(state.byNode).sort(), parallelism: state.parallelism, maxParallelism: state.maxParallelism ?? DEFAULT_MAX_PARALLELISM };
  };
  const tablesOf = (e: Entry, node: string): NodeTables => {
    let t = e.tables.get(node);
    if (t === undefined) e.tables.set(node, (t = nodeTables(e.state.byNode[node] === undefined ? [] : readStateRows(e.state, { node }))));
    return t;
  };
  const keysOf = (e: Entry, node: string, filter: string): readonly KeyRow[] => {
    const cached = e.filtered.get(node);
    if (cached !== undefined && cached.filter === filter) return cached.keys;
    const all = tablesOf(e, node).keys;
    const keys = filter.trim() === '' ? all : all.filter((k) => keyMatches(filter, k.key));
    e.filtered.set(node, { filter, keys });
    return keys;
  };
  return {
    summarize: async (stored) => summarizeCheckpoint(stored),
    openStored: async (stored) => open(stored),
    openText: async (text) => open(savepointFromText(text)),
    view: async (handle, node, filter, newParallelism) => {
      const e = entry(handle);
      const t = tablesOf(e, node);
      const keys = keysOf(e, node, filter);
      const maxParallelism = e.state.maxParallelism ?? DEFAULT_MAX_PARALLELISM;
      let moved: number | null = null;
      if (newParallelism !== null) {
        moved = 0;
        for (const k of keys) if (newOwner(k.keyGroup, maxParallelism, newParallelism) !== k.subtask) moved++;
      }
      const matches = (r: { key: unknown }) => keyMatches(filter, r.key);
      return { states: t.states, kinds: t.kinds, keyCount: t.keys.length, shown: keys.length, moved, windows: t.windows.filter(matches), timers: t.timers.filter(matches), other: t.other };
    },
    keyRows: async (handle, node, filter, start, end) => keysOf(entry(handle), node, filter).slice(Math.max(0, start), Math.max(0, end)),
    edit: async (handle, edit, now) => open(editSavepoint(entry(handle).stored, [edit], now)),
    diff: async (before, after) => diffCheckpoints(entry(before).state, entry(after).state),
    savepointText: async (handle) => savepointToText(entry(handle).stored),
    state: async (handle) => entry(handle).state,
    closeAll: async () => {
      entries.clear();
    },
  };
}

let worker: CheckpointReader | null = null;

/** The page's one checkpoint reader: a Web Worker, started on first use. */
export function checkpointReaderWorker(): CheckpointReader {
  worker ??= Comlink.wrap<CheckpointReader>(new Worker(new URL('./checkpoint-reader-worker.ts', import.meta.url), { type: 'module', name: 'eddy-checkpoint-reader' })) as unknown as CheckpointReader;
  return worker;
}
