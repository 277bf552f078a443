/** The lab's breakpoints: the list, each with a remove button, and a form to add one. */
import { useState } from 'react';
import { useApp, useAppStore } from '../store/app-store';
import { type NewBreakpoint, describeBreakpoint } from './breakpoints';

type Kind = NewBreakpoint['kind'];
const KINDS: ReadonlyArray<{ kind: Kind; label: string }> = [
  { kind: 'window-fires', label: 'A window fires' },
  { kind: 'node-input', label: 'Next element into a node' },
  { kind: 'watermark-passes', label: 'The watermark at a node passes a time' },
  { kind: 'late-record', label: 'A late record arrives' },
  { kind: 'checkpoint-complete', label: 'A checkpoint completes' },
];

export function BreakpointsPanel() {
  const store = useAppStore();
  const breakpoints = useApp((s) => s.labBreakpoints);
  const nodeIds = useApp((s) => s.doc.nodes.map((n) => n.id).join('\n')).split('\n');
  const [kind, setKind] = useState<Kind>('window-fires');
  const [node, setNode] = useState('');
  const [key, setKey] = useState('');
  const [time, setTime] = useState('0');
  const needsNode = kind === 'node-input' || kind === 'watermark-passes';
  const add = () => {
    const at = node === '' ? nodeIds[0]! : node;
    const b: NewBreakpoint =
      kind === 'window-fires'
        ? { kind, ...(node !== '' ? { node } : {}), ...(key !== '' ? { key } : {}) }
        : kind === 'node-input'
          ? { kind, node: at }
          : kind === 'watermark-passes'
            ? { kind, node: at, time: Number(time) }
            : { kind };
    store.getState().addLabBreakpoint(b);
  };
  return (
    <section className="lab-breakpoints" aria-label="Breakpoints">
      <h3>Breakpoints</h3>
      {breakpoints.length === 0 ? (
        <p className="muted">None: "Run to breakpoint" runs to the end.</p>
      ) : (
        <ul>
          {breakpoints.map((b) => (
            <li key={b.id}>
              {describeBreakpoint(b)}{' '}
              <button type="button" className="link" aria-label={`Remove breakpoint: ${describeBreakpoint(b)}`} onClick={() => store.getState().removeLabBreakpoint(b.id)}>
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="lab-breakpoint-form">
        <select aria-label="Breakpoint kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        {(needsNode || kind === 'window-fires') && (
          <select aria-label="Breakpoint node" value={node} onChange={(e) => setNode(e.target.value)}>
            {kind === 'window-fires' && <option value="">any node</option>}
            {nodeIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        )}
        {kind === 'window-fires' && <input aria-label="Breakpoint key" placeholder="any key" value={key} onChange={(e) => setKey(e.target.value)} />}
        {kind === 'watermark-passes' && <input aria-label="Breakpoint time (ms)" type="number" value={time} onChange={(e) => setTime(e.target.value)} />}
        <button type="button" onClick={add}>
          Add breakpoint
        </button>
      </div>
    </section>
  );
}
