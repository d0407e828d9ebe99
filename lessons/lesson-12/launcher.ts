// No primary in the request path: the launcher starts WORKERS
// independent server processes (child_process, not cluster) that each listen
// on the same port with reusePort, and the kernel spreads the connections.
// The launcher keeps the primary's duties: replace, back off, shut down, roll,
// count the requests (GET /stats) and kill the hung processes.
import { host, port, resolvePort } from '#app';
import { readSettings } from './config.ts';
import { killHungWorkers } from './hang-detector.ts';
import { processWorkers } from './process-workers.ts';
import { hasReusePort, REUSE_PORT_NEEDS } from './reuse-port.ts';
import { startReusePortWorker } from './reuse-port-worker.ts';
import { rollOnSignal } from './rolling-restart.ts';
import { shutDownOnSignals } from './shutdown.ts';
import { collectStats } from './stats-primary.ts';
import { superviseWorkers } from './supervisor.ts';

// The launcher starts its workers from this same file, as cluster.fork() re-runs
// the primary's entry; this argument tells a worker from the launcher.
const WORKER_ROLE = '--reuse-port-worker';

if (process.argv.includes(WORKER_ROLE)) {
  await startReusePortWorker();
} else {
  if (!hasReusePort) {
    console.error(`launcher: reusePort needs ${REUSE_PORT_NEEDS} (this is ${process.version}); run the cluster server (server.ts) or a newer Node`);
    process.exit(1);
  }
  const { workers, shutdownTimeoutMs, readyTimeoutMs, statsTimeoutMs, heartbeatMs, hangTimeoutMs, rollSoakMs } = readSettings();
  // Each listen(0) would get a port of its own: choose one port here, for every process.
  const listenPort = await resolvePort(host, port);
  const countServed = collectStats(workers);
  // A hung process keeps its hashed share of every new connection in its accept queue: kill it, as in the cluster.
  const watchForHangs = killHungWorkers({ heartbeatMs, hangTimeoutMs });
  const env = { PORT: String(listenPort), STATS_TIMEOUT_MS: String(statsTimeoutMs), HEARTBEAT_MS: String(heartbeatMs) };
  const spawn = processWorkers(process.argv[1]!, [WORKER_ROLE], env);
  const pool = superviseWorkers({
    size: workers,
    start: () => watchForHangs(countServed(spawn())),
    stopTimeoutMs: shutdownTimeoutMs, // a process replaced by a roll gets as long to leave as in a shutdown
    onAllReady: () => console.log(`launcher ${process.pid}: ${workers} processes listening on http://${host}:${listenPort}`),
  });
  shutDownOnSignals(pool, shutdownTimeoutMs);
  rollOnSignal(pool, { readyTimeoutMs, soakMs: rollSoakMs });
}
