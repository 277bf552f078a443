/**
 * Inject a record or a watermark: into a source (its next element) or at the head of a channel.
 * Left empty, the record is shaped like the source's last one (or the channel's head) and its
 * event time is late relative to the current watermark (see chaos-defaults).
 */
import { useState } from 'react';
import type { InjectTarget } from '../../engine/index';
import { formatInstant } from '../format/time';
import { useApp, useAppStore } from '../store/app-store';
import { lateTimestamp, recordAt } from './chaos-defaults';

export function InjectForm({ target, where, template, timestampField }: { target: InjectTarget | null; where: string; template: unknown; timestampField?: string }) {
  const store = useAppStore();
  const position = useApp((s) => s.labPosition);
  useApp((s) => s.labVersion);
  const late = lateTimestamp(store.getState().labTrace.steps, position);
  const [json, setJson] = useState('');
  const [ts, setTs] = useState('');
  const [watermark, setWatermark] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const at = ts.trim() === '' ? late : Number(ts);
  const placeholder = JSON.stringify(recordAt(template, timestampField, at));

  const injectRecord = () => {
    if (target === null) return;
    if (!Number.isFinite(at)) return setProblem(`Event time (ms): "${ts}" is not a number`);
    let value: unknown;
    try {
      value = json.trim() === '' ? recordAt(template, timestampField, at) : JSON.parse(json);
    } catch (e) {
      return setProblem(`Record (JSON): ${e instanceof Error ? e.message : String(e)}`);
    }
    setProblem(null);
    void store.getState().labIntervene({ kind: 'inject-record', target, value, ts: at });
  };
  const injectWatermark = () => {
    if (target === null) return;
    const w = Number(watermark);
    if (watermark.trim() === '' || !Number.isFinite(w)) return setProblem(`Watermark (ms): "${watermark}" is not a number`);
    setProblem(null);
    void store.getState().labIntervene({ kind: 'inject-watermark', target, watermark: w });
  };
  return (
    <div className="lab-inject">
      <input aria-label={`Record (JSON) ${where}`} placeholder={placeholder} value={json} onChange={(e) => setJson(e.target.value)} />
      <input aria-label={`Event time (ms) ${where}`} type="number" placeholder={String(late)} title={`Empty: ${formatInstant(late)}, late relative to the current watermark`} value={ts} onChange={(e) => setTs(e.target.value)} />
      <button type="button" disabled={target === null} onClick={injectRecord}>
        Inject record {where}
      </button>
      <input aria-label={`Watermark (ms) ${where}`} type="number" placeholder="ms" value={watermark} onChange={(e) => setWatermark(e.target.value)} />
      <button type="button" disabled={target === null} onClick={injectWatermark}>
        Inject watermark {where}
      </button>
      {problem !== null && (
        <p role="alert" className="lab-inject-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
