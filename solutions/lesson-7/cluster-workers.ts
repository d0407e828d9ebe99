// The supervisor's view of a cluster worker: start one, hear when it is ready
// and when it is gone. The supervisor knows nothing else of node:cluster, so
// another way to start workers (lesson 11) can reuse it.
import cluster from 'node:cluster';
import type { StartWorker } from './supervisor.ts';

export function clusterWorkers(env: Record<string, string>): StartWorker {
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
    };
  };
}
