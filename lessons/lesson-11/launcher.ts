// No primary in the request path: the launcher starts WORKERS
// independent server processes (child_process, not cluster) that each listen
// on the same port with reusePort, and the kernel spreads the connections.
// The launcher keeps the primary's duties: replace, back off, shut down, roll,
// count the requests (GET /stats) and kill the hung processes.
import { host, port } from '#app';
import { readSettings } from './config.ts';
import { processWorkers } from './process-workers.ts';
import { hasReusePort, REUSE_PORT_NEEDS } from './reuse-port.ts';
import { startReusePortWorker } from './reuse-port-worker.ts';
import { rollOnSignal } from './rolling-restart.ts';
import { shutDownOnSignals } from './shutdown.ts';
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
  const { workers, shutdownTimeoutMs, readyTimeoutMs, rollSoakMs } = readSettings();
  // TODO: PORT=0 asks the OS for any free port, and each process's listen(0)
  // would get a port of its own. Choose one port here, for every process
  // (resolvePort() from '#app'), and pass it on to them.
  const listenPort = port;
  const pool = superviseWorkers({
    size: workers,
    // TODO: count the requests and kill the hung processes, as server.ts does for the cluster:
    // collectStats() and killHungWorkers() (a hung process keeps its hashed share of every new
    // connection), with STATS_TIMEOUT_MS and HEARTBEAT_MS passed on to the processes.
    start: processWorkers(process.argv[1]!, [WORKER_ROLE], { PORT: String(listenPort) }),
    stopTimeoutMs: shutdownTimeoutMs, // a process replaced by a roll gets as long to leave as in a shutdown
    onAllReady: () => console.log(`launcher ${process.pid}: ${workers} processes listening on http://${host}:${listenPort}`),
  });
  shutDownOnSignals(pool, shutdownTimeoutMs);
  rollOnSignal(pool, { readyTimeoutMs, soakMs: rollSoakMs });
}
