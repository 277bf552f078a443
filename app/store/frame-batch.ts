/**
 * Publishes at most once per animation frame however many messages arrive in between. Slot
 * workers send metrics and results on their own clocks; when the page falls behind (a loaded
 * machine, a large job), messages queue up, and drawing each one would keep the page behind for
 * good. Folding them into the next frame bounds the page's work by its frame rate: the data
 * itself is taken in at once (cheaply), only the publication to the views waits.
 * Without `requestAnimationFrame` (Node, tests) the next macrotask stands in for the frame.
 */
export interface FrameBatch {
  /** Asks for one publication in the next frame (repeated asks before it make one). */
  request(): void;
  /** Publishes now if one is pending (the run ended: its last figures show at once). */
  flush(): void;
  /** Drops a pending publication. */
  cancel(): void;
}

export function frameBatch(publish: () => void): FrameBatch {
  let pending: { cancel(): void } | null = null;
  const run = () => {
    pending = null;
    publish();
  };
  return {
    request() {
      if (pending !== null) return;
      if (typeof requestAnimationFrame === 'function') {
        const id = requestAnimationFrame(run);
        pending = { cancel: () => cancelAnimationFrame(id) };
      } else {
        const id = setTimeout(run, 0);
        pending = { cancel: () => clearTimeout(id) };
      }
    },
    flush() {
      if (pending === null) return;
      pending.cancel();
      run();
    },
    cancel() {
      pending?.cancel();
      pending = null;
    },
  };
}
