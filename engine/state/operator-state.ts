/**
 * Managed operator state: state of a function instance that is not scoped to a key (Flink's
 * OperatorStateStore). A snapshot keeps each kind apart because a restore at another
 * parallelism redistributes each kind its own way (`checkpoint/operator-state-repartition.ts`).
 */
import type { BroadcastStateSnapshot } from './broadcast-state.js';

/** One subtask's managed operator state in a snapshot. Plain JSON-compatible data. */
export interface OperatorStateSnapshot {
  /** Broadcast state (`process.broadcast`): name → entries; every subtask holds a copy. */
  broadcast?: BroadcastStateSnapshot;
  /** List state (Flink's getListState): name → elements; split evenly on rescale. */
  list?: Record<string, unknown[]>;
  /** Union list state (Flink's getUnionListState): name → elements; every subtask gets the union on restore. */
  union?: Record<string, unknown[]>;
}

/** Operator list state (Flink's ListState from the OperatorStateStore): one list per subtask. */
export interface OperatorListState<T = any> {
  /** A copy of the list, [] when empty. */
  get(): T[];
  add(value: T): void;
  addAll(values: readonly T[]): void;
  /** Replaces the list; an empty array clears it. */
  update(values: readonly T[]): void;
  clear(): void;
}

type Mode = 'list' | 'union';
const MODE_NAME: Record<Mode, string> = { list: 'list state (operatorState.list)', union: 'union list state (operatorState.unionList)' };

/**
 * `ctx.operatorState`: list states of this function instance (not of a key). `list(name)` is
 * Flink's getListState (split evenly over the subtasks on rescale), `unionList(name)` its
 * getUnionListState (every subtask gets all elements on restore). Handles read through to the
 * store, so one declared before a restore sees the restored elements.
 */
export class OperatorStates {
  private readonly data = new Map<string, unknown[]>();
  private readonly modes = new Map<string, Mode>();
  private readonly handles = new Map<string, OperatorListState>();

  list<T = any>(name: string): OperatorListState<T> {
    return this.declare(name, 'list');
  }

  unionList<T = any>(name: string): OperatorListState<T> {
    return this.declare(name, 'union');
  }

  /** Non-empty lists by mode, as copies; undefined when there are none. */
  snapshot(): Pick<OperatorStateSnapshot, 'list' | 'union'> | undefined {
    let out: Pick<OperatorStateSnapshot, 'list' | 'union'> | undefined;
    for (const [name, values] of this.data) {
      if (values.length === 0) continue;
      const mode = this.modes.get(name)!;
      ((out ??= {})[mode] ??= {})[name] = structuredClone(values);
    }
    return out;
  }

  /** Takes the lists a restore handed this subtask. Throws when a declared state's mode differs. */
  restore(snapshot: Pick<OperatorStateSnapshot, 'list' | 'union'>): void {
    for (const mode of ['list', 'union'] as const) {
      for (const [name, values] of Object.entries(snapshot[mode] ?? {})) {
        const declared = this.modes.get(name);
        if (declared !== undefined && declared !== mode) throw modeChanged(name, mode, declared);
        this.modes.set(name, mode);
        this.data.set(name, structuredClone(values));
      }
    }
  }

  private declare<T>(name: string, mode: Mode): OperatorListState<T> {
    if (typeof name !== 'string' || name === '') throw new Error('operator state name must be a non-empty string');
    const known = this.modes.get(name);
    if (known !== undefined && known !== mode) {
      if (this.handles.has(name)) throw new Error(`operator state "${name}" is already a ${MODE_NAME[known]}; one name holds one kind of state`);
      throw modeChanged(name, known, mode);
    }
    let handle = this.handles.get(name);
    if (handle === undefined) {
      this.modes.set(name, mode);
      if (!this.data.has(name)) this.data.set(name, []);
      handle = new ListHandle(name, this.data);
      this.handles.set(name, handle);
    }
    return handle as OperatorListState<T>;
  }
}

function modeChanged(name: string, restored: Mode, declared: Mode): Error {
  return new Error(`operator state "${name}" was restored as a ${MODE_NAME[restored]}, but the function declares a ${MODE_NAME[declared]}; rename the state to start it afresh`);
}

class ListHandle<T> implements OperatorListState<T> {
  constructor(
    private readonly name: string,
    private readonly data: Map<string, unknown[]>,
  ) {}
  private get list(): T[] {
    return this.data.get(this.name) as T[];
  }
  get(): T[] {
    return this.list.slice();
  }
  add(value: T): void {
    this.addAll([value]);
  }
  addAll(values: readonly T[]): void {
    const list = this.list;
    for (const v of this.check(values)) list.push(v);
  }
  update(values: readonly T[]): void {
    this.data.set(this.name, this.check(values).slice());
  }
  clear(): void {
    this.data.set(this.name, []);
  }
  private check(values: readonly T[]): readonly T[] {
    if (!Array.isArray(values)) throw new Error(`operator list state "${this.name}": expected an array of values`);
    for (const v of values) if (v === null || v === undefined) throw new Error(`operator list state "${this.name}": elements may not be null or undefined`);
    return values;
  }
}
