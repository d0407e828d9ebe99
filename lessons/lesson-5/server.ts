// Lesson 5: self-healing: replace a worker that dies, but not one that leaves on purpose.
import cluster from 'node:cluster';
import os from 'node:os';
import { createApp, host, port } from '#app';

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
  // TODO: with PORT=0, every listen(0) gets its own free port. Once the whole
  // pool has died, the primary closes the shared socket and replacements would
  // listen on a new port. Resolve the port once, `await resolvePort(host, port)`
  // (from '#app'), and fork every worker, replacements too, with
  // `cluster.fork({ PORT: String(thatPort) })`.
  for (let i = 0; i < workers; i++) cluster.fork();

  // 'online' only means the process started; 'listening' means it can serve.
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === workers) {
      console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${address.port}`);
    }
  });

  // TODO: on cluster's 'exit' event, fork a replacement for a worker that died
  // (a signal such as SIGKILL, or a non-zero exit code), and log its PID with the
  // code or signal. Do not replace a worker whose exitedAfterDisconnect is true:
  // it left on purpose; log it as a warning, with its PID, and if no worker is
  // left running then, exit 1 and say why (exit 0 would read as a clean stop).
} else {
  // Every worker listens on the same port; the primary hands each new connection to one of them.
  createApp().listen(port, host);
}
