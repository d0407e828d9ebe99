// A worker: check that it can start, then serve. Every worker listens on the
// same port; the primary hands each new connection to one of them.
import { createApp, host, port } from '#app';
import { startUp } from '#startup';

export async function startWorker(): Promise<void> {
  await startUp(); // throws, as a worker whose database is down would, when FAIL_START_FILE exists
  createApp().listen(port, host);
}
