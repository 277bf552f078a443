/**
 * The invariant check after chaos (exactly-once made visible): does a run's sink output equal
 * an undisturbed run of the same job and inputs? Pure: which chaos lets the check apply, and
 * the comparison of two outputs as multisets of (sink, row kind, value) — collect sinks gather
 * records from parallel subtasks, so only their counts, not their order, are the job's result; a
 * changelog's `-U` and `+U` of the same row are different records.
 */

/** A chaos control the user applied during a run, as the Chaos panel lists it. */
export interface ChaosLogEntry {
  /** 'kill-slot' or a ChaosCommand's kind. */
  readonly kind: 'kill-slot' | 'pause-source' | 'idle-source' | 'inject-record' | 'slow' | 'throw-next' | 'end';
  /** Wall-clock time it was applied (ms since the epoch). */
  readonly at: number;
  /** What it did, in words. */
  readonly text: string;
}

/** Chaos that fails tasks: recovery from a checkpoint must leave the output as it was. */
const FAILURES: ReadonlySet<ChaosLogEntry['kind']> = new Set(['kill-slot', 'throw-next']);
/** Chaos that only changes when things happen: a job whose results depend on event time alone keeps its output. */
const TIMING: ReadonlySet<ChaosLogEntry['kind']> = new Set(['pause-source', 'slow', 'end']);

/** Whether the check applies to a run, and why not when it does not. */
export type CheckApplicability = { readonly applies: true; readonly note?: string } | { readonly applies: false; readonly reason: string };

/**
 * The check applies to a finished run with checkpoints on whose chaos only failed tasks (kill a
 * slot, throw on next record) or only delayed them (pause, slow). Injected records change the
 * data, and an idle source lets the watermark pass its later records (they may turn late): the
 * output differs by design. After a failure the note says that a restore starts the watermark
 * over, so records late in the undisturbed run may count in the restored one.
 */
export function checkApplicability(log: readonly ChaosLogEntry[], checkpointing: { readonly mode?: string } | null): CheckApplicability {
  if (checkpointing === null) return { applies: false, reason: 'The job takes no checkpoints: after a failure it cannot recover its state, so exactly-once does not hold. Turn checkpointing on (the job\'s settings) and run it again.' };
  const injected = log.find((e) => e.kind === 'inject-record');
  if (injected) return { applies: false, reason: 'Records were injected: the input is not the undisturbed run\'s, so the output differs by design.' };
  const idle = log.find((e) => e.kind === 'idle-source');
  if (idle) return { applies: false, reason: 'A source was made idle: downstream watermarks went on without it, so its later records may have been late — event-time results then depend on timing, by design.' };
  const failures = log.filter((e) => FAILURES.has(e.kind)).length;
  const timing = log.some((e) => TIMING.has(e.kind));
  const notes: string[] = [];
  if (checkpointing.mode === 'at-least-once') notes.push('At-least-once checkpoints: after a failure records may be duplicated; exactly-once mode rules that out.');
  if (failures > 0) notes.push('A restore starts the watermark over, as in Flink (a checkpoint holds none): a record that was late before the failure and is replayed may count, so a job with late records can differ from an undisturbed run.');
  if (failures === 0 && !timing) notes.push('No chaos in this run: it is compared with another undisturbed run.');
  if (timing) notes.push('Pauses and slowdowns only delay records: a job whose results follow event time keeps its output.');
  return notes.length > 0 ? { applies: true, note: notes.join(' ') } : { applies: true };
}

/** One record (sink and value) that occurs a different number of times in the two outputs. */
export interface OutputDifference {
  readonly sink: string;
  /** The row kind when not an insert (`-U`, `+U`, `-D`). */
  readonly op?: string;
  readonly value: unknown;
  /** How often the run produced it. */
  readonly actual: number;
  /** How often the undisturbed run produced it. */
  readonly expected: number;
}

export interface OutputComparison {
  readonly equal: boolean;
  /** Records in the run's output. */
  readonly actualCount: number;
  readonly expectedCount: number;
  /** The first differences in the undisturbed run's order (then the run's), at most `limit`. */
  readonly differences: readonly OutputDifference[];
  /** Differing records in all, counted once per distinct record. */
  readonly differing: number;
}

/** One record of an output: its sink, value, and row kind when not an insert. */
export type OutputRecord = { readonly sink: string; readonly value: unknown; readonly op?: string };
type Output = ReadonlyArray<OutputRecord>;

/** A record's row kind; absent means an insert. */
const opOf = (r: OutputRecord) => (r.op === undefined || r.op === '+I' ? '+I' : r.op);
const keyOf = (r: OutputRecord) => `${r.sink}\u0000${opOf(r)}\u0000${JSON.stringify(r.value)}`;

/** Compares two outputs as multisets of (sink, row kind, value). */
export function compareOutputs(actual: Output, expected: Output, limit = 5): OutputComparison {
  const counts = new Map<string, { sink: string; op: string; value: unknown; actual: number; expected: number }>();
  const tally = (records: Output, side: 'actual' | 'expected') => {
    for (const r of records) {
      const key = keyOf(r);
      let c = counts.get(key);
      if (c === undefined) counts.set(key, (c = { sink: r.sink, op: opOf(r), value: r.value, actual: 0, expected: 0 }));
      c[side]++;
    }
  };
  // The undisturbed run first: differences are listed in its order, then the run's extras.
  tally(expected, 'expected');
  tally(actual, 'actual');
  const differences: OutputDifference[] = [];
  let differing = 0;
  for (const c of counts.values()) {
    if (c.actual === c.expected) continue;
    differing++;
    if (differences.length < limit) differences.push({ sink: c.sink, ...(c.op === '+I' ? {} : { op: c.op }), value: c.value, actual: c.actual, expected: c.expected });
  }
  return { equal: differing === 0, actualCount: actual.length, expectedCount: expected.length, differences, differing };
}

/** The verdict in words: the headline, then one line per difference listed. */
export function describeComparison(c: OutputComparison): { readonly headline: string; readonly lines: readonly string[] } {
  if (c.equal) return { headline: `Output equals an undisturbed run: yes — ${c.actualCount} record${c.actualCount === 1 ? '' : 's'}, exactly-once held`, lines: [] };
  const lines = c.differences.map((d) => {
    const what = d.actual === 0 ? 'missing' : d.expected === 0 ? `unexpected (${d.actual}×)` : d.actual > d.expected ? `duplicated (${d.actual}× instead of ${d.expected}×)` : `missing ${d.expected - d.actual} of ${d.expected}`;
    return `${d.sink}: ${d.op === undefined ? '' : `${d.op} `}${JSON.stringify(d.value)} — ${what}`;
  });
  const more = c.differing > c.differences.length ? ` (the first ${c.differences.length} listed)` : '';
  return { headline: `Output equals an undisturbed run: no — ${c.actualCount} records instead of ${c.expectedCount}, ${c.differing} differing${more}`, lines };
}
