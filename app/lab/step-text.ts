/** Trace events in words, with readable times: the lab's list of what a step did. */
import type { TraceStep } from '../../engine/index';
import { formatDuration, formatInstant, formatWindow } from '../format/time';

type Ev = TraceStep['events'][number];

const json = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);
const win = (v: unknown) => formatWindow(v as { start: number; end: number });
const at = (e: Ev) => (typeof e['node'] === 'string' ? ` at ${e['node']}` : '');

export function eventText(e: Ev): string {
  switch (e.type) {
    case 'source.emit':
      return 'watermark' in e && e['watermark'] !== undefined
        ? `${String(e['node'] ?? 'source')} emits watermark ${formatInstant(num(e['watermark']))} (element ${String(e['offset'])})`
        : `${String(e['node'] ?? 'source')} emits element ${String(e['offset'])}: ${json(e['value'])}`;
    case 'source.end':
      return `${String(e['node'] ?? 'source')} reached the end of its input`;
    case 'record.in':
      return `record in${at(e)}: ${json(e['value'])}${e['ts'] === null || e['ts'] === undefined ? '' : ` @ ${formatInstant(num(e['ts']))}`}`;
    case 'watermark.in':
      return `watermark ${formatInstant(num(e['watermark']))} in${at(e)} on channel ${String(e['channel'])}; combined ${formatInstant(num(e['combined']))}`;
    case 'idle.in':
      return e['idle'] === true
        ? `channel ${String(e['channel'])}${at(e)} goes idle: left out of the watermark minimum`
        : `channel ${String(e['channel'])}${at(e)} is active again`;
    case 'window.assign':
      return `key ${json(e['key'])} into ${(e['windows'] as unknown[]).map(win).join(', ')}${at(e)}`;
    case 'window.merge':
      return `sessions of ${json(e['key'])} merge: ${(e['merged'] as unknown[]).map(win).join(' + ')} → ${win(e['into'])}`;
    case 'window.fire':
      return `${e['late'] === true ? 'late firing' : 'window fires'}${at(e)}: ${json(e['key'])} ${win(e['window'])} → ${json(e['result'])}`;
    case 'window.purge':
      return `window purged${at(e)}: ${json(e['key'])} ${win(e['window'])}`;
    case 'late.side-output':
      return `late record to the side output${at(e)}: ${json(e['value'])} @ ${formatInstant(num(e['ts']))}`;
    case 'late.dropped':
      return `late record dropped${at(e)}: ${json(e['value'])} @ ${formatInstant(num(e['ts']))}`;
    case 'cep.buffer':
      return `record buffered${at(e)} for ${json(e['key'])} until the watermark passes ${formatInstant(num(e['ts']))}: ${json(e['value'])}`;
    case 'cep.partial': {
      const partial = e['partial'] as Array<{ stage: string; start: number; match: Record<string, unknown[]> }>;
      const list = partial.map((p) => `${Object.entries(p.match).map(([stage, evs]) => `${stage}×${evs.length}`).join(' ')} → waiting in ${p.stage}`).join('; ');
      return `partial matches${at(e)} for ${json(e['key'])}: ${partial.length === 0 ? 'none' : list}`;
    }
    case 'cep.match':
      return `pattern matched${at(e)} for ${json(e['key'])} @ ${formatInstant(num(e['ts']))} → ${json(e['result'])}`;
    case 'cep.timeout':
      return `partial match timed out${at(e)} for ${json(e['key'])} @ ${formatInstant(num(e['ts']))}: ${json(e['match'])}`;
    case 'async.call':
      return `async call${at(e)} for ${json(e['value'])}${attempt(e)}`;
    case 'async.complete':
      return asyncCompleteText(e);
    case 'async.timeout':
      return `async call${at(e)} for ${json(e['value'])} timed out after ${String(e['attempts'])} attempt${e['attempts'] === 1 ? '' : 's'} (deadline ${formatInstant(num(e['deadline']))}) → ${'result' in e ? json(e['result']) : 'the job fails'}`;
    case 'timer.fire':
      return `${String(e['timeDomain'])}-time timer fires${at(e)} for ${json(e['key'])} at ${formatInstant(num(e['timestamp']))}`;
    case 'intervention':
      return interventionText(e);
    case 'sink.emit':
      return `sink ${String(e['sink'])} gets ${json(e['value'])}`;
    case 'checkpoint.barrier':
    case 'checkpoint.snapshot':
    case 'checkpoint.complete':
      return `${e.type.replace('checkpoint.', 'checkpoint ')} ${String(e['checkpointId'])}${at(e)}`;
    default:
      return e.type;
  }
}

const attempt = (e: Ev) => (typeof e['attempt'] === 'number' && e['attempt'] > 1 ? ` (attempt ${e['attempt']})` : '');

/** An async call's answer and what it led to, in words (its `async.complete` event). */
function asyncCompleteText(e: Ev): string {
  const call = `async call${at(e)} for ${json(e['value'])}${attempt(e)}`;
  const answer = 'error' in e ? `failed: ${String(e['error'])}` : `answered ${json(e['result'])}`;
  switch (e['outcome']) {
    case 'retry':
      return `${call} ${answer} — retry at ${formatInstant(num(e['retryAt']))}`;
    case 'failed':
      return `${call} ${answer} — the job fails`;
    case 'ignored':
      return `${call} ${answer} — ignored: the record is done or waits for a retry`;
    default:
      return `${call} ${answer}`;
  }
}

/** What an intervention step did, in words (its `intervention` event). */
export function interventionText(e: Ev): string {
  const source = `${String(e['node'])}[${String(e['subtask'])}]`;
  const target = e['target'] as { channel?: number; source?: string; subtask?: number } | undefined;
  const into = target === undefined ? '' : target.source !== undefined ? ` into source ${target.source}[${String(target.subtask)}]` : ` at the head of channel ${String(target.channel)}`;
  let text: string;
  switch (e['action']) {
    case 'pause-source':
      text = `you paused source ${source}${forSeconds(e)}: it emits nothing and stays active, holding the watermark back`;
      break;
    case 'idle-source':
      text = `you marked source ${source} idle${forSeconds(e)}: it emits nothing and holds no watermark back`;
      break;
    case 'resume-source': {
      const timed = e['timed'] as { step: number; seconds: number } | undefined;
      text = timed === undefined ? `you released source ${source}: it emits again` : `source ${source} released: the ${formatDuration(timed.seconds * 1000)} you held it for at step ${timed.step} are over, it emits again`;
      break;
    }
    case 'inject-record':
      text = `you injected record ${json(e['value'])} @ ${formatInstant(num(e['ts']))}${into}`;
      break;
    case 'inject-watermark':
      text = `you injected watermark ${formatInstant(num(e['watermark']))}${into}`;
      break;
    case 'drop-head':
      text = `you dropped the head of channel ${String(e['channel'])}${Array.isArray(e['dropped']) ? `: ${(e['dropped'] as Array<Record<string, unknown>>).map(queuedText).join(', ')}` : ''}`;
      break;
    case 'fail-next-record':
      text = `you made ${String(e['node'])} throw "${String(e['message'])}" on its next record`;
      break;
    case 'kill-slot': {
      // The list of interventions has only the action; the step's event says what the failover did.
      const tasks = Array.isArray(e['tasks']) ? ` (${(e['tasks'] as string[]).join(', ')})` : '';
      const from = e['restoredFrom'];
      const delay = typeof e['restartDelayMs'] === 'number' ? ` after ${formatDuration(e['restartDelayMs'])}` : '';
      const restart = !('restoredFrom' in e) ? '' : from === null ? `: every task restarts${delay} from the start of its input (no checkpoint had completed)` : `: every task restarts${delay} from checkpoint ${String(from)} — sources rewind to its offsets, in-flight elements are lost`;
      text = `you killed slot ${String(e['slot'])}${tasks}${restart}`;
      break;
    }
    default:
      text = `intervention ${String(e['action'])}`;
  }
  return e['applied'] === false ? `${text} — not applied: ${String(e['reason'])}` : text;
}

/** " for 5 s" when a hold was set for a number of seconds of the job's virtual processing time. */
function forSeconds(e: Ev): string {
  return typeof e['seconds'] === 'number' ? ` for ${formatDuration(e['seconds'] * 1000)}` : '';
}

/** A queued element (the engine's channel view) in words. */
export function queuedText(q: Record<string, unknown>): string {
  switch (q['kind']) {
    case 'record':
      return `${json(q['value'])}${q['ts'] === null ? '' : ` @ ${formatInstant(num(q['ts']))}`}`;
    case 'watermark':
      return `watermark ${formatInstant(num(q['watermark']))}`;
    case 'idle':
      return q['idle'] === true ? 'idle' : 'active';
    case 'barrier':
      return `barrier ${String(q['checkpointId'])}`;
    case 'end':
      return 'end of input';
    default:
      return String(q['kind']);
  }
}

/** The step (index) at which the source emitted the element a cause names (or the intervention that injected it), or null. */
export function causeStep(steps: readonly TraceStep[], cause: { node: string; offset: number; intervention?: number }, before: number): number | null {
  if (typeof cause.intervention === 'number') return cause.intervention < steps.length ? cause.intervention : null;
  for (let i = Math.min(before, steps.length - 1); i >= 0; i--) {
    for (const e of steps[i]!.events) {
      if ((e.type === 'source.emit' || e.type === 'source.end') && e['node'] === cause.node && e['offset'] === cause.offset) return i;
    }
  }
  return null;
}
