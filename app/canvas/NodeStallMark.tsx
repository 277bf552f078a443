/** Marks a node whose function a slot is stuck in ("Not responding for 5 s"), until it moves or the watchdog fails it. */
import { memo } from 'react';
import { useApp } from '../store/app-store';
import { nodeStallText } from '../store/selectors';

export const NodeStallMark = memo(function NodeStallMark({ id }: { id: string }) {
  const text = useApp(nodeStallText(id));
  if (text === '') return null;
  return (
    <div className="node-stall" role="status">
      {text}
    </div>
  );
});
