// The primary's half of hang detection. A worker stuck in an endless loop is
// alive, keeps its connections, and is handed new ones: lesson 5's healing
// waits for an exit that never comes. So the primary listens for each
// worker's heartbeat and SIGKILLs one that has been silent for longer than
// HANG_TIMEOUT_MS; the supervisor sees a death that was not on purpose and
// replaces it (lesson 6's policy).
import cluster, { type Worker } from 'node:cluster';
import { parseWorkerMessage } from './messages.ts';

export function killHungWorkers({ heartbeatMs, hangTimeoutMs }: { heartbeatMs: number; hangTimeoutMs: number }): void {
  // When each worker last beat. A worker is watched from its first beat on:
  // before that it is still loading its code, which is the ready timeout's business.
  const lastBeat = new Map<Worker, number>();

  // Cluster-level events, not worker.on(): they cover the replacements too.
  cluster.on('message', (worker, message) => {
    if (parseWorkerMessage(message)?.type === 'heartbeat') lastBeat.set(worker, performance.now());
  });
  cluster.on('exit', (worker) => lastBeat.delete(worker)); // gone: nothing left to watch

  const check = () => {
    const now = performance.now(); // monotonic: a wall-clock step must not make every worker look silent
    for (const [worker, beatAt] of lastBeat) {
      if (now - beatAt <= hangTimeoutMs) continue;
      lastBeat.delete(worker); // kill it once
      console.error(
        `primary ${process.pid}: worker ${worker.process.pid} is hung (no heartbeat for ${Math.round(now - beatAt)} ms, HANG_TIMEOUT_MS=${hangTimeoutMs}); killing it with SIGKILL`,
      );
      // Only SIGKILL ends a busy loop: a JS signal handler (lesson 7's drain) would wait for the loop.
      worker.process.kill('SIGKILL');
    }
  };
  // setImmediate: run the check after this turn's I/O, so that heartbeats
  // which arrived while the primary itself was busy count before it judges.
  const timer = setInterval(() => setImmediate(check), heartbeatMs);
  timer.unref();

  // A shutdown has its own deadline (SHUTDOWN_TIMEOUT_MS, lesson 7): from its
  // signal on, a busy worker is the shutdown's to wait for or kill, not ours.
  const stop = () => clearInterval(timer);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
