/**
 * Narrow selectors shared by views. Each returns a primitive or a stored object (never a fresh
 * array), so a component re-renders only when its own figure changes.
 */
import type { SlotStall } from '../client/engine-client';
import type { AppState } from './app-store';
import { runProblemOf } from './run-slice';

/** "slot 0 not responding for 5 s: node "m" (subtask 0) has not returned from its function; the job fails at 10 s". */
export function stallText(slot: number, stall: SlotStall): string {
  const seconds = Math.floor(stall.stalledMs / 1000);
  const others = stall.others.length > 0 ? ` (or ${stall.others.map((id) => `"${id}"`).join(', ')}, chained with it)` : '';
  const limit = stall.timeoutMs > 0 ? `; the job fails at ${formatSeconds(stall.timeoutMs)} without progress` : '';
  return `Slot ${slot} not responding for ${seconds} s: node "${stall.nodeId}"${others} (subtask ${stall.subtask}) has not returned from its function${limit}`;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

/** "not responding for 5 s" on a node whose function a slot is stuck in; '' otherwise. */
export function nodeStallText(id: string): (s: AppState) => string {
  return (s) => {
    for (const stall of Object.values(s.stalls)) {
      if (stall.nodeId === id || stall.others.includes(id)) return `Not responding for ${Math.floor(stall.stalledMs / 1000)} s (subtask ${stall.subtask})`;
    }
    return '';
  };
}

/**
 * The problems of one node as lines of text; '' when it has none. `withRun`: also the param the
 * last run found wrong as the node started (`runProblemOf`), as the inspector lists it; the
 * canvas's problem mark leaves it out (the failure mark shows the run's failure).
 */
export function nodeProblemText(id: string, { withRun = false }: { withRun?: boolean } = {}): (s: AppState) => string {
  return (s) => {
    const run = withRun ? runProblemOf(s) : null;
    return [...s.problems, ...(run !== null ? [run] : [])]
      .filter((p) => p.nodeId === id)
      .map((p) => (p.field ? `${p.field}: ${p.message}` : p.message))
      .join('\n');
  };
}

/** Validation's problems, then the param the last run found wrong while the job is the one that ran. */
export function problemCountOf(s: AppState): number {
  return s.problems.length + (runProblemOf(s) !== null ? 1 : 0);
}

/** The type warnings of this node's code, one per line ('' when none). */
export function nodeWarningText(id: string): (s: AppState) => string {
  return (s) =>
    s.typeWarnings
      .filter((w) => w.nodeId === id)
      .map((w) => `${w.field}, line ${w.line}: ${w.message}`)
      .join('\n');
}

/** The run failure's line when the last run failed on this node; '' otherwise. */
export function nodeFailureText(id: string): (s: AppState) => string {
  return (s) => {
    const f = s.runFailure;
    if (f === null) return '';
    if (f.nodeId === id) return failureText(f.message, f.records);
    // A crashed slot worker: every node it ran failed with it.
    const crashed = f.crashedSlot?.records;
    return crashed !== undefined && Object.hasOwn(crashed, id) ? failureText(f.message, crashed[id]) : '';
  };
}

/** A failure as one line, with the failed node's record count when known: "Failed after 3 records: boom". */
export function failureText(message: string, records: number | undefined): string {
  if (records === undefined) return `Failed: ${message}`;
  return `Failed after ${records} record${records === 1 ? '' : 's'}: ${message}`;
}

/**
 * The message of the problem at exactly this node field ('' when none): e.g. `params.code`. A
 * param the last run found wrong as the node started counts while the job is the one that ran.
 */
export function fieldProblemText(nodeId: string | undefined, field: string): (s: AppState) => string {
  return (s) => {
    const run = runProblemOf(s);
    return [...s.problems, ...(run !== null ? [run] : [])]
      .filter((p) => p.nodeId === nodeId && p.field === field)
      .map((p) => p.message)
      .join('; ');
  };
}
