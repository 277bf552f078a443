/**
 * Applying an intervention (`interventions.ts`) to a stepper's job between two steps: its
 * `intervention` event first (with `applied: false` and the `reason` when it no longer applies),
 * then what it does — a hold on a source, an element injected into a source or at a channel's
 * head, a channel's head dropped, a node's next record made to throw. A killed slot is no such
 * edit: the stepper's `killSlot` replaces the job.
 */
import type { ChannelItem } from '../net/channel.js';
import type { Cause } from '../operators/tracer.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import type { Task } from '../runtime/task.js';
import type { CausalChannel } from './causal-channel.js';
import { queuedElements } from './channel-queues.js';
import type { ChannelEnds, Intervention } from './interventions.js';
import type { SourceHolds } from './source-holds.js';
import type { TraceRecorder } from './trace-recorder.js';

/** What an intervention acts on: the stepper's job as the step before left it. */
export interface InterventionScope {
  readonly plan: ExecutionPlan;
  readonly recorder: TraceRecorder;
  readonly held: SourceHolds;
  readonly channels: readonly CausalChannel[];
  readonly ends: readonly ChannelEnds[];
  /** Virtual time. */
  readonly now: number;
  /** The number of the intervention's step. */
  readonly step: number;
  /** The job's first task (where a kill is said to act). */
  readonly firstTask: Task;
  sourceTask(node: string, subtask: number): Task | null;
}

/** Applies `action` (`problem`: why it cannot, or null); returns where it acted: the step's node and subtask. */
export function applyIntervention(scope: InterventionScope, action: Intervention, problem: string | null): { node: string; subtask: number } {
  const { recorder, held, channels, ends, step } = scope;
  const { kind, ...fields } = action;
  const where =
    'channel' in action
      ? { node: ends[action.channel]?.to ?? '', subtask: ends[action.channel]?.toSubtask ?? 0 }
      : 'target' in action
        ? 'channel' in action.target
          ? { node: ends[action.target.channel]?.to ?? '', subtask: ends[action.target.channel]?.toSubtask ?? 0 }
          : { node: action.target.source, subtask: action.target.subtask }
        : action.kind === 'fail-next-record'
          ? { node: scope.plan.nodes[action.node]?.vertex ?? action.node, subtask: 0 }
          : action.kind === 'kill-slot'
            ? { node: scope.firstTask.headId, subtask: action.slot }
            : { node: action.node, subtask: action.subtask };
  const at = recorder.event({ type: 'intervention', action: kind, ...fields, applied: problem === null, ...(problem === null ? {} : { reason: problem }) });
  if (problem !== null) return where;
  // What an injected element causes goes back to this step, not to a source element.
  const cause = { node: where.node, offset: -1, intervention: step } as Cause;
  switch (action.kind) {
    case 'pause-source':
    case 'idle-source': {
      const task = scope.sourceTask(action.node, action.subtask)!;
      held.hold(task, action.kind === 'idle-source' ? 'idle' : 'paused', scope.now, step, action.seconds);
      break;
    }
    case 'resume-source': {
      held.release(scope.sourceTask(action.node, action.subtask)!);
      break;
    }
    case 'inject-record':
    case 'inject-watermark': {
      // A copy each time: operators may change a record, and a replay must inject it as it was.
      const element = action.kind === 'inject-record' ? { value: structuredClone(action.value), timestamp: action.ts } : { watermark: action.watermark };
      const target = action.target;
      if ('source' in target) {
        recorder.cause = cause;
        const task = scope.sourceTask(target.source, target.subtask)!;
        // As with Flink's WatermarksWithIdleness, a record ends idleness: the output is active
        // again before the record goes out (the hold stays, as a pause: the source still sends
        // nothing of its own, and holds the watermark back until marked idle or released).
        if ('value' in element) held.wake(task);
        task.emitInjected(element);
      } else {
        const item: ChannelItem = 'watermark' in element ? { kind: 'watermark', watermark: element.watermark } : { kind: 'batch', values: [element.value], timestamps: Float64Array.of(element.timestamp), length: 1 };
        channels[target.channel]!.pushHead(item, cause);
      }
      break;
    }
    case 'drop-head': {
      const item = channels[action.channel]!.dropHead();
      if (item !== undefined) recorder.amend(at, { dropped: queuedElements(item) });
      break;
    }
    case 'fail-next-record':
      recorder.failNext = { node: action.node, message: action.message };
      break;
    case 'kill-slot':
      // A failover replaces the whole job: `killSlot` hands back the stepper that goes on.
      throw new Error('a killed slot restarts the job: apply it with killSlot, not intervene');
  }
  return where;
}
