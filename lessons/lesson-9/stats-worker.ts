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

export const STATS_PATH = '/stats';
// How far /stats may lag behind the answers (plus one IPC hop), and what a killed worker can lose.
export const REPORT_EVERY_MS = 100;

// Every response sent counts, whatever its status; /stats itself does not.
export function reportServed(_server: http.Server): void {
  // TODO: on each 'request' (except /stats), once its response has been sent
  // (res 'finish'), add one to a count of this worker's, and make sure a report
  // goes within REPORT_EVERY_MS: process.send({ type: 'workshop:served', count })
  // for all the requests since the last report (an unref'd timer, started by
  // the first unreported answer). Report what is left on the server's 'close'
  // too (the drain), before the worker disconnects. Guard the send:
  // process.send() on a closed channel emits an 'error' that would crash the
  // worker (check process.connected, and pass a callback).
}

export function statsRoute(_timeoutMs: number): Route {
  // TODO: once, process.on('message'): an answer that isStatsReply() (messages.ts) goes to
  // the request waiting for its id. Per request: a new id; send { type: 'workshop:stats?', id } to the primary;
  // answer 200 with the stats when its answer comes, or 503 { error } after _timeoutMs,
  // whichever comes first (and 503 at once if there is no channel).
  return (_url, res) => sendJson(res, 501, { error: 'GET /stats is not written yet (lesson 9)' });
}
