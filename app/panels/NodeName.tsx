/**
 * A node's id in a panel or the lab, after a swatch of its kind's colour (the canvas's colour
 * roles). The swatch is an image named by the role ("Sources", "Windows", …), so the role is read
 * out and shown in a tooltip, not told by colour alone; the text stays the node's id.
 */
import { memo } from 'react';
import { useApp } from '../store/app-store';
import { kindInfo } from '../store/job-types';

export const NodeName = memo(function NodeName({ id }: { id: string }) {
  const category = useApp((s) => {
    // The lab may trace a job (or Compare's variant) other than the one on the canvas.
    const node = s.doc.nodes.find((n) => n.id === id) ?? s.labDoc?.nodes.find((n) => n.id === id);
    return node ? (kindInfo(node.kind)?.category ?? '') : '';
  });
  return (
    <>
      {category !== '' && <span className={`kind-swatch cat-${category}`} role="img" aria-label={category} title={category} />}
      {id}
    </>
  );
});
