/**
 * The one node component, driven by the kind's description: category colour, label, and
 * handles for the node's ports. Marks and live figures are child components that select their
 * own slice of the store, so this component re-renders only when its node changes.
 */
import { Handle, type NodeProps, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect } from 'react';
import { countWork } from '../perf/work-counts';
import { kindInfo } from '../store/job-types';
import type { JobFlowNode } from './flow-conversion';
import { NodeBackpressure } from './NodeBackpressure';
import { NodeFailureMark } from './NodeFailureMark';
import { NodeStallMark } from './NodeStallMark';
import { NodeProblemMark } from './NodeProblemMark';
import { NodeThroughput } from './NodeThroughput';
import { NodeLabWatermark } from './NodeLabWatermark';

/** Where the i-th of n handles sits along the node's side, in percent. */
function handleOffset(i: number, n: number): string {
  return `${((i + 1) * 100) / (n + 1)}%`;
}

export const JobNodeView = memo(function JobNodeView({ id, data, selected }: NodeProps<JobFlowNode>) {
  countWork('render.node');
  const { node, inputs, outputs } = data;
  const info = kindInfo(node.kind);
  const updateNodeInternals = useUpdateNodeInternals();
  const portKey = `${inputs.join()}|${outputs.join()}`;
  // Handles that appear or go (a late-output tag was set) must be measured again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: portKey is the reason to measure again
  useEffect(() => updateNodeInternals(id), [id, portKey, updateNodeInternals]);
  const title = node.name ?? node.id;
  return (
    <div className={`job-node cat-${info?.category ?? 'unknown'}${selected ? ' selected' : ''}`} data-testid={`node-${id}`} title={info?.description}>
      <NodeBackpressure id={id} />
      <div className="job-node-head">
        <span className="job-node-kind">{info?.label ?? `Unknown kind "${node.kind}"`}</span>
        <NodeProblemMark id={id} />
      </div>
      <div className="job-node-title">{title}</div>
      {node.name !== undefined && <div className="job-node-id">{node.id}</div>}
      {outputs.length > 0 && <NodeThroughput id={id} />}
      <NodeStallMark id={id} />
      <NodeLabWatermark id={id} />
      <NodeFailureMark id={id} />
      {inputs.map((port, i) => (
        <Handle key={port} type="target" position={Position.Left} id={port} style={{ top: handleOffset(i, inputs.length) }} title={`Input ${port}`}>
          {inputs.length > 1 && <span className="handle-label in">{inputLabel(port, info?.keyed === 'first')}</span>}
        </Handle>
      ))}
      {outputs.map((port, i) => (
        <Handle key={port} type="source" position={Position.Right} id={port} style={{ top: handleOffset(i, outputs.length) }} title={port === 'out' ? 'Output' : `Side output "${port}"`}>
          {port !== 'out' && <span className="handle-label out">{port}</span>}
        </Handle>
      ))}
    </div>
  );
});

/** The label of a two-input node's handle: left/right, or stream/broadcast on a broadcast-state node. */
function inputLabel(port: string, broadcast: boolean): string {
  if (broadcast) return port === 'in1' ? 'stream' : 'broadcast';
  return port === 'in1' ? 'left' : 'right';
}
