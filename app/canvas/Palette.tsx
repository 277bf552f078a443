/**
 * Every node kind, grouped by category, with a search box. Drag a kind onto the canvas, or
 * press it (click, Enter, Space) to add it at the canvas's centre.
 */
import { memo, useMemo, useState } from 'react';
import { KIND_INFO, NODE_KIND_NAMES } from '../../engine/index';
import { KIND_MIME, useAddNode } from './use-add-node';

const CATEGORIES = ['Sources', 'Transforms', 'Keyed', 'Windows', 'Joins', 'Sinks'] as const;

export const Palette = memo(function Palette() {
  const [query, setQuery] = useState('');
  const addNode = useAddNode();
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const kinds = NODE_KIND_NAMES.map((k) => KIND_INFO[k]).filter(
      (k) => q === '' || k.label.toLowerCase().includes(q) || k.kind.toLowerCase().includes(q) || k.description.toLowerCase().includes(q),
    );
    return CATEGORIES.map((category) => ({ category, kinds: kinds.filter((k) => k.category === category) })).filter((g) => g.kinds.length > 0);
  }, [query]);
  return (
    <nav className="palette" aria-label="Node palette">
      <input type="search" className="palette-search" placeholder="Search kinds…" aria-label="Search node kinds" value={query} onChange={(e) => setQuery(e.target.value)} />
      {groups.length === 0 && <p className="muted">No kind matches “{query}”.</p>}
      {groups.map((g) => (
        <section key={g.category} aria-label={g.category}>
          <h3>{g.category}</h3>
          <ul>
            {g.kinds.map((k) => (
              <li key={k.kind}>
                <button
                  type="button"
                  className={`palette-item cat-${k.category}`}
                  draggable
                  aria-label={`Add ${k.label}`}
                  title={`${k.description} — drag onto the canvas, or press to add`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(KIND_MIME, k.kind);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                  onClick={() => addNode(k.kind)}
                >
                  {k.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
});
