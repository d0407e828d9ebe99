// Lesson 8: zero-downtime rolling restart: new workers first, then drain the old.
// The primary's jobs live in their own modules now; this file only wires them.
import cluster from 'node:cluster';
import { host, port, resolvePort } from '#app';
import { clusterWorkers } from './cluster-workers.ts';
import { readSettings } from './config.ts';
import { shutDownOnSignals } from './shutdown.ts';
import { superviseWorkers } from './supervisor.ts';
import { startWorker } from './worker.ts';

if (cluster.isPrimary) {
  const { workers, shutdownTimeoutMs } = readSettings();
  const listenPort = await resolvePort(host, port);
  const pool = superviseWorkers({
    size: workers,
    start: clusterWorkers({ PORT: String(listenPort) }),
    stopTimeoutMs: shutdownTimeoutMs, // a worker replaced by a roll gets as long to leave as in a shutdown
    onAllReady: () => console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${listenPort}`),
  });
  shutDownOnSignals(pool, shutdownTimeoutMs);
  // TODO: rollOnSignal(pool, { readyTimeoutMs, soakMs: rollSoakMs }) (rolling-restart.ts), once the pool can replaceWorker().
} else {
  await startWorker();
}
