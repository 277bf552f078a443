/**
 * The canvas's edge: React Flow's bezier edge with its label (side-output tag, partitioning),
 * and in the lab the watermark the edge carries at the current step, as an HTML label beside
 * it (EdgeLabelRenderer). Selects only its own edge's watermark, so a step redraws few edges.
 * In the lab, where the canvas shares the screen with the timeline and is zoomed out to fit,
 * both labels keep a legible size on screen (`labelScale`) instead of shrinking with the zoom.
 */
import { BaseEdge, type BaseEdgeProps, EdgeLabelRenderer, type EdgeProps, getBezierPath, useStore } from '@xyflow/react';
import { memo } from 'react';
import { useApp } from '../store/app-store';
import { LABEL_PX, labelScale } from './edge-label-scale';

export const JobEdgeView = memo(function JobEdgeView(props: EdgeProps) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, labelStyle, labelShowBg, labelBgStyle, labelBgPadding, labelBgBorderRadius, style, markerEnd, markerStart, interactionWidth } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const w = useApp((s) => s.labEdgeWatermarks[id]);
  const inLab = useApp((s) => s.labStatus !== 'off');
  const scale = useStore((s) => (inLab ? labelScale(s.transform[2]) : 1));
  // React Flow's own props for the label and the path, those given.
  const given = Object.fromEntries(
    Object.entries({ label, labelStyle, labelShowBg, labelBgStyle, labelBgPadding, labelBgBorderRadius, style, markerEnd, markerStart, interactionWidth }).filter(([, v]) => v !== undefined),
  ) as Omit<BaseEdgeProps, 'path'>;
  if (scale !== 1 && label !== undefined) {
    given.labelStyle = { ...labelStyle, fontSize: `${LABEL_PX * scale}px` };
    given.labelBgPadding = [2 * scale, 2 * scale];
  }
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
            style={{ transform: `translate(-50%, ${label !== undefined ? '35%' : '-50%'}) translate(${labelX}px, ${labelY}px)${scale !== 1 ? ` scale(${scale})` : ''}`, transformOrigin: label !== undefined ? '50% 0' : '50% 50%' }}
          >
            <span className="visually-hidden">Watermark on {source} → {target}: </span>
            <span className="value">{w.text}</span>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
