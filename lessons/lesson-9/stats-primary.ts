// The primary's side of the cluster's stats. Each worker counts only itself,
// and dies with its count; the primary outlives them all, so it keeps the
// ledger: what every worker reported, live or dead, and it answers any
// worker that asks for the whole picture (GET /stats).
import type { MessagingWorker } from './messages.ts';

// Returns `watch`: give it every worker the pool starts, replacements and a
// roll's newcomers included (server.ts wraps the pool's start), and it is counted.
export function collectStats(_size: number): (worker: MessagingWorker) => MessagingWorker {
  // TODO: keep a ledger, to answer with a ClusterStats (messages.ts): for each
  // live worker { pid, served, startedAt }, and for the dead ones, added up,
  // { workers, served }. `restarts` is the number started beyond the first _size.
  return (worker) => {
    // TODO: a new live worker (and one more started). Once it has exited
    // (worker.exited), move its count to the dead ones, so the total keeps it.
    // worker.onMessage(): check each message with parseWorkerMessage()
    // (messages.ts), log and ignore what does not fit; add a 'workshop:served'
    // count to this worker's; answer a 'workshop:stats?' with
    // worker.send({ type: 'workshop:stats', id, stats }).
    return worker;
  };
}
