/**
 * The part of a lab timeline every kind shares on the page: the scroll box that follows its width
 * and scroll position (so only the lanes in view are drawn), the canvas redrawn when what it
 * shows or the view changes — not on a hover —, the tip of the mark under the pointer (outside
 * the scroll box, which would cut it off, and turned to the left on the right half), a click
 * on the canvas, a redraw in the new colours when the system's light/dark setting changes, and the Keys / Processing time choice of the vertical axis.
 */
import { type ReactNode, type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { useColourScheme } from '../theme/canvas-colours';
import type { TimeFrame, TimelineAxis, VisibleRows } from './timeline-axis';

export interface TimelineBox {
  readonly ref: RefObject<HTMLDivElement | null>;
  /** The scroll box's width (at least 320 px). */
  readonly width: number;
  /** The rows scrolled into view. */
  readonly view: VisibleRows;
  readonly onScroll: (e: React.UIEvent<HTMLDivElement>) => void;
}

/** The scroll box's width and the part of it in view, following resizes and scrolling. */
export function useTimelineBox(): TimelineBox {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  /** 50 keys are 1 300 px, the view 360: only its lanes are drawn. */
  const [view, setView] = useState<VisibleRows>({ top: 0, height: 360 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const follow = () => {
      setWidth(Math.max(320, el.clientWidth));
      setView({ top: el.scrollTop, height: el.clientHeight });
    };
    const observer = new ResizeObserver(follow);
    observer.observe(el);
    follow();
    return () => observer.disconnect();
  }, []);
  return { ref, width, view, onScroll: (e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight }) };
}

interface TimelineCanvasProps<T> {
  readonly box: TimelineBox;
  readonly frame: TimeFrame;
  /** The canvas's accessible name: what it shows, in words. */
  readonly label: string;
  /**
   * Draws the canvas for the rows in view; keep it the same function while nothing it draws changed (a hover does not redraw).
   * `marks` lies over the canvas, the same size, for elements that say what is drawn where (`recordMarkLayer`).
   */
  readonly draw: (canvas: HTMLCanvasElement, view: VisibleRows, marks: HTMLElement) => void;
  /** The mark under the pointer (canvas pixels), for its tip. */
  readonly itemAt: (x: number, y: number) => T | null;
  readonly tip: (item: T, style: React.CSSProperties) => ReactNode;
  /** A click at canvas pixels (x, y). */
  readonly onPick?: (x: number, y: number) => void;
}

export function TimelineCanvas<T>({ box, frame, label, draw, itemAt, tip, onPick }: TimelineCanvasProps<T>) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const marks = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ item: T; x: number; y: number } | null>(null);
  // The canvas is only as tall as the scroll box and stays at its top (sticky) over a spacer as
  // tall as the frame: it shows the frame's rows from `port.top` (clamped where the spacer ends).
  const height = Math.min(frame.height, box.view.height > 0 ? box.view.height : 360);
  const top = Math.max(0, Math.min(box.view.top, frame.height - height));
  const port = useMemo<VisibleRows>(() => ({ top, height }), [top, height]);
  const scheme = useColourScheme();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of scheme redraws in the theme's other colours
  useEffect(() => {
    if (canvas.current && marks.current) draw(canvas.current, port, marks.current);
  }, [draw, port, scheme]);
  /** The pointer in frame pixels (canvas pixels plus where the canvas shows the frame from). */
  const at = (e: React.MouseEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top + port.top };
  };
  return (
    <div style={{ position: 'relative' }}>
      <div className="lab-timeline-scroll" ref={box.ref} onScroll={box.onScroll}>
        <div style={{ height: frame.height }}>
          {/* The canvas stays at the scroll box's top (sticky), with the marks of what it draws over it. */}
          <div style={{ width: frame.width, height, position: 'sticky', top: 0 }}>
          <canvas
            ref={canvas}
            role="img"
            aria-label={label}
            // The event times across, for tests that check compared timelines line up.
            data-domain={frame.x.domain().map(Math.round).join(',')}
            style={{ width: frame.width, height }}
            onMouseMove={(e) => {
              const p = at(e);
              const item = itemAt(p.x, p.y);
              setHover(item === null ? null : { item, x: p.x, y: p.y - (box.ref.current?.scrollTop ?? 0) });
            }}
            onMouseLeave={() => setHover(null)}
            onClick={
              onPick &&
              ((e) => {
                const p = at(e);
                onPick(p.x, p.y);
              })
            }
          />
          <div ref={marks} className="lab-record-marks" aria-hidden="true" />
          </div>
        </div>
      </div>
      {hover && tip(hover.item, tipPlace(hover, frame.width))}
    </div>
  );
}

/** Beside the pointer, to its left on the right half so the panel's edge does not cut it off. */
function tipPlace(p: { x: number; y: number }, width: number): React.CSSProperties {
  const left = p.x > width / 2;
  return { left: p.x + (left ? -12 : 12), top: p.y + 12, transform: left ? 'translateX(-100%)' : undefined };
}

/** Keys (a lane each) or processing time (the step a record arrived at) down the side. */
export function AxisChoice({ axis, onChange }: { axis: TimelineAxis; onChange: (axis: TimelineAxis) => void }) {
  return (
    <div className="lab-axis-choice" role="group" aria-label="Vertical axis">
      <button type="button" aria-pressed={axis === 'keys'} onClick={() => onChange('keys')}>
        Keys
      </button>
      <button type="button" aria-pressed={axis === 'processing-time'} onClick={() => onChange('processing-time')}>
        Processing time
      </button>
    </div>
  );
}
