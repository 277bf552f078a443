/**
 * Pure helpers of the Data tap panel: which tap points and label an editor edge stands for,
 * and the rows a tap snapshot shows (newest first per subtask, values as JSON).
 */
import { type DataTapSnapshot, type TapPoint, tapPointsOf } from '../../engine/index';
import { edgeIdsOf } from './graph-ops';
import { type EditableJob, fromPortOf } from './job-types';

/** What a selected edge taps: the ports to attach to, and how the panel names it. */
export interface TapTarget {
  readonly points: readonly TapPoint[];
  /** "gen → wm", with the port when it is a side output. */
  readonly label: string;
  /** Other edges that leave the same port and so carry the same records (0 if none). */
  readonly sharedWith: number;
}

/** The tap target of the edge with editor id `edgeId`, or null when the document has no such edge. */
export function tapTargetOf(doc: EditableJob, edgeId: string): TapTarget | null {
  const index = edgeIdsOf(doc.edges).indexOf(edgeId);
  const edge = doc.edges[index];
  if (edge === undefined) return null;
  const port = fromPortOf(edge);
  const job = {
    nodes: doc.nodes.map((n) => ({ id: n.id, kind: n.kind })),
    edges: doc.edges.map((e) => ({ from: e.from, to: e.to, fromPort: fromPortOf(e) })),
  } as unknown as Parameters<typeof tapPointsOf>[0];
  const sharedWith = doc.edges.filter((e) => e !== edge && e.from === edge.from && fromPortOf(e) === port).length;
  return { points: tapPointsOf(job, edge.from, port), label: `${edge.from}${port === 'out' ? '' : `.${port}`} → ${edge.to}`, sharedWith };
}

export interface TapRow {
  readonly key: string;
  readonly subtask: number;
  /** The record's number on its subtask since the tap started, from 1. */
  readonly seq: number;
  /** The record's timestamp (ms), or null when it has none. */
  readonly timestamp: number | null;
  readonly json: string;
}

/** Rows of a snapshot: subtask by subtask, newest record first. */
export function tapRows(snapshot: DataTapSnapshot | null): TapRow[] {
  const rows: TapRow[] = [];
  if (snapshot === null) return rows;
  for (const s of snapshot.subtasks) {
    const first = s.count - s.values.length + 1;
    for (let i = s.values.length - 1; i >= 0; i--) {
      const seq = first + i;
      rows.push({ key: `${s.nodeId}/${s.port}/${s.subtask}/${seq}`, subtask: s.subtask, seq, timestamp: s.timestamps[i] ?? null, json: toJson(s.values[i]) });
    }
  }
  return rows;
}

function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
