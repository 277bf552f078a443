/**
 * The workbench's resizable layout (react-resizable-panels): palette | canvas | inspector side
 * by side above the bottom panel, each boundary a separator that a pointer drags and the arrow
 * keys move (WAI-ARIA's window splitter). Sizes are remembered in this browser per layout: the
 * lab, whose panel needs more height, keeps a vertical split of its own.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Group, type Layout, type LayoutChangedMeta, Panel, Separator, useDefaultLayout, useGroupRef } from 'react-resizable-panels';

/** Where the sizes are kept (one entry per group id). */
const STORAGE = typeof localStorage === 'undefined' ? undefined : localStorage;

export interface SplittersProps {
  readonly palette: ReactNode;
  readonly canvas: ReactNode;
  readonly inspector: ReactNode;
  readonly bottom: ReactNode;
  /** The lab's split of the height (its panel takes more of it). */
  readonly lab: boolean;
  /** A SQL script's pane, which takes the palette's place (wider, sizes of its own). */
  readonly sql?: ReactNode;
}

export function Splitters({ palette, canvas, inspector, bottom, lab, sql }: SplittersProps) {
  return (
    <VerticalSplit lab={lab} bottom={bottom}>
      {sql ? <SqlSideSplit sql={sql} canvas={canvas} inspector={inspector} /> : <SideSplit palette={palette} canvas={canvas} inspector={inspector} />}
    </VerticalSplit>
  );
}

/** Percentages of the height for the work area and the bottom panel, per mode. */
const ROWS_DEFAULT: Record<'editor' | 'lab', Layout> = { editor: { work: 66, bottom: 34 }, lab: { work: 48, bottom: 52 } };
const rowsKey = (mode: 'editor' | 'lab') => `eddy.layout.rows.${mode}`;

function readRows(mode: 'editor' | 'lab'): Layout {
  try {
    const saved = JSON.parse(STORAGE?.getItem(rowsKey(mode)) ?? 'null') as unknown;
    if (saved !== null && typeof saved === 'object' && typeof (saved as Layout)['work'] === 'number' && typeof (saved as Layout)['bottom'] === 'number') return saved as Layout;
  } catch {
    // A layout that does not parse is replaced by the default one.
  }
  return ROWS_DEFAULT[mode];
}

/**
 * The work area above the bottom panel. The group stays mounted when the lab opens or closes
 * (the canvas keeps its viewport): the split of the new mode is set on it instead.
 */
function VerticalSplit({ lab, bottom, children }: { lab: boolean; bottom: ReactNode; children: ReactNode }) {
  const mode: 'editor' | 'lab' = lab ? 'lab' : 'editor';
  const group = useGroupRef();
  const [initial] = useState(() => readRows(mode));
  const current = useRef(mode);
  useEffect(() => {
    if (current.current === mode) return;
    current.current = mode;
    group.current?.setLayout(readRows(mode));
  }, [mode, group]);
  const remember = (layout: Layout, meta: LayoutChangedMeta) => {
    if (meta.isUserInteraction) STORAGE?.setItem(rowsKey(current.current), JSON.stringify(layout));
  };
  return (
    <Group groupRef={group} orientation="vertical" className="ide-rows" defaultLayout={initial} onLayoutChanged={remember}>
      <Panel id="work" minSize="120px" className="ide-work">
        {children}
      </Panel>
      <Separator className="splitter splitter-row" aria-label={lab ? 'Resize the lab panel' : 'Resize the bottom panel'} />
      <Panel id="bottom" minSize="140px" maxSize="85%" className="ide-bottom">
        {bottom}
      </Panel>
    </Group>
  );
}

function SideSplit({ palette, canvas, inspector }: { palette: ReactNode; canvas: ReactNode; inspector: ReactNode }) {
  const id = 'eddy-layout-columns';
  const saved = useDefaultLayout({ id, panelIds: ['palette', 'canvas', 'inspector'], ...(STORAGE ? { storage: STORAGE } : {}) });
  return (
    <Group id={id} orientation="horizontal" className="ide-main" defaultLayout={saved.defaultLayout} onLayoutChanged={saved.onLayoutChanged}>
      <Panel id="palette" defaultSize="200px" minSize="140px" maxSize="40%" groupResizeBehavior="preserve-pixel-size" className="ide-column">
        {palette}
      </Panel>
      <Separator className="splitter splitter-column" aria-label="Resize the palette" />
      <Panel id="canvas" minSize="240px" className="ide-column">
        {canvas}
      </Panel>
      <Separator className="splitter splitter-column" aria-label="Resize the inspector" />
      <Panel id="inspector" defaultSize="330px" minSize="240px" maxSize="60%" groupResizeBehavior="preserve-pixel-size" className="ide-column">
        {inspector}
      </Panel>
    </Group>
  );
}

/** SQL script | compiled job | inspector: the script gets room for its lines. */
function SqlSideSplit({ sql, canvas, inspector }: { sql: ReactNode; canvas: ReactNode; inspector: ReactNode }) {
  const id = 'eddy-layout-sql-columns';
  const saved = useDefaultLayout({ id, panelIds: ['sql', 'canvas', 'inspector'], ...(STORAGE ? { storage: STORAGE } : {}) });
  return (
    <Group id={id} orientation="horizontal" className="ide-main" defaultLayout={saved.defaultLayout} onLayoutChanged={saved.onLayoutChanged}>
      <Panel id="sql" defaultSize="44%" minSize="280px" maxSize="70%" className="ide-column">
        {sql}
      </Panel>
      <Separator className="splitter splitter-column" aria-label="Resize the SQL script" />
      <Panel id="canvas" minSize="240px" className="ide-column">
        {canvas}
      </Panel>
      <Separator className="splitter splitter-column" aria-label="Resize the inspector" />
      <Panel id="inspector" defaultSize="260px" minSize="200px" maxSize="50%" groupResizeBehavior="preserve-pixel-size" className="ide-column">
        {inspector}
      </Panel>
    </Group>
  );
}
