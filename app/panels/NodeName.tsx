/** A node's id in a panel, after a swatch of its kind's colour (the canvas's colour roles). */
import { memo } from 'react';
import { useApp } from '../store/app-store';
import { kindInfo } from '../store/job-types';

export const NodeName = memo(function NodeName({ id }: { id: string }) {
  const category = useApp((s) => {
    const node = s.doc.nodes.find((n) => n.id === id);
    return node ? (kindInfo(node.kind)?.category ?? '') : '';
  });
  return (
    <>
      <span className={`kind-swatch cat-${category}`} aria-hidden="true" title={category} />
      {id}
    </>
  );
});
