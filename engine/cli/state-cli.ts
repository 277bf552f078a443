/**
 * `eddy state`: a checkpoint or savepoint read like Flink's State Processor API reads one — its
 * state as JSON lines (docs/replay.md), a diff of two, the retained checkpoints of a directory,
 * and edits written as a new savepoint. Reads data only: no job runs, no user code is compiled.
 * Exit codes: 0 done, 2 usage, a path that is no checkpoint, or an edit that does not fit.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MAX_PARALLELISM, decodeCheckpoint } from '../checkpoint/restore.js';
import { savepointToText } from '../checkpoint/savepoint-file.js';
import { summarize } from '../checkpoint/checkpoint-summary.js';
import { diffCheckpoints } from '../checkpoint/state-diff.js';
import { type StateEdit, editSavepoint } from '../checkpoint/state-edit.js';
import { type StateRow, parseKeyText, readStateRows, windowOf } from '../checkpoint/state-rows.js';
import type { CompletedCheckpoint } from '../checkpoint/storage.js';
import { FileCheckpointStorage } from '../host/node/file-storage.js';
import { placeKey, placeKeyGroup } from '../state/key-placement.js';
import type { CliStreams } from './main.js';
import { readCheckpointAt } from './read-checkpoint.js';

export const STATE_USAGE = `usage: eddy state CHECKPOINT [--node ID] [--key K] [--parallelism N]
       eddy state diff A B [--node ID] [--key K]
       eddy state list DIR
       eddy state edit CHECKPOINT --out FILE --node ID --key K (--set STATE=JSON | --delete [--state S] | --clear-window START:END)
       eddy state edit CHECKPOINT --out FILE --edits EDITS.json

  CHECKPOINT is a savepoint file, a checkpoint folder (DIR/chk-N) or a checkpoint directory
  (its newest usable checkpoint). Prints one JSON line per state row (docs/replay.md):
  keyed state per key and state, window contents per key and window with trigger state,
  merging window sets, timers, operator state (source offsets; broadcast and list state) and in-flight records.
  --node ID         only this node's state
  --key K           only this key (K is JSON when it parses as a number, array or object;
                    quote it for a string that looks like one: '"42"'); first prints where the
                    key lives: {"kind":"key","key":…,"keyGroup":…,"subtasks":{node: subtask}}
  --parallelism N   add "newSubtask": the subtask that owns each key after a restore at N
  diff              keys added / removed / changed per node and state, A → B:
                    {"change":"changed","node":…,"kind":"keyed","key":…,"state":…,"before":…,"after":…}
  list              one line per retained checkpoint and savepoint of a checkpoint directory:
                    id, kind, time, size per node, operator state (source offsets)
  edit              writes a new savepoint with the edit applied (checked against the state's
                    kind); --edits takes a JSON array of {"op":"set"|"delete"|"clear-window",…}
                    Restore it with: eddy run JOB.json --from-savepoint FILE`;

/** JSON with ±∞ kept readable ("Infinity"): timers at the end of time, final watermarks. */
const line = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) + '\n';

export async function stateMain(argv: readonly string[], streams: CliStreams): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    streams.stdout(STATE_USAGE + '\n');
    return 0;
  }
  const args = parseStateArgs(argv.slice(1));
  if ('error' in args) {
    streams.stderr(`eddy: ${args.error}\n${STATE_USAGE}\n`);
    return 2;
  }
  const read = async (path: string): Promise<CompletedCheckpoint | null> => {
    try {
      return await readCheckpointAt(path);
    } catch (e) {
      streams.stderr(`eddy: ${path}: ${(e as Error).message}\n`);
      return null;
    }
  };
  try {
    switch (args.command) {
      case 'show': {
        const cp = await read(args.paths[0]!);
        if (cp === null) return 2;
        for (const row of showRows(cp, args)) streams.stdout(line(row));
        return 0;
      }
      case 'diff': {
        const a = await read(args.paths[0]!);
        const b = await read(args.paths[1]!);
        if (a === null || b === null) return 2;
        const filter = { ...(args.node !== undefined ? { node: args.node } : {}), ...(args.key !== undefined ? { key: args.key } : {}) };
        for (const d of diffCheckpoints(decodeCheckpoint(a), decodeCheckpoint(b), filter)) streams.stdout(line(d));
        return 0;
      }
      case 'list': {
        for (const summary of await listCheckpoints(args.paths[0]!)) streams.stdout(line(summary));
        return 0;
      }
      case 'edit': {
        const cp = await read(args.paths[0]!);
        if (cp === null) return 2;
        const edited = editSavepoint(cp, args.edits, Date.now());
        writeFileSync(args.out!, savepointToText(edited));
        streams.stderr(`eddy: savepoint with ${args.edits.length} edit${args.edits.length === 1 ? '' : 's'} written to ${args.out}\n`);
        return 0;
      }
    }
  } catch (e) {
    streams.stderr(`eddy: ${(e as Error).message}\n`);
    return 2;
  }
}

/** The rows of `eddy state CHECKPOINT`, with the key's placement first and new owners when asked. */
export function showRows(cp: CompletedCheckpoint, args: Pick<StateArgs, 'node' | 'key' | 'parallelism'>): unknown[] {
  const state = decodeCheckpoint(cp);
  const maxParallelism = state.maxParallelism ?? DEFAULT_MAX_PARALLELISM;
  const rows: unknown[] = [];
  const filter = { ...(args.node !== undefined ? { node: args.node } : {}), ...(args.key !== undefined ? { key: args.key } : {}) };
  const found = readStateRows(state, filter);
  if (args.key !== undefined) {
    const keyedNodes = [...new Set(found.map((r) => r.node))];
    const subtasks: Record<string, number> = {};
    const newSubtasks: Record<string, number> = {};
    for (const node of keyedNodes) {
      const p = placeKey(args.key, maxParallelism, state.parallelism[node] ?? 1, args.parallelism);
      subtasks[node] = p.subtask;
      if (p.newSubtask !== undefined) newSubtasks[node] = p.newSubtask;
    }
    const { keyGroup } = placeKey(args.key, maxParallelism, 1);
    rows.push({ kind: 'key', key: args.key, keyGroup, maxParallelism, subtasks, ...(args.parallelism !== undefined ? { newSubtasks } : {}) });
  }
  for (const row of found) rows.push(args.parallelism === undefined || !('keyGroup' in row) ? row : withNewOwner(row, maxParallelism, args.parallelism));
  return rows;
}

function withNewOwner(row: StateRow & { keyGroup: number }, maxParallelism: number, parallelism: number): unknown {
  return { ...row, newSubtask: placeKeyGroup(row.keyGroup, maxParallelism, 1, parallelism).newSubtask };
}

/** One summary per checkpoint of a directory (or the one checkpoint a file or folder holds). */
export async function listCheckpoints(path: string): Promise<unknown[]> {
  const at = resolve(path);
  const isDir = statSync(at).isDirectory() && readdirSync(at).some((f) => /^chk-\d+$/.test(f));
  const checkpoints: CompletedCheckpoint[] = [];
  if (isDir) {
    const storage = new FileCheckpointStorage(at);
    for (const m of await storage.list()) checkpoints.push(await storage.load(m.id));
  } else checkpoints.push(await readCheckpointAt(path));
  return checkpoints.map(summarize);
}

export interface StateArgs {
  command: 'show' | 'diff' | 'list' | 'edit';
  paths: string[];
  node?: string;
  key?: unknown;
  parallelism?: number;
  out?: string;
  edits: StateEdit[];
}

/** Parses the words after `state`. Usage errors are values. */
export function parseStateArgs(argv: readonly string[]): StateArgs | { error: string } {
  const command = argv[0] === 'diff' || argv[0] === 'list' || argv[0] === 'edit' ? argv[0] : 'show';
  const out: StateArgs = { command, paths: [], edits: [] };
  let set: string | undefined;
  let del = false;
  let stateName: string | undefined;
  let clearWindow: string | undefined;
  let editsFile: string | undefined;
  for (let i = command === 'show' ? 0 : 1; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 && !a.startsWith('--set') ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    try {
      switch (flag) {
        case '--node':
          out.node = value();
          break;
        case '--key':
          out.key = parseKeyText(value());
          break;
        case '--parallelism': {
          const v = value();
          const n = Number(v);
          if (!Number.isInteger(n) || n < 1) return { error: `--parallelism must be a whole number ≥ 1, got "${v}"` };
          out.parallelism = n;
          break;
        }
        case '--out':
          out.out = value();
          break;
        case '--set':
          set = argv[++i];
          if (set === undefined) return { error: '--set needs STATE=JSON' };
          break;
        case '--delete':
          del = true;
          break;
        case '--state':
          stateName = value();
          break;
        case '--clear-window':
          clearWindow = value();
          break;
        case '--edits':
          editsFile = value();
          break;
        default:
          if (a.startsWith('-')) return { error: `unknown option "${a}"` };
          out.paths.push(a);
      }
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  const wanted = { show: 1, diff: 2, list: 1, edit: 1 }[command];
  if (out.paths.length !== wanted) return { error: `eddy state ${command === 'show' ? '' : command + ' '}takes ${wanted === 2 ? 'two checkpoints (A B)' : 'one checkpoint'}, got ${out.paths.length}` };
  if (command !== 'edit') {
    if (set !== undefined || del || clearWindow !== undefined || editsFile !== undefined || out.out !== undefined) return { error: '--set, --delete, --clear-window, --edits and --out go with "eddy state edit"' };
    return out;
  }
  if (out.out === undefined) return { error: 'eddy state edit needs --out FILE (the new savepoint)' };
  if (editsFile !== undefined) {
    try {
      const parsed = JSON.parse(readFileSync(resolve(editsFile), 'utf8')) as unknown;
      if (!Array.isArray(parsed)) return { error: `--edits ${editsFile}: expected a JSON array of edits` };
      out.edits = parsed.map((e: Record<string, unknown>) => (e.op === 'clear-window' && typeof e.window === 'string' ? { ...e, window: windowOf(e.window) } : e)) as StateEdit[];
    } catch (e) {
      return { error: `--edits ${editsFile}: ${(e as Error).message}` };
    }
  }
  const single = [set !== undefined, del, clearWindow !== undefined].filter(Boolean).length;
  if (single > 1) return { error: 'one of --set, --delete, --clear-window per command (use --edits for several)' };
  if (single === 1) {
    if (out.node === undefined || out.key === undefined) return { error: '--set, --delete and --clear-window need --node ID and --key K' };
    const node = out.node;
    const key = out.key;
    if (set !== undefined) {
      const k = set.indexOf('=');
      if (k <= 0) return { error: `--set takes STATE=JSON, got "${set}"` };
      let v: unknown;
      try {
        v = JSON.parse(set.slice(k + 1));
      } catch (e) {
        return { error: `--set ${set.slice(0, k)}: the value is not JSON (${(e as Error).message}); quote strings: '"text"'` };
      }
      out.edits.push({ op: 'set', node, key, state: set.slice(0, k), value: v });
    } else if (del) out.edits.push({ op: 'delete', node, key, ...(stateName !== undefined ? { state: stateName } : {}) });
    else out.edits.push({ op: 'clear-window', node, key, window: windowOf(clearWindow!) });
  }
  if (out.edits.length === 0) return { error: 'eddy state edit needs an edit: --set, --delete, --clear-window or --edits' };
  return out;
}

