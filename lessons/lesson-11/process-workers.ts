// The supervisor's view of a child process, as cluster-workers.ts gives it a
// cluster worker: start one, hear when it is ready and when it is gone. With
// this adapter the same supervisor, restart policy and shutdown run a pool of
// independent processes instead of a cluster.
import type { StartWorker } from './supervisor.ts';

export function processWorkers(_modulePath: string, _args: string[], _env: Record<string, string>): StartWorker {
  return () => {
    // TODO: return a WorkerHandle (supervisor.ts) for a child process, as
    // clusterWorkers() does for a cluster worker:
    //  - fork(modulePath, args, { env: { ...process.env, ...env } }) from
    //    node:child_process (it passes this process's execArgv, --import tsx, on);
    //  - ready: when the child sends a { listening } message (child.on('message'));
    //  - exited: the child's 'exit' (code, signal); onPurpose when you asked it
    //    to stop, or when it exited with code 0 (a drain); there is no
    //    exitedAfterDisconnect outside cluster;
    //  - stop: SIGTERM (the child drains); kill: SIGKILL.
    throw new Error('TODO (lesson 11): process-workers.ts does not start a child process yet');
  };
}
