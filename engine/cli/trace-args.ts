/** Parsing `eddy trace` arguments. Usage errors are values, reported with exit code 2. */
import { type UntilCondition, parseUntil } from '../trace/until.js';

export interface TraceArgs {
  jobPath: string;
  parallelism?: number;
  inputs: Map<string, string>;
  until?: UntilCondition;
}

export const TRACE_USAGE = `usage: eddy trace JOB.json|SCRIPT.sql [--parallelism N] [--input NODE=FILE]... [--until EVENT[:FIELD=VALUE,...]]

  Steps an eddy/job@1 file (or the job a SQL script compiles to, as eddy run) on the inline host with a virtual clock, one record or event at a
  time, and prints one JSON line per step: {"step", "node", "subtask", "events": [...]}
  (the events of docs/trace.md; ±∞ is written "Infinity" / "-Infinity").
  --parallelism N   default parallelism of the job's nodes (nodes with their own keep it)
  --input NODE=FILE the input of source node NODE, as for eddy run
  --until EVENT[:FIELD=VALUE,...]   stop after the first step with such an event, e.g.
                    --until window.fire:key=key2   (FIELD may be a dot path: window.start=0)
Sinks still receive their records; collect-sink lines are not printed (sink.emit events show them).
Exit codes: 0 finished (or --until matched), 1 the job failed at run time, 2 invalid job file or usage.`;

export function parseTraceArgs(argv: readonly string[]): TraceArgs | { error: string } {
  if (argv[0] !== 'trace') return { error: `unknown command "${argv[0]}"` };
  const out: TraceArgs = { jobPath: '', inputs: new Map() };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string | { error: string } => inline ?? argv[++i] ?? { error: `${flag} needs a value` };
    switch (flag) {
      case '--parallelism': {
        const v = value();
        if (typeof v !== 'string') return v;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) return { error: `--parallelism must be a whole number ≥ 1, got "${v}"` };
        out.parallelism = n;
        break;
      }
      case '--input': {
        const v = value();
        if (typeof v !== 'string') return v;
        const k = v.indexOf('=');
        if (k <= 0 || k === v.length - 1) return { error: `--input takes NODE=FILE, got "${v}"` };
        out.inputs.set(v.slice(0, k), v.slice(k + 1));
        break;
      }
      case '--until': {
        const v = value();
        if (typeof v !== 'string') return v;
        const until = parseUntil(v);
        if ('error' in until) return until;
        out.until = until;
        break;
      }
      default:
        if (a.startsWith('-')) return { error: `unknown option "${a}"` };
        if (out.jobPath) return { error: `unexpected argument "${a}" (the job file is "${out.jobPath}")` };
        out.jobPath = a;
    }
  }
  if (!out.jobPath) return { error: 'missing the job file (JOB.json)' };
  return out;
}
