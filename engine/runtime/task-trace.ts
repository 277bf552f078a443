/**
 * What a task wires differently while it is traced (`trace/`): the head and every chained
 * operator report each record they receive (`record.in`). Chosen once when the task is built,
 * so an untraced task's record path has no tracing code at all.
 */
import { KIND_INFO } from '../graph/kinds.js';
import type { NodeKind } from '../graph/schema-params.js';
import type { InputIndex, RowKind, StreamOperator } from '../operators/operator.js';
import { type Tracer, traceTimestamp } from '../operators/tracer.js';
import { ChainedTarget } from './operator-output.js';

/** The name of input `input` of a node of `kind`: `in`, or `in1` / `in2` for two-input operators. */
export function inputPortName(kind: string, input: InputIndex): string {
  return KIND_INFO[kind as NodeKind]?.inputs[input] ?? (input === 0 ? 'in' : 'in2');
}

type RecordHandler = (value: unknown, timestamp: number, input: InputIndex, kind?: RowKind) => void;

/** `record.in` for operator `nodeId` of `kind`, then `deliver` the record. */
export function tracedRecordHandler(tracer: Tracer, nodeId: string, kind: string, deliver: RecordHandler): RecordHandler {
  const ports = [inputPortName(kind, 0), inputPortName(kind, 1)];
  return (value, timestamp, input, rowKind) => {
    tracer.event({ type: 'record.in', node: nodeId, value, ts: traceTimestamp(timestamp), port: ports[input] });
    deliver(value, timestamp, input, rowKind);
  };
}

/** A chained downstream operator that reports what it receives. */
export class TracedChainedTarget extends ChainedTarget {
  private readonly traced: RecordHandler;

  constructor(
    operator: StreamOperator,
    nodeId: string,
    kind: string,
    private readonly inputIndex: InputIndex,
    tracer: Tracer,
  ) {
    super(operator, nodeId, inputIndex);
    // The record goes through the parent's call so a failure is attributed to the node as before.
    this.traced = tracedRecordHandler(tracer, nodeId, kind, (v, ts, _input, rowKind) => super.record(v, ts, rowKind));
  }

  override record(value: unknown, timestamp: number, rowKind?: RowKind): void {
    this.traced(value, timestamp, this.inputIndex, rowKind);
  }
}
