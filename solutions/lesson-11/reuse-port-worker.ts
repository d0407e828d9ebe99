// A launcher's worker: an ordinary server process of its own, with its own
// listening socket on the shared port. reusePort lets every process bind the
// same address; the kernel then spreads new connections over their sockets.
// Nobody forwards connections: the launcher only starts and watches processes,
// and, as a cluster's primary does, counts their requests and hears their heartbeats.
import type net from 'node:net';
import { createApp, host, port } from '#app';
import { startUp } from '#startup';
import { drainOnSignals } from './drain.ts';
import { sendHeartbeats } from './heartbeat.ts';
import { reportServed, STATS_PATH, statsRoute } from './stats-worker.ts';

// What the launcher waits for: this process listens (child_process has no 'listening' event of its own).
export type ListeningMessage = { type: 'workshop:listening'; port: number };

export async function startReusePortWorker(): Promise<void> {
  // First, as a cluster worker does: a process that is warming up is not hung.
  // HEARTBEAT_MS and STATS_TIMEOUT_MS come from the launcher, which checked them.
  sendHeartbeats(Number(process.env.HEARTBEAT_MS));
  await startUp(); // throws, as a worker whose database is down would, when FAIL_START_FILE exists
  // @types/node 20 predates the option; Node 22.12+ / 23.1+ knows it.
  const address: net.ListenOptions & { reusePort: boolean } = { port, host, reusePort: true };
  const server = createApp({ [STATS_PATH]: statsRoute(Number(process.env.STATS_TIMEOUT_MS)) });
  reportServed(server); // before the 'close' listener below: the last count goes before the channel closes
  server.listen(address, () => {
    const message: ListeningMessage = { type: 'workshop:listening', port: (server.address() as net.AddressInfo).port };
    process.send?.(message);
  });
  drainOnSignals(server);
  // Drained (every connection has ended): close the IPC channel, and with
  // nothing left to do the process ends, as cluster.worker.disconnect() does.
  server.once('close', () => {
    if (process.connected) process.disconnect();
  });
  // The launcher is gone (killed, crashed): nobody would ever stop this
  // process, and it would keep taking connections on the port. Drain and leave.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
