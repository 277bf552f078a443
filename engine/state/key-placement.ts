/**
 * Where a key lives, made visible (the checkpoint browser's key-groups view, `eddy state
 * --parallelism N`): key → key group → subtask at the checkpoint's parallelism and at another
 * one — what moves on rescale. Uses the engine's own assignment (`key-groups.ts`, Flink's
 * KeyGroupRangeAssignment), never a copy of it.
 */
import { keyGroupOf, keyGroupRangeFor, subtaskForKeyGroup } from './key-groups.js';

export interface KeyPlacement {
  readonly keyGroup: number;
  /** The subtask that owns the key at `parallelism`. */
  readonly subtask: number;
  /** The owner at the new parallelism, when one was asked for. */
  readonly newSubtask?: number;
}

/** The key group of `key` and its owner at `parallelism` (and at `newParallelism`). */
export function placeKey(key: unknown, maxParallelism: number, parallelism: number, newParallelism?: number): KeyPlacement {
  return placeKeyGroup(keyGroupOf(key, maxParallelism), maxParallelism, parallelism, newParallelism);
}

/** The owners of one key group at `parallelism` (and at `newParallelism`). */
export function placeKeyGroup(keyGroup: number, maxParallelism: number, parallelism: number, newParallelism?: number): KeyPlacement {
  checkParallelism(parallelism, maxParallelism);
  const subtask = subtaskForKeyGroup(keyGroup, maxParallelism, parallelism);
  if (newParallelism === undefined) return { keyGroup, subtask };
  checkParallelism(newParallelism, maxParallelism);
  return { keyGroup, subtask, newSubtask: subtaskForKeyGroup(keyGroup, maxParallelism, newParallelism) };
}

/** One subtask's key groups at one parallelism. */
export interface SubtaskKeyGroups {
  readonly subtask: number;
  readonly start: number;
  readonly end: number;
}

/** Key groups × subtasks: each subtask's range at `parallelism`, as Flink computes it. */
export function keyGroupRanges(maxParallelism: number, parallelism: number): SubtaskKeyGroups[] {
  checkParallelism(parallelism, maxParallelism);
  return Array.from({ length: parallelism }, (_, subtask) => ({ subtask, ...keyGroupRangeFor(subtask, parallelism, maxParallelism) }));
}

/** A run of consecutive key groups that moves from one subtask to another on rescale. */
export interface KeyGroupMove {
  readonly start: number;
  readonly end: number;
  readonly from: number;
  readonly to: number;
}

/** The key groups whose owner changes from `parallelism` to `newParallelism`, as runs. */
export function keyGroupMoves(maxParallelism: number, parallelism: number, newParallelism: number): KeyGroupMove[] {
  checkParallelism(parallelism, maxParallelism);
  checkParallelism(newParallelism, maxParallelism);
  const moves: KeyGroupMove[] = [];
  for (let kg = 0; kg < maxParallelism; kg++) {
    const from = subtaskForKeyGroup(kg, maxParallelism, parallelism);
    const to = subtaskForKeyGroup(kg, maxParallelism, newParallelism);
    if (from === to) continue;
    const last = moves.at(-1);
    if (last !== undefined && last.end === kg - 1 && last.from === from && last.to === to) moves[moves.length - 1] = { ...last, end: kg };
    else moves.push({ start: kg, end: kg, from, to });
  }
  return moves;
}

function checkParallelism(parallelism: number, maxParallelism: number): void {
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > maxParallelism) {
    throw new Error(`parallelism must be a whole number from 1 to the maxParallelism ${maxParallelism}, got ${parallelism}`);
  }
}
