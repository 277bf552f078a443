/**
 * `cep.pattern`: Flink's CepOperator in event time. Records are buffered per key by timestamp
 * (table "queue", namespace = timestamp) until the watermark passes them — a record at or
 * behind the watermark is late: it goes to `lateOutput` when set, else it is dropped — and
 * then fed to the key's NFA in timestamp order (records with equal timestamps in arrival
 * order). Before each timestamp and at the watermark the NFA advances its time, which times out
 * partial matches older than `withinMs` (to `timeoutOutput`, stamped first event + within) and
 * completes a trailing notFollowedBy. Each match goes through `select` and is emitted with the
 * timestamp of the event (or the time) that completed it.
 *
 * Timers as Flink's: one per buffered timestamp, and one at start + within for each partial
 * match that starts. The NFA's state (partial matches, their events) is keyed state (table
 * "nfa"), so it is checkpointed, restored and redistributed with its key group. A non-keyed
 * input runs with one constant key at parallelism 1, as Flink keys it by a NullByteKeySelector.
 */
import { ParamError } from '../graph/errors.js';
import { compileNfa, type Condition } from '../cep/nfa-compiler.js';
import { initialNfaState, type Match, Nfa, type NfaKeyState, type NfaResult } from '../cep/nfa.js';
import type { CepStage } from '../graph/schema-cep.js';
import { type StateTable, VOID_NAMESPACE } from '../state/keyed-state-backend.js';
import type { Timer } from '../time/timer-service.js';
import { BaseOperator } from './base-operator.js';
import { type InputIndex, NO_TIMESTAMP } from './operator.js';
import { type Tracer, traceTimestamp } from './tracer.js';

const QUEUE = 'queue';
const NFA_STATE = 'nfa';

export class CepPatternOperator extends BaseOperator {
  private nfa!: Nfa;
  private nfaTable!: StateTable<NfaKeyState>;
  private queue!: StateTable<unknown[]>;
  private windowMs = 0;
  private select!: (match: Match, ctx: { key: unknown; timestamp: number }) => unknown;
  private timeoutSelect: ((match: Match, timeoutTimestamp: number) => unknown) | null = null;
  private timeoutTag: string | null = null;
  private lateTag: string | null = null;
  private readonly selectCtx = { key: undefined as unknown, timestamp: 0 };
  private tracer: Tracer | null = null;

  protected override setup(): void {
    const { nodeId, params, keyed } = this.ctx;
    const where = `cep.pattern node "${nodeId}"`;
    if (keyed === null) throw new Error(`${where}: runs on keyed state (the planner keys a non-keyed input by a constant key)`);
    const stages = params.pattern as CepStage[];
    if (!Array.isArray(stages) || stages.length === 0) throw new ParamError('params.pattern', `${where}, params.pattern: needs at least one stage`);
    const conditions = stages.map((s, i) => (s.where === undefined ? null : this.condition(s, i)));
    this.windowMs = typeof params.withinMs === 'number' ? params.withinMs : 0;
    this.nfa = new Nfa(compileNfa(stages, conditions, this.windowMs), params.afterMatchSkip ?? 'noSkip', typeof params.timeoutOutput === 'string');
    this.select = this.fn('select', where);
    if (typeof params.timeoutSelect === 'string') this.timeoutSelect = this.fn('timeoutSelect', where);
    this.timeoutTag = typeof params.timeoutOutput === 'string' ? params.timeoutOutput : null;
    this.lateTag = typeof params.lateOutput === 'string' ? params.lateOutput : null;
    this.nfaTable = keyed.backend.table(NFA_STATE);
    this.queue = keyed.backend.table(QUEUE);
    this.tracer = this.ctx.tracer ?? null;
  }

  private fn(field: string, where: string): (...args: any[]) => any {
    const fn = this.ctx.compile(this.ctx.params[field], field);
    if (typeof fn !== 'function') throw new ParamError(`params.${field}`, `${where}, params.${field}: must evaluate to a function, got ${fn === null ? 'null' : typeof fn}`);
    return fn;
  }

  private condition(stage: CepStage, i: number): Condition {
    const field = `pattern.${i}.where`;
    const fn = this.ctx.compile(stage.where!, field);
    const where = `cep.pattern node "${this.ctx.nodeId}", params.${field} (stage "${stage.name}")`;
    if (typeof fn !== 'function') throw new Error(`${where}: must evaluate to a function (event, ctx) => boolean`);
    return (event, ctx) => {
      try {
        return !!fn(event, ctx);
      } catch (e) {
        throw new Error(`${where}: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
  }

  processElement(value: unknown, timestamp: number, _input: InputIndex): void {
    if (timestamp === NO_TIMESTAMP) {
      throw new Error(`cep.pattern node "${this.ctx.nodeId}": records need event timestamps (add a watermarks node or a source timestampField)`);
    }
    const timers = this.ctx.keyed!.timers;
    if (timestamp > timers.currentWatermark()) {
      this.setKeyOf(value, 0);
      const bucket = this.queue.get(timestamp);
      if (bucket === undefined) {
        this.queue.put(timestamp, [value]);
        timers.registerEventTimeTimer(VOID_NAMESPACE, timestamp);
      } else bucket.push(value);
      if (this.tracer !== null) this.tracer.event({ type: 'cep.buffer', node: this.ctx.nodeId, key: this.traceKey(), value, ts: timestamp });
      return;
    }
    if (this.tracer !== null) {
      this.setKeyOf(value, 0);
      const type = this.lateTag !== null ? 'late.side-output' : 'late.dropped';
      this.tracer.event({ type, node: this.ctx.nodeId, key: this.traceKey(), value, ts: traceTimestamp(timestamp), cause: this.tracer.cause });
    }
    if (this.lateTag !== null) this.out.collectSide(this.lateTag, value, timestamp);
  }

  private traceKey(): unknown {
    const keyed = this.ctx.keyed!;
    return keyed.constantKey ? null : keyed.backend.getCurrentKey();
  }

  override onEventTimer(_timer: Timer): void {
    const keyed = this.ctx.keyed!;
    const watermark = keyed.timers.currentWatermark();
    const state = this.nfaTable.get() ?? initialNfaState(this.nfa.nfa);
    const nfa = this.nfa.use(state);
    const pending = (this.queue.namespaces() as number[]).filter((t) => t <= watermark).sort((a, b) => a - b);
    for (const ts of pending) {
      this.emit(nfa.advanceTime(ts), ts);
      for (const event of this.queue.get(ts)!) {
        const r = nfa.process(event, ts);
        if (r.started && this.windowMs > 0) keyed.timers.registerEventTimeTimer(VOID_NAMESPACE, ts + this.windowMs);
        this.emit(r, ts);
      }
      this.queue.remove(ts);
    }
    this.emit(nfa.advanceTime(watermark), watermark);
    if (this.tracer !== null) this.tracer.event({ type: 'cep.partial', node: this.ctx.nodeId, key: this.traceKey(), watermark, partial: nfa.partialMatches(), cause: this.tracer.cause });
    if (nfa.isEmpty()) this.nfaTable.remove();
    else this.nfaTable.put(VOID_NAMESPACE, state);
  }

  private emit(r: NfaResult, timestamp: number): void {
    if (r.matches.length > 0) {
      const keyed = this.ctx.keyed!;
      this.selectCtx.key = keyed.constantKey ? undefined : keyed.backend.getCurrentKey();
      this.selectCtx.timestamp = timestamp;
      for (const m of r.matches) {
        const value = this.select(m, this.selectCtx);
        if (this.tracer !== null) this.tracer.event({ type: 'cep.match', node: this.ctx.nodeId, key: this.traceKey(), match: m, result: value ?? null, ts: timestamp, cause: this.tracer.cause });
        if (value !== undefined) this.out.collect(value, timestamp);
      }
    }
    if (this.timeoutTag !== null) {
      for (const [m, ts] of r.timeouts) {
        const value = this.timeoutSelect === null ? m : this.timeoutSelect(m, ts);
        if (this.tracer !== null) this.tracer.event({ type: 'cep.timeout', node: this.ctx.nodeId, key: this.traceKey(), match: m, result: value ?? null, ts, cause: this.tracer.cause });
        if (value !== undefined) this.out.collectSide(this.timeoutTag, value, ts);
      }
    }
  }
}
