/** Parsing `eddy run` arguments. Usage errors are values, reported with exit code 2. */

export interface RunArgs {
  jobPath: string;
  parallelism?: number;
  host: 'inline' | 'workers';
  inputs: Map<string, string>;
  clock: 'system' | 'virtual';
  /** With --host workers: at most this many slot workers. */
  maxSlots?: number;
  /** Print per-subtask metrics to stderr as JSON lines. */
  metrics: boolean;
  checkpointDir?: string;
  /** Write a savepoint here when the job is stopped (SIGINT/SIGTERM) or finishes. */
  savepoint?: string;
  fromSavepoint?: string;
  allowNonRestoredState: boolean;
  chaos?: { kills: number; seed: number };
  /** Overrides the job's execution.functionTimeoutMs (ms; 0 = no limit). */
  functionTimeoutMs?: number;
}

export const USAGE = `usage: eddy run JOB.json [--parallelism N] [--host inline|workers] [--slots N] [--input NODE=FILE]... [--clock system|virtual] [--metrics]
          [--function-timeout MS] [--checkpoint-dir DIR] [--savepoint PATH] [--from-savepoint PATH] [--chaos kill=N --seed S]

  Runs an eddy/job@1 file and prints one JSON line per record that reaches a sink.collect:
  {"sink":"<node id>","value":<record>}.
  --parallelism N   default parallelism of the job's nodes (nodes with their own keep it)
  --host inline     every subtask on one thread, deterministically (default)
  --host workers    subtasks in task slots on worker threads, as the browser runs them in
                    Web Workers; records cross slots as binary batches with credits
  --slots N         with --host workers: at most N slot workers (default: the job's highest
                    parallelism, one slot per parallel subtask)
  --input NODE=FILE the input of source node NODE: a file source reads FILE (- = standard
                    input, as a stream); a collection source takes its records from FILE
                    (JSON lines, or one JSON array)
  --metrics         print per-subtask metrics (records, watermarks, newest record
                    timestamps, idle status, busy / idle / back-pressured ms per second,
                    buffer usage, state keys and estimated state bytes) to stderr
                    as JSON lines {"metrics":{...}} a few times a second
  --function-timeout MS   fail the job, naming the node, when a function runs MS ms without
                    returning (an endless loop); default: the job's execution.functionTimeoutMs,
                    else 10000; 0 = no limit. The restart strategy applies as to any failure
  --checkpoint-dir DIR   where checkpoints go (the job's "checkpointing" block turns them on);
                    a restart after a failure resumes from the latest one
  --savepoint PATH  write a savepoint file when the job is stopped (Ctrl-C / SIGTERM: stop
                    with savepoint) or when it finishes (its final state)
  --from-savepoint PATH   start from a savepoint file, a checkpoint folder (DIR/chk-N) or a
                    checkpoint directory (its latest usable checkpoint), at any parallelism
  --allow-non-restored-state   drop state of nodes the job no longer has (without it, such
                    state is an error); a state a function now declares as another kind
                    (a list that became a value, TTL added or dropped) fails the job, unrestarted
  --chaos kill=N --seed S   kill a random slot worker N times at random moments (seeded;
                    on the inline host, its one thread fails as a slot would);
                    with checkpointing and a restart strategy the output stays exactly the same
  (--savepoint needs --host workers)
  --clock virtual   processing time jumps ahead whenever the job waits (deterministic);
                    default: the system clock
Relative paths inside the job file resolve against the job file's folder.
Exit codes: 0 finished, 1 the job failed at run time, 2 invalid job file or usage.

       eddy run SCRIPT.sql [same options]   compiles a Flink SQL script and runs it; prints one line per row:
                    {"sink":"result","op":"+I","value":{...}} (docs/sql.md); exit 2 with line:column on errors
       eddy compile SCRIPT.sql   prints the eddy/job@1 document the script compiles to
       eddy export JOB.json|SCRIPT.sql --to flink-sql|flink-java [--out DIR]
                                 the job for Apache Flink: a SQL script, or a Maven project in DIR
       eddy trace JOB.json ...   the job one step at a time, one JSON line per step (eddy trace --help)
       eddy state CHECKPOINT ... a checkpoint's or savepoint's state as JSON lines; diff, list, edit (eddy state --help)`;

export function parseRunArgs(argv: readonly string[]): RunArgs | { error: string } {
  if (argv[0] !== 'run') return { error: argv.length === 0 ? 'missing command' : `unknown command "${argv[0]}"` };
  const out: RunArgs = { jobPath: '', host: 'inline', inputs: new Map(), clock: 'system', metrics: false, allowNonRestoredState: false };
  let chaosKills: number | undefined;
  let seed: number | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const wholeNumber = () => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a whole number ≥ 1, got "${v}"`);
      return n;
    };
    const oneOf = <T extends string>(...allowed: T[]): T => {
      const v = value();
      if (!allowed.includes(v as T)) throw new Error(`${flag} must be ${allowed.map((x) => `"${x}"`).join(' or ')}, got "${v}"`);
      return v as T;
    };
    try {
      switch (flag) {
        case '--parallelism':
          out.parallelism = wholeNumber();
          break;
        case '--host':
          out.host = oneOf('inline', 'workers');
          break;
        case '--metrics':
          out.metrics = true;
          break;
        case '--slots':
          out.maxSlots = wholeNumber();
          break;
        case '--clock':
          out.clock = oneOf('system', 'virtual');
          break;
        case '--input': {
          const v = value();
          const k = v.indexOf('=');
          if (k <= 0 || k === v.length - 1) return { error: `--input takes NODE=FILE, got "${v}"` };
          out.inputs.set(v.slice(0, k), v.slice(k + 1));
          break;
        }
        case '--function-timeout': {
          const v = value();
          if (!/^\d+$/.test(v)) return { error: `--function-timeout must be a whole number of milliseconds ≥ 0, got "${v}"` };
          out.functionTimeoutMs = Number(v);
          break;
        }
        case '--checkpoint-dir':
          out.checkpointDir = value();
          break;
        case '--savepoint':
          out.savepoint = value();
          break;
        case '--from-savepoint':
          out.fromSavepoint = value();
          break;
        case '--allow-non-restored-state':
          out.allowNonRestoredState = true;
          break;
        case '--chaos': {
          const v = value();
          const m = /^kill=(\d+)$/.exec(v);
          if (!m) return { error: `--chaos takes kill=N, got "${v}"` };
          chaosKills = Number(m[1]);
          break;
        }
        case '--seed': {
          const v = value();
          if (!/^-?\d+$/.test(v)) return { error: `--seed must be a whole number, got "${v}"` };
          seed = Number(v);
          break;
        }
        default:
          if (a.startsWith('-')) return { error: `unknown option "${a}"` };
          if (out.jobPath) return { error: `unexpected argument "${a}" (the job file is "${out.jobPath}")` };
          out.jobPath = a;
      }
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  if (!out.jobPath) return { error: 'missing the job file (JOB.json)' };
  if (chaosKills !== undefined) out.chaos = { kills: chaosKills, seed: seed ?? 1 };
  else if (seed !== undefined) return { error: '--seed goes with --chaos kill=N' };
  if (out.host === 'inline' && out.savepoint !== undefined) {
    return { error: '--savepoint needs --host workers (stop-with-savepoint is not on the inline host yet)' };
  }
  return out;
}
