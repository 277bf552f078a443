/**
 * The progress beacon: where a thread running tasks says what it is doing, in shared memory, so
 * another thread can read it while this one is stuck in a user function (a stuck thread sends no
 * messages). The watchdog (`host/watchdog.ts`) reads it.
 *
 * Invariant: it is written per burst (up to BURST records of one task) and every 64 records of
 * a large input batch, per timer firing and per snapshot — never per record. A burst names the chain's one node with user code, so a stall is
 * attributed exactly unless two or more functions are chained in one task. Such a chain is then
 * "marked" in the restart that follows: its chained functions name themselves on entry and their
 * caller on return. Marking costs ~10% of a chain of trivial functions (measured), so it is only
 * ever on for a chain that already hung.
 */
import { KIND_INFO } from '../graph/kinds.js';
import { isCodeKey } from '../graph/schema.js';
import type { NodeKind } from '../graph/schema-params.js';
import type { ExecutionPlan, PlanNode } from '../plan/execution-plan.js';

/** Cell indices. */
export const BEACON = {
  /** Incremented at every burst, every 64 records of a large batch, timer firing and snapshot: unchanged = no progress. */
  beats: 0,
  /** 0 = between bursts (waiting, not stuck); else the subtask index + 1 of the burst in progress. */
  busy: 1,
  /** Index (in `beaconNodeIds`) of the node whose code runs, valid while `busy` is set. */
  node: 2,
} as const;

/** Bytes of shared memory one beacon needs. */
export const BEACON_BYTES = 3 * Int32Array.BYTES_PER_ELEMENT;

/** Node ids by beacon index: the plan's node order, the same in every thread. */
export function beaconNodeIds(plan: ExecutionPlan): string[] {
  return Object.keys(plan.nodes);
}

/** Shared memory for one beacon, or null where SharedArrayBuffer is not available (a page that is not cross-origin isolated). */
export function createBeaconMemory(): SharedArrayBuffer | null {
  return typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(BEACON_BYTES) : null;
}

export class ProgressBeacon {
  readonly cells: Int32Array;
  private readonly indexOf: Map<string, number>;

  constructor(
    memory: SharedArrayBuffer | ArrayBuffer,
    readonly plan: ExecutionPlan,
  ) {
    this.cells = new Int32Array(memory, 0, 3);
    this.indexOf = new Map(beaconNodeIds(plan).map((id, i) => [id, i]));
  }

  nodeIndex(id: string): number {
    return this.indexOf.get(id) ?? 0;
  }

  /** A burst of subtask `subtask` starts, running the code of node index `node`. */
  enter(subtask: number, node: number): void {
    const c = this.cells;
    Atomics.store(c, BEACON.node, node);
    Atomics.store(c, BEACON.busy, subtask + 1);
    Atomics.add(c, BEACON.beats, 1);
  }

  /** Progress without a change of node (a long snapshot, a timer). */
  beat(): void {
    Atomics.add(this.cells, BEACON.beats, 1);
  }

  /** The thread waits for messages: whatever time passes now is not a stuck function. */
  leave(): void {
    Atomics.store(this.cells, BEACON.busy, 0);
    Atomics.add(this.cells, BEACON.beats, 1);
  }
}

/** Whether a node runs code the user wrote (a code param, or a key given as a function). */
export function runsUserCode(node: PlanNode): boolean {
  const info = KIND_INFO[node.kind as NodeKind];
  if (info === undefined) return false;
  const at = (path: string) => path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), node.params);
  if (info.codeParams.some((p) => typeof at(p) === 'string')) return true;
  return info.keyParams.some((p) => {
    const v = at(p);
    return typeof v === 'string' && isCodeKey(v);
  });
}

/**
 * The nodes of a chain whose code can hang: those with user code, and the emitting node of a
 * network edge keyed by a function (the key function runs in the emitting task). A burst names
 * the first of them (else the head); with one, that is exact.
 */
export function chainSuspects(plan: ExecutionPlan, chain: readonly string[]): string[] {
  return chain.filter((id) => {
    const n = plan.nodes[id]!;
    return runsUserCode(n) || n.network.some((e) => {
      const key = plan.edges[e.edge]?.key;
      return key !== undefined && 'code' in key;
    });
  });
}
