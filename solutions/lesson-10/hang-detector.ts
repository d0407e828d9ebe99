// The primary's half of hang detection. A worker stuck in an endless loop is
// alive, keeps its connections, and is handed new ones: lesson 5's healing
// waits for an exit that never comes. So the primary listens for each
// worker's heartbeat and SIGKILLs one that has been silent for longer than
// HANG_TIMEOUT_MS; the supervisor sees a death that was not on purpose and
// replaces it (lesson 6's policy).
import { parseWorkerMessage, type MessagingWorker } from './messages.ts';

// Returns `watch`: give it every worker the pool starts (server.ts wraps the pool's start).
export function killHungWorkers({ heartbeatMs, hangTimeoutMs }: { heartbeatMs: number; hangTimeoutMs: number }): (worker: MessagingWorker) => MessagingWorker {
  // When each worker last beat, by the monotonic clock: the wall clock jumps
  // (NTP, a VM pause, a laptop resume), and one jump larger than
  // HANG_TIMEOUT_MS would make every worker look hung at once.
  // A worker is watched from its first beat on: before that it is still
  // loading its code, which is the ready timeout's business.
  const lastBeat = new Map<MessagingWorker, number>();
  let stopped = false;

  const check = () => {
    if (stopped) return; // a check already queued when the shutdown began
    const now = performance.now();
    for (const [worker, beatAt] of lastBeat) {
      if (now - beatAt <= hangTimeoutMs) continue;
      lastBeat.delete(worker); // kill it once
      console.error(
        `primary ${process.pid}: worker ${worker.pid} is hung (no heartbeat for ${(now - beatAt).toFixed(0)} ms, HANG_TIMEOUT_MS=${hangTimeoutMs}); killing it with SIGKILL`,
      );
      // Only SIGKILL ends a busy loop: a JS signal handler (lesson 7's drain) would wait for the loop.
      worker.kill();
    }
  };
  // setImmediate: run the check after this turn's I/O, so that heartbeats
  // which arrived while the primary itself was busy count before it judges.
  const timer = setInterval(() => setImmediate(check), heartbeatMs);
  timer.unref();

  // A shutdown has its own deadline (SHUTDOWN_TIMEOUT_MS, lesson 7): from its
  // signal on, a busy worker is the shutdown's to wait for or kill, not ours.
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  return (worker) => {
    let gone = false;
    worker.onMessage((message) => {
      if (!gone && parseWorkerMessage(message)?.type === 'workshop:heartbeat') lastBeat.set(worker, performance.now());
    });
    void worker.exited.then(() => {
      gone = true; // nothing left to watch
      lastBeat.delete(worker);
    });
    return worker;
  };
}
