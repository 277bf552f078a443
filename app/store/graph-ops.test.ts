import { describe, expect, it } from 'vitest';
import {
  addEdge,
  addNode,
  copyElements,
  edgeIdsOf,
  freshId,
  idStem,
  moveNodes,
  pasteElements,
  removeElements,
  renameNode,
  setDeclaredSideOutputs,
  setEdgePartition,
  setJobSetting,
  setParam,
} from './graph-ops';
import { type EditableJob, emptyJob } from './job-types';

function chain(): EditableJob {
  return {
    ...emptyJob('t'),
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records: [1] } },
      { id: 'm', kind: 'map', params: { code: '(r) => r' } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'm' },
      { from: 'm', to: 'out' },
    ],
    layout: { src: { x: 0, y: 0 }, m: { x: 200, y: 0 }, out: { x: 400, y: 0 } },
  };
}

describe('graph ops', () => {
  it('derives short id stems from kinds', () => {
    expect(idStem('source.collection')).toBe('collection');
    expect(idStem('sink.collect')).toBe('collect');
    expect(idStem('join.window')).toBe('join-window');
    expect(idStem('map')).toBe('map');
  });

  it('picks the first free id', () => {
    expect(freshId('map', new Set())).toBe('map');
    expect(freshId('map', new Set(['map', 'map-2']))).toBe('map-3');
  });

  it('adds a node with a fresh id at its position without touching the input', () => {
    const doc = chain();
    const { doc: next, id } = addNode(doc, 'map', { x: 5, y: 6 }, { code: '(r) => r' });
    expect(id).toBe('map');
    const again = addNode(next, 'map', { x: 0, y: 0 });
    expect(again.id).toBe('map-2');
    expect(next.layout?.map).toEqual({ x: 5, y: 6 });
    expect(doc.nodes).toHaveLength(3);
  });

  it('names edges by ends and ports, numbering duplicates', () => {
    expect(edgeIdsOf([{ from: 'a', to: 'b' }, { from: 'a', to: 'b' }, { from: 'w', fromPort: 'late', to: 'j', toPort: 'in2' }])).toEqual([
      'a.out->b.in',
      'a.out->b.in#2',
      'w.late->j.in2',
    ]);
  });

  it('removes a node with its edges and position', () => {
    const next = removeElements(chain(), ['m']);
    expect(next.nodes.map((n) => n.id)).toEqual(['src', 'out']);
    expect(next.edges).toEqual([]);
    expect(next.layout?.m).toBeUndefined();
  });

  it('removes an edge by its editor id', () => {
    const next = removeElements(chain(), [], ['m.out->out.in']);
    expect(next.edges).toEqual([{ from: 'src', to: 'm' }]);
  });

  it('writes edges the way people do: default ports left out', () => {
    const next = addEdge(chain(), { from: 'src', to: 'out', fromPort: 'out', toPort: 'in' });
    expect(next.edges[2]).toEqual({ from: 'src', to: 'out' });
    const side = addEdge(chain(), { from: 'm', to: 'out', fromPort: 'late', toPort: 'in2' });
    expect(side.edges[2]).toEqual({ from: 'm', to: 'out', fromPort: 'late', toPort: 'in2' });
  });

  it('sets and clears nested params', () => {
    const set = setParam(chain(), 'm', ['assigner', 'sizeMs'], 10);
    expect(set.nodes[1]!.params).toEqual({ code: '(r) => r', assigner: { sizeMs: 10 } });
    expect(setParam(set, 'm', ['code'], undefined).nodes[1]!.params).toEqual({ assigner: { sizeMs: 10 } });
  });

  it('moves nodes', () => {
    expect(moveNodes(chain(), { m: { x: 1, y: 2 } }).layout?.m).toEqual({ x: 1, y: 2 });
  });

  it('renames a node in its edges and layout', () => {
    const next = renameNode(chain(), 'm', 'double') as EditableJob;
    expect(next.nodes[1]!.id).toBe('double');
    expect(next.edges).toEqual([
      { from: 'src', to: 'double' },
      { from: 'double', to: 'out' },
    ]);
    expect(next.layout?.double).toEqual({ x: 200, y: 0 });
    expect(next.layout?.m).toBeUndefined();
  });

  it('refuses to rename onto a taken or empty id', () => {
    expect(renameNode(chain(), 'm', 'src')).toMatch(/already has the id "src"/);
    expect(renameNode(chain(), 'm', '')).toMatch(/must not be empty/);
  });

  it('copies nodes with only the edges between them and pastes them under fresh ids', () => {
    const doc = chain();
    const clip = copyElements(doc, ['m', 'out']);
    expect(clip.edges).toEqual([{ from: 'm', to: 'out' }]);
    const { doc: next, ids } = pasteElements(doc, clip, { x: 40, y: 40 });
    expect(ids).toEqual(['m-2', 'out-2']);
    expect(next.edges.at(-1)).toEqual({ from: 'm-2', to: 'out-2' });
    expect(next.layout?.['m-2']).toEqual({ x: 240, y: 40 });
    expect(next.nodes.find((n) => n.id === 'm-2')!.params).toEqual({ code: '(r) => r' });
  });

  it('numbers repeated pastes from the stem, not the last copy', () => {
    const doc = chain();
    const once = pasteElements(doc, copyElements(doc, ['m']), { x: 0, y: 0 }).doc;
    const twice = pasteElements(once, copyElements(once, ['m-2']), { x: 0, y: 0 });
    expect(twice.ids).toEqual(['m-3']);
  });

  it('sets job settings from the document root, and removes them with undefined', () => {
    const on = setJobSetting(chain(), ['checkpointing'], { intervalMs: 1000 });
    const tuned = setJobSetting(on, ['checkpointing', 'mode'], 'at-least-once');
    expect(tuned.checkpointing).toEqual({ intervalMs: 1000, mode: 'at-least-once' });
    expect(on.checkpointing).toEqual({ intervalMs: 1000 });
    expect('checkpointing' in setJobSetting(tuned, ['checkpointing'], undefined)).toBe(false);
  });

  it('sets and clears the partitioning of one edge by editor id, keeping its id', () => {
    const doc = setEdgePartition(chain(), 'm.out->out.in', 'rebalance');
    expect(doc.edges[1]).toEqual({ from: 'm', to: 'out', partition: 'rebalance' });
    expect(doc.edges[0]).toEqual({ from: 'src', to: 'm' });
    expect(edgeIdsOf(doc.edges)).toEqual(edgeIdsOf(chain().edges));
    expect(setEdgePartition(doc, 'm.out->out.in', undefined).edges[1]).toEqual({ from: 'm', to: 'out' });
    const unknown = chain();
    expect(setEdgePartition(unknown, 'nope', 'shuffle')).toBe(unknown);
  });

  it('keeps hand-added side-output tags in the layout, through moves', () => {
    const tagged = setDeclaredSideOutputs(chain(), 'm', ['late']);
    expect(tagged.layout?.m).toEqual({ x: 200, y: 0, sideOutputs: ['late'] });
    expect(moveNodes(tagged, { m: { x: 5, y: 6 } }).layout?.m).toEqual({ x: 5, y: 6, sideOutputs: ['late'] });
    expect(setDeclaredSideOutputs(tagged, 'm', []).layout?.m).toEqual({ x: 200, y: 0 });
    const pasted = pasteElements(tagged, copyElements(tagged, ['m']), { x: 10, y: 10 });
    expect(pasted.doc.layout?.[pasted.ids[0]!]).toEqual({ x: 210, y: 10, sideOutputs: ['late'] });
  });
});
