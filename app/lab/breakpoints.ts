/**
 * The lab's breakpoints as the user sets them, and the engine conditions they stand for
 * (`--until`'s event conditions, or a watermark passing a time at a node).
 */
import type { Breakpoint } from '../../engine/index';
import { formatInstant } from '../format/time';

export type LabBreakpoint =
  /** The next record or watermark that reaches the node (`element`: only that one). */
  | { readonly id: number; readonly kind: 'node-input'; readonly node: string; readonly element?: 'record' | 'watermark' }
  /** A window fires (at a node, for a key: both optional). */
  | { readonly id: number; readonly kind: 'window-fires'; readonly node?: string; readonly key?: string }
  | { readonly id: number; readonly kind: 'watermark-passes'; readonly node: string; readonly time: number }
  /** A record arrives after the watermark passed its window: fired late, side output or dropped. */
  | { readonly id: number; readonly kind: 'late-record' }
  | { readonly id: number; readonly kind: 'checkpoint-complete' };

export type NewBreakpoint = LabBreakpoint extends infer B ? (B extends { id: number } ? Omit<B, 'id'> : never) : never;

const at = (node: string | undefined): Array<[string, string]> => (node === undefined ? [] : [['node', node]]);
const event = (type: string, fields: Array<[string, string]>): Breakpoint => ({ kind: 'event', condition: { type, fields } });

/** The engine's conditions for the breakpoints, and for each the id of the breakpoint it stands for. */
export function engineBreakpoints(list: readonly LabBreakpoint[]): { conditions: Breakpoint[]; owners: number[] } {
  const conditions: Breakpoint[] = [];
  const owners: number[] = [];
  const add = (id: number, b: Breakpoint) => {
    conditions.push(b);
    owners.push(id);
  };
  for (const b of list) {
    switch (b.kind) {
      case 'node-input':
        if (b.element !== 'watermark') add(b.id, event('record.in', at(b.node)));
        if (b.element !== 'record') add(b.id, event('watermark.in', at(b.node)));
        break;
      case 'window-fires':
        add(b.id, event('window.fire', [...at(b.node), ...(b.key !== undefined && b.key !== '' ? ([['key', b.key]] as Array<[string, string]>) : [])]));
        break;
      case 'watermark-passes':
        add(b.id, { kind: 'watermark', node: b.node, passes: b.time });
        break;
      case 'late-record':
        add(b.id, event('window.fire', [['late', 'true']]));
        add(b.id, event('late.side-output', []));
        add(b.id, event('late.dropped', []));
        break;
      case 'checkpoint-complete':
        add(b.id, event('checkpoint.complete', []));
        break;
    }
  }
  return { conditions, owners };
}

export function describeBreakpoint(b: LabBreakpoint): string {
  switch (b.kind) {
    case 'node-input':
      return `Next ${b.element ?? 'element'} into ${b.node}`;
    case 'window-fires':
      return `A window fires${b.node !== undefined ? ` at ${b.node}` : ''}${b.key ? ` for key ${b.key}` : ''}`;
    case 'watermark-passes':
      return `The watermark at ${b.node} passes ${formatInstant(b.time)}`;
    case 'late-record':
      return 'A late record arrives';
    case 'checkpoint-complete':
      return 'A checkpoint completes';
  }
}

/** Whether a breakpoint is the one described (the same kind, node, element, key and time). */
export function isBreakpoint(b: LabBreakpoint, like: NewBreakpoint): boolean {
  if (b.kind !== like.kind) return false;
  const a = b as Partial<Record<string, unknown>>;
  const o = like as Partial<Record<string, unknown>>;
  return ['node', 'element', 'key', 'time'].every((f) => a[f] === o[f]);
}
