// The primary's side of the cluster's stats. Each worker counts only itself,
// and dies with its count; the primary outlives them all, so it keeps the
// ledger: what every worker reported, live or dead, and it answers any
// worker that asks for the whole picture (GET /stats).

// Call it before the first fork: it counts the workers from their 'fork' on.
export function collectStats(_size: number): void {
  // TODO: keep a ledger, to answer with a ClusterStats (messages.ts): for each
  // live worker { pid, served, startedAt }, and for the dead ones, added up,
  // { workers, served }.
  // - cluster.on('fork'): a new live worker (and one more started: `restarts`
  //   is the number started beyond the first _size).
  // - cluster.on('exit'): move its count to the dead ones, so the total keeps it.
  // - cluster.on('message', (worker, message) => ...), on the cluster, not on
  //   each worker: check it with parseWorkerMessage() (messages.ts), log and
  //   ignore what does not fit; add a 'served' to the sender's count; answer a
  //   'stats?' with worker.send({ type: 'stats', id, stats }), if the worker
  //   is still connected.
}
