/**
 * Names the sources of the page's long animation frames (bench/large-job.ts records them with
 * Chromium's script attribution): each script's function and character offset in a built file,
 * mapped back through that file's source map to the app's own file, line and name, then summed
 * over the frames. A long task alone says only how long the page was blocked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { type FrameScript, LONG_FRAME_MS, type LongFrame } from './large-job.js';

export interface FrameSource {
  /** "app/store/live-metrics.ts:198 publish (MessagePort.onmessage)", or the built file's name when it has no map. */
  source: string;
  /** Script time in the long frames, summed. */
  ms: number;
  /** Long frames it ran in. */
  frames: number;
  /** Style and layout it forced, summed. */
  forcedLayoutMs: number;
}

export interface FrameAttribution {
  frames: number;
  totalMs: number;
  scriptMs: number;
  /** Rendering (rAF callbacks, style, layout, paint) at the frames' ends. */
  renderMs: number;
  styleLayoutMs: number;
  sources: FrameSource[];
}

/** Maps a script to its original location, with the built files (and their `.map`s) in `outDir`. */
function locator(outDir: string) {
  const files = new Map<string, { text: string; lineStarts: number[]; map: SourceMapConsumer | null } | null>();
  const load = (url: string) => {
    if (files.has(url)) return files.get(url)!;
    let entry = null;
    try {
      const path = join(outDir, new URL(url).pathname);
      if (existsSync(path)) {
        const text = readFileSync(path, 'utf8');
        const lineStarts = [0];
        for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
        const map = existsSync(`${path}.map`) ? new SourceMapConsumer(JSON.parse(readFileSync(`${path}.map`, 'utf8'))) : null;
        entry = { text, lineStarts, map };
      }
    } catch {
      entry = null;
    }
    files.set(url, entry);
    return entry;
  };
  return (s: FrameScript): string => {
    const file = s.url === '' ? null : load(s.url);
    let where = s.url === '' ? '(no script URL)' : (s.url.split('/').pop() ?? s.url);
    if (file?.map && s.char >= 0) {
      let line = 0;
      while (line + 1 < file.lineStarts.length && file.lineStarts[line + 1]! <= s.char) line++;
      const pos = file.map.originalPositionFor({ line: line + 1, column: s.char - file.lineStarts[line]! });
      if (pos.source) where = `${pos.source.replace(/^(\.\.\/)+/, '')}:${pos.line}${pos.name ? ` ${pos.name}` : ''}`;
    } else if (s.fn) where += ` ${s.fn}`;
    return `${where} (${s.invoker || s.invokerType})`;
  };
}

/** The long frames' script time by source, largest first. */
export function attributeFrames(frames: readonly LongFrame[], outDir: string): FrameAttribution {
  const locate = locator(outDir);
  const bySource = new Map<string, FrameSource>();
  let scriptMs = 0;
  for (const f of frames) {
    const seen = new Set<string>();
    for (const s of f.scripts) {
      const source = locate(s);
      const row = bySource.get(source) ?? { source, ms: 0, frames: 0, forcedLayoutMs: 0 };
      row.ms += s.duration;
      row.forcedLayoutMs += s.forcedLayoutMs;
      if (!seen.has(source)) row.frames++;
      seen.add(source);
      bySource.set(source, row);
      scriptMs += s.duration;
    }
  }
  return {
    frames: frames.length,
    totalMs: frames.reduce((n, f) => n + f.duration, 0),
    scriptMs,
    renderMs: frames.reduce((n, f) => n + f.renderMs, 0),
    styleLayoutMs: frames.reduce((n, f) => n + f.styleLayoutMs, 0),
    sources: [...bySource.values()].sort((a, b) => b.ms - a.ms),
  };
}

/**
 * The long tasks one by one, at their time from `t0` (the Run click), each with the long frame
 * that holds it (its rendering time and its three longest scripts): which of the sources above
 * made which task, and whether it came at the run's start or during the clicks.
 */
export function taskTimeline(tasks: readonly { start: number; duration: number }[], frames: readonly LongFrame[], outDir: string, t0: number, overMs: number): string[] {
  const locate = locator(outDir);
  return tasks
    .filter((t) => t.duration > overMs)
    .map((t) => {
      const f = frames.find((x) => x.start <= t.start + 1 && t.start < x.start + x.duration);
      const scripts = f ? [...f.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3) : [];
      const what = f ? `${f.renderMs > 0 ? `rendering ${f.renderMs.toFixed(0)} ms (style and layout ${f.styleLayoutMs.toFixed(0)}); ` : ''}${scripts.map((s) => `${s.duration.toFixed(0)} ms ${locate(s)}${s.forcedLayoutMs >= 1 ? ` [forced layout ${s.forcedLayoutMs.toFixed(0)}]` : ''}`).join('; ')}` : '(no long frame recorded)';
      return `  +${((t.start - t0) / 1000).toFixed(1).padStart(5)} s ${t.duration.toFixed(0).padStart(5)} ms  ${what}`;
    });
}

/** The attribution as lines for the console. */
export function attributionText(a: FrameAttribution, top = 12): string[] {
  const lines = [
    `long animation frames ≥ ${LONG_FRAME_MS} ms: ${a.frames}, ${a.totalMs.toFixed(0)} ms in all — scripts ${a.scriptMs.toFixed(0)} ms, rendering ${a.renderMs.toFixed(0)} ms (style and layout ${a.styleLayoutMs.toFixed(0)} ms), the rest between tasks`,
  ];
  for (const s of a.sources.slice(0, top)) lines.push(`  ${s.ms.toFixed(0).padStart(7)} ms in ${String(s.frames).padStart(3)} frames${s.forcedLayoutMs >= 1 ? ` (forced layout ${s.forcedLayoutMs.toFixed(0)} ms)` : ''}  ${s.source}`);
  return lines;
}
