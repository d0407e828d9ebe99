// The supervisor's view of a child process, as cluster-workers.ts gives it a
// cluster worker: start one, hear when it is ready and when it is gone, and
// talk with it. With this adapter the same supervisor, restart policy,
// shutdown, stats and hang detection run a pool of independent processes
// instead of a cluster.
import { fork } from 'node:child_process';
import type { MessagingWorker } from './messages.ts';
import type { ListeningMessage } from './reuse-port-worker.ts';

const isListening = (message: unknown): message is ListeningMessage =>
  typeof message === 'object' && message !== null && (message as ListeningMessage).type === 'workshop:listening';

// fork() runs `modulePath` with this process's execArgv (--import tsx, so the
// child loads TypeScript too) and an IPC channel, over which the child says it
// listens, and then reports and beats as a cluster worker does.
export function processWorkers(modulePath: string, args: string[], env: Record<string, string>): () => MessagingWorker {
  return () => {
    const child = fork(modulePath, args, { env: { ...process.env, ...env } });
    let asked = false;
    return {
      pid: child.pid!,
      ready: new Promise((resolve) => child.on('message', (message) => isListening(message) && resolve())),
      // No exitedAfterDisconnect outside cluster: a drain we asked for, or a
      // clean exit 0 (a drain someone else asked for), is not a crash.
      exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, onPurpose: asked || code === 0 }))),
      stop: () => {
        asked = true;
        child.kill('SIGTERM'); // the child drains (drain.ts), as a cluster worker does
      },
      kill: () => child.kill('SIGKILL'),
      // A child that died since it asked has no channel: a send would be an error, not a crash.
      send: (message) => {
        if (child.connected)
          child.send(message, (error) => error && console.error(`launcher ${process.pid}: could not write to process ${child.pid}: ${error.message}`));
      },
      // The listening message is this adapter's own business: the others get the rest.
      onMessage: (listener) => child.on('message', (message) => isListening(message) || listener(message)),
    };
  };
}
