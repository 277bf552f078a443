/**
 * Redistributing managed operator state on restore: Flink's RoundRobinOperatorStateRepartitioner.
 *
 * - Broadcast state: every subtask held a copy. At the same parallelism each keeps its own; at
 *   another, new subtask `i` gets the copy of the `i mod n`-th old subtask that had the state.
 * - List state (`getListState`, SPLIT_DISTRIBUTE): at the same parallelism each keeps its own
 *   list; at another, the old lists are joined in subtask order and cut into consecutive runs,
 *   `⌊total / p⌋` elements each and one more for the first `total mod p` subtasks. With several
 *   list states (taken in name order) the subtasks that get an extra element rotate from one
 *   state to the next, as Flink balances them.
 * - Union list state (`getUnionListState`): every subtask gets the old lists of all subtasks
 *   joined in subtask order — also at the same parallelism.
 */
import type { OperatorStateSnapshot } from '../state/operator-state.js';

/**
 * The operator state new subtask `index` of `newParallelism` starts from, given the old
 * subtasks' snapshots (index = old subtask). Undefined when there is none.
 */
export function operatorStateFor(
  old: readonly (OperatorStateSnapshot | undefined)[],
  oldParallelism: number,
  newParallelism: number,
  index: number,
): OperatorStateSnapshot | undefined {
  const out: OperatorStateSnapshot = {};
  const same = oldParallelism === newParallelism;
  const own = same ? old[index] : undefined;

  // Broadcast: the own copy, or the (index mod n)-th copy.
  if (same) {
    if (own?.broadcast !== undefined) out.broadcast = own.broadcast;
  } else {
    for (const name of namesOf(old, 'broadcast')) {
      const copies = old.filter((s) => s?.broadcast?.[name] !== undefined).map((s) => s!.broadcast![name]!);
      (out.broadcast ??= {})[name] = copies[index % copies.length]!;
    }
  }

  // Split list state.
  if (same) {
    if (own?.list !== undefined) out.list = own.list;
  } else {
    let start = 0;
    for (const name of namesOf(old, 'list')) {
      const all: unknown[] = [];
      for (const s of old) if (s?.list?.[name] !== undefined) for (const x of s.list[name]) all.push(x);
      const base = Math.floor(all.length / newParallelism);
      const extra = all.length % newParallelism;
      // Subtask (start + k) mod p takes the k-th run; the first `extra` runs are one longer.
      let from = 0;
      for (let k = 0; k < newParallelism; k++) {
        const n = base + (k < extra ? 1 : 0);
        if ((start + k) % newParallelism === index) (out.list ??= {})[name] = all.slice(from, from + n);
        from += n;
      }
      start = (start + extra) % newParallelism;
    }
  }

  // Union list state: everything, everywhere.
  for (const name of namesOf(old, 'union')) {
    const all: unknown[] = [];
    for (const s of old) if (s?.union?.[name] !== undefined) for (const x of s.union[name]) all.push(x);
    (out.union ??= {})[name] = all;
  }

  return out.broadcast === undefined && out.list === undefined && out.union === undefined ? undefined : out;
}

function namesOf(old: readonly (OperatorStateSnapshot | undefined)[], mode: 'broadcast' | 'list' | 'union'): string[] {
  const names = new Set<string>();
  for (const s of old) for (const name of Object.keys(s?.[mode] ?? {})) names.add(name);
  return [...names].sort();
}
