// The primary's half of hang detection. A worker stuck in an endless loop is
// alive, keeps its connections, and is handed new ones: lesson 5's healing
// waits for an exit that never comes. So the primary listens for each
// worker's heartbeat and SIGKILLs one that has been silent for longer than
// HANG_TIMEOUT_MS; the supervisor sees a death that was not on purpose and
// replaces it (lesson 6's policy).

export function killHungWorkers(_settings: { heartbeatMs: number; hangTimeoutMs: number }): void {
  // TODO:
  //  - remember when each worker last beat: cluster.on('message', (worker, message)),
  //    for messages that parseWorkerMessage() (messages.ts) reads as a heartbeat. The cluster-level event, so
  //    that replacement workers are heard too; a worker is watched from its
  //    first beat on;
  //  - forget a worker once it exits (cluster.on('exit'));
  //  - every heartbeatMs (an unref'd setInterval), SIGKILL each worker whose
  //    last beat is older than hangTimeoutMs (worker.process.kill('SIGKILL'):
  //    SIGTERM would wait for the stuck loop), and log its PID as hung. The
  //    supervisor then sees an exit that was not on purpose, and replaces it;
  //  - from SIGTERM or SIGINT on (a shutdown, with its own deadline), stop checking.
}
