/**
 * Waiting in tests for a condition, never for a span of time: the machines that run the tests
 * are shared and loaded, so only the condition tells when the work is done. Each check yields
 * one macrotask, so messages, timers and promise chains move on in between; the test's own
 * timeout bounds the wait.
 */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 0));
}
