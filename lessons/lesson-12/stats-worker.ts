// The worker's side of the cluster's stats. It reports every request it
// answered to the primary as soon as the response is sent, so that a worker
// killed at any moment takes at most the reports still queued in its own
// memory with it. And GET /stats asks the primary for the whole cluster's
// view, with an id to match the answer and a deadline: a primary that does
// not answer must cost the client a 503, never a request that hangs.
import type http from 'node:http';
import { sendJson, type Route } from '#app';
import { isStatsReply, type ClusterStats, type WorkerMessage } from './messages.ts';

export const STATS_PATH = '/stats';

// Why a guard: process.send() on a closed channel (the primary gone, or a
// drain that disconnected) emits an 'error' that would crash the worker.
function tellPrimary(message: WorkerMessage): boolean {
  if (!process.send || !process.connected) return false;
  process.send(message, undefined, undefined, () => {}); // a failed send is a lost report, nothing worse
  return true;
}

// One report per response sent, whatever its status; /stats itself is not counted.
export function reportServed(server: http.Server): void {
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === STATS_PATH) return;
    res.once('finish', () => tellPrimary({ type: 'served', count: 1 }));
  });
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
    if (!tellPrimary({ type: 'stats?', id })) {
      clearTimeout(timer);
      waiting.delete(id);
      sendJson(res, 503, { error: 'no channel to the primary' });
    }
  };
}
