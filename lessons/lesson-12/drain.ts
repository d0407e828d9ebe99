// Leave without dropping a request: on SIGTERM (from the primary, or from
// systemd or Kubernetes) or SIGINT (Ctrl+C reaches every process in the
// terminal's group, workers too), stop taking connections, finish the
// requests in flight, close every connection once it is idle, then exit.
//
// The race this avoids: a keep-alive client may send its next request on a
// connection at the very moment the server closes it as idle; the request is
// lost (ECONNRESET). So a connection is closed only by a response that says
// Connection: close, or after a grace period in which its client sent nothing.
import cluster from 'node:cluster';
import type http from 'node:http';
import net from 'node:net';

// Long enough for a client that keeps sending to send again, and so be told
// Connection: close; a client silent all along is closed after it.
export const IDLE_GRACE_MS = 1_000;

export function drainOnSignals(server: http.Server): void {
  let draining = false;
  const unanswered = new Set<http.ServerResponse>();
  const closeWhenAnswered = (res: http.ServerResponse) => res.setHeader('connection', 'close');

  // Before the app's own handler: a request that arrives during the drain is
  // answered with Connection: close, so the client reconnects to another worker.
  server.prependListener('request', (_req, res) => {
    if (draining) return closeWhenAnswered(res);
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
  });

  const drain = () => {
    if (draining) return;
    draining = true;
    // Requests still being worked on (an async handler) get the same header.
    for (const res of unanswered) if (!res.headersSent) closeWhenAnswered(res);
    // Stop taking connections but keep the open ones: net.Server's close().
    // http.Server's own close() would also close the idle keep-alive ones at
    // once, the race above. The callback runs once every connection has ended.
    net.Server.prototype.close.call(server, () => {
      if (cluster.isWorker) cluster.worker!.disconnect(); // leave with exitedAfterDisconnect set
    });
    setTimeout(() => server.closeIdleConnections(), IDLE_GRACE_MS).unref();
  };
  process.on('SIGTERM', drain);
  process.on('SIGINT', drain);
}
