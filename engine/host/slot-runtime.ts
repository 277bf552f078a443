/**
 * A task slot: runs the subtasks deployed to it on its own thread (a Web Worker or a worker
 * thread) with the mailbox loop of a TaskScheduler. Channels to other slots are MessagePorts
 * with credits; channels between two subtasks of this slot are in-memory queues with the same
 * interface. Results, file output and metrics go back to the controller in batches.
 */
import type { ChannelReceiver, ChannelSender } from '../net/channel.js';
import { LocalChannel } from '../net/local-channel.js';
import { PortChannelReceiver, PortChannelSender } from '../net/port-channel.js';
import type { OperatorIO, SinkResult } from '../operators/operator.js';
import { OperatorError, failureMessage } from '../runtime/operator-error.js';
import { paramProblemOf, suppressesRestarts } from '../graph/errors.js';
import * as Comlink from 'comlink';
import { crc32, encodeState } from '../checkpoint/state-codec.js';
import { preciseNow } from '../checkpoint/coordinator.js';
import type { OperatorSnapshot } from '../operators/operator.js';
import { Task, type TaskCheckpointing } from '../runtime/task.js';
import { type RoundResult, TaskScheduler } from '../runtime/task-scheduler.js';
import { MetricsSampler } from '../metrics/task-metrics.js';
import type { SlotApi, SlotDeployment, SlotEvents, SlotReport } from './slot-protocol.js';
import { TapAttachment, type TapPoint } from '../runtime/data-tap.js';
import { ProgressBeacon } from '../runtime/progress-beacon.js';
import { baseFetch, fromFetched } from './job-fetch.js';
import type { ChaosCommand } from '../runtime/task-chaos.js';
import { taskKey } from '../runtime/task-key.js';
import { type ChannelTraffic, SlotClock, type SlotStats, type ThreadClock } from './slot-stats.js';

/** How long the loop runs before it yields to receive messages (credits, data, control). */
const SLICE_MS = 8;
const RESULT_BATCH = 1024;
/** How often data-tap rings go to the controller while records arrive (ms). */
const TAP_PUSH_MS = 200;

export class SlotRuntime implements SlotApi {
  private tasks: Task[] = [];
  private scheduler: TaskScheduler | null = null;
  private events: SlotEvents | null = null;
  private deployment: SlotDeployment | null = null;
  /** Remote channel ends by task (`vertex#index`), for the byte counters. */
  private readonly portEnds = new Map<string, { senders: PortChannelSender[]; receivers: PortChannelReceiver[] }>();
  private localChannels: LocalChannel[] = [];
  private state: 'idle' | 'running' | 'done' = 'idle';
  private scheduled = false;
  private finishedNormally = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private metricsTimer: ReturnType<typeof setInterval> | null = null;
  private results: SinkResult[] = [];
  private idleSince = -1;
  private readonly yieldChannel = new MessageChannel();
  private sampler: MetricsSampler | null = null;
  private readonly taps = new Map<number, { attachment: TapAttachment; pushed: number }>();
  private tapTimer: ReturnType<typeof setInterval> | null = null;
  private beacon: ProgressBeacon | null = null;
  private readonly slotClock: SlotClock;

  /** @param threadClock this thread's CPU time, where the platform tells it (the per-slot figures of SlotReport.stats) */
  constructor(
    private readonly isWorker: boolean,
    private readonly thread: string,
    threadClock: ThreadClock | null = null,
  ) {
    this.slotClock = new SlotClock(() => performance.now(), threadClock);
    (this.yieldChannel.port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => this.loop();
  }

  describe(): SlotReport {
    return {
      slotIndex: this.deployment?.slotIndex ?? -1,
      isWorker: this.isWorker,
      thread: this.thread,
      hasDocument: typeof (globalThis as { document?: unknown }).document !== 'undefined',
      subtasks: this.tasks.map((t) => ({ vertex: t.vertex.id, index: t.subtaskIndex, recordsIn: t.recordsIn })),
      ...(this.state === 'idle' ? {} : { stats: this.stats() }),
    };
  }

  /** Where this slot's thread spent the run so far (or until it finished). */
  stats(): SlotStats {
    const sum = (ends: Array<{ counters: { batches: number; records: number; bytes: number; waitedForCredit?: number } }>): ChannelTraffic => {
      let batches = 0;
      let records = 0;
      let bytes = 0;
      let waited = 0;
      for (const e of ends) {
        batches += e.counters.batches;
        records += e.counters.records;
        bytes += e.counters.bytes;
        waited += e.counters.waitedForCredit ?? 0;
      }
      return { batches, records, bytes, waitedForCredit: waited };
    };
    const senders = [...this.portEnds.values()].flatMap((e) => e.senders);
    const receivers = [...this.portEnds.values()].flatMap((e) => e.receivers);
    const tasks = this.tasks.map((t) => ({ task: t.name, busyMs: t.busyMs, backPressuredMs: t.backPressuredMs, recordsIn: t.recordsIn }));
    const received = sum(receivers);
    return this.slotClock.stats(tasks, sum(senders), { batches: received.batches, records: received.records, bytes: received.bytes });
  }

  deploy(d: SlotDeployment, events: SlotEvents): void {
    this.deployment = d;
    this.events = events;
    const wake = () => this.schedule();
    const inputs = new Map<string, Map<number, Array<{ from: number; r: ChannelReceiver }>>>();
    const outputs = new Map<string, Map<number, Array<{ to: number; s: ChannelSender }>>>();
    const add = <T>(m: Map<string, Map<number, T[]>>, key: string, edge: number, item: T) => {
      let byEdge = m.get(key);
      if (!byEdge) m.set(key, (byEdge = new Map()));
      let list = byEdge.get(edge);
      if (!list) byEdge.set(edge, (list = []));
      list.push(item);
    };
    for (const c of d.channels) {
      const edge = d.plan.edges[c.edge]!;
      const senderKey = taskKey(edge.fromVertex, c.from);
      const receiverKey = taskKey(edge.toVertex, c.to);
      if (c.port === undefined) {
        const ch = new LocalChannel(d.channelCapacity);
        this.localChannels.push(ch);
        add(outputs, senderKey, c.edge, { to: c.to, s: ch });
        add(inputs, receiverKey, c.edge, { from: c.from, r: ch });
      } else if (c.end === 'send') {
        const sender = new PortChannelSender(c.port, wake);
        this.endsOf(senderKey).senders.push(sender);
        add(outputs, senderKey, c.edge, { to: c.to, s: sender });
      } else {
        const r = new PortChannelReceiver(c.port, d.channelCapacity, wake);
        this.endsOf(receiverKey).receivers.push(r);
        add(inputs, receiverKey, c.edge, { from: c.from, r });
      }
    }
    const io: OperatorIO = {
      readText: (nodeId) => {
        const text = d.files[nodeId];
        if (text === undefined) throw new Error('no input file was given for this source');
        return text;
      },
      appendText: (nodeId, path, text) => this.events!.fileText(nodeId, path, text),
      ...(d.readsLines ? { readLines: (nodeId: string, fromLine: number, path?: string, fromByte?: number) => this.events!.readLines(nodeId, fromLine, path, fromByte) } : {}),
      ...(d.readsLines && d.streamsFiles ? { streamsFiles: true } : {}),
      // Straight from the slot where the platform's fetch reaches the job's base; else through the controller.
      fetch: d.fetchBase !== undefined ? baseFetch(d.fetchBase) : async (url, init) => fromFetched(await this.events!.fetch(url, init)),
      collect: (nodeId, subtask, value, kind) => {
        this.results.push(kind ? [nodeId, subtask, value, kind] : [nodeId, subtask, value]);
        if (this.results.length >= RESULT_BATCH) this.flushResults();
      },
    };
    const now = () => Date.now();
    const beacon = d.progress !== undefined ? new ProgressBeacon(d.progress, d.plan) : null;
    this.beacon = beacon;
    for (const { vertex, index } of d.subtasks) {
      const v = d.plan.vertices.find((x) => x.id === vertex)!;
      const key = taskKey(vertex, index);
      const ins = new Map<number, ChannelReceiver[]>();
      for (const [e, list] of inputs.get(key) ?? []) ins.set(e, list.sort((a, b) => a.from - b.from).map((x) => x.r));
      const outs = new Map<number, ChannelSender[]>();
      for (const [e, list] of outputs.get(key) ?? []) outs.set(e, list.sort((a, b) => a.to - b.to).map((x) => x.s));
      const checkpoints: TaskCheckpointing | undefined = d.barrierMode
        ? {
            barrierMode: d.barrierMode,
            onSnapshot: (task, id, state, alignmentMs) => {
              // Results before the barrier must reach the controller before the acknowledgement.
              this.flushResults();
              // Encoding a large state takes time that is not a stuck function.
              beacon?.beat();
              const encoding = preciseNow();
              const bytes = encodeState(state);
              const encoded = preciseNow();
              // The checksum here, not on the controller's thread (the IDE's page): slots compute theirs in parallel.
              const crc = crc32(bytes);
              const sentAt = preciseNow();
              beacon?.beat();
              const details = { crc32: crc, encodeMs: encoded - encoding, checksumMs: sentAt - encoded, sentAt };
              this.events!.checkpointAck(id, task.name, Comlink.transfer(bytes, [bytes.buffer]), alignmentMs, details);
            },
            onCut: (task, id) => {
              // The results before the cut are what the checkpoint covers: they go first.
              this.flushResults();
              this.events!.checkpointCut(id, task.name);
            },
          }
        : undefined;
      this.tasks.push(new Task(d.plan, v, index, { now, io, batchSize: d.batchSize, inputs: ins, outputs: outs, onMail: () => this.schedule(), ...(checkpoints ? { checkpoints } : {}), ...(beacon ? { beacon, markChain: d.markedVertices?.includes(vertex) === true } : {}) }));
    }
    // Topological order of vertices, as the scheduler expects.
    const order = new Map(d.plan.vertices.map((v, i) => [v.id, i]));
    this.tasks.sort((a, b) => order.get(a.vertex.id)! - order.get(b.vertex.id)! || a.subtaskIndex - b.subtaskIndex);
    this.scheduler = new TaskScheduler(this.tasks, now, () => performance.now());
    this.scheduler.beacon = beacon;
    this.guard(() => {
      // Opening compiles user code, whose top level may run (and hang) too.
      for (const t of this.tasks) {
        beacon?.enter(t.subtaskIndex, t.watchNode);
        t.open();
      }
      if (d.restore) {
        for (const t of this.tasks) {
          const byNode: Record<string, OperatorSnapshot | undefined> = {};
          for (const id of t.vertex.nodes) byNode[id] = d.restore[id]?.[t.subtaskIndex];
          t.restoreState(byNode);
        }
      }
      return 'progress';
    });
    beacon?.leave();
  }

  private endsOf(key: string): { senders: PortChannelSender[]; receivers: PortChannelReceiver[] } {
    let ends = this.portEnds.get(key);
    if (!ends) this.portEnds.set(key, (ends = { senders: [], receivers: [] }));
    return ends;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.slotClock.start();
    const interval = this.deployment!.metricsIntervalMs;
    if (interval > 0) {
      this.sampler = new MetricsSampler(this.tasks, this.deployment!.slotIndex, () => performance.now(), (t) => {
        const ends = this.portEnds.get(t.name);
        return {
          bytesIn: ends?.receivers.reduce((sum, r) => sum + r.counters.bytes, 0) ?? 0,
          bytesOut: ends?.senders.reduce((sum, x) => sum + x.counters.bytes, 0) ?? 0,
        };
      });
      this.metricsTimer = setInterval(() => this.sampleMetrics(), interval);
    }
    this.schedule();
  }

  triggerCheckpoint(id: number, unaligned = false): void {
    // A slot whose tasks all finished still acknowledges, with the state they finished with.
    if (this.state !== 'running' && !(this.state === 'done' && this.finishedNormally)) return;
    this.guard(() => {
      for (const t of this.tasks) t.triggerCheckpoint(id, unaligned);
      return 'progress';
    });
    this.schedule();
  }

  startTap(tapId: number, points: readonly TapPoint[], capacity: number): void {
    this.stopTap(tapId);
    this.taps.set(tapId, { attachment: new TapAttachment(this.tasks, points, capacity), pushed: 0 });
    if (this.tapTimer === null && this.state !== 'done') this.tapTimer = setInterval(() => this.pushTaps(), TAP_PUSH_MS);
  }

  stopTap(tapId: number): void {
    const tap = this.taps.get(tapId);
    if (tap === undefined) return;
    tap.attachment.detach();
    this.taps.delete(tapId);
    if (this.taps.size === 0 && this.tapTimer !== null) {
      clearInterval(this.tapTimer);
      this.tapTimer = null;
    }
  }

  /** Sends the rings of taps that saw records since the last push. */
  private pushTaps(): void {
    if (this.events === null) return;
    for (const [id, tap] of this.taps) {
      const total = tap.attachment.total();
      if (total === tap.pushed) continue;
      tap.pushed = total;
      this.events.tap(id, tap.attachment.snapshot());
    }
  }

  chaos(command: ChaosCommand): number {
    if (this.state !== 'running') return 0;
    let reached = 0;
    for (const t of this.tasks) {
      if (command.subtask !== undefined && t.subtaskIndex !== command.subtask) continue;
      // Marking outputs idle sends an event: like any step, a failure there fails the slot.
      if (this.guard(() => (t.applyChaos(command) ? 'progress' : 'idle')) === 'progress') reached++;
    }
    // A pause or sleep may have ended the slot's wait for a timer, an injected record wants a step.
    this.schedule();
    return reached;
  }

  cancel(): void {
    if (this.state === 'done') return;
    this.stop();
    for (const t of this.tasks) t.cancel();
  }

  private schedule(): void {
    if (this.scheduled || this.state !== 'running') return;
    this.scheduled = true;
    this.yieldChannel.port2.postMessage(0);
  }

  private loop(): void {
    try {
      this.runSlice();
    } finally {
      // Between slices the thread waits for messages: not stuck, whatever the wait.
      this.beacon?.leave();
    }
  }

  private runSlice(): void {
    this.scheduled = false;
    if (this.state !== 'running') return;
    const started = this.slotClock.sliceStart();
    const next = this.runRounds(started);
    if (next !== null) this.slotClock.sliceEnd(started, next);
  }

  /**
   * Runs rounds for up to SLICE_MS; returns what the thread does next: yield to its messages, or
   * wait (for credit, or for input); null when the slot finished (the slice is accounted for).
   */
  private runRounds(started: number): 'yield' | 'credit' | 'input' | null {
    const scheduler = this.scheduler!;
    if (this.idleSince >= 0) {
      const waited = performance.now() - this.idleSince;
      for (const t of this.tasks) if (t.isBackPressured()) t.backPressuredMs += waited;
      this.idleSince = -1;
    }
    const deadline = performance.now() + SLICE_MS;
    let r = this.guard(() => scheduler.runRound());
    while (r === 'progress' && performance.now() < deadline) r = this.guard(() => scheduler.runRound());
    if (r === 'failed' || this.state !== 'running') {
      this.slotClock.end();
      return 'input';
    }
    if (r === 'finished') {
      this.flushResults();
      this.sampleMetrics();
      this.pushTaps();
      this.stop();
      this.slotClock.end(this.slotClock.sliceEnd(started, 'input'));
      this.finishedNormally = true;
      this.events!.finished(this.deployment!.slotIndex, this.describe());
      return 'input';
    }
    if (r === 'progress') {
      this.schedule();
      return 'yield';
    }
    // Idle: wait for a message (data, credit) or the next processing-time wakeup.
    this.flushResults();
    this.idleSince = performance.now();
    const next = scheduler.nextWakeup();
    if (next !== Infinity) {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.schedule();
      }, Math.max(0, next - Date.now()));
    }
    return this.tasks.some((t) => t.isBackPressured()) ? 'credit' : 'input';
  }

  private flushResults(): void {
    if (this.results.length === 0) return;
    const batch = this.results;
    this.results = [];
    this.events!.results(batch);
  }

  private sampleMetrics(): void {
    if (this.events === null || this.sampler === null) return;
    this.events.metrics(this.sampler.sample());
  }

  private stop(): void {
    this.state = 'done';
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.metricsTimer !== null) clearInterval(this.metricsTimer);
    if (this.tapTimer !== null) clearInterval(this.tapTimer);
    this.tapTimer = null;
    this.yieldChannel.port1.close();
  }

  /** Runs `f`; a failure is reported to the controller (node id, subtask, message) and stops the slot. */
  private guard(f: () => RoundResult): RoundResult | 'failed' {
    try {
      return f();
    } catch (e) {
      const failed = this.tasks.find((t) => t.state === 'failed');
      const nodeId = e instanceof OperatorError ? e.nodeId : (failed?.headId ?? '?');
      this.flushResults();
      this.pushTaps();
      // The counters as they stood at the failure (the IDE shows the failed node's record count).
      this.sampleMetrics();
      this.stop();
      for (const t of this.tasks) t.cancel();
      const cause = e instanceof OperatorError ? e.original : e;
      const param = paramProblemOf(cause);
      this.events!.failed(this.deployment!.slotIndex, nodeId, failed?.subtaskIndex ?? 0, failureMessage(e), !suppressesRestarts(cause), ...(param ? [param] : []));
      return 'failed';
    }
  }
}
