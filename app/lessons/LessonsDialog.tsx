/**
 * The Lessons gallery: every lesson of `public/lessons` with what it teaches, its level and
 * length, an Open button and its shareable link. A lesson file that does not fit the schema is
 * listed with what is wrong in it.
 */
import { useEffect, useState } from 'react';
import { useAppStore } from '../store/app-store';
import { Modal } from '../toolbar/Modal';
import { type LoadedLesson, loadLesson, loadLessonIndex } from './lesson-files';
import { lessonLinkFor } from './lesson-link';

type Item = { readonly id: string; readonly loaded: LoadedLesson } | { readonly id: string; readonly error: string };

async function loadGallery(): Promise<Item[]> {
  const ids = await loadLessonIndex();
  return Promise.all(ids.map((id) => loadLesson(id).then((loaded) => ({ id, loaded }), (e: unknown) => ({ id, error: e instanceof Error ? e.message : String(e) }))));
}

export function LessonsDialog() {
  const store = useAppStore();
  const [items, setItems] = useState<Item[] | null>(null);
  const [failure, setFailure] = useState('');
  useEffect(() => {
    loadGallery().then(setItems, (e: unknown) => setFailure(String(e)));
  }, []);
  const close = () => store.getState().closeDialog();
  const open = (loaded: LoadedLesson) => {
    close();
    store.getState().openLesson(loaded);
  };
  return (
    <Modal label="Lessons" onClose={close}>
      <p className="meta">Each lesson opens its job in the lab (replacing the job you have open, as an example does) and asks questions you answer by stepping.</p>
      {failure && <p role="alert">Could not load the lessons: {failure}</p>}
      {items === null && !failure && <p>Loading lessons…</p>}
      <ul className="examples lessons">
        {items?.map((item) =>
          'error' in item ? (
            <li key={item.id} aria-label={item.id}>
              <p role="alert" className="bad">
                {item.error}
              </p>
            </li>
          ) : (
            <li key={item.id} aria-label={item.loaded.lesson.title}>
              <div>
                <h3>{item.loaded.lesson.title}</h3>
                <p>{item.loaded.lesson.summary}</p>
                <p className="meta">
                  {item.loaded.lesson.level} · about {item.loaded.lesson.minutes} min · {item.loaded.lesson.steps.length} steps · teaches: {item.loaded.lesson.teaches.join('; ')} ·{' '}
                  <a href={lessonLinkFor(item.id, location.href)} title="This lesson's own link: copy it to share the lesson" onClick={close}>
                    Link to this lesson
                  </a>
                </p>
              </div>
              <button type="button" className="primary" aria-label={`Open ${item.loaded.lesson.title}`} onClick={() => open(item.loaded)}>
                Open
              </button>
            </li>
          ),
        )}
      </ul>
    </Modal>
  );
}
