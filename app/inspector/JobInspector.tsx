/**
 * With no single node selected, the inspector shows the job itself: name, max parallelism,
 * checkpointing, the restart strategy and execution (the watchdog). The last three are generated from the format's schemas
 * (`jobSettingFields`), like node params: a new checkpoint option in the engine shows up here.
 */
import { useId } from 'react';
import { JobDocumentSchema, describeRestart, effectiveRestart } from '../../engine/index';
import { useApp, useAppStore } from '../store/app-store';
import { setJobField, setJobSetting } from '../store/graph-ops';
import { fieldProblemText } from '../store/selectors';
import { FieldFrame, describedBy } from './fields/FieldFrame';
import { type FieldDef, type FieldSpec, jobSettingFields } from './form-model';
import { SchemaField } from './SchemaField';

const RESTART_SCHEMA = JobDocumentSchema.shape.restart;

/** What switching checkpointing on writes: a starting interval the user then tunes. */
const STARTER_CHECKPOINTING = { intervalMs: 1000 } as const;

function jobSetting(name: string): FieldDef {
  const def = jobSettingFields().find((f) => f.name === name);
  if (!def) throw new Error(`JobInspector: the job schema has no "${name}"`);
  return def;
}

/** The checkpointing block: a switch, and while it is on the checkpoint config's own fields. */
function CheckpointingSection() {
  const store = useAppStore();
  const id = useId();
  const def = jobSetting('checkpointing');
  const on = useApp((s) => s.doc.checkpointing !== undefined);
  const problem = useApp(fieldProblemText(undefined, 'checkpointing'));
  const fields = def.spec.kind === 'object' ? (def.spec as Extract<FieldSpec, { kind: 'object' }>).fields : [];
  return (
    <section className="job-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Checkpointing</h3>
      <div className={`field checkbox${problem ? ' invalid' : ''}`}>
        <input
          id={id}
          type="checkbox"
          checked={on}
          onChange={(e) => store.getState().edit((d) => setJobSetting(d, ['checkpointing'], e.target.checked ? STARTER_CHECKPOINTING : undefined))}
        />
        <label htmlFor={id}>Checkpointing enabled</label>
        {problem && <p className="field-problem">{problem}</p>}
        {def.description && <p className="field-help">{def.description}</p>}
      </div>
      {on && fields.map((f) => <SchemaField key={f.name} nodeId={undefined} kind="job" def={f} />)}
    </section>
  );
}

/**
 * The restart strategy: a type select over the strategies, then the chosen one's fields, and
 * the strategy in effect — Flink's default when the job sets none, which depends on checkpointing.
 */
function RestartSection() {
  const def = jobSetting('restart');
  const restart = useApp((s) => s.doc.restart);
  const checkpointing = useApp((s) => s.doc.checkpointing !== undefined);
  // While the user edits a strategy it may be incomplete: validation speaks for it then.
  const parsed = RESTART_SCHEMA.safeParse(restart);
  const effective = parsed.success ? effectiveRestart({ restart: parsed.data, checkpointing: checkpointing ? {} : undefined }) : null;
  return (
    <section className="job-section" aria-label="Restart strategy">
      <h3>Restart strategy</h3>
      <SchemaField nodeId={undefined} kind="job" def={def} />
      {effective && (
        <p className="field-help" data-testid="effective-restart">
          In effect: {describeRestart(effective.strategy)}
          {effective.origin === 'default' && (checkpointing ? " — Flink's default with checkpointing" : " — Flink's default without checkpointing")}
        </p>
      )}
    </section>
  );
}

/** How tasks run: the watchdog's limit on a function that does not return. */
function ExecutionSection() {
  const def = jobSetting('execution');
  const fields = def.spec.kind === 'object' ? (def.spec as Extract<FieldSpec, { kind: 'object' }>).fields : [];
  return (
    <section className="job-section" aria-label="Execution">
      <h3>Execution</h3>
      {fields.map((f) => (
        <SchemaField key={f.name} nodeId={undefined} kind="job" def={f} />
      ))}
    </section>
  );
}

export function JobInspector() {
  const store = useAppStore();
  const nameId = useId();
  const maxId = useId();
  const name = useApp((s) => s.doc.name);
  const maxParallelism = useApp((s) => s.doc.maxParallelism);
  const nodes = useApp((s) => s.doc.nodes.length);
  const maxProblem = useApp(fieldProblemText(undefined, 'maxParallelism'));
  const seal = () => store.getState().sealHistory();
  return (
    <div className="job-inspector">
      <h2>Job</h2>
      <p className="muted">
        {nodes} node{nodes === 1 ? '' : 's'}. Select a node to edit it; the job's parallelism is in the toolbar.
      </p>
      <FieldFrame inputId={nameId} label="Job name" required={false} problem="">
        <input id={nameId} value={name ?? ''} onChange={(e) => store.getState().edit((d) => setJobField(d, 'name', e.target.value || undefined), 'job:name')} onBlur={seal} />
      </FieldFrame>
      <FieldFrame inputId={maxId} label="Max parallelism" required={false} description="Number of key groups: the upper bound for rescaling keyed state" problem={maxProblem}>
        <input
          id={maxId}
          type="number"
          min={1}
          value={maxParallelism ?? ''}
          placeholder="default: 128"
          onChange={(e) => store.getState().edit((d) => setJobField(d, 'maxParallelism', e.target.value === '' ? undefined : Number(e.target.value)), 'job:maxParallelism')}
          onBlur={seal}
          {...describedBy(maxId, maxProblem)}
        />
      </FieldFrame>
      <CheckpointingSection />
      <RestartSection />
      <ExecutionSection />
    </div>
  );
}
