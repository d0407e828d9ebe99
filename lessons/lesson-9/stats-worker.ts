// The worker's side of the cluster's stats. It reports every request it
// answered to the primary as soon as the response is sent, so that a worker
// killed at any moment takes at most the reports still queued in its own
// memory with it. And GET /stats asks the primary for the whole cluster's
// view, with an id to match the answer and a deadline: a primary that does
// not answer must cost the client a 503, never a request that hangs.
import type http from 'node:http';
import { sendJson, type Route } from '#app';

export const STATS_PATH = '/stats';

// One report per response sent, whatever its status; /stats itself is not counted.
export function reportServed(_server: http.Server): void {
  // TODO: on each 'request' (except /stats), once its response has been sent
  // (res 'finish'), process.send({ type: 'served', count: 1 }). Guard the
  // send: process.send() on a closed channel emits an 'error' that would
  // crash the worker (check process.connected, and pass a callback).
}

export function statsRoute(_timeoutMs: number): Route {
  // TODO: once, process.on('message'): an answer that isStatsReply() (messages.ts) goes to
  // the request waiting for its id. Per request: a new id; send
  // { type: 'stats?', id } to the primary; answer 200 with the stats when its
  // answer comes, or 503 { error } after _timeoutMs, whichever comes first.
  return (_url, res) => sendJson(res, 501, { error: 'GET /stats is not written yet (lesson 9)' });
}
