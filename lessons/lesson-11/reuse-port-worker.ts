// A launcher's worker: an ordinary server process of its own, with its own
// listening socket on the shared port. reusePort lets every process bind the
// same address; the kernel then spreads new connections over their sockets.
// Nobody forwards connections: the launcher only starts and watches processes.
import { createApp, host, port } from '#app';
import { startUp } from '#startup';
import { drainOnSignals } from './drain.ts';

// What the launcher waits for: this process listens (child_process has no 'listening' event of its own).
export type ListeningMessage = { type: 'workshop:listening'; port: number };

export async function startReusePortWorker(): Promise<void> {
  // TODO: as a cluster worker does (worker.ts): heartbeats from the first line
  // (sendHeartbeats, heartbeat.ts), and the /stats route and reportServed()
  // (stats-worker.ts), with HEARTBEAT_MS and STATS_TIMEOUT_MS from the launcher.
  await startUp(); // throws, as a worker whose database is down would, when FAIL_START_FILE exists
  // TODO: listen with reusePort, so that every process can bind the same port:
  // createApp().listen({ port, host, reusePort: true }, callback). (@types/node 20
  // predates the option: type the options as net.ListenOptions & { reusePort: boolean }.)
  // Once listening, tell the launcher over IPC: process.send?.({ type: 'workshop:listening', port: <the real port> }).
  const server = createApp().listen(port, host);
  drainOnSignals(server);
  // TODO: a child process has no cluster.worker.disconnect() to end it. Once
  // drained (the server's 'close' event), close the IPC channel
  // (process.disconnect()), so that the process ends. And when the launcher is
  // gone (process 'disconnect' without a drain), drain and leave: nobody would
  // ever stop this process otherwise, and it would keep serving the port.
}
