/**
 * The gallery of example jobs and SQL scripts, each checked (jobs by the engine's validator,
 * parsing only — user code never runs on the page's thread; scripts compiled in the SQL worker);
 * one click opens an example.
 */
import { useEffect, useState } from 'react';
import { validateFully } from '../client/job-validation';
import { placeUnpositioned } from '../layout/place-nodes';
import { type ExampleEntry, type LoadedExample, type LoadedSqlExample, isSqlExample, loadExample, loadExampleIndex, loadSqlExample } from '../persist/examples';
import { type AppState, useAppStore } from '../store/app-store';
import { Modal } from './Modal';

type GalleryItem = ExampleEntry & { readonly problems: number } & ({ readonly loaded: LoadedExample; readonly sql?: undefined } | { readonly sql: LoadedSqlExample; readonly tables: number });

/** Every example, checked; SQL scripts through the store's SQL service (a worker in the IDE). */
async function loadGallery(sql: Pick<AppState, 'checkSqlText' | 'sqlCatalog'>): Promise<GalleryItem[]> {
  const index = await loadExampleIndex();
  return Promise.all(
    index.map(async (entry): Promise<GalleryItem> => {
      if (isSqlExample(entry.file)) {
        const example = await loadSqlExample(entry.file, { catalog: (text) => sql.sqlCatalog(text) });
        const [checked, tables] = await Promise.all([sql.checkSqlText(example.script.text), sql.sqlCatalog(example.script.text)]);
        return { ...entry, sql: example, tables: tables.length, problems: checked.ok ? 0 : checked.problems.length };
      }
      const loaded = await loadExample(entry.file);
      const checked = await validateFully(loaded.doc);
      return { ...entry, loaded, problems: checked.ok ? 0 : checked.errors.length };
    }),
  );
}

export function ExamplesDialog() {
  const store = useAppStore();
  const [items, setItems] = useState<GalleryItem[] | null>(null);
  const [failure, setFailure] = useState('');
  useEffect(() => {
    loadGallery(store.getState()).then(setItems, (e: unknown) => setFailure(String(e)));
  }, [store]);
  const close = () => store.getState().closeDialog();
  const open = (item: GalleryItem) => {
    if (item.sql) void store.getState().openSql(item.sql.script, { files: item.sql.files });
    else store.getState().loadJob(placeUnpositioned(item.loaded.doc), { files: item.loaded.files });
    store.getState().notify(`Opened the example “${item.title}” as a new job (Undo reopens the previous one)`);
    close();
  };
  return (
    <Modal label="Examples" onClose={close}>
      {failure && <p role="alert">Could not load the examples: {failure}</p>}
      {items === null && !failure && <p>Loading examples…</p>}
      <ul className="examples">
        {items?.map((item) => (
          <li key={item.file} aria-label={item.title}>
            <div>
              <h3>
                {item.title}
                {item.sql && <span className="tag">SQL</span>}
              </h3>
              <p>{item.description}</p>
              <p className="meta">
                <code>{item.file}</code> ·{' '}
                {item.sql ? (
                  <>Flink SQL · {item.tables} tables</>
                ) : (
                  <>
                    {item.loaded.doc.nodes.length} nodes · {item.loaded.doc.edges.length} edges
                  </>
                )}{' '}
                · {item.problems === 0 ? <span className="ok">valid</span> : <span className="bad">{item.problems} errors</span>}
              </p>
            </div>
            <button type="button" className="primary" aria-label={`Open ${item.title}`} onClick={() => open(item)}>
              Open
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
