// A worker: check that it can start, then serve until it is asked to leave.
// Every worker listens on the same port; the primary hands each new connection
// to one of them.
import { createApp, host, port } from '#app';
import { startUp } from '#startup';
import { readThreadSettings } from './config.ts';
import { drainOnSignals } from './drain.ts';
import { sendHeartbeats } from './heartbeat.ts';
import { reportServed, STATS_PATH, statsRoute } from './stats-worker.ts';
import { startThreadPool } from './thread-pool.ts';

export async function startWorker(): Promise<void> {
  // First, before the start-up: a worker that is warming up is not hung, and
  // its free loop can say so. HEARTBEAT_MS comes from the primary, which checked it.
  sendHeartbeats(Number(process.env.HEARTBEAT_MS));
  await startUp(); // throws, as a worker whose database is down would, when FAIL_START_FILE exists
  const threads = startThreadPool(readThreadSettings());
  // STATS_TIMEOUT_MS comes from the primary, which checked it (config.ts).
  const server = createApp({ [STATS_PATH]: statsRoute(Number(process.env.STATS_TIMEOUT_MS)), '/work': threads.work });
  reportServed(server);
  drainOnSignals(server.listen(port, host));
  // TODO: once the drain has answered the last request and closed the last
  // connection (the server's 'close' event), end the threads
  // (threads.close()): nothing of the pool should outlive the server.
}
