// The CPU work itself, as a task for the thread pool: this module is loaded
// by each worker *thread*, never by the thread that serves HTTP, so however
// long it spins, the process's event loop stays free.
import { threadId } from 'node:worker_threads';

export type WorkTask = { ms: number; fail: boolean };
export type WorkResult = { threadId: number };

// Piscina calls the default export with the value given to run(). What it
// returns (or throws) is sent back to run()'s promise, copied between threads.
export default function work({ ms, fail }: WorkTask): WorkResult {
  // A fixed time by the monotonic clock, as /slow spins: a counted loop would last however long this machine takes to count.
  const end = performance.now() + ms;
  while (performance.now() < end);
  // A bug in the task (GET /work?ms=N&fail=1): run() rejects; the thread and the process live on.
  if (fail) throw new Error(`the task failed after ${ms} ms (fail=1, a simulated bug)`);
  return { threadId };
}
