// The primary's half of hang detection. A worker stuck in an endless loop is
// alive, keeps its connections, and is handed new ones: lesson 5's healing
// waits for an exit that never comes. So the primary listens for each
// worker's heartbeat and SIGKILLs one that has been silent for longer than
// HANG_TIMEOUT_MS; the supervisor sees a death that was not on purpose and
// replaces it (lesson 6's policy).
import type { MessagingWorker } from './messages.ts';

// Returns `watch`: server.ts gives it every worker the pool starts.
export function killHungWorkers(_settings: { heartbeatMs: number; hangTimeoutMs: number }): (worker: MessagingWorker) => MessagingWorker {
  // TODO:
  //  - every heartbeatMs (an unref'd setInterval), SIGKILL each worker whose
  //    last beat is older than hangTimeoutMs (worker.kill(): SIGTERM would
  //    wait for the stuck loop), and log its PID as hung. The supervisor then
  //    sees an exit that was not on purpose, and replaces it. Time the silence
  //    with performance.now(), not Date.now(): the wall clock jumps (NTP, a VM
  //    pause), and a jump past hangTimeoutMs would kill every worker at once;
  //  - from SIGTERM or SIGINT on (a shutdown, with its own deadline), stop checking.
  return (worker) => {
    // TODO: remember when this worker last beat: worker.onMessage(), for messages that
    // parseWorkerMessage() (messages.ts) reads as a heartbeat. It is watched from
    // its first beat on; forget it once it has exited (worker.exited).
    return worker;
  };
}
