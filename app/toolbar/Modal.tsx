/** A modal dialog (the browser's <dialog>): focus stays inside, Escape closes it. */
import { type ReactNode, useEffect, useRef } from 'react';

export function Modal({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    // A `close` event that finds the dialog open again is stale: React's development mode mounts
    // effects twice (show, close, show), and the first close's event arrives after the second show.
    <dialog ref={ref} className="modal" aria-label={label} onClose={() => !ref.current?.open && onClose()} onCancel={onClose}>
      <header className="modal-head">
        <h2>{label}</h2>
        <button type="button" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </header>
      {children}
    </dialog>
  );
}
