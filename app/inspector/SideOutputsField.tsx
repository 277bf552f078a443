/**
 * The side outputs of a process/connect node: the tags its code emits to (`out.output('tag', …)`,
 * found in the code) and tags added here by hand, so a handle to wire exists before the code that
 * emits there is written. Hand-added tags live in the document's `layout` (editor-only).
 */
import { type FormEvent, useId, useState } from 'react';
import { codeSideOutputs, declaredSideOutputs } from '../canvas/node-ports';
import { useApp, useAppStore } from '../store/app-store';
import { setDeclaredSideOutputs } from '../store/graph-ops';
import { describedBy } from './fields/FieldFrame';

/** Why `tag` cannot be added, or '' when it can. */
export function sideOutputTagProblem(tag: string, existing: readonly string[]): string {
  if (tag === '') return 'a tag must not be empty';
  if (tag === 'out') return '"out" is the main output, not a side output';
  if (existing.includes(tag)) return `the node already has the side output "${tag}"`;
  return '';
}

export function SideOutputsField({ nodeId }: { nodeId: string }) {
  const store = useAppStore();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState('');
  // Both selections return stored values (a node, a layout entry): no fresh arrays per render.
  const node = useApp((s) => s.doc.nodes.find((n) => n.id === nodeId));
  const entry = useApp((s) => s.doc.layout?.[nodeId]);
  if (!node) return null;
  const fromCode = codeSideOutputs(node);
  const declared = declaredSideOutputs(entry ? { [nodeId]: entry } : undefined, nodeId);
  const write = (tags: readonly string[]) => store.getState().edit((d) => setDeclaredSideOutputs(d, nodeId, tags));
  const add = (e: FormEvent) => {
    e.preventDefault();
    const tag = draft.trim();
    const why = sideOutputTagProblem(tag, [...fromCode, ...declared]);
    setProblem(why);
    if (why) return;
    write([...declared, tag]);
    setDraft('');
  };
  return (
    <section className="side-outputs" aria-label="Side outputs">
      <h3>Side outputs</h3>
      <p className="field-help">
        Tags the code emits to with <code>out.output('tag', value)</code> get a handle on the canvas. Add a tag here to wire it before the code
        is written.
      </p>
      <ul className="side-output-list">
        {fromCode.map((t) => (
          <li key={`code:${t}`}>
            <span className="mono">{t}</span> <span className="muted">from code</span>
          </li>
        ))}
        {declared.map((t) => (
          <li key={`added:${t}`}>
            <span className="mono">{t}</span>{' '}
            <button type="button" className="link" aria-label={`Remove side output ${t}`} onClick={() => write(declared.filter((x) => x !== t))}>
              remove
            </button>
          </li>
        ))}
        {fromCode.length === 0 && declared.length === 0 && <li className="muted">none yet</li>}
      </ul>
      <form className={`field inline-add${problem ? ' invalid' : ''}`} onSubmit={add}>
        <label htmlFor={id}>New side output tag</label>
        <input
          id={id}
          type="text"
          spellCheck={false}
          className="mono"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            setProblem('');
          }}
          {...describedBy(id, problem)}
        />
        <button type="submit">Add side output</button>
        {problem && (
          <p className="field-problem" id={`${id}-problem`}>
            {problem}
          </p>
        )}
      </form>
    </section>
  );
}
