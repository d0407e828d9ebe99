// Lesson 6: crash loops: back off, then give up.
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
  superviseWorkers({
    size: workers,
    start: clusterWorkers({ PORT: String(listenPort) }),
    onAllReady: () => console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${listenPort}`),
  });
} else {
  await startWorker();
}
