/**
 * The canvas's edge: React Flow's bezier edge with its label (side-output tag, partitioning),
 * and in the lab the watermark the edge carries at the current step, as an HTML label beside
 * it (EdgeLabelRenderer). Selects only its own edge's watermark, so a step redraws few edges.
 */
import { BaseEdge, type BaseEdgeProps, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { useApp } from '../store/app-store';

export const JobEdgeView = memo(function JobEdgeView(props: EdgeProps) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, labelStyle, labelShowBg, labelBgStyle, labelBgPadding, labelBgBorderRadius, style, markerEnd, markerStart, interactionWidth } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const w = useApp((s) => s.labEdgeWatermarks[id]);
  // React Flow's own props for the label and the path, those given.
  const given = Object.fromEntries(
    Object.entries({ label, labelStyle, labelShowBg, labelBgStyle, labelBgPadding, labelBgBorderRadius, style, markerEnd, markerStart, interactionWidth }).filter(([, v]) => v !== undefined),
  ) as Omit<BaseEdgeProps, 'path'>;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        labelX={labelX}
        labelY={labelY}
        {...given}
      />
      {w !== undefined && (
        <EdgeLabelRenderer>
          <div
            className={`edge-lab-watermark${w.idle ? ' idle' : ''}`}
            data-testid={`lab-edge-watermark-${id}`}
            title={`Watermark on ${source} → ${target}: ${w.text}${w.detail ? ` (${w.detail})` : ''}`}
            // Below the edge's own label, when it has one.
            style={{ transform: `translate(-50%, ${label !== undefined ? '35%' : '-50%'}) translate(${labelX}px, ${labelY}px)` }}
          >
            <span className="visually-hidden">Watermark on {source} → {target}: </span>
            <span className="value">{w.text}</span>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
