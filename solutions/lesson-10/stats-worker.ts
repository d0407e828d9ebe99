// The worker's side of the cluster's stats. It counts the requests it
// answered and reports the count to the primary at most REPORT_EVERY_MS
// later, one message for all of them: the primary, which hands out every
// connection, reads one message per worker per window, not one per request.
// The drain reports what is left before the worker disconnects; a worker
// killed (SIGKILL, a crash) loses at most its last window. And GET /stats
// asks the primary for the whole cluster's view, with an id to match the
// answer and a deadline: a primary that does not answer must cost the client
// a 503, never a request that hangs.
import type http from 'node:http';
import { sendJson, type Route } from '#app';
import { isStatsReply, type ClusterStats, type WorkerMessage } from './messages.ts';

export const STATS_PATH = '/stats';
// How far /stats may lag behind the answers (plus one IPC hop), and what a killed worker can lose.
export const REPORT_EVERY_MS = 100;

// Why a guard: process.send() on a closed channel (the primary gone, or a
// drain that disconnected) emits an 'error' that would crash the worker.
function tellPrimary(message: WorkerMessage): boolean {
  if (!process.send || !process.connected) return false;
  process.send(message, undefined, undefined, () => {}); // a failed send is a lost report, nothing worse
  return true;
}

// Every response sent counts, whatever its status; /stats itself does not.
export function reportServed(server: http.Server): void {
  let unreported = 0;
  let timer: NodeJS.Timeout | undefined;
  const report = () => {
    clearTimeout(timer);
    timer = undefined;
    if (unreported > 0 && tellPrimary({ type: 'workshop:served', count: unreported })) unreported = 0;
  };
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === STATS_PATH) return;
    res.once('finish', () => {
      unreported++;
      // unref(): a pending report must not keep a worker that is leaving alive (the drain reports it).
      timer ??= setTimeout(report, REPORT_EVERY_MS).unref();
    });
  });
  // Registered before the drain's own 'close' listener: the last count goes before the worker disconnects.
  server.on('close', report);
}

export function statsRoute(timeoutMs: number): Route {
  let lastId = 0;
  const waiting = new Map<number, (stats: ClusterStats) => void>();
  // Answers come back on the one channel, in any order: the id says whose each one is.
  process.on('message', (message) => {
    if (isStatsReply(message)) waiting.get(message.id)?.(message.stats);
  });

  return (_url, res) => {
    const id = ++lastId;
    const timer = setTimeout(() => {
      waiting.delete(id);
      sendJson(res, 503, { error: `the primary did not answer within ${timeoutMs} ms (STATS_TIMEOUT_MS)` });
    }, timeoutMs);
    waiting.set(id, (stats) => {
      clearTimeout(timer);
      waiting.delete(id);
      sendJson(res, 200, stats);
    });
    if (!tellPrimary({ type: 'workshop:stats?', id })) {
      clearTimeout(timer);
      waiting.delete(id);
      sendJson(res, 503, { error: 'no channel to the primary' });
    }
  };
}
