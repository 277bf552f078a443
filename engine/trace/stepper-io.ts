/**
 * The host's I/O as a stepper hands it to its job. Output reaches the host only from steps not
 * seen before: a replay after a step back must not write a file line or collect a record twice
 * (file sinks buffer lines, so their writes do not line up with steps: characters are counted).
 * Every collected record is a `sink.emit` event of the step.
 */
import { type OperatorIO, ROW_KIND_SHORT } from '../operators/operator.js';
import type { TraceRecorder } from './trace-recorder.js';

/**
 * @param committed characters of each output file already handed to `user`, shared by every stepper of one trace
 * @param written characters of each output file this stepper's run has written (updated here)
 */
export function stepperIO(user: OperatorIO, recorder: TraceRecorder, committed: Record<string, number>, written: () => Record<string, number>): OperatorIO {
  return {
    ...(user.fetch !== undefined ? { fetch: user.fetch } : {}),
    ...(user.fetchBase !== undefined ? { fetchBase: user.fetchBase } : {}),
    readText: (nodeId, path) => user.readText(nodeId, path),
    appendText: (nodeId, path, text) => {
      const file = path ?? nodeId;
      const w = written();
      const at = w[file] ?? 0;
      const done = committed[file] ?? 0;
      w[file] = at + text.length;
      if (at + text.length <= done) return;
      user.appendText(nodeId, path, text.slice(Math.max(0, done - at)));
      committed[file] = at + text.length;
    },
    collect: (nodeId, subtask, value, kind) => {
      // A changelog's row kind, as the host's result carries it (absent for +I).
      recorder.event(kind ? { type: 'sink.emit', node: nodeId, sink: nodeId, op: ROW_KIND_SHORT[kind], value } : { type: 'sink.emit', node: nodeId, sink: nodeId, value });
      if (!recorder.muted) user.collect(nodeId, subtask, value, kind);
    },
  };
}
