// How big the canvas's edge labels are drawn in the lab, where the graph is zoomed out to fit beside the timeline.
/** The edge labels' font size in flow pixels (app.css: `.react-flow__edge-text`, `.edge-lab-watermark`). */
export const LABEL_PX = 10;
/** The smallest size a label is shown at on screen, in CSS pixels. */
export const LEGIBLE_PX = 10;
const MAX_SCALE = 1.6;

/**
 * How much to enlarge a label drawn inside the zoomed flow so it shows at least `LEGIBLE_PX` on
 * screen: 1 from zoom 1 up, at most 1.6 (from zoom 0.625 down labels stop growing: on a graph
 * zoomed out further, larger ones would cover the nodes' names), in steps of 0.1 so a zoom gesture re-renders edges rarely.
 */
export function labelScale(zoom: number): number {
  const needed = LEGIBLE_PX / (LABEL_PX * zoom);
  return needed <= 1 ? 1 : Math.min(MAX_SCALE, Math.ceil(needed * 10) / 10);
}
