/**
 * The input gate of a task whose head is not a source: the head's network input channels, in
 * edge and upstream subtask order, merged by one `InputGate` whose handlers feed the chain head —
 * records (traced when the job is, and a failure naming the record), watermarks, idleness, the
 * end of an input — and hand checkpoint barriers to the task's snapshots.
 */
import type { StreamOperator } from '../operators/operator.js';
import type { ExecutionPlan, PlanNode, PlanVertex } from '../plan/execution-plan.js';
import { InputGate } from './input-gate.js';
import { attribute } from './operator-error.js';
import type { TaskEnvironment } from './task.js';
import type { TaskLoop } from './task-loop.js';
import type { TaskSnapshots } from './task-snapshots.js';
import { inputPortName, tracedRecordHandler } from './task-trace.js';

/**
 * The gate feeding `head` (chain member `headNode`). `loop` is asked for when an event
 * arrives, not now: the loop is built with the gate.
 */
export function buildInputGate(
  plan: ExecutionPlan,
  vertex: PlanVertex,
  env: TaskEnvironment,
  headNode: PlanNode,
  head: StreamOperator,
  snapshots: TaskSnapshots,
  loop: () => TaskLoop,
): InputGate {
  const gateChannels = vertex.inputs.flatMap((e) => (env.inputs.get(e) ?? []).map((receiver) => ({ receiver, input: plan.edges[e]!.input })));
  const twoInputs = vertex.inputs.some((e) => plan.edges[e]!.input === 1);
  const tracer = env.tracer;
  return new InputGate(gateChannels, twoInputs ? 2 : 1, {
    onRecord: tracer ? tracedRecordHandler(tracer, headNode.id, headNode.kind, (v, ts, input, kind) => head.processElement(v, ts, input, kind)) : (v, ts, input, kind) => {
      // A failure names the record the head was processing (inner operators name theirs).
      try {
        head.processElement(v, ts, input, kind);
      } catch (e) {
        throw attribute(e, headNode.id, v);
      }
    },
    onWatermark: (w) => head.processWatermark(w),
    onIdle: (idle) => {
      loop().gateIdle = idle;
      head.processIdle(idle);
    },
    onInputEnded: (input) => loop().onInputEnded(input),
    onBarrier: (id, alignmentMs) => snapshots.checkpoint(id, alignmentMs),
    onUnalignedBarrier: (id) => snapshots.startUnaligned(id),
    onUnalignedComplete: (id, inFlight) => snapshots.completeUnaligned(id, inFlight),
    now: () => env.now(),
  }, env.checkpoints?.barrierMode ?? 'exactly-once', tracer ? { tracer, node: headNode.id, ports: [inputPortName(headNode.kind, 0), inputPortName(headNode.kind, 1)] } : null);
}
