/** The browser's "Edit state" bar. */
import { useState } from 'react';
import { type StateEdit, parseKeyText, windowOf } from '../../engine/index';
import type { CheckpointReader } from '../client/checkpoint-reader';
import type { Opened } from './opened';

/**
 * Editing state before a replay (Flink's State Processor API's write side): set a key's value of
 * a state, delete a key, clear one of its windows. Each edit is checked against the state's kind
 * by the engine (`editSavepoint`, in the checkpoint reader's worker); a bad one is shown, never applied.
 */
export function EditBar({ reader, opened, node, states, onEdited }: { reader: CheckpointReader; opened: Opened; node: string; states: readonly string[]; onEdited: (o: Opened) => void }) {
  const [key, setKey] = useState('');
  const [state, setState] = useState('');
  const [value, setValue] = useState('');
  const [window, setWindow] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const chosen = states.includes(state) ? state : (states[0] ?? '');
  const apply = (edit: StateEdit) => {
    reader.edit(opened.info.handle, edit, Date.now()).then(
      (info) => {
        onEdited({ ...opened, info });
        setMessage(null);
      },
      (e: unknown) => setMessage((e as Error).message),
    );
  };
  const set = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      setMessage(`the value is not JSON: ${value === '' ? '(empty)' : value} — quote text: "like this"`);
      return;
    }
    apply({ op: 'set', node, key: parseKeyText(key), state: chosen, value: parsed });
  };
  return (
    <div className="cp-browser-bar" role="group" aria-label="Edit state">
      <label>
        Key <input value={key} onChange={(e) => setKey(e.target.value)} placeholder="key" style={{ width: '8em' }} />
      </label>
      {states.length > 0 && (
        <>
          <label>
            State{' '}
            <select value={chosen} onChange={(e) => setState(e.target.value)}>
              {states.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Value (JSON) <input className="cp-mono" value={value} onChange={(e) => setValue(e.target.value)} placeholder="42" style={{ width: '10em' }} />
          </label>
          <button type="button" disabled={key === ''} onClick={set}>
            Set value
          </button>
        </>
      )}
      <button type="button" disabled={key === ''} onClick={() => apply({ op: 'delete', node, key: parseKeyText(key) })}>
        Delete key
      </button>
      <label>
        Window <input value={window} onChange={(e) => setWindow(e.target.value)} placeholder="0:10000" style={{ width: '7em' }} />
      </label>
      <button type="button" disabled={key === '' || window === ''} onClick={() => apply({ op: 'clear-window', node, key: parseKeyText(key), window: windowOf(window) })}>
        Clear window
      </button>
      {message !== null && (
        <span className="cp-declined" role="alert">
          {message}
        </span>
      )}
    </div>
  );
}

