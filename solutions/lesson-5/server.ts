// Lesson 5: self-healing: replace a worker that dies, but not one that leaves on purpose.
import cluster from 'node:cluster';
import os from 'node:os';
import { createApp, host, port, resolvePort } from '#app';

// WORKERS comes from outside: a typo must stop the server with a clear message,
// not fork no worker at all and quietly exit (or, for "2.5", wait forever).
function workerCount(): number {
  const value = process.env.WORKERS;
  if (value === undefined) return os.availableParallelism();
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1) {
    console.error(`WORKERS must be a whole number of at least 1 (got "${value}")`);
    process.exit(2);
  }
  return workers;
}

if (cluster.isPrimary) {
  const workers = workerCount();
  // One real port for every worker, replacements included: if the whole pool
  // dies, the primary closes the shared socket, and a new listen(0) would move.
  const env = { PORT: String(await resolvePort(host, port)) };
  for (let i = 0; i < workers; i++) cluster.fork(env);

  // 'online' only means the process started; 'listening' means it can serve.
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === workers) {
      console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${address.port}`);
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    // disconnect() (a deploy, a shutdown, GET /retire) sets exitedAfterDisconnect: not a crash.
    if (worker.exitedAfterDisconnect) {
      console.warn(`worker ${worker.process.pid} left on purpose; not replacing it: the pool is one worker smaller`);
      // An empty pool is no clean stop: exit 0 would tell systemd or Kubernetes all is well.
      if (Object.values(cluster.workers ?? {}).some((other) => !other!.isDead())) return;
      console.error(`primary ${process.pid}: every worker has left on purpose and none is coming back; exiting 1`);
      process.exit(1);
    }
    // code is null when a signal killed the worker, so report whichever is set.
    const cause = signal ? `killed by ${signal}` : `exited with code ${code}`;
    const replacement = cluster.fork(env);
    console.log(`worker ${worker.process.pid} ${cause}; forked worker ${replacement.process.pid} to replace it`);
  });
} else {
  // Every worker listens on the same port; the primary hands each new connection to one of them.
  createApp().listen(port, host);
}
