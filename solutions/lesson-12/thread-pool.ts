// CPU work off the event loop. A worker process that computes for 2 s holds
// every connection it has for 2 s (lesson 4), and more processes only spread
// that cost. A few threads inside the process run the work instead, while the
// main thread keeps answering. Bounded: a task waits in a queue of at most
// `queue`; past that, a request is refused at once (503) rather than left
// waiting behind minutes of work. And a task whose client gave up is stopped,
// rather than left to hold a thread for nobody.
import { parseMs, sendJson, type Route } from '#app';
import { Piscina } from 'piscina';
import type { WorkResult, WorkTask } from './work-task.ts';

export type ThreadSettings = { threads: number; queue: number };

export function startThreadPool({ threads, queue }: ThreadSettings) {
  const pool = new Piscina<WorkTask, WorkResult>({
    // A .ts file: each thread loads it through tsx, which it inherits from the
    // process's execArgv (node --import tsx), as cluster workers do.
    filename: new URL('./work-task.ts', import.meta.url).href,
    // A fixed number of threads, started now: a thread takes a while to start
    // (tsx compiles the task), and no request should pay for that.
    minThreads: threads,
    maxThreads: threads,
    // No maxQueue: piscina 5.3.2 counts only tasks run without a signal against
    // it, and every task here has one (below). The route bounds the queue itself.
  });
  // A thread that dies outside any task (an exception thrown later, from a
  // timer): piscina starts another and emits 'error' on the pool. An 'error'
  // event with no listener would take the whole process down.
  pool.on('error', (error: Error) => console.error(`worker ${process.pid}: a thread of the pool died: ${error.message}`));

  // GET /work?ms=N[&fail=1]: spin N ms on a thread of this worker's pool.
  const work: Route = (url, res) => {
    const ms = parseMs(url.searchParams.get('ms'));
    if (ms === undefined) return sendJson(res, 400, { error: 'ms must be a whole number of milliseconds from 1 to 10000' });
    const fail = url.searchParams.get('fail') === '1';
    // queueSize: the tasks waiting for a thread, with or without a signal.
    if (pool.queueSize >= queue) return sendJson(res, 503, { error: `every thread is busy and ${queue} task(s) already wait; try again later` });
    // The connection closed before the answer (the client gave up, or a proxy's
    // timeout): abort. A waiting task leaves the queue; a running one has its
    // thread terminated, and piscina starts a new one in its place.
    const abandoned = new AbortController();
    res.once('close', () => res.writableFinished || abandoned.abort());
    pool.run({ ms, fail }, { signal: abandoned.signal }).then(
      ({ threadId }) => sendJson(res, 200, { pid: process.pid, threadId, ms }),
      (error: Error) => abandoned.signal.aborted || sendJson(res, 500, { error: error.message }),
    );
  };

  // Ends the threads at once, with whatever they were running: for a worker
  // that has answered its last request and leaves.
  const close = () => pool.destroy();
  return { work, close };
}
