/** Shows the share link (also put on the clipboard when the browser allows), or why there is none. */
import { linkTooLong } from '../persist/share-link';
import { useApp, useAppStore } from '../store/app-store';
import { Modal } from './Modal';

export function ShareDialog() {
  const store = useAppStore();
  const link = useApp((s) => s.shareLink) ?? '';
  const tooLong = linkTooLong(link);
  if (tooLong !== null)
    return (
      <Modal label="Share link" onClose={() => store.getState().closeDialog()}>
        <p role="alert">No share link: {tooLong}.</p>
      </Modal>
    );
  return (
    <Modal label="Share link" onClose={() => store.getState().closeDialog()}>
      <p>This link holds the whole job. Whoever opens it sees the job, and is asked to review its code before it runs.</p>
      <input className="share-link mono" readOnly value={link} aria-label="Share link" onFocus={(e) => e.currentTarget.select()} />
      <p className="meta">{link.length.toLocaleString()} characters. Input files of file sources are not included.</p>
    </Modal>
  );
}
