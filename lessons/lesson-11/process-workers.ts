// The supervisor's view of a child process, as cluster-workers.ts gives it a
// cluster worker: start one, hear when it is ready and when it is gone, and
// talk with it. With this adapter the same supervisor, restart policy,
// shutdown, stats and hang detection run a pool of independent processes
// instead of a cluster.
import type { MessagingWorker } from './messages.ts';

export function processWorkers(_modulePath: string, _args: string[], _env: Record<string, string>): () => MessagingWorker {
  return () => {
    // TODO: return a MessagingWorker (messages.ts) for a child process, as
    // clusterWorkers() does for a cluster worker:
    //  - fork(modulePath, args, { env: { ...process.env, ...env } }) from
    //    node:child_process (it passes this process's execArgv, --import tsx, on);
    //  - ready: when the child sends its ListeningMessage (child.on('message'));
    //  - exited: the child's 'exit' (code, signal); onPurpose when you asked it
    //    to stop, or when it exited with code 0 (a drain); there is no
    //    exitedAfterDisconnect outside cluster;
    //  - stop: SIGTERM (the child drains); kill: SIGKILL;
    //  - send: child.send(), only while child.connected; onMessage: every
    //    message but the listening one (that one is this adapter's own).
    throw new Error('TODO (lesson 11): process-workers.ts does not start a child process yet');
  };
}
