/**
 * A node's back-pressure level while a job runs, as a tint around the node. Selects only this
 * node's level (a string), so a metrics tick redraws the nodes whose level changed, never the
 * canvas.
 */
import { memo } from 'react';
import { useApp } from '../store/app-store';

export const NodeBackpressure = memo(function NodeBackpressure({ id }: { id: string }) {
  const level = useApp((s) => s.backpressure[id]);
  if (!level) return null;
  return <div className={`node-backpressure bp-${level}`} data-backpressure={level} title={`Backpressure: ${level.toUpperCase()}`} aria-hidden="true" />;
});
