/**
 * What the checkpoint browser has open: a stored checkpoint or an imported savepoint file,
 * as stored (or after the edits made in the browser), by its handle in the checkpoint reader. Pure, no React.
 */
import type { OpenedInfo } from '../client/checkpoint-reader';
import { formatInstant } from '../format/time';

/** `info` names it in the checkpoint reader (decoded in its worker): as stored, or after the edits made here. */
export interface Opened {
  readonly id: number;
  readonly info: OpenedInfo;
  /** Where it came from: the job's checkpoint storage, or a savepoint file the user opened. */
  readonly source: { readonly kind: 'stored' } | { readonly kind: 'file'; readonly name: string } | { readonly kind: 'live' };
}

/** "checkpoint 12", for an opened file "savepoint 12 (sp.json)", for the running job "the live run (savepoint 13)": how tables and menus name it. */
export function openedName(o: Opened): string {
  if (o.source.kind === 'stored') return `checkpoint ${o.id}`;
  if (o.source.kind === 'live') return `the live run (savepoint ${o.id})`;
  return `${o.info.metadata.kind} ${o.id} (${o.source.name})`;
}

/** The heading: its name, and how many edits were made to it. */
export function openedTitle(o: Opened): string {
  const name = openedName(o);
  const edits = o.info.metadata.editedFrom?.edits;
  return `${name[0]!.toUpperCase()}${name.slice(1)}${edits === undefined ? '' : ` (edited: ${edits} edit${edits === 1 ? '' : 's'})`}`;
}

/** The download's name: the job's file name, the id, and "-edited" for an edited one. */
export function savepointFileName(jobFile: string, o: Opened): string {
  return `${jobFile.replace(/\.json$/, '')}-savepoint-${o.id}${o.info.metadata.editedFrom ? '-edited' : ''}.json`;
}

/** A window as `[start, end)` in readable times; "global" and anything else as text. */
export function windowText(w: unknown): string {
  if (w !== null && typeof w === 'object' && 'start' in w && 'end' in w) {
    const { start, end } = w as { start: number; end: number };
    return `[${formatInstant(start)}, ${formatInstant(end)})`;
  }
  return String(w);
}
