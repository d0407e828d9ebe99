// A worker: check that it can start, then serve until it is asked to leave.
// Every worker listens on the same port; the primary hands each new connection
// to one of them.
import { createApp, host, port } from '#app';
import { startUp } from '#startup';
import { drainOnSignals } from './drain.ts';
import { reportServed, STATS_PATH, statsRoute } from './stats-worker.ts';

export async function startWorker(): Promise<void> {
  // TODO: sendHeartbeats(...) (heartbeat.ts), every HEARTBEAT_MS (from the
  // primary, which checked it). Where: a worker that is still starting up is
  // not hung, and its free event loop can say so.
  await startUp(); // throws, as a worker whose database is down would, when FAIL_START_FILE exists
  // STATS_TIMEOUT_MS comes from the primary, which checked it (config.ts).
  const server = createApp({ [STATS_PATH]: statsRoute(Number(process.env.STATS_TIMEOUT_MS)) });
  reportServed(server);
  drainOnSignals(server.listen(port, host));
}
