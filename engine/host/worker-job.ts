/**
 * The controller (Flink's job manager) for jobs in slot workers: spawns a pool of slots,
 * deploys subtask i of every vertex to slot i (slot sharing), wires every channel that crosses
 * slots as a MessagePort pair handed to the two workers — records never pass through here —
 * and gathers results, file output, metrics, completion and failure. How a slot is spawned
 * (Web Worker, worker thread) is the injected SlotSpawner.
 */
import * as Comlink from 'comlink';
import { JobFailure } from '../graph/errors.js';
import type { PortLike } from '../net/port-channel.js';
import type { OperatorIO } from '../operators/operator.js';
import { type ExecutionPlan, channelTargets } from '../plan/execution-plan.js';
import type { ChannelAssignment, SlotApi, SlotDeployment, SlotEvents, SlotReport, SubtaskMetrics } from './slot-protocol.js';

/** A running slot worker, seen from the controller. */
export interface SlotHandle {
  readonly api: Comlink.Remote<SlotApi>;
  /** Calls `listener` if the worker dies (an uncaught error, or the thread exits). */
  onCrash(listener: (message: string) => void): void;
  terminate(): void;
}

/** Host-specific: how to start a slot and how to make a channel between two of them. */
export interface SlotSpawner {
  spawn(index: number): SlotHandle;
  channel(): { port1: PortLike; port2: PortLike };
}

export interface WorkerJobOptions {
  io: OperatorIO;
  spawner: SlotSpawner;
  /** At most this many slots; subtasks share slots round-robin beyond it. Default: the plan's slots. */
  maxSlots?: number;
  batchSize?: number;
  /** Exclusive buffers (credits) per remote channel; also the capacity of in-slot channels. */
  channelCapacity?: number;
  metricsIntervalMs?: number;
  onMetrics?: (samples: SubtaskMetrics[]) => void;
}

export type WorkerJobStatus = 'created' | 'running' | 'finished' | 'failed' | 'canceled';

export class WorkerJob {
  status: WorkerJobStatus = 'created';
  failure: JobFailure | null = null;
  private slots: SlotHandle[] = [];
  private settle: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  private finishedSlots = 0;
  /** What each slot reported when it finished: where it ran and which subtasks. */
  readonly slotReports: SlotReport[] = [];

  constructor(
    readonly plan: ExecutionPlan,
    private readonly options: WorkerJobOptions,
  ) {}

  /** Number of slots the job uses. */
  get slotCount(): number {
    return Math.max(1, Math.min(this.plan.slots, this.options.maxSlots ?? this.plan.slots));
  }

  /** The slot that runs subtask `index` of any vertex. */
  slotOf(index: number): number {
    return index % this.slotCount;
  }

  /** The slots' control APIs (for tests and the IDE's plan view). */
  get slotApis(): ReadonlyArray<Comlink.Remote<SlotApi>> {
    return this.slots.map((s) => s.api);
  }

  async run(): Promise<void> {
    if (this.status !== 'created') throw new Error('a WorkerJob runs once');
    this.status = 'running';
    const { plan, options } = this;
    const n = this.slotCount;
    const done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    // A crash can settle the job while a control call waits for a worker that is gone.
    done.catch(() => {});
    const unlessDone = <T>(p: Promise<T>) => Promise.race([p, done]);
    try {
      for (let i = 0; i < n; i++) {
        const slot = options.spawner.spawn(i);
        slot.onCrash((message) => this.fail(new JobFailure(`slot-${i}`, i, `slot worker ${i} crashed: ${message}`)));
        this.slots.push(slot);
      }
      const files = this.readInputFiles();
      const subtasks: Array<Array<{ vertex: string; index: number }>> = Array.from({ length: n }, () => []);
      for (const v of plan.vertices) for (let i = 0; i < v.parallelism; i++) subtasks[this.slotOf(i)]!.push({ vertex: v.id, index: i });
      const channels: ChannelAssignment[][] = Array.from({ length: n }, () => []);
      const transfers: PortLike[][] = Array.from({ length: n }, () => []);
      const parallelism = new Map(plan.vertices.map((v) => [v.id, v.parallelism]));
      for (const edge of plan.edges) {
        const up = parallelism.get(edge.fromVertex)!;
        const down = parallelism.get(edge.toVertex)!;
        for (let i = 0; i < up; i++) {
          for (const j of channelTargets(edge, up, down, i)) {
            const s = this.slotOf(i);
            const r = this.slotOf(j);
            if (s === r) {
              channels[s]!.push({ edge: edge.index, from: i, to: j });
              continue;
            }
            const { port1, port2 } = options.spawner.channel();
            channels[s]!.push({ edge: edge.index, from: i, to: j, port: port1, end: 'send' });
            channels[r]!.push({ edge: edge.index, from: i, to: j, port: port2, end: 'receive' });
            transfers[s]!.push(port1);
            transfers[r]!.push(port2);
          }
        }
      }
      // Messages a slot posted before it was terminated may still arrive: only a running job
      // takes them.
      const live = () => this.status === 'running';
      const events: SlotEvents = {
        results: (batch) => {
          if (live()) for (const [sink, subtask, value] of batch) options.io.collect(sink, subtask, value);
        },
        fileText: (nodeId, path, text) => {
          if (live()) options.io.appendText(nodeId, path, text);
        },
        metrics: (samples) => {
          if (live()) options.onMetrics?.(samples);
        },
        finished: (_slot, report) => {
          this.slotReports.push(report);
          if (++this.finishedSlots === n && this.status === 'running') {
            this.status = 'finished';
            this.settle?.resolve();
          }
        },
        failed: (_slot, nodeId, subtask, message) => this.fail(new JobFailure(nodeId, subtask, message)),
      };
      const proxy = Comlink.proxy(events);
      await unlessDone(
        Promise.all(
        this.slots.map((slot, i) => {
          const deployment: SlotDeployment = {
            plan,
            slotIndex: i,
            subtasks: subtasks[i]!,
            channels: channels[i]!,
            files,
            batchSize: options.batchSize ?? 1024,
            channelCapacity: options.channelCapacity ?? 4,
            metricsIntervalMs: options.metricsIntervalMs ?? (options.onMetrics ? 250 : 0),
          };
          return slot.api.deploy(Comlink.transfer(deployment, transfers[i]! as never[]), proxy);
        }),
        ),
      );
      if (this.status === 'running') await unlessDone(Promise.all(this.slots.map((s) => s.api.start())));
      await done;
    } catch (e) {
      this.fail(e instanceof JobFailure ? e : new JobFailure('?', 0, e instanceof Error ? e.message : String(e), e));
    } finally {
      this.terminate();
    }
    if (this.failure) throw this.failure;
  }

  /** Stops the job: every slot worker is terminated and released. */
  cancel(): void {
    if (this.status === 'running' || this.status === 'created') {
      this.status = 'canceled';
      this.settle?.resolve();
    }
    this.terminate();
  }

  private fail(failure: JobFailure): void {
    if (this.status !== 'running' && this.status !== 'created') return;
    this.status = 'failed';
    this.failure = failure;
    this.settle?.reject(failure);
    this.terminate();
  }

  private terminate(): void {
    for (const s of this.slots) s.terminate();
  }

  /** File sources read their whole input here, once, and the text goes to the slots. */
  private readInputFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const node of Object.values(this.plan.nodes)) {
      if (node.kind !== 'source.file') continue;
      try {
        files[node.id] = this.options.io.readText(node.id, node.params.path);
      } catch (e) {
        throw new JobFailure(node.id, 0, e instanceof Error ? e.message : String(e), e);
      }
    }
    return files;
  }
}
