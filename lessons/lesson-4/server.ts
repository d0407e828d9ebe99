// Lesson 4: stay responsive: a pool that is never empty, and what it can't fix.
import cluster from 'node:cluster';
import os from 'node:os';
import { createApp, host, port } from '#app';

// TODO: write workerCount(): os.availableParallelism() when WORKERS is not set,
// else WORKERS as a whole number of at least 1. Anything else ("abc", "0",
// "2.5", "") prints an error naming WORKERS to stderr and exits with code 2.

if (cluster.isPrimary) {
  // availableParallelism() respects CPU affinity; counting os.cpus() does not.
  // TODO: use workerCount() here.
  const workers = Number(process.env.WORKERS ?? os.availableParallelism());
  for (let i = 0; i < workers; i++) cluster.fork();

  // 'online' only means the process started; 'listening' means it can serve.
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === workers) {
      console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${address.port}`);
    }
  });
} else {
  // Every worker listens on the same port; the primary hands each new connection to one of them.
  createApp().listen(port, host);
}
