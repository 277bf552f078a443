/**
 * The controller (Flink's job manager) for jobs in slot workers: spawns a pool of slots,
 * deploys subtask i of every vertex to slot i (slot sharing), wires every channel that crosses
 * slots as a MessagePort pair handed to the two workers — records never pass through here —
 * and gathers results, file output, metrics, completion and failure. With checkpointing it
 * triggers checkpoints, commits results on completion, and on a failure restarts every task
 * from the latest completed checkpoint as the restart strategy allows. How a slot is spawned
 * (Web Worker, worker thread) is the injected SlotSpawner.
 */
import * as Comlink from 'comlink';
import type { CheckpointCoordinator, CheckpointStats } from '../checkpoint/coordinator.js';
import { CheckpointDriver } from '../checkpoint/periodic-trigger.js';
import { createCoordinator, runWithRecovery } from '../checkpoint/recovery.js';
import type { CorruptCheckpointError } from '../checkpoint/restore.js';
import { type CheckpointMetadata, type CheckpointStorage, MemoryCheckpointStorage } from '../checkpoint/storage.js';
import { JobFailure } from '../graph/errors.js';
import type { OperatorIO, OperatorSnapshot } from '../operators/operator.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import { ChaosMonkey, type ChaosOptions } from './chaos.js';
import type { Job, JobStatus } from './job.js';
import { toFetched } from './job-fetch.js';
import { CHAOS_VERBS, type ChaosCommand, checkChaosCommand } from './chaos-control.js';
import { layoutSlots } from './deployment.js';
import type { SlotApi, SlotDeployment, SlotEvents, SlotReport, SubtaskMetrics } from './slot-protocol.js';
import type { SlotSpawner } from './slot-spawner.js';
import { createBeaconMemory } from '../runtime/progress-beacon.js';
import { type Stall, Watchdog, stallFailure } from './watchdog.js';
import type { DataTapHandle, TapOptions, TapPoint } from '../runtime/data-tap.js';
import { taskKey } from '../runtime/task-key.js';
import { inputFileError } from '../operators/source-file.js';
import { type Attempt, createAttempt, slotGone } from './worker-attempt.js';
import { ControllerTaps } from './worker-taps.js';

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
  /** Where checkpoints go (default: memory). */
  storage?: CheckpointStorage;
  /** State to start from (a savepoint or retained checkpoint), by node id then subtask index. */
  restore?: Record<string, OperatorSnapshot[]>;
  /** The id of the savepoint or checkpoint `restore` holds: checkpoint ids go on after it, as Flink's do. */
  restoredCheckpointId?: number;
  onCheckpoint?: (stats: CheckpointStats) => void;
  /** A restart after a failure: which one, and why. */
  onRestart?: (attempt: number, failure: JobFailure) => void;
  /** A stored checkpoint that could not be used (reported, then an older one is used). */
  onCorruptCheckpoint?: (error: CorruptCheckpointError) => void;
  /** Fault injection: kill random slot workers at random moments (seeded). */
  chaos?: ChaosOptions;
  /** Checkpoints that take longer are declined (ms). Default 60 s. */
  checkpointTimeoutMs?: number;
  /** Take a savepoint of the final state when the job finishes (see `finalSavepoint`). */
  savepointAtEnd?: boolean;
  /** Overrides the plan's `functionTimeoutMs` (ms; 0 = the watchdog never fails the job). */
  functionTimeoutMs?: number;
  /**
   * A slot stuck inside one burst for over a second (its stall: node, subtask, how long), on
   * every watchdog check while it lasts; `null` when it moves again or its attempt ends.
   */
  onUnresponsive?: (slot: number, stall: Stall | null) => void;
}

export type { SlotHandle, SlotSpawner } from './slot-spawner.js';

export class WorkerJob implements Job {
  status: JobStatus = 'created';
  failure: JobFailure | null = null;
  /** Restarts so far. */
  restarts = 0;
  /** What each slot reported when it finished: where it ran and which subtasks. */
  readonly slotReports: SlotReport[] = [];
  private attempt: Attempt | null = null;
  private coordinator: CheckpointCoordinator | null = null;
  private readonly storage: CheckpointStorage;
  private chaos: ChaosMonkey | null;
  /** The savepoint taken at the end (with `savepointAtEnd`). */
  finalSavepoint: CheckpointMetadata | null = null;
  private readonly taps: ControllerTaps;
  /** Chains that hung with several functions in them: marked from the next attempt on (see progress-beacon). */
  private readonly markedVertices = new Set<string>();

  constructor(
    readonly plan: ExecutionPlan,
    private readonly options: WorkerJobOptions,
  ) {
    this.storage = options.storage ?? new MemoryCheckpointStorage();
    this.chaos = options.chaos ? new ChaosMonkey(options.chaos) : null;
    this.taps = new ControllerTaps(plan, () => this.attempt);
  }

  /** Number of slots the job uses. */
  get slotCount(): number {
    return Math.max(1, Math.min(this.plan.slots, this.options.maxSlots ?? this.plan.slots));
  }

  /** The slots' control APIs of the current deployment (tests, the IDE's plan view). */
  get slotApis(): ReadonlyArray<Comlink.Remote<SlotApi>> {
    return this.attempt?.slots.map((s) => s.api) ?? [];
  }

  /** Checkpoint history (id, status, duration, size). */
  get checkpoints(): readonly CheckpointStats[] {
    return this.coordinator?.history ?? [];
  }

  async run(): Promise<void> {
    if (this.status !== 'created') throw new Error('a WorkerJob runs once');
    this.status = 'running';
    const { plan, options } = this;
    this.coordinator = await createCoordinator(plan, this.storage, options.io, options.onCheckpoint, options.restoredCheckpointId);
    try {
      await runWithRecovery({
        plan,
        storage: this.storage,
        coordinator: this.coordinator,
        initialRestore: options.restore,
        attempt: (restore) => this.deploy(restore),
        canceled: () => this.isCanceled(),
        onRestarting: (n, failure) => {
          this.status = 'restarting';
          this.restarts = n;
          options.onRestart?.(n, failure);
        },
        onRunning: () => {
          this.status = 'running';
        },
        ...(options.onCorruptCheckpoint ? { onCorruptCheckpoint: options.onCorruptCheckpoint } : {}),
      });
      if (this.status === 'running') this.status = 'finished';
    } catch (e) {
      this.status = 'failed';
      this.failure = e as JobFailure;
      throw e;
    }
  }

  /**
   * Takes a savepoint and stops the job (Flink's stop-with-savepoint): results up to the
   * savepoint are published, nothing after it; a job restored from it produces the rest.
   */
  async stopWithSavepoint(): Promise<CheckpointMetadata> {
    const metadata = await this.triggerSavepoint();
    this.cancel();
    return metadata;
  }

  /** Takes a savepoint of the running job; it goes on running (see `Job.savepoint`). */
  savepoint(): Promise<CheckpointMetadata> {
    return this.triggerSavepoint();
  }

  /** Takes a savepoint of the running job; it goes on running. */
  async triggerSavepoint(): Promise<CheckpointMetadata> {
    const coordinator = this.coordinator;
    const attempt = this.attempt;
    if (coordinator === null) throw new Error('savepoints need the job\'s checkpointing block');
    if (attempt === null || attempt.settled) throw new Error('the job is not running');
    // Tasks that are not deployed yet could not take part.
    await Promise.race([attempt.started, attempt.done]);
    if (attempt.settled) throw new Error('the job is not running');
    if (attempt.checkpoints === null) throw new Error('savepoints need the job\'s checkpointing block');
    // Waits for a checkpoint in progress (no polling); the coordinator rejects it if the job ends first.
    return attempt.checkpoints.savepoint();
  }

  /**
   * Starts a data tap on output ports of plan nodes: every subtask of each node keeps the last
   * records that left the port, and the slots push their rings here a few times a second while
   * records arrive (and once more when they finish). A tap started before `run` or while slots
   * deploy attaches as they start; it is attached again after a restart; after the job ends
   * `snapshot()` keeps the last view.
   */
  startTap(points: TapPoint | readonly TapPoint[], options: TapOptions = {}): DataTapHandle {
    return this.taps.start(points, options);
  }

  /** Fault injection by hand: kills slot `index` of the current deployment as if it crashed. */
  slotKillForTests(index: number): void {
    this.attempt?.slots[index]?.kill();
  }

  /**
   * Applies a chaos control (pause or idle a source, inject a record, slow a node, throw at the
   * next record) to the current deployment's subtasks of the node; resolves with how many it
   * reached. A restart deploys fresh tasks: pauses and slowdowns end with the attempt.
   */
  async applyChaos(command: ChaosCommand): Promise<number> {
    checkChaosCommand(this.plan, command);
    // One record goes in once: into subtask 0 unless told (a collection source emits from there).
    if (command.kind === 'inject-record' && command.subtask === undefined) command = { ...command, subtask: 0 };
    const attempt = this.attempt;
    if (attempt === null || attempt.settled) throw new Error('the job is not running');
    await Promise.race([attempt.started, attempt.done]);
    if (attempt.settled) throw new Error('the job is not running');
    // A slot terminated meanwhile never answers (a throw-next in another slot may end the attempt).
    const ended = attempt.done.then(
      () => 0,
      () => 0,
    );
    // A call that rejects did not reach the slot (the command could not be sent) or failed in
    // it: said as it is, never taken for "no running subtask".
    const refused = (slot: number) => (e: unknown) => {
      if (attempt.settled) return 0;
      throw new Error(`cannot ${CHAOS_VERBS[command.kind]} node "${command.nodeId}": slot ${slot} refused the control: ${e instanceof Error ? e.message : String(e)}`);
    };
    const counts = await Promise.all(attempt.slots.map((s, i) => Promise.race([s.api.chaos(command).catch(refused(i)), ended])));
    const reached = counts.reduce((a, b) => a + b, 0);
    if (reached === 0 && command.kind !== 'end' && !attempt.settled) {
      const which = command.subtask === undefined ? 'no running subtask' : `subtask #${command.subtask} is not running`;
      throw new Error(`cannot ${CHAOS_VERBS[command.kind]} node "${command.nodeId}": ${which} (it may have finished)`);
    }
    return reached;
  }

  /** Read through a method: `cancel` may change the status while `run` awaits. */
  private isCanceled(): boolean {
    return this.status === 'canceled';
  }

  /** Stops the job: every slot worker is terminated and released. */
  cancel(): void {
    if (this.status === 'finished' || this.status === 'failed') return;
    this.status = 'canceled';
    this.attempt?.settle();
  }

  /**
   * Deploys the plan once and resolves when every slot finished; rejects with the first failure.
   * In Flink's order: spawn the slots (watched by the watchdog), hand each its subtasks and
   * channels, attach the taps, start the tasks, then trigger checkpoints until the attempt ends.
   */
  private async deploy(restore: Record<string, OperatorSnapshot[]> | undefined): Promise<void> {
    const attempt = createAttempt();
    const { coordinator, plan } = this;
    if (coordinator !== null && plan.checkpointing) {
      attempt.checkpoints = new CheckpointDriver(coordinator, plan.checkpointing, this.options.checkpointTimeoutMs, (id, unaligned) => {
        for (const s of attempt.slots) s.api.triggerCheckpoint(id, unaligned).catch(slotGone);
      });
    }
    this.attempt = attempt;
    const unlessSettled = <T>(p: Promise<T>) => Promise.race([p, attempt.done]);
    const watchdog = this.newWatchdog(attempt);
    let stopCheckpoints = () => {};
    try {
      const beacons = this.spawnSlots(attempt, watchdog);
      watchdog.start();
      const files = this.readInputFiles();
      const layout = layoutSlots(this.plan, this.slotCount, () => this.options.spawner.channel());
      const events = Comlink.proxy(this.slotEvents(attempt));
      await unlessSettled(
        Promise.all(
          attempt.slots.map((slot, i) => {
            const deployment: SlotDeployment = {
              ...this.deploymentOptions(),
              plan: this.plan,
              slotIndex: i,
              subtasks: layout[i]!.subtasks,
              channels: layout[i]!.channels,
              files,
              ...(this.options.io.readLines ? { readsLines: true as const } : {}),
              ...(this.options.io.readLines && this.options.io.streamsFiles ? { streamsFiles: true as const } : {}),
              ...(restore ? { restore } : {}),
              ...(beacons[i] ? { progress: beacons[i], markedVertices: [...this.markedVertices] } : {}),
            } satisfies SlotDeployment;
            return slot.api.deploy(Comlink.transfer(deployment, layout[i]!.transfers as never[]), events);
          }),
        ),
      );
      // Taps go to the slots before they start, so they see the first records.
      attempt.deployed = true;
      if (!attempt.settled) this.taps.attach(attempt);
      if (!attempt.settled) await unlessSettled(Promise.all(attempt.slots.map((s) => s.api.start())));
      attempt.markStarted();
      // The controller's thread is idle between messages: a timer asks the trigger.
      if (!attempt.settled && attempt.checkpoints !== null) stopCheckpoints = attempt.checkpoints.startTimer(() => Date.now());
      this.chaos?.arm(attempt.slots, () => !attempt.settled);
      await attempt.done;
    } finally {
      stopCheckpoints();
      watchdog.stop();
      this.chaos?.disarm();
      attempt.settle();
    }
  }

  /** A stuck slot cannot report itself: the watchdog reads its beacon, and settling the attempt terminates it. */
  private newWatchdog(attempt: Attempt): Watchdog {
    const { options } = this;
    const watchdog = new Watchdog({
      plan: this.plan,
      ...(options.functionTimeoutMs !== undefined ? { timeoutMs: options.functionTimeoutMs } : {}),
      markedVertices: new Set(this.markedVertices),
      now: () => Date.now(),
      onTimeout: (stall) => {
        if (stall.others.length > 0) this.markedVertices.add(stall.vertex);
        attempt.settle(stallFailure(stall, watchdog.timeoutMs));
      },
      onUnresponsive: (slot, stall) => {
        if (!attempt.settled || stall === null) options.onUnresponsive?.(slot, stall);
      },
    });
    return watchdog;
  }

  /** Spawns the attempt's slots, each watched through its progress beacon (null where shared memory is not available). */
  private spawnSlots(attempt: Attempt, watchdog: Watchdog): Array<SharedArrayBuffer | null> {
    const beacons: Array<SharedArrayBuffer | null> = [];
    for (let i = 0; i < this.slotCount; i++) {
      const slot = this.options.spawner.spawn(i);
      slot.onCrash((message) => attempt.settle(JobFailure.slotCrashed(i, `slot worker ${i} crashed: ${message}`)));
      attempt.slots.push(slot);
      const memory = createBeaconMemory();
      beacons.push(memory);
      if (memory !== null) watchdog.watch(i, memory);
    }
    return beacons;
  }

  /** What every slot of the job is deployed with, whichever subtasks it holds. */
  private deploymentOptions() {
    const { options, plan } = this;
    return {
      batchSize: options.batchSize ?? 1024,
      channelCapacity: options.channelCapacity ?? 16,
      metricsIntervalMs: options.metricsIntervalMs ?? (options.onMetrics ? 250 : 0),
      ...(plan.checkpointing ? { barrierMode: plan.checkpointing.mode } : {}),
      ...(options.io.fetchBase !== undefined ? { fetchBase: options.io.fetchBase } : {}),
    };
  }

  /** The controller's side of the slot protocol: what the slots report, taken only from the live attempt. */
  private slotEvents(attempt: Attempt): SlotEvents {
    const { plan, options } = this;
    const coordinator = this.coordinator;
    // Messages a terminated slot posted may still arrive: only the live attempt takes them.
    const live = () => !attempt.settled;
    let finished = 0;
    return {
      results: (batch) => {
        if (!live()) return;
        if (coordinator === null) {
          for (const [sink, subtask, value, kind] of batch) options.io.collect(sink, subtask, value, kind);
          return;
        }
        for (const r of batch) coordinator.hold(taskKey(plan.nodes[r[0]]!.vertex, r[1]), [r]);
      },
      fileText: (nodeId, path, text) => {
        if (live()) options.io.appendText(nodeId, path, text);
      },
      metrics: (samples) => {
        if (live()) options.onMetrics?.(samples);
      },
      checkpointCut: (id, task) => {
        if (live()) coordinator?.cover(id, task);
      },
      checkpointAck: (id, task, state, alignmentMs, details) => {
        // A checkpoint the storage refuses (IndexedDB full) is reported by the coordinator as
        // declined with the reason; the job goes on without it, as on the inline host.
        if (live() && coordinator) coordinator.acknowledge(id, task, state, alignmentMs, details).catch(() => undefined);
      },
      finished: (_slot, report) => {
        if (!live()) return;
        this.slotReports.push(report);
        if (++finished < attempt.slots.length) return;
        if (!options.savepointAtEnd || coordinator === null) return attempt.settle();
        // Every task finished: their final states make the savepoint.
        this.triggerSavepoint().then(
          (m) => {
            this.finalSavepoint = m;
            attempt.settle();
          },
          (e: unknown) => attempt.settle(JobFailure.ofJob(e, 'the final savepoint failed')),
        );
      },
      failed: (_slot, nodeId, subtask, message, restartable, param) => attempt.settle(JobFailure.atNode(nodeId, subtask, message, undefined, restartable, param ?? null)),
      tap: (tapId, snapshots) => {
        if (live()) this.taps.receive(tapId, snapshots);
      },
      readLines: (nodeId, fromLine, path, fromByte) => {
        const io = options.io;
        if (io.readLines === undefined) return Promise.reject(new Error('this host has no standard input'));
        return io.readLines(nodeId, fromLine, path, fromByte);
      },
      fetch: async (url, init) => {
        const io = options.io;
        if (io.fetch === undefined) throw new Error('this host offers no fetch');
        const fetched = await toFetched(await io.fetch(url, init));
        return Comlink.transfer(fetched, [fetched.body]);
      },
    };
  }

  /**
   * File sources read their whole input here, once, and the text goes to the slots — unless the
   * I/O streams them (the CLI): then the source asks for lines in chunks (SlotEvents.readLines).
   */
  private readInputFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    const { readLines, streamsFiles } = this.options.io;
    for (const node of Object.values(this.plan.nodes)) {
      if (node.kind !== 'source.file') continue;
      try {
        // Standard input (and a streamed file) is read as the source asks for it (SlotEvents.readLines):
        // a missing file fails the deployment here all the same, not the first read.
        if (readLines !== undefined && (node.params.path === '-' || streamsFiles === true)) this.options.io.checkInput?.(node.id, node.params.path);
        else files[node.id] = this.options.io.readText(node.id, node.params.path);
      } catch (e) {
        const error = inputFileError(e);
        throw JobFailure.atNode(node.id, 0, error.message, error);
      }
    }
    return files;
  }
}
