/**
 * The node's records-out rate while a job runs. Selects only this node's figure, so a metrics
 * tick redraws these few badges and never the canvas. Shown as a caption under the node, out of
 * its box (app.css): a node whose size changed is measured again by React Flow and re-rendered by
 * the canvas, and the badges arriving on every node as a run starts did that to all of them.
 */
import { memo } from 'react';
import { countWork } from '../perf/work-counts';
import { useApp } from '../store/app-store';
import { formatRate } from '../store/throughput';

export const NodeThroughput = memo(function NodeThroughput({ id }: { id: string }) {
  const figure = useApp((s) => s.throughput[id]);
  countWork('render.nodeThroughput');
  if (!figure) return null;
  return (
    <div className="node-throughput" title={`Throughput: ${figure.perSecond.toFixed(1)} records out per second, ${figure.total} so far`}>
      <span className="label">Throughput</span> {formatRate(figure.perSecond)} · {figure.total}
    </div>
  );
});
