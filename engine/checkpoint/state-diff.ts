/**
 * Comparing two checkpoints (or savepoints) row by row: per operator and state, which keys were
 * added, removed or changed, with the values side by side. Rows are matched by what identifies
 * them — not by subtask or key group, so two checkpoints at different parallelisms compare.
 */
import { canonicalJson } from '../state/key-groups.js';
import type { CheckpointState } from './restore.js';
import { type StateRow, type StateRowFilter, namespaceOf, readStateRows } from './state-rows.js';

export type StateChange = 'added' | 'removed' | 'changed';

/** One difference. `before` is absent for added rows, `after` for removed ones. */
export interface StateDiffEntry {
  readonly change: StateChange;
  readonly node: string;
  /** The row kind: keyed, window, merging-window-set, timer, operator, in-flight. */
  readonly kind: StateRow['kind'];
  /** The state (keyed), the window, the timer's domain and time, the subtask (operator state): see docs/replay.md. */
  readonly key?: unknown;
  readonly state?: string;
  readonly namespace?: string | number;
  readonly window?: unknown;
  readonly domain?: 'event' | 'processing';
  readonly timestamp?: number;
  readonly subtask?: number;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Every difference from `a` to `b`, by node, then key, then state. */
export function diffCheckpoints(a: CheckpointState, b: CheckpointState, filter: Omit<StateRowFilter, 'node'> & { node?: string } = {}): StateDiffEntry[] {
  const nodes = filter.node !== undefined ? [filter.node] : [...new Set([...Object.keys(a.byNode), ...Object.keys(b.byNode)])].sort();
  const out: StateDiffEntry[] = [];
  for (const node of nodes) {
    const rowsOf = (c: CheckpointState) => (c.byNode[node] === undefined ? [] : readStateRows(c, { node, ...(filter.key !== undefined ? { key: filter.key } : {}) }));
    const before = index(rowsOf(a));
    const after = index(rowsOf(b));
    for (const [id, row] of before) {
      const other = after.get(id);
      if (other === undefined) out.push({ change: 'removed', ...identity(row), before: payload(row) });
      else if (canonicalJson(payload(row)) !== canonicalJson(payload(other))) out.push({ change: 'changed', ...identity(row), before: payload(row), after: payload(other) });
    }
    for (const [id, row] of after) if (!before.has(id)) out.push({ change: 'added', ...identity(row), after: payload(row) });
  }
  return out.sort(
    (x, y) =>
      x.node.localeCompare(y.node) || canonicalJson(x.key ?? null).localeCompare(canonicalJson(y.key ?? null)) || (x.state ?? x.kind).localeCompare(y.state ?? y.kind),
  );
}

function index(rows: readonly StateRow[]): Map<string, StateRow> {
  const m = new Map<string, StateRow>();
  for (const r of rows) m.set(canonicalJson(identity(r)), r);
  return m;
}

/** What identifies a row across checkpoints. */
function identity(r: StateRow): Omit<StateDiffEntry, 'change' | 'before' | 'after'> {
  switch (r.kind) {
    case 'keyed':
      return { node: r.node, kind: r.kind, key: r.key, state: r.state, ...(r.namespace !== '' ? { namespace: r.namespace } : {}) };
    case 'window':
      return { node: r.node, kind: r.kind, key: r.key, window: r.window };
    case 'merging-window-set':
      return { node: r.node, kind: r.kind, key: r.key };
    case 'timer':
      return { node: r.node, kind: r.kind, key: r.key, domain: r.domain, timestamp: r.timestamp, ...(r.window !== undefined ? { window: r.window } : {}) };
    case 'operator':
      return { node: r.node, kind: r.kind, subtask: r.subtask };
    case 'in-flight':
      return { node: r.node, kind: r.kind, subtask: r.subtask, state: r.direction === 'input' ? `input ${r.input}` : `output ${r.from}/${r.edge}` };
  }
}

/** What a row holds, compared and shown side by side. */
function payload(r: StateRow): unknown {
  switch (r.kind) {
    case 'keyed':
      return r.ttl === undefined ? r.value : { value: r.value, ttl: r.ttl };
    case 'window':
      return { ...('contents' in r ? { contents: r.contents } : {}), ...(r.trigger !== undefined ? { trigger: r.trigger } : {}) };
    case 'merging-window-set':
      return r.windows.map((w) => [namespaceOf(w.window), namespaceOf(w.stateWindow)]);
    case 'timer':
      return r.timestamp;
    case 'operator':
      return {
        ...(r.state !== undefined ? { state: r.state } : {}),
        ...(r.watermark !== undefined ? { watermark: r.watermark } : {}),
        ...(r.operatorState !== undefined ? { operatorState: r.operatorState } : {}),
      };
    case 'in-flight':
      return r.records;
  }
}
