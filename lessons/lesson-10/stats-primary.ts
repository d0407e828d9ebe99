// The primary's side of the cluster's stats. Each worker counts only itself,
// and dies with its count; the primary outlives them all, so it keeps the
// ledger: what every worker reported, live or dead, and it answers any
// worker that asks for the whole picture (GET /stats).
import { inspect } from 'node:util';
import { parseWorkerMessage, type ClusterStats, type MessagingWorker } from './messages.ts';

type Entry = { pid: number; served: number; startedAt: number };

// Returns `watch`: give it every worker the pool starts, replacements and a
// roll's newcomers included (server.ts wraps the pool's start), and it is counted.
export function collectStats(size: number): (worker: MessagingWorker) => MessagingWorker {
  const live = new Map<MessagingWorker, Entry>();
  const exited = { workers: 0, served: 0 };
  let started = 0;

  const snapshot = (): ClusterStats => {
    const workers = [...live.values()].map((entry) => ({ ...entry }));
    const total = exited.served + workers.reduce((sum, entry) => sum + entry.served, 0);
    return { total, workers, exited: { ...exited }, restarts: Math.max(0, started - size) };
  };

  return (worker) => {
    started++;
    const entry: Entry = { pid: worker.pid, served: 0, startedAt: Date.now() };
    live.set(worker, entry);
    void worker.exited.then(() => {
      live.delete(worker);
      exited.workers++;
      exited.served += entry.served; // the dead worker's count stays in the total
    });
    worker.onMessage((raw) => {
      const message = parseWorkerMessage(raw);
      if (!message) {
        console.error(`primary ${process.pid}: ignored a malformed message from worker ${worker.pid}: ${inspect(raw, { depth: 2, breakLength: Infinity })}`);
        return;
      }
      if (message.type === 'workshop:served') {
        if (live.has(worker)) entry.served += message.count;
        else exited.served += message.count; // read after its worker's exit: still counted
        return;
      }
      if (message.type === 'workshop:stats?') worker.send({ type: 'workshop:stats', id: message.id, stats: snapshot() });
    });
    return worker;
  };
}
