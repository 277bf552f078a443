/**
 * A changelog join side's rows under one key: a multiset of rows (by their JSON text), each with
 * its count and its associations (how many rows of the other side it matches, for outer, SEMI and
 * ANTI joins) — the layout of Flink's `OuterJoinRecordStateViews` / `JoinRecordStateViews` as the
 * regular join and the SEMI / ANTI join keep it, in one value per key.
 */
import { type StateTable, VOID_NAMESPACE } from '../state/keyed-state-backend.js';

export type JoinSideRows = Record<string, [row: unknown, count: number, associations: number]>;

/** One more copy of `row`; its associations become `associations`. */
export function addJoinRow(table: StateTable<JoinSideRows>, row: unknown, associations: number): void {
  const state = table.get(VOID_NAMESPACE) ?? {};
  const text = JSON.stringify(row);
  const entry = state[text];
  if (entry === undefined) state[text] = [row, 1, associations];
  else {
    entry[1] += 1;
    entry[2] = associations;
  }
  table.put(VOID_NAMESPACE, state);
}

/** One copy of `row` fewer (a retraction of a row not held changes nothing); the key's value goes when the last row does. */
export function retractJoinRow(table: StateTable<JoinSideRows>, row: unknown): void {
  const state = table.get(VOID_NAMESPACE);
  if (state === undefined) return;
  const text = JSON.stringify(row);
  const entry = state[text];
  if (entry === undefined) return;
  if (--entry[1] === 0) delete state[text];
  if (Object.keys(state).length === 0) table.remove(VOID_NAMESPACE);
  else table.put(VOID_NAMESPACE, state);
}
