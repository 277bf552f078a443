/**
 * A subtask's key, `vertex#subtask`: hosts wire its channels under it, the checkpoint coordinator
 * waits for its acknowledgement under it, and checkpoints store its state under it. One function
 * builds the key and one reads the subtask back, so hosts, coordinator and readers agree.
 */

/** The key of subtask `subtask` of vertex `vertex` (vertex ids are node ids: no `#` in them). */
export function taskKey(vertex: string, subtask: number): string {
  return `${vertex}#${subtask}`;
}

/** The subtask index of a key made by `taskKey`. */
export function subtaskOfTaskKey(key: string): number {
  return Number(key.slice(key.lastIndexOf('#') + 1));
}
