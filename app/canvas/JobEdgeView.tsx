/**
 * The canvas's edge: React Flow's bezier edge with its label (side-output tag, partitioning),
 * and in the lab the watermark the edge carries at the current step, as an HTML label beside
 * it (EdgeLabelRenderer). Selects only its own edge's watermark, so a step redraws few edges.
 * In the lab, where the canvas shares the screen with the timeline and is zoomed out to fit,
 * both labels keep a legible size on screen (`labelScale`) instead of shrinking with the zoom,
 * and sit together in one box placed off the nodes and the other edges' labels (`usePlacedLabel`):
 * a short edge's label is wider than the edge and would cover the names of the nodes at its ends,
 * or the label of the edge beside it. A thin leader joins a moved box to its edge. The box's size
 * is measured once per kind of content (`labelSizes`), not on every step.
 */
import { BaseEdge, type BaseEdgeProps, EdgeLabelRenderer, type EdgeProps, type ReactFlowState, getBezierPath, useStore } from '@xyflow/react';
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useApp } from '../store/app-store';
import { LABEL_PX, labelScale } from './edge-label-scale';
import { usePlacedLabel } from './edge-label-layout';
import { type FlowRect, boxBoundaryToward } from './edge-label-place';
import { type LabelSize, labelSizeKey, labelSizes } from './edge-label-size';

const NO_RECTS: readonly FlowRect[] = [];

/** Every measured node's box in flow coordinates (the lab's labels keep off them). */
function nodeRects(s: ReactFlowState): readonly FlowRect[] {
  const rects: FlowRect[] = [];
  for (const n of s.nodeLookup.values()) {
    const { width, height } = n.measured;
    if (width === undefined || height === undefined) continue;
    rects.push({ x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, width, height });
  }
  return rects;
}

function sameRects(a: readonly FlowRect[], b: readonly FlowRect[]): boolean {
  return a.length === b.length && a.every((r, i) => r.x === b[i]!.x && r.y === b[i]!.y && r.width === b[i]!.width && r.height === b[i]!.height);
}

/** A box moved at least this far (flow pixels) from its edge's middle gets a leader. */
const LEADER_FROM = 6;

export const JobEdgeView = memo(function JobEdgeView(props: EdgeProps) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, labelStyle, labelShowBg, labelBgStyle, labelBgPadding, labelBgBorderRadius, style, markerEnd, markerStart, interactionWidth } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const w = useApp((s) => s.labEdgeWatermarks[id]);
  const inLab = useApp((s) => s.labStatus !== 'off');
  const scale = useStore((s) => (inLab ? labelScale(s.transform[2]) : 1));
  const placing = w !== undefined;
  const rects = useStore((s) => (placing ? nodeRects(s) : NO_RECTS), sameRects);
  // The box's size unscaled, as laid out: known from an earlier box of the same kind (`labelSizes`:
  // a step that only moves the watermark on reads no layout), else measured after the render.
  const box = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<LabelSize>({ width: 0, height: 0 });
  const tag = label === undefined ? '' : typeof label === 'string' || typeof label === 'number' ? String(label) : null;
  const sizeKey = w === undefined || tag === null ? null : labelSizeKey(tag, w.text, w.idle);
  const known = sizeKey === null ? undefined : labelSizes.known(sizeKey);
  useLayoutEffect(() => {
    const el = box.current;
    if (el === null || known !== undefined) return;
    const size = { width: el.offsetWidth, height: el.offsetHeight };
    if (sizeKey !== null) labelSizes.remember(sizeKey, size);
    if (size.width !== measured.width || size.height !== measured.height) setMeasured(size);
  });
  // React Flow's own props for the label and the path, those given; in the lab the label goes into the placed box.
  const given = Object.fromEntries(
    Object.entries({ label: placing ? undefined : label, labelStyle, labelShowBg, labelBgStyle, labelBgPadding, labelBgBorderRadius, style, markerEnd, markerStart, interactionWidth }).filter(([, v]) => v !== undefined),
  ) as Omit<BaseEdgeProps, 'path'>;
  if (!placing && scale !== 1 && label !== undefined) {
    given.labelStyle = { ...labelStyle, fontSize: `${LABEL_PX * scale}px` };
    given.labelBgPadding = [2 * scale, 2 * scale];
  }
  const unscaled = known ?? measured;
  const size = { width: unscaled.width * scale, height: unscaled.height * scale };
  const middle = { x: labelX, y: labelY };
  const at = usePlacedLabel(id, middle, size, rects, placing);
  const moved = Math.hypot(at.x - labelX, at.y - labelY) >= LEADER_FROM;
  const leaderEnd = moved ? boxBoundaryToward(at, size, middle) : middle;
  return (
    <>
      <BaseEdge id={id} path={path} labelX={labelX} labelY={labelY} {...given} />
      {moved && <path className="edge-lab-leader" d={`M ${labelX} ${labelY} L ${leaderEnd.x} ${leaderEnd.y}`} />}
      {w !== undefined && (
        <EdgeLabelRenderer>
          <div
            ref={box}
            className="edge-lab-label"
            data-testid={`lab-edge-label-${id}`}
            style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)${scale !== 1 ? ` scale(${scale})` : ''}`, transformOrigin: '50% 50%' }}
          >
            {label !== undefined && <div className="edge-lab-tag">{label}</div>}
            <div
              className={`edge-lab-watermark${w.idle ? ' idle' : ''}`}
              data-testid={`lab-edge-watermark-${id}`}
              title={`Watermark on ${source} → ${target}: ${w.text}${w.detail ? ` (${w.detail})` : ''}`}
            >
              <span className="visually-hidden">Watermark on {source} → {target}: </span>
              <span className="value">{w.text}</span>
            </div>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
