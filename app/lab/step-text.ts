/** Trace events in words, with readable times: the lab's list of what a step did. */
import type { TraceStep } from '../../engine/index';
import { formatInstant, formatWindow } from '../format/time';

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
    case 'timer.fire':
      return `${String(e['timeDomain'])}-time timer fires${at(e)} for ${json(e['key'])} at ${formatInstant(num(e['timestamp']))}`;
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

/** The step (index) at which the source emitted the element a cause names, or null. */
export function causeStep(steps: readonly TraceStep[], cause: { node: string; offset: number }, before: number): number | null {
  for (let i = Math.min(before, steps.length - 1); i >= 0; i--) {
    for (const e of steps[i]!.events) {
      if ((e.type === 'source.emit' || e.type === 'source.end') && e['node'] === cause.node && e['offset'] === cause.offset) return i;
    }
  }
  return null;
}
