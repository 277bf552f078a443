/**
 * The Chaos tab: disturb the running job and watch the other panels — make a source (or one
 * subtask) idle or pause it, inject a record into a source, slow a node, throw at a node's next
 * record, kill a slot (the Checkpoints menu's command); the run's chaos log; and, once the run
 * finished, the exactly-once check against an undisturbed run (started by itself after chaos
 * with checkpoints on, or by its button).
 */
import type { ChaosCommand } from '../../engine/index';
import { CommandButton } from '../toolbar/CommandButton';
import { useApp, useAppStore } from '../store/app-store';
import type { ChaosForm } from '../store/chaos-slice';
import { formatInstant, formatWallClock } from '../format/time';
import { isActive } from '../store/run-slice';
import { chaosNodes, eventTimeField, isSourceKind, lateEventTime, recordTemplate, withEventTime } from './chaos-inputs';

export function ChaosPanel() {
  const store = useAppStore();
  const doc = useApp((s) => s.doc);
  const running = useApp((s) => s.runStatus === 'running');
  const active = useApp((s) => isActive(s.runStatus));
  const log = useApp((s) => s.chaosLog);
  const check = useApp((s) => s.exactlyOnce);
  const ran = useApp((s) => s.ranJob !== null);
  const nodes = chaosNodes(doc);
  const form = useApp((s) => s.chaosForm);
  const setForm = (patch: Partial<ChaosForm>) => store.getState().setChaosForm(patch);
  const { nodeId, subtask, seconds, delayMs, eventTime, records } = form;
  // The node chosen here, else the one selected on the canvas, else the first source.
  const selected = useApp((s) => (s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0]! : ''));
  const node = nodes.find((n) => n.id === nodeId) ?? nodes.find((n) => n.id === selected) ?? nodes.find((n) => isSourceKind(n.kind)) ?? nodes[0];
  const isSource = node !== undefined && isSourceKind(node.kind);
  const record = node === undefined ? '' : (records[node.id] ?? (isSource ? recordTemplate(doc, node.id) : ''));
  // The record to inject, per source: at first one shaped like the source's own.
  const setRecord = (text: string) => node !== undefined && setForm({ records: { ...records, [node.id]: text } });

  const target = (): { nodeId: string; subtask?: number } | null => {
    if (node === undefined) return null;
    return subtask === 'all' ? { nodeId: node.id } : { nodeId: node.id, subtask: Number(subtask) };
  };
  const where = () => (node === undefined ? '' : subtask === 'all' ? `"${node.id}"` : `"${node.id}" #${subtask}`);
  const send = (command: ChaosCommand | null, text: string) => {
    if (command !== null) void store.getState().applyChaos(command, text);
  };
  const pause = (idle: boolean) => {
    const t = target();
    const s = Number(seconds);
    send(t && { kind: 'pause-source', ...t, seconds: s, idle }, `${idle ? 'made source' : 'paused source'} ${where()} ${idle ? 'idle ' : ''}for ${seconds} s`);
  };
  const inject = () => {
    if (node === undefined) return;
    let value: unknown;
    try {
      value = JSON.parse(record);
    } catch (e) {
      store.getState().notify(`Chaos at node "${node.id}": the record is not JSON — ${e instanceof Error ? e.message : String(e)}`, 'error');
      return;
    }
    const rows = store.getState().metrics.rows();
    const front = rows.reduce((m, r) => (Number.isFinite(r.outputWatermark) ? Math.max(m, r.outputWatermark) : m), -Infinity);
    const ts = eventTime.trim() === '' ? lateEventTime(front) : Number(eventTime);
    const at = subtask === 'all' ? 0 : Number(subtask);
    const withTime = withEventTime(value, eventTimeField(doc, node.id), ts);
    send({ kind: 'inject-record', nodeId: node.id, subtask: at, value: withTime, timestamp: ts }, `injected ${JSON.stringify(withTime)} at event time ${formatInstant(ts)} into "${node.id}" #${at}${Number.isFinite(front) ? ` (watermark ${formatInstant(front)})` : ''}`);
  };

  return (
    <div className="live-panel chaos-panel">
      <h2 className="panel-title">Chaos</h2>
      <div className="chaos-grid">
        <fieldset className="chaos-controls" disabled={!running} aria-label="Chaos controls">
          {!running && <p className="muted">Run the job to disturb it; each control acts on the running slots. The Watermarks, Backpressure, Results and Checkpoints tabs show the effect.</p>}
          <div className="chaos-row">
            <label>
              Node
              <select value={node?.id ?? ''} onChange={(e) => setForm({ nodeId: e.target.value, subtask: 'all' })}>
                {nodes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.id} ({n.kind})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Subtask
              <select value={subtask} onChange={(e) => setForm({ subtask: e.target.value })}>
                <option value="all">All</option>
                {Array.from({ length: node?.parallelism ?? 1 }, (_, i) => String(i)).map((v) => (
                  <option key={v} value={v}>
                    #{v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Seconds
              <input type="number" min="0.1" step="any" value={seconds} onChange={(e) => setForm({ seconds: e.target.value })} />
            </label>
            <label>
              Delay per record (ms)
              <input type="number" min="1" step="any" value={delayMs} onChange={(e) => setForm({ delayMs: e.target.value })} />
            </label>
          </div>
          <div className="chaos-row">
            <button type="button" disabled={!isSource} title="Stops emitting and marks the source idle (Flink's WatermarkStatus.IDLE): downstream watermarks stop waiting for it" onClick={() => pause(true)}>
              Make source idle
            </button>
            <button type="button" disabled={!isSource} title="Stops emitting but stays active: downstream watermarks wait for it" onClick={() => pause(false)}>
              Pause source
            </button>
            <button
              type="button"
              title="Waits the delay after each record in the node's task: upstream tasks become back-pressured"
              onClick={() => {
                const t = target();
                send(t && { kind: 'slow', ...t, delayMs: Number(delayMs), seconds: Number(seconds) }, `slowed ${where()} by ${delayMs} ms per record for ${seconds} s`);
              }}
            >
              Slow operator
            </button>
            <button
              type="button"
              title="The next record into this node makes its task fail; the restart strategy takes over (with checkpoints: from the last one)"
              onClick={() => {
                const t = target();
                send(t && { kind: 'throw-next', ...t }, `armed a failure at the next record into ${where()}`);
              }}
            >
              Throw on next record
            </button>
            <CommandButton id="killSlot" />
            <button
              type="button"
              title="Ends a pause, idleness or slowdown of this node now"
              onClick={() => {
                const t = target();
                send(t && { kind: 'end', ...t }, `ended chaos at ${where()}`);
              }}
            >
              End chaos
            </button>
          </div>
          <div className="chaos-row">
            <label className="wide">
              Record (JSON)
              <input type="text" value={record} disabled={!isSource} onChange={(e) => setRecord(e.target.value)} spellCheck={false} />
            </label>
            <label>
              Event time (ms)
              <input type="number" value={eventTime} disabled={!isSource} placeholder="1 s behind the watermark" onChange={(e) => setForm({ eventTime: e.target.value })} />
            </label>
            <button type="button" disabled={!isSource} title="The record leaves the source as its next one (its event-time field set too), late if behind the watermark" onClick={inject}>
              Inject record
            </button>
          </div>
        </fieldset>
        <section className="chaos-log" aria-label="Chaos log">
          <h3>Chaos in this run</h3>
          {log.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ol>
              {log.map((e) => (
                <li key={`${e.at}:${e.text}`}>
                  <span className="meta">{formatWallClock(e.at)}</span> {e.text}
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="chaos-check" aria-label="Exactly-once check">
          <h3>Exactly-once check</h3>
          {check === null && <p className="muted">Runs by itself when a run with chaos and checkpoints on finishes: the same job and inputs, undisturbed, in worker slots, and the two outputs compared.</p>}
          <button type="button" disabled={active || !ran || check?.status === 'checking'} title={active ? 'Once the run finished' : 'Runs the same job and inputs undisturbed in worker slots and compares the outputs'} onClick={() => void store.getState().checkExactlyOnce()}>
            Check exactly-once
          </button>
          <div role="status" data-testid="exactly-once" className={check?.status === 'done' ? (check.equal ? 'check-ok' : 'check-bad') : undefined}>
            {check === null ? null : check.status === 'checking' ? (
              <p>Running the job undisturbed…</p>
            ) : check.status === 'not-applicable' ? (
              <p>The check does not apply: {check.reason}</p>
            ) : (
              <>
                <p>{check.headline}</p>
                {check.lines.length > 0 && (
                  <ul>
                    {check.lines.map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                )}
                {check.note && <p className="muted">{check.note}</p>}
              </>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
