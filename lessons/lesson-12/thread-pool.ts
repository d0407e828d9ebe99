// CPU work off the event loop. A worker process that computes for 2 s holds
// every connection it has for 2 s (lesson 4), and more processes only spread
// that cost. A few threads inside the process run the work instead, while the
// main thread keeps answering. Bounded: a task waits in a queue of at most
// `queue`; past that, a request is refused at once (503) rather than left
// waiting behind minutes of work.
import { parseMs, sendJson, type Route } from '#app';
import runTask from './work-task.ts';

export type ThreadSettings = { threads: number; queue: number };

export function startThreadPool(_settings: ThreadSettings) {
  // TODO: a pool of worker threads: `new Piscina<WorkTask, WorkResult>({ ... })`
  // (import { Piscina } from 'piscina'), whose threads load ./work-task.ts
  // (filename: new URL('./work-task.ts', import.meta.url).href). Exactly
  // `threads` of them, started now (minThreads and maxThreads). Listen for
  // the pool's 'error' event too (a thread that died outside any task): an
  // 'error' event with no listener would take the whole process down.

  // GET /work?ms=N[&fail=1]: spin N ms on a thread of this worker's pool.
  const work: Route = (url, res) => {
    const ms = parseMs(url.searchParams.get('ms'));
    if (ms === undefined) return sendJson(res, 400, { error: 'ms must be a whole number of milliseconds from 1 to 10000' });
    const fail = url.searchParams.get('fail') === '1';
    // TODO: this runs the task here, on the thread that serves HTTP: for N ms
    // nobody else gets an answer, as with /slow. Send it to the pool instead,
    // `pool.run({ ms, fail }, { signal })`, and answer when its promise
    // settles: 200 with { pid, threadId, ms }; 500 with the error's message if
    // the task threw. A rejection nobody handles would crash the worker.
    // The signal: abort the task when the response closes before it was sent
    // (the client gave up), so that it does not hold a thread for nobody.
    // Before run(): 503 at once when `queue` tasks already wait
    // (pool.queueSize). Piscina's maxQueue would not do: piscina 5.3.2 does
    // not count a task run with a signal against it.
    const { threadId } = runTask({ ms, fail });
    sendJson(res, 200, { pid: process.pid, threadId, ms });
  };

  // TODO: end the pool's threads (pool.destroy()), for a worker that leaves.
  const close = async () => {};
  return { work, close };
}
