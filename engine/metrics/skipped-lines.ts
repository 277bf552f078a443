/**
 * Malformed input lines a run skipped (file sources with `ignoreParseErrors` and no "errors"
 * edge): never silent — the CLI says so on stderr and the IDE in its status line.
 */
import type { SubtaskMetrics } from '../host/slot-protocol.js';

/** Skipped lines by node id, from the latest sample of every subtask; nodes with none are absent. */
export function skippedLinesByNode(latest: Iterable<SubtaskMetrics>): Map<string, number> {
  const byNode = new Map<string, number>();
  for (const m of latest) for (const o of m.operators) if (o.skippedLines) byNode.set(o.nodeId, (byNode.get(o.nodeId) ?? 0) + o.skippedLines);
  return byNode;
}

/** `node "src" skipped 2 malformed lines (ignoreParseErrors; wire its "errors" output to keep them)`. */
export function skippedLinesText(nodeId: string, lines: number): string {
  return `node "${nodeId}" skipped ${lines} malformed line${lines === 1 ? '' : 's'} (ignoreParseErrors; wire its "errors" output to keep them)`;
}
