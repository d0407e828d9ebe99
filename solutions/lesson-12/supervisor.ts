// Keeps `size` workers running: starts them, announces the pool once every
// one is ready, replaces the ones that die as the restart policy says,
// replaces a healthy one on request (new first, then the old one leaves, or is
// killed at a deadline), and stops them all on request. It knows workers only
// through StartWorker, not through node:cluster.
import { setTimeout as delay } from 'node:timers/promises';
import { decideRestart } from './restart-policy.ts';

export type WorkerExit = { code: number | null; signal: string | null; onPurpose: boolean };
export type WorkerHandle = {
  pid: number;
  ready: Promise<void>; // listening; never settles if the worker dies first
  exited: Promise<WorkerExit>;
  stop(): void; // ask it to finish what it is doing and leave
  kill(): void; // SIGKILL: for a worker that must go now
};
export type StartWorker = () => WorkerHandle;
// How long a roll waits for a new worker to listen, then to stay up, before it retires the old one.
export type RollLimits = { readyTimeoutMs: number; soakMs: number };

type Slot = { worker?: WorkerHandle; readyAt?: number; failures: number; restart?: NodeJS.Timeout };

// code is null when a signal killed the worker, so report whichever is set.
const describe = ({ code, signal }: WorkerExit) => (signal ? `killed by ${signal}` : `exited with code ${code}`);

// stopTimeoutMs: how long a replaced worker may take to leave before it is killed.
export function superviseWorkers({ size, start, onAllReady, stopTimeoutMs }: { size: number; start: StartWorker; onAllReady(): void; stopTimeoutMs: number }) {
  const slots: Slot[] = Array.from({ length: size }, () => ({ failures: 0 }));
  let announced = false;
  let stopping = false;
  const newcomers = new Set<WorkerHandle>(); // started by replaceWorker, not in a slot yet
  const retiring = new Set<WorkerHandle>(); // replaced, asked to leave, in no slot any more

  function launch(slot: Slot): WorkerHandle {
    return watch(slot, start());
  }

  // The slot's worker from now on: its readiness and its exit are the slot's.
  function watch(slot: Slot, worker: WorkerHandle): WorkerHandle {
    clearTimeout(slot.restart);
    slot.restart = undefined;
    slot.worker = worker;
    slot.readyAt = undefined;
    void worker.ready.then(() => {
      if (slot.worker !== worker) return;
      slot.readyAt = performance.now(); // monotonic: a wall-clock step must not age or rejuvenate a worker
      if (!announced && slots.every((each) => each.readyAt !== undefined)) {
        announced = true;
        onAllReady();
      }
    });
    void worker.exited.then((exit) => onExit(slot, worker, exit));
    return worker;
  }

  function onExit(slot: Slot, worker: WorkerHandle, exit: WorkerExit): void {
    if (slot.worker !== worker) return; // replaced already: its exit is expected
    const servedMs = slot.readyAt === undefined ? undefined : performance.now() - slot.readyAt;
    slot.worker = undefined;
    slot.readyAt = undefined;
    if (stopping) return; // a shutdown: every exit is expected, none is replaced
    if (exit.onPurpose) return leftOnPurpose(worker);
    const poolServing = slots.some((each) => each.readyAt !== undefined);
    const decision = decideRestart({ failures: slot.failures, servedMs, poolServing });
    slot.failures = decision.failures;
    if (decision.action === 'give up') {
      console.error(`worker ${worker.pid} ${describe(exit)}: ${decision.failures} failed starts in a row and no worker serving; giving up`);
      for (const other of slots) other.worker?.kill();
      process.exit(1);
    }
    const when = decision.delayMs === 0 ? 'now' : `in ${decision.delayMs} ms (failure ${decision.failures} in a row)`;
    console.log(`worker ${worker.pid} ${describe(exit)}; starting a replacement ${when}`);
    slot.restart = setTimeout(() => {
      slot.restart = undefined;
      const replacement = launch(slot);
      console.log(`worker ${replacement.pid} started in place of ${worker.pid}`);
    }, decision.delayMs);
  }

  // Start a new worker for slot `index`; once it has listened for soakMs
  // without dying, it takes the slot and the worker it replaces is asked to
  // leave. Resolves once that one is gone: by itself, or killed after
  // stopTimeoutMs (a long request, a stream). A newcomer that dies, is not
  // listening within readyTimeoutMs, or dies during its soak, is killed, and
  // the slot keeps its worker: a broken deploy costs no capacity, and, never
  // having been the slot's, it is no failure of the slot's.
  async function replaceWorker(index: number, { readyTimeoutMs, soakMs }: RollLimits): Promise<void> {
    if (stopping) throw new Error('the pool is shutting down');
    const newcomer = start();
    newcomers.add(newcomer);
    const listening = await Promise.race([
      newcomer.ready.then(() => 'ready'),
      newcomer.exited.then((exit) => `${describe(exit)} before it was listening`),
      delay(readyTimeoutMs, `was not listening after ${readyTimeoutMs} ms`, { ref: false }),
    ]);
    // A release that crashes a second after it listens must not replace a healthy worker.
    const outcome =
      listening === 'ready'
        ? await Promise.race([
            delay(soakMs, 'ready', { ref: false }),
            newcomer.exited.then((exit) => `${describe(exit)} during its soak (ROLL_SOAK_MS=${soakMs}), after it was listening`),
          ])
        : listening;
    newcomers.delete(newcomer);
    if (outcome !== 'ready' || stopping) {
      newcomer.kill();
      await newcomer.exited;
      throw new Error(`new worker ${newcomer.pid} ${stopping ? 'came during a shutdown' : outcome}`);
    }
    const slot = slots[index]!;
    const previous = slot.worker;
    watch(slot, newcomer); // listening already: watch() records it as ready
    slot.failures = 0; // new code, a clean record
    if (previous) await retire(previous);
  }

  // Ask a replaced worker to leave, and kill it at stopTimeoutMs: without a
  // deadline, a stream or a long poll would hold the roll at this slot, with
  // size + 1 workers, for as long as it lasts. Until it is gone it is in
  // `retiring`, so that a shutdown during the roll reaches it too.
  async function retire(worker: WorkerHandle): Promise<void> {
    retiring.add(worker);
    worker.stop();
    const outcome = await Promise.race([worker.exited.then(() => 'gone'), delay(stopTimeoutMs, 'deadline', { ref: false })]);
    if (outcome === 'deadline') {
      console.error(`worker ${worker.pid} still busy ${stopTimeoutMs} ms after it was replaced; killing it`);
      worker.kill();
      await worker.exited;
    }
    retiring.delete(worker);
  }

  // Nobody asked this worker to go (no shutdown): the pool shrinks, and an
  // empty pool must not look like a clean stop (exit 0) to systemd or Kubernetes.
  function leftOnPurpose(worker: WorkerHandle): void {
    console.warn(`worker ${worker.pid} left on purpose; not replacing it: the pool is one worker smaller`);
    if (slots.some((slot) => slot.worker || slot.restart)) return;
    console.error(`primary ${process.pid}: every worker has left on purpose and none is coming back; exiting 1`);
    process.exit(1);
  }

  // Stop restarting, ask every worker to leave, and kill the ones still there
  // at the deadline. Resolves with the PIDs it had to kill.
  async function stop(timeoutMs: number): Promise<number[]> {
    stopping = true;
    for (const slot of slots) clearTimeout(slot.restart);
    const workers = [...slots.flatMap((slot) => (slot.worker ? [slot.worker] : [])), ...newcomers, ...retiring];
    const gone = new Set<WorkerHandle>();
    for (const worker of workers) {
      void worker.exited.then(() => gone.add(worker));
      worker.stop();
    }
    const deadline = delay(timeoutMs, 'deadline', { ref: false });
    await Promise.race([Promise.all(workers.map((worker) => worker.exited)), deadline]);
    const stuck = workers.filter((worker) => !gone.has(worker));
    for (const worker of stuck) worker.kill();
    await Promise.all(stuck.map((worker) => worker.exited));
    return stuck.map((worker) => worker.pid);
  }

  // Why: the second signal of a shutdown must not wait for anything.
  function killAll(): void {
    for (const worker of [...slots.map((slot) => slot.worker), ...newcomers, ...retiring]) worker?.kill();
  }

  for (const slot of slots) launch(slot);
  return { size, replaceWorker, stop, killAll };
}
