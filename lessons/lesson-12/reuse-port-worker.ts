// A launcher's worker: an ordinary server process of its own, with its own
// listening socket on the shared port. reusePort lets every process bind the
// same address; the kernel then spreads new connections over their sockets.
// Nobody forwards connections: the launcher only starts and watches processes.
import type net from 'node:net';
import { createApp, host, port } from '#app';
import { startUp } from '#startup';
import { drainOnSignals } from './drain.ts';

// What the launcher waits for: this process listens (child_process has no 'listening' event of its own).
export type ListeningMessage = { listening: number };

export async function startReusePortWorker(): Promise<void> {
  await startUp(); // throws, as a worker whose database is down would, when FAIL_START_FILE exists
  // @types/node 20 predates the option; Node 22.12+ / 23.1+ knows it.
  const address: net.ListenOptions & { reusePort: boolean } = { port, host, reusePort: true };
  const server = createApp().listen(address, () => {
    const message: ListeningMessage = { listening: (server.address() as net.AddressInfo).port };
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
