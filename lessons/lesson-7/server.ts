// Lesson 7: graceful shutdown: finish what is in flight, then leave.
// The primary's jobs live in their own modules now; this file only wires them.
import cluster from 'node:cluster';
import { host, port, resolvePort } from '#app';
import { clusterWorkers } from './cluster-workers.ts';
import { readSettings } from './config.ts';
import { superviseWorkers } from './supervisor.ts';
import { startWorker } from './worker.ts';

if (cluster.isPrimary) {
  const { workers } = readSettings();
  const listenPort = await resolvePort(host, port);
  // TODO: keep what superviseWorkers returns (once it returns { stop, killAll }),
  // and hand it to shutDownOnSignals (shutdown.ts) with SHUTDOWN_TIMEOUT_MS.
  superviseWorkers({
    size: workers,
    start: clusterWorkers({ PORT: String(listenPort) }),
    onAllReady: () => console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${listenPort}`),
  });
} else {
  await startWorker();
}
