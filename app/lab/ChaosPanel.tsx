/**
 * Chaos in the lab: hold a source subtask — paused (it stays active and holds the watermark
 * back, as a source that stops sending does) or marked idle (Flink's `withIdleness`: downstream
 * ignores it) — until released or for N seconds of the job's virtual processing time, and release
 * it; inject a record or a watermark into a source; make a node's function throw on its next
 * record; kill a slot (every task restarts from the latest completed checkpoint, as Flink's
 * failover does). Every intervention is a step of the trace, listed here with a button to remove it (the
 * trace is then taken again without it).
 */
import { useState } from 'react';
import { formatInstant } from '../format/time';
import { useApp, useAppStore } from '../store/app-store';
import { lastSourceRecord } from './chaos-defaults';
import { InjectForm } from './InjectForm';
import { interventionText } from './step-text';

export function ChaosPanel() {
  const store = useAppStore();
  const nodes = useApp((s) => s.doc.nodes);
  const queues = useApp((s) => s.labQueues);
  const holds = useApp((s) => s.labHolds);
  const interventions = useApp((s) => s.labInterventions);
  const position = useApp((s) => s.labPosition);
  const sources = nodes.filter((n) => n.kind.startsWith('source.'));
  // A source's subtasks are the upstream ends of its channels.
  const subtasks = sources.flatMap((n) => {
    const subs = [...new Set(queues.filter((q) => q.from === n.id).map((q) => q.fromSubtask))].sort((a, b) => a - b);
    return (subs.length > 0 ? subs : [0]).map((sub) => ({ node: n.id, subtask: sub, key: `${n.id}#${sub}` }));
  });
  const [chosen, setChosen] = useState('');
  const source = subtasks.find((s) => s.key === chosen) ?? subtasks[0] ?? null;
  // keyBy only partitions: it runs no function and receives no record of its own.
  const others = nodes.filter((n) => !n.kind.startsWith('source.') && n.kind !== 'keyBy');
  const [failing, setFailing] = useState('');
  const failNode = others.find((n) => n.id === failing)?.id ?? others[0]?.id ?? null;
  const [message, setMessage] = useState('');
  // Slot i holds subtask i of every node (Flink's default slot sharing): as many slots as the widest node.
  const slots = Math.max(1, ...queues.flatMap((q) => [q.fromSubtask + 1, q.toSubtask + 1]));
  const [slot, setSlot] = useState(0);
  const checkpointing = useApp((s) => (s.labDoc ?? s.doc).checkpointing !== undefined);
  // Empty: held until released; else for that many seconds of the job's virtual processing time.
  const [seconds, setSeconds] = useState('');
  const held = source === null ? undefined : holds.find((h) => h.node === source.node && h.subtask === source.subtask);
  const hold = held?.hold;
  const until = held?.until === undefined ? '' : ` until ${formatInstant(held.until)}`;
  const duration = seconds.trim() === '' ? {} : { seconds: Number(seconds) };
  const s = () => store.getState();
  const name = source === null ? '' : `${source.node}[${source.subtask}]`;
  const sourceNode = source === null ? undefined : nodes.find((n) => n.id === source.node);
  const timestampField = typeof sourceNode?.params?.['timestampField'] === 'string' ? (sourceNode.params['timestampField'] as string) : undefined;
  return (
    <section className="lab-chaos" aria-label="Chaos">
      <h3>Chaos</h3>
      {source === null ? (
        <p className="muted">This job has no source.</p>
      ) : (
        <>
          <div className="lab-chaos-row">
            <select aria-label="Source subtask" value={source.key} onChange={(e) => setChosen(e.target.value)}>
              {subtasks.map((x) => (
                <option key={x.key} value={x.key}>
                  {x.node}[{x.subtask}]
                </option>
              ))}
            </select>
            <span className="meta" data-testid="lab-source-state">
              {hold === 'paused' ? `paused${until}: holds the watermark back` : hold === 'idle' ? `idle${until}: holds nothing back` : 'emitting'}
            </span>
          </div>
          <div className="lab-chaos-row">
            <label title="Empty: until you release it. Else the hold ends by itself once the job's processing time (virtual in the lab: it moves when nothing else can run, or as sources wait for their rate) has passed that many seconds">
              Hold for (s)
              <input type="number" min="0.001" step="any" placeholder="until released" value={seconds} onChange={(e) => setSeconds(e.target.value)} />
            </label>
          </div>
          <div className="lab-chaos-row">
            <button type="button" disabled={hold === 'paused'} title="It emits nothing and stays active: downstream watermarks wait for it" onClick={() => void s().labIntervene({ kind: 'pause-source', node: source.node, subtask: source.subtask, ...duration })}>
              Pause source
            </button>
            <button type="button" disabled={hold === 'idle'} title="It emits nothing and is marked idle (withIdleness): downstream watermarks go on without it" onClick={() => void s().labIntervene({ kind: 'idle-source', node: source.node, subtask: source.subtask, ...duration })}>
              Mark idle
            </button>
            <button type="button" disabled={hold === undefined} title="It is marked active again and emits" onClick={() => void s().labIntervene({ kind: 'resume-source', node: source.node, subtask: source.subtask })}>
              Release source
            </button>
          </div>
          <InjectForm target={{ source: source.node, subtask: source.subtask }} where={`into ${name}`} template={lastSourceRecord(store.getState().labTrace.steps, position, source.node)} {...(timestampField !== undefined ? { timestampField } : {})} />
        </>
      )}
      {failNode !== null && (
        <div className="lab-chaos-row">
          <select aria-label="Node that throws" value={failNode} onChange={(e) => setFailing(e.target.value)}>
            {others.map((n) => (
              <option key={n.id} value={n.id}>
                {n.id}
              </option>
            ))}
          </select>
          <input aria-label="Error message" placeholder="chaos: injected failure" value={message} onChange={(e) => setMessage(e.target.value)} />
          <button type="button" onClick={() => void s().labIntervene({ kind: 'fail-next-record', node: failNode, message: message.trim() === '' ? 'chaos: injected failure' : message })}>
            Throw on next record
          </button>
        </div>
      )}
      <div className="lab-chaos-row">
        <select aria-label="Slot to kill" value={Math.min(slot, slots - 1)} onChange={(e) => setSlot(Number(e.target.value))}>
          {Array.from({ length: slots }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: slots are numbered
            <option key={i} value={i}>
              slot {i}
            </option>
          ))}
        </select>
        <button
          type="button"
          title={checkpointing ? 'Its tasks fail: every task restarts from the latest completed checkpoint (sources rewind to its offsets), after the restart strategy\'s delay' : 'Its tasks fail: without checkpointing the job restarts from the start of its input, if its restart strategy allows'}
          onClick={() => void s().labIntervene({ kind: 'kill-slot', slot: Math.min(slot, slots - 1) })}
        >
          Kill slot
        </button>
      </div>
      <h4>Interventions</h4>
      {interventions.length === 0 ? (
        <p className="muted">None: the trace is the job's own.</p>
      ) : (
        <>
          <ol className="lab-interventions">
            {interventions.map(({ at, action }) => {
              const { kind, ...fields } = action;
              return (
                <li key={at} className={at >= position ? 'ahead' : undefined}>
                  Step {at}: {interventionText({ type: 'intervention', action: kind, ...fields })}{' '}
                  <button type="button" className="link" aria-label={`Remove intervention at step ${at}`} onClick={() => void s().labRemoveIntervention(at)}>
                    remove
                  </button>
                </li>
              );
            })}
          </ol>
          <button type="button" onClick={() => void s().labClearInterventions()}>
            Remove all interventions
          </button>
        </>
      )}
    </section>
  );
}
