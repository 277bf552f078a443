/**
 * Checks a chaos control against the plan before it goes to the slots: the node must run in a
 * task, pausing and injecting need a source, numbers must make sense. Errors name the node and
 * the field, as the controls' forms show them.
 */
import type { ExecutionPlan } from '../plan/execution-plan.js';
import type { ChaosCommand } from '../runtime/task-chaos.js';

export type { ChaosCommand } from '../runtime/task-chaos.js';

/** What each control does, in words (error messages, logs). */
export const CHAOS_VERBS: Readonly<Record<ChaosCommand['kind'], string>> = {
  'pause-source': 'pause',
  'inject-record': 'inject a record into',
  slow: 'slow',
  'throw-next': 'throw at',
  end: 'end chaos at',
};

/** Throws an Error saying what is wrong with `command` for `plan` (node id and field named). */
export function checkChaosCommand(plan: ExecutionPlan, command: ChaosCommand): void {
  const node = plan.nodes[command.nodeId];
  const at = `chaos at node "${command.nodeId}"`;
  if (node === undefined) throw new Error(`${at}: no such node runs in this job (a keyBy runs inside its edge)`);
  if (command.subtask !== undefined && !(Number.isInteger(command.subtask) && command.subtask >= 0 && command.subtask < node.parallelism)) {
    throw new Error(`${at}: subtask must be 0…${node.parallelism - 1}, got ${String(command.subtask)}`);
  }
  const positive = (field: string, v: number) => {
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new Error(`${at}: ${field} must be a positive number, got ${String(v)}`);
  };
  switch (command.kind) {
    case 'pause-source':
    case 'inject-record':
      if (!node.kind.startsWith('source.')) throw new Error(`${at}: only a source can be paused or given records (this is a ${node.kind})`);
      if (command.kind === 'pause-source') positive('seconds', command.seconds);
      else if (typeof command.timestamp !== 'number' || Number.isNaN(command.timestamp)) throw new Error(`${at}: the event time must be a number, got ${String(command.timestamp)}`);
      return;
    case 'slow':
      positive('seconds', command.seconds);
      positive('delay per record (ms)', command.delayMs);
      return;
    case 'throw-next':
    case 'end':
      return;
  }
}
