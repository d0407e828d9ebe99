// A worker: check that it can start, then serve until it is asked to leave.
// Every worker listens on the same port; the primary hands each new connection
// to one of them.
import { createApp, host, port } from '#app';
import { startUp } from '#startup';
import { drainOnSignals } from './drain.ts';

export async function startWorker(): Promise<void> {
  await startUp(); // throws, as a worker whose database is down would, when FAIL_START_FILE exists
  // TODO: add the route GET /stats (statsRoute() in stats-worker.ts, with
  // STATS_TIMEOUT_MS from the environment the primary gave this worker), and
  // reportServed() on the server, before it listens.
  drainOnSignals(createApp().listen(port, host));
}
