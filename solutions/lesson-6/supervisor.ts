// Keeps `size` workers running: starts them, announces the pool once every
// one is ready, and replaces the ones that die as the restart policy says. It
// knows workers only through StartWorker, not through node:cluster.
import { decideRestart } from './restart-policy.ts';

export type WorkerExit = { code: number | null; signal: string | null; onPurpose: boolean };
export type WorkerHandle = {
  pid: number;
  ready: Promise<void>; // listening; never settles if the worker dies first
  exited: Promise<WorkerExit>;
  kill(): void; // SIGKILL: for a worker that must go now
};
export type StartWorker = () => WorkerHandle;

type Slot = { worker?: WorkerHandle; readyAt?: number; failures: number; restart?: NodeJS.Timeout };

// code is null when a signal killed the worker, so report whichever is set.
const describe = ({ code, signal }: WorkerExit) => (signal ? `killed by ${signal}` : `exited with code ${code}`);

export function superviseWorkers({ size, start, onAllReady }: { size: number; start: StartWorker; onAllReady(): void }) {
  const slots: Slot[] = Array.from({ length: size }, () => ({ failures: 0 }));
  let announced = false;

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

  for (const slot of slots) launch(slot);
}
