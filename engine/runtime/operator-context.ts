/**
 * Builds the OperatorContext of one operator in one subtask: its params, keyed state backend
 * and timers over the key groups the subtask owns, the task's clock, host I/O, and a compiler
 * whose syntax errors name the field.
 */
import type { KeyedContext, Mailbox, OperatorContext, OperatorIO } from '../operators/operator.js';
import type { Tracer } from '../operators/tracer.js';
import type { AsyncCallDriver } from '../operators/async-calls.js';
import type { ExecutionPlan, PlanNode } from '../plan/execution-plan.js';
import { KeyedStateBackend } from '../state/keyed-state-backend.js';
import { keyGroupRangeFor } from '../state/key-groups.js';
import type { ProcessingTimeService } from '../time/processing-time.js';
import { InternalTimerService } from '../time/timer-service.js';
import { compileUserCode } from '../udf/compile.js';
import { compileKeySelector } from './key-selector.js';

const CONSTANT_KEY = 0;

export function buildOperatorContext(
  plan: ExecutionPlan,
  node: PlanNode,
  subtaskIndex: number,
  clock: ProcessingTimeService,
  io: OperatorIO,
  tracer?: Tracer,
  mailbox?: Mailbox,
  asyncCalls?: AsyncCallDriver,
): OperatorContext {
  let keyed: KeyedContext | null = null;
  if (node.keying.type !== 'none') {
    const backend = new KeyedStateBackend(plan.maxParallelism, keyGroupRangeFor(subtaskIndex, node.parallelism, plan.maxParallelism));
    const selectors =
      node.keying.type === 'constant'
        ? [() => CONSTANT_KEY, () => CONSTANT_KEY]
        : node.keying.keys.map((k) => compileKeySelector(k));
    keyed = {
      constantKey: node.keying.type === 'constant',
      backend,
      timers: new InternalTimerService(backend, clock),
      keyOf: (value, input) => selectors[input]!(value),
    };
  }
  return {
    nodeId: node.id,
    kind: node.kind,
    subtaskIndex,
    parallelism: node.parallelism,
    maxParallelism: plan.maxParallelism,
    params: node.params,
    keyed,
    processingTime: clock,
    compile: (code, field) => {
      try {
        return compileUserCode(code);
      } catch (e) {
        throw new Error(`params.${field}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    io,
    wiredPorts: new Set([...node.chained.map((c) => c.port), ...node.network.map((n) => n.port)]),
    ...(tracer ? { tracer } : {}),
    ...(mailbox ? { mailbox } : {}),
    ...(asyncCalls ? { asyncCalls } : {}),
  };
}
