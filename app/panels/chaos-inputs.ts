/**
 * What the Chaos tab offers for a node: which controls fit it, the record an injection starts
 * from, the field that carries its event time, and the event time by default (1 s behind the
 * watermark). Pure, so the panel stays a form.
 */
import type { EditableJob } from '../store/job-types';

/** Nodes that run in a task (a keyBy runs inside its edge). */
export function chaosNodes(doc: EditableJob): ReadonlyArray<{ readonly id: string; readonly kind: string; readonly parallelism: number }> {
  const jobParallelism = typeof doc.parallelism === 'number' ? doc.parallelism : 1;
  return doc.nodes.filter((n) => n.kind !== 'keyBy').map((n) => ({ id: n.id, kind: n.kind, parallelism: n.parallelism ?? jobParallelism }));
}

export function isSourceKind(kind: string): boolean {
  return kind.startsWith('source.');
}

/**
 * The field holding a source's event time: its own `timestampField`, else the one of a
 * `watermarks` node right after it (which reads timestamps from records), else none.
 */
export function eventTimeField(doc: EditableJob, sourceId: string): string | null {
  const own = doc.nodes.find((n) => n.id === sourceId)?.params?.timestampField;
  if (typeof own === 'string' && own !== '') return own;
  for (const e of doc.edges) {
    if (e.from !== sourceId) continue;
    const next = doc.nodes.find((n) => n.id === e.to);
    const field = next?.kind === 'watermarks' ? next.params?.timestampField : undefined;
    if (typeof field === 'string' && field !== '') return field;
  }
  return null;
}

/** A record shaped like the source's own, to edit before injecting (JSON text). */
export function recordTemplate(doc: EditableJob, sourceId: string): string {
  const node = doc.nodes.find((n) => n.id === sourceId);
  if (node?.kind === 'source.collection' && Array.isArray(node.params?.records)) {
    const first = (node.params.records as unknown[]).find((r) => !(r !== null && typeof r === 'object' && '$watermark' in r));
    if (first !== undefined) return JSON.stringify(first);
  }
  if (node?.kind === 'source.datagen') return JSON.stringify({ key: 'key-0', value: 0, ts: 0 });
  return '{}';
}

/** `value` with its event-time field (a dot path) set to `timestamp`; other values as they are. */
export function withEventTime(value: unknown, field: string | null, timestamp: number): unknown {
  if (field === null || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const parts = field.split('.');
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  let cur = copy;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]!];
    const child: Record<string, unknown> = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    cur[parts[i]!] = child;
    cur = child;
  }
  cur[parts[parts.length - 1]!] = timestamp;
  return copy;
}

/** The default event time of an injected record: 1 s behind the watermark (0 before there is one). */
export function lateEventTime(watermark: number): number {
  return Number.isFinite(watermark) ? Math.max(0, Math.floor(watermark) - 1000) : 0;
}
