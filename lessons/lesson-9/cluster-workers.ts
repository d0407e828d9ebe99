// The supervisor's view of a cluster worker: start one, hear when it is ready
// and when it is gone, and talk with it. The supervisor knows nothing else of
// node:cluster, so another way to start workers (lesson 11) can reuse it, and
// so can whatever else listens to the workers (stats-primary.ts).
import cluster from 'node:cluster';
import type { MessagingWorker } from './messages.ts';

export function clusterWorkers(env: Record<string, string>): () => MessagingWorker {
  return () => {
    const worker = cluster.fork(env);
    return {
      pid: worker.process.pid!,
      // 'online' only means the process started; 'listening' means it can serve.
      ready: new Promise((resolve) => worker.once('listening', () => resolve())),
      // disconnect() (GET /retire) sets exitedAfterDisconnect: not a crash.
      exited: new Promise((resolve) => worker.once('exit', (code, signal) => resolve({ code, signal, onPurpose: worker.exitedAfterDisconnect }))),
      // The worker drains on SIGTERM (drain.ts): the same signal systemd or Kubernetes would send.
      stop: () => worker.process.kill('SIGTERM'),
      kill: () => worker.process.kill('SIGKILL'),
      // TODO: send(message): worker.send() it, only while worker.isConnected() (a send to a
      // worker that died since it asked emits an error), with a callback that logs a failure.
      // onMessage(listener): every message the worker sends (worker.on('message')).
      send: () => {},
      onMessage: () => {},
    };
  };
}
