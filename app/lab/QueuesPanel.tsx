/**
 * Queued elements: what waits in each channel at the current step, head first — records,
 * watermarks, idle marks, barriers, end of input — one row per channel named
 * "node[subtask] → node[subtask]", with "Drop head" and a form to inject at a channel's head.
 * Downstream tasks take their input first, so a queue holds an element only until the next step
 * unless its reader is busy or blocked.
 */
import { useState } from 'react';
import { useApp, useAppStore } from '../store/app-store';
import { lastRecordInto } from './chaos-defaults';
import { InjectForm } from './InjectForm';
import { queuedText } from './step-text';

export function QueuesPanel() {
  const store = useAppStore();
  const queues = useApp((s) => s.labQueues);
  const position = useApp((s) => s.labPosition);
  const [chosen, setChosen] = useState<number | null>(null);
  const channel = queues.find((q) => q.channel === chosen) ?? queues[0] ?? null;
  if (queues.length === 0) return null;
  const head = channel?.head[0];
  return (
    <section className="lab-queues" aria-label="Queues">
      <h3>Queues</h3>
      <ul>
        {queues.map((q) => (
          <li key={q.channel} aria-label={q.name} data-size={q.size}>
            <span className="lab-queue-name">{q.name}</span>
            <span className="meta">{q.size === 0 ? 'empty' : `${q.size} waiting`}</span>
            <ol className="lab-queue-items">
              {q.head.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a queue's view is rebuilt at every step
                <li key={i} className={`lab-queued ${e.kind}`}>
                  {queuedText(e as unknown as Record<string, unknown>)}
                </li>
              ))}
              {q.size > q.head.length && <li className="meta">… and {q.size - q.head.length} more</li>}
            </ol>
            <button type="button" className="link" disabled={q.size === 0} aria-label={`Drop head of ${q.name}`} onClick={() => void store.getState().labIntervene({ kind: 'drop-head', channel: q.channel })}>
              drop head
            </button>
          </li>
        ))}
      </ul>
      {channel !== null && (
        <div className="lab-chaos-row">
          <select aria-label="Channel to inject into" value={channel.channel} onChange={(e) => setChosen(Number(e.target.value))}>
            {queues.map((q) => (
              <option key={q.channel} value={q.channel}>
                {q.name}
              </option>
            ))}
          </select>
          <InjectForm target={{ channel: channel.channel }} where="at the head" template={head?.kind === 'record' ? head.value : lastRecordInto(store.getState().labTrace.steps, position, channel.to)} />
        </div>
      )}
    </section>
  );
}
