/**
 * What the canvas node's context menu offers, as data (id, label, checked, perform), so the
 * menu component only draws and routes keys. In the lab: breakpoints at this node, toggled in
 * the same list the Breakpoints panel shows. Outside it: the node's editing actions.
 */
import { type NewBreakpoint, isBreakpoint } from '../lab/breakpoints';
import type { AppState, AppStore } from '../store/app-store';

export interface NodeMenuItem {
  readonly id: string;
  readonly label: string;
  /** Present for a toggle (a menuitemcheckbox): whether it is on. */
  readonly checked?: boolean;
  perform(): void;
}

/** The breakpoints the lab offers at a node: a window node also breaks when one of its windows fires. */
function labBreakpointsAt(node: string, isWindow: boolean): Array<{ id: string; label: string; breakpoint: NewBreakpoint }> {
  return [
    { id: 'break-record', label: 'Break on next record here', breakpoint: { kind: 'node-input', node, element: 'record' } },
    { id: 'break-watermark', label: 'Break on next watermark here', breakpoint: { kind: 'node-input', node, element: 'watermark' } },
    ...(isWindow ? [{ id: 'break-fire', label: 'Break when a window fires here', breakpoint: { kind: 'window-fires', node } as NewBreakpoint }] : []),
  ];
}

export function nodeMenuItems(state: AppState, store: AppStore, node: string): NodeMenuItem[] {
  const kind = state.doc.nodes.find((n) => n.id === node)?.kind;
  if (kind === undefined) return [];
  const s = () => store.getState();
  const inspect: NodeMenuItem = { id: 'inspect', label: 'Inspect', perform: () => s().select([node]) };
  if (state.labStatus !== 'off') {
    return [
      ...labBreakpointsAt(node, kind === 'window').map(({ id, label, breakpoint }) => ({
        id,
        label,
        checked: state.labBreakpoints.some((b) => isBreakpoint(b, breakpoint)),
        perform: () => s().toggleLabBreakpoint(breakpoint),
      })),
      inspect,
    ];
  }
  return [
    inspect,
    { id: 'duplicate', label: 'Duplicate', perform: () => s().duplicate([node]) },
    {
      id: 'delete',
      label: 'Delete',
      perform: () => {
        s().select([node]);
        s().deleteSelection();
      },
    },
  ];
}
