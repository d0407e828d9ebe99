// Leave without dropping a request: on SIGTERM (from the primary, or from
// systemd or Kubernetes) or SIGINT (Ctrl+C reaches every process in the
// terminal's group, workers too), stop taking connections, finish the
// requests in flight, close every connection once it is idle, then exit.
import type http from 'node:http';

export function drainOnSignals(_server: http.Server): void {
  // TODO: on the first SIGTERM or SIGINT (process.on), drain:
  //  - from then on, answer each request with a Connection: close header
  //    (server.prependListener('request', ...) runs before the app's handler);
  //  - stop taking connections and close the idle keep-alive ones: in a
  //    cluster worker, cluster.worker.disconnect() closes the servers, waits
  //    for the busy connections, then leaves with exitedAfterDisconnect set;
  //  - a response that was already on its way leaves its connection idle:
  //    close idle connections again when it finishes (server.closeIdleConnections()).
}
