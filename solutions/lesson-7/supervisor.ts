// Keeps `size` workers running: starts them, announces the pool once every
// one is ready, replaces the ones that die as the restart policy says, and
// stops them all on request. It knows workers only through StartWorker, not
// through node:cluster.
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

type Slot = { worker?: WorkerHandle; readyAt?: number; failures: number; restart?: NodeJS.Timeout };

// code is null when a signal killed the worker, so report whichever is set.
const describe = ({ code, signal }: WorkerExit) => (signal ? `killed by ${signal}` : `exited with code ${code}`);

export function superviseWorkers({ size, start, onAllReady }: { size: number; start: StartWorker; onAllReady(): void }) {
  const slots: Slot[] = Array.from({ length: size }, () => ({ failures: 0 }));
  let announced = false;
  let stopping = false;

  function launch(slot: Slot): WorkerHandle {
    const worker = start();
    slot.worker = worker;
    slot.readyAt = undefined;
    void worker.ready.then(() => {
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
    const workers = slots.flatMap((slot) => (slot.worker ? [slot.worker] : []));
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
    for (const slot of slots) slot.worker?.kill();
  }

  for (const slot of slots) launch(slot);
  return { stop, killAll };
}
