// The cluster server: a primary that supervises its workers (restarts, shutdown, rolling restart, stats, hung workers), and the workers that serve.
// The primary's jobs live in their own modules; this file only wires them.
import cluster from 'node:cluster';
import { host, port, resolvePort } from '#app';
import { clusterWorkers } from './cluster-workers.ts';
import { readSettings } from './config.ts';
import { killHungWorkers } from './hang-detector.ts';
import { rollOnSignal } from './rolling-restart.ts';
import { shutDownOnSignals } from './shutdown.ts';
import { collectStats } from './stats-primary.ts';
import { superviseWorkers } from './supervisor.ts';
import { startWorker } from './worker.ts';

if (cluster.isPrimary) {
  const { workers, shutdownTimeoutMs, readyTimeoutMs, statsTimeoutMs, heartbeatMs, hangTimeoutMs, rollSoakMs } = readSettings();
  const listenPort = await resolvePort(host, port);
  const countServed = collectStats(workers);
  const watchForHangs = killHungWorkers({ heartbeatMs, hangTimeoutMs });
  // The workers read STATS_TIMEOUT_MS (GET /stats) and HEARTBEAT_MS too: pass on the values checked here.
  const fork = clusterWorkers({ PORT: String(listenPort), STATS_TIMEOUT_MS: String(statsTimeoutMs), HEARTBEAT_MS: String(heartbeatMs) });
  const pool = superviseWorkers({
    size: workers,
    // Every worker the pool starts, replacements and a roll's included, is counted and watched.
    start: () => watchForHangs(countServed(fork())),
    stopTimeoutMs: shutdownTimeoutMs, // a worker replaced by a roll gets as long to leave as in a shutdown
    onAllReady: () => console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${listenPort}`),
  });
  shutDownOnSignals(pool, shutdownTimeoutMs);
  rollOnSignal(pool, { readyTimeoutMs, soakMs: rollSoakMs });
} else {
  await startWorker();
}
