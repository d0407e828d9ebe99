// Lesson 9: cluster-wide stats over IPC, kept by the primary, so they survive respawns.
// The primary's jobs live in their own modules now; this file only wires them.
import cluster from 'node:cluster';
import { host, port, resolvePort } from '#app';
import { clusterWorkers } from './cluster-workers.ts';
import { readSettings } from './config.ts';
import { rollOnSignal } from './rolling-restart.ts';
import { shutDownOnSignals } from './shutdown.ts';
import { collectStats } from './stats-primary.ts';
import { superviseWorkers } from './supervisor.ts';
import { startWorker } from './worker.ts';

if (cluster.isPrimary) {
  const { workers, shutdownTimeoutMs, readyTimeoutMs, statsTimeoutMs, rollSoakMs } = readSettings();
  const listenPort = await resolvePort(host, port);
  const countServed = collectStats(workers);
  // The workers read STATS_TIMEOUT_MS too (GET /stats): pass on the value checked here.
  const fork = clusterWorkers({ PORT: String(listenPort), STATS_TIMEOUT_MS: String(statsTimeoutMs) });
  const pool = superviseWorkers({
    size: workers,
    // Every worker the pool starts, replacements and a roll's included, goes through the ledger.
    start: () => countServed(fork()),
    stopTimeoutMs: shutdownTimeoutMs, // a worker replaced by a roll gets as long to leave as in a shutdown
    onAllReady: () => console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${listenPort}`),
  });
  shutDownOnSignals(pool, shutdownTimeoutMs);
  rollOnSignal(pool, { readyTimeoutMs, soakMs: rollSoakMs });
} else {
  await startWorker();
}
