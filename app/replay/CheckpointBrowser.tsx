/**
 * The checkpoint browser (docs/replay.md), opened from the Checkpoints tab: the job's retained
 * checkpoints and savepoints in IndexedDB, and savepoint files the user opens (`eddy run
 * --savepoint`, the CLI's edits, a download); one opened in `OpenedCheckpoint`. Decoding is the
 * checkpoint reader's, in its Web Worker: the page holds handles and asks for the rows in view.
 * Reading decodes data only: no user code.
 */
import { useEffect, useId, useState } from 'react';
import type { CheckpointSummary } from '../../engine/index';
import { type CheckpointReader, checkpointReaderWorker } from '../client/checkpoint-reader';
import { formatInstant } from '../format/time';
import { cellText } from '../panels/virtual-range';
import { useApp, useAppStore } from '../store/app-store';
import { hasCheckpointing } from '../store/run-slice';
import { formatBytes, formatDuration } from '../store/live-metrics';
import { alignmentText, alignmentTime } from './alignment';
import { BrowserTable } from './BrowserTable';
import { type CompareChoice, OpenedCheckpoint } from './OpenedCheckpoint';
import { type Opened, openedName } from './opened';

export function CheckpointBrowser({ onClose, reader = checkpointReaderWorker() }: { onClose: () => void; reader?: CheckpointReader }) {
  const storage = useApp((s) => s.checkpointStorage);
  const store = useAppStore();
  /** The running job can be compared: a savepoint of it is taken (the job goes on). */
  const live = useApp((s) => s.runStatus === 'running' && hasCheckpointing(s.doc));
  const fileInput = useId();
  const [list, setList] = useState<CheckpointSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  /** Savepoint files opened in this browser, newest last. */
  const [files, setFiles] = useState<readonly Opened[]>([]);
  const [compare, setCompare] = useState<{ value: string; with: Opened } | null>(null);

  useEffect(() => {
    let live = true;
    const s = storage();
    // While the job runs, a checkpoint listed may be subsumed (deleted) before it is read: it is left out.
    s.list()
      .then(async (all) => Promise.allSettled(all.map(async (m) => reader.summarize(await s.load(m.id)))))
      .then((read) => live && setList(read.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])).reverse()))
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [storage, reader]);
  // Closing the browser forgets what it opened.
  useEffect(() => () => void reader.closeAll(), [reader]);

  const load = async (value: string): Promise<Opened> => {
    if (value.startsWith('file:')) return files[Number(value.slice(5))]!;
    if (value === 'live') {
      const info = await reader.openText(await store.getState().takeSavepoint());
      return { id: info.metadata.id, info, source: { kind: 'live' } };
    }
    const id = Number(value);
    const info = await reader.openStored(await storage().load(id));
    return { id, info, source: { kind: 'stored' } };
  };
  const show = (o: Opened) => {
    setCompare(null);
    setOpened(o);
    setError(null);
  };
  const open = (value: string) => load(value).then(show, (e: unknown) => setError((e as Error).message));
  const chooseCompare = (value: string) => {
    if (value === '') setCompare(null);
    else load(value).then((o) => setCompare({ value, with: o }), (e: unknown) => setError((e as Error).message));
  };
  const openFile = (file: File | undefined) => {
    if (!file) return;
    file.text().then(
      (text) =>
        reader.openText(text).then(
          (info) => {
            const o: Opened = { id: info.metadata.id, info, source: { kind: 'file', name: file.name } };
            setFiles((f) => [...f, o]);
            show(o);
          },
          (e: unknown) => setError(`${file.name}: ${(e as Error).message}`),
        ),
      (e: unknown) => setError(`${file.name}: could not read the file (${String(e)})`),
    );
  };

  const others: CompareChoice[] = [
    ...(live ? [{ value: 'live', label: 'the live run (a savepoint now)' }] : []),
    ...(list ?? []).filter((c) => c.error === undefined && !(opened?.source.kind === 'stored' && c.id === opened.id)).map((c) => ({ value: String(c.id), label: `checkpoint ${c.id}` })),
    ...files.map((f, i) => ({ value: `file:${i}`, label: openedName(f) })).filter((c) => files[Number(c.value.slice(5))] !== opened),
  ];

  return (
    <section className="cp-browser" aria-label="Checkpoint browser">
      <div className="cp-browser-bar">
        <h3>Stored checkpoints</h3>
        <label htmlFor={fileInput}>Open savepoint file</label>
        <input id={fileInput} type="file" accept=".json,application/json" onChange={(e) => openFile(e.target.files?.[0])} />
        <button type="button" onClick={onClose}>
          Close browser
        </button>
      </div>
      {error !== null && (
        <p className="cp-declined" role="alert">
          {error}
        </p>
      )}
      {list === null ? (
        <p className="muted">Reading checkpoints…</p>
      ) : list.length === 0 ? (
        <p className="muted">No retained checkpoint is stored for this job.</p>
      ) : (
        // Fixed widths: the table fits the panel at 1280 px (the Open buttons in view); a cut cell keeps its text in a tooltip.
        <BrowserTable label="Stored checkpoints" headers={['ID', 'Kind', 'Completed', 'Size', 'Size per operator', 'Alignment', 'Alignment time', 'Source offsets', 'Open']} widths={STORED_WIDTHS}>
          {list.map((c) => {
            const sizes = c.error ?? Object.entries(c.sizeByNode ?? {}).map(([n, b]) => `${n} ${formatBytes(b)}`).join(' · ');
            const offsets = Object.entries(c.operatorState ?? {}).map(([n, s]) => `${n}: ${cellText(s)}`).join(' · ');
            return (
            <tr key={c.id} className={opened?.source.kind === 'stored' && opened.id === c.id ? 'cp-open' : undefined}>
              <td>{c.id}</td>
              <td title={c.kind}>{c.kind}</td>
              <td title={`${c.time}, took ${formatDuration(c.durationMs)}`}>{formatInstant(c.completedAt)}</td>
              <td>{formatBytes(c.size)}</td>
              <td title={sizes}>{sizes}</td>
              <td title={c.inFlightRecords === undefined ? 'No subtask recorded in-flight data' : 'Records caught in flight at the barrier, over all subtasks and channels'}>{alignmentText(c)}</td>
              <AlignmentTimeCell alignmentMs={c.alignmentMs} />
              <td className="cp-mono" title={offsets}>{offsets}</td>
              <td>
                <button type="button" disabled={c.error !== undefined} onClick={() => void open(String(c.id))}>
                  Open checkpoint {c.id}
                </button>
              </td>
            </tr>
            );
          })}
        </BrowserTable>
      )}
      {opened !== null && <OpenedCheckpoint reader={reader} opened={opened} onEdited={setOpened} others={others} compareWith={compare?.with ?? null} compareValue={compare?.value ?? ''} onCompare={chooseCompare} />}
    </section>
  );
}

/** Column widths (%) of the stored-checkpoints table: ID, Kind, Completed, Size, Size per operator, Alignment, Alignment time, Source offsets, Open. */
const STORED_WIDTHS = [4, 7, 16, 7, 16, 9, 9, 19, 13];

function AlignmentTimeCell({ alignmentMs }: { alignmentMs: CheckpointSummary['alignmentMs'] }) {
  const { text, detail } = alignmentTime(alignmentMs);
  return <td title={detail}>{text}</td>;
}
