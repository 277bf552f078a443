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
}

export const USAGE = `usage: eddy run JOB.json [--parallelism N] [--host inline|workers] [--slots N] [--input NODE=FILE]... [--clock system|virtual] [--metrics]

  Runs an eddy/job@1 file and prints one JSON line per record that reaches a sink.collect:
  {"sink":"<node id>","value":<record>}.
  --parallelism N   default parallelism of the job's nodes (nodes with their own keep it)
  --host inline     every subtask on one thread, deterministically (default)
  --host workers    subtasks in task slots on worker threads, as the browser runs them in
                    Web Workers; records cross slots as binary batches with credits
  --slots N         with --host workers: at most N slot workers (default: the job's highest
                    parallelism, one slot per parallel subtask)
  --input NODE=FILE the input of source node NODE: a file source reads FILE; a collection
                    source takes its records from FILE (JSON lines, or one JSON array)
  --metrics         print per-subtask metrics (records, watermarks, busy / idle /
                    back-pressured ms per second, buffer usage, state keys) to stderr
                    as JSON lines {"metrics":{...}} a few times a second
  --clock virtual   processing time jumps ahead whenever the job waits (deterministic);
                    default: the system clock
Relative paths inside the job file resolve against the job file's folder.
Exit codes: 0 finished, 1 the job failed at run time, 2 invalid job file or usage.`;

export function parseRunArgs(argv: readonly string[]): RunArgs | { error: string } {
  if (argv[0] !== 'run') return { error: argv.length === 0 ? 'missing command' : `unknown command "${argv[0]}"` };
  const out: RunArgs = { jobPath: '', host: 'inline', inputs: new Map(), clock: 'system', metrics: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    try {
      switch (flag) {
        case '--parallelism': {
          const v = value();
          const n = Number(v);
          if (!Number.isInteger(n) || n < 1) return { error: `--parallelism must be a whole number ≥ 1, got "${v}"` };
          out.parallelism = n;
          break;
        }
        case '--host': {
          const v = value();
          if (v !== 'inline' && v !== 'workers') return { error: `--host must be "inline" or "workers", got "${v}"` };
          out.host = v;
          break;
        }
        case '--metrics':
          out.metrics = true;
          break;
        case '--slots': {
          const v = value();
          const n = Number(v);
          if (!Number.isInteger(n) || n < 1) return { error: `--slots must be a whole number ≥ 1, got "${v}"` };
          out.maxSlots = n;
          break;
        }
        case '--clock': {
          const v = value();
          if (v !== 'system' && v !== 'virtual') return { error: `--clock must be "system" or "virtual", got "${v}"` };
          out.clock = v;
          break;
        }
        case '--input': {
          const v = value();
          const k = v.indexOf('=');
          if (k <= 0 || k === v.length - 1) return { error: `--input takes NODE=FILE, got "${v}"` };
          out.inputs.set(v.slice(0, k), v.slice(k + 1));
          break;
        }
        case '--checkpoint-dir':
        case '--savepoint':
        case '--from-savepoint':
        case '--chaos':
        case '--seed':
          return { error: `${flag} is not available yet: checkpoints, savepoints and fault injection arrive with the checkpointing work` };
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
  return out;
}
