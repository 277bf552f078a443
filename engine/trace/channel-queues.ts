/**
 * What waits in each channel of a traced job, as plain data for the lab's Queues view: per
 * channel its name, how many elements wait, and the first few in order — records (value and
 * event timestamp), watermarks, idle marks, checkpoint barriers, end of input.
 */
import type { ChannelItem } from '../net/channel.js';
import type { CausalChannel } from './causal-channel.js';
import { type ChannelEnds, channelName } from './interventions.js';

export type QueuedElement =
  | { readonly kind: 'record'; readonly value: unknown; readonly ts: number | null }
  | { readonly kind: 'watermark'; readonly watermark: number }
  | { readonly kind: 'idle'; readonly idle: boolean }
  | { readonly kind: 'barrier'; readonly checkpointId: number }
  | { readonly kind: 'end' };

export interface ChannelQueue extends ChannelEnds {
  /** The channel's index (what `InjectTarget.channel` and `drop-head` name). */
  readonly channel: number;
  /** "node[subtask] → node[subtask]". */
  readonly name: string;
  /** Elements waiting (each record of a batch counts). */
  readonly size: number;
  /** The first elements waiting, head first (at most the view's limit). */
  readonly head: readonly QueuedElement[];
}

/** Elements shown per channel: a page shows the head of a queue, and a count for the rest. */
export const QUEUE_VIEW_LIMIT = 50;

/** The elements of one channel item (a batch holds several records). */
export function queuedElements(item: ChannelItem): QueuedElement[] {
  switch (item.kind) {
    case 'batch': {
      const out: QueuedElement[] = [];
      for (let i = 0; i < item.length; i++) {
        const ts = item.timestamps[i]!;
        out.push({ kind: 'record', value: item.values[i], ts: ts === -Infinity ? null : ts });
      }
      return out;
    }
    case 'watermark':
      return [{ kind: 'watermark', watermark: item.watermark }];
    case 'idle':
      return [{ kind: 'idle', idle: item.idle }];
    case 'barrier':
      return [{ kind: 'barrier', checkpointId: item.id }];
    case 'end':
      return [{ kind: 'end' }];
  }
}

/** Every channel's queue, at most `limit` elements of each. */
export function channelQueues(channels: readonly CausalChannel[], ends: readonly ChannelEnds[], limit = QUEUE_VIEW_LIMIT): ChannelQueue[] {
  return channels.map((c, i) => {
    const head: QueuedElement[] = [];
    let size = 0;
    for (const item of c.peek(Number.MAX_SAFE_INTEGER)) {
      const elements = queuedElements(item);
      size += elements.length;
      for (const e of elements) if (head.length < limit) head.push(e);
    }
    const e = ends[i]!;
    return { ...e, channel: i, name: channelName(e), size, head };
  });
}
