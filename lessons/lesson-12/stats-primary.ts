// The primary's side of the cluster's stats. Each worker counts only itself,
// and dies with its count; the primary outlives them all, so it keeps the
// ledger: what every worker reported, live or dead, and it answers any
// worker that asks for the whole picture (GET /stats).
import cluster, { type Worker } from 'node:cluster';
import { inspect } from 'node:util';
import { parseWorkerMessage, type ClusterStats, type StatsReply } from './messages.ts';

type Entry = { pid: number; served: number; startedAt: number };

// Call it before the first fork: it counts the workers from their 'fork' on.
export function collectStats(size: number): void {
  const live = new Map<number, Entry>();
  const exited = { workers: 0, served: 0 };
  let started = 0;

  // On the cluster, not on each worker: a listener attached to the first
  // workers would never hear their replacements.
  cluster.on('fork', (worker) => {
    started++;
    live.set(worker.process.pid!, { pid: worker.process.pid!, served: 0, startedAt: Date.now() });
  });
  cluster.on('exit', (worker) => {
    const entry = live.get(worker.process.pid!);
    if (!entry) return;
    live.delete(entry.pid);
    exited.workers++;
    exited.served += entry.served; // the dead worker's count stays in the total
  });

  const snapshot = (): ClusterStats => {
    const workers = [...live.values()].map((entry) => ({ ...entry }));
    const total = exited.served + workers.reduce((sum, entry) => sum + entry.served, 0);
    return { total, workers, exited: { ...exited }, restarts: Math.max(0, started - size) };
  };

  cluster.on('message', (worker: Worker, raw: unknown) => {
    const message = parseWorkerMessage(raw);
    if (!message) {
      console.error(
        `primary ${process.pid}: ignored a malformed message from worker ${worker.process.pid}: ${inspect(raw, { depth: 2, breakLength: Infinity })}`,
      );
      return;
    }
    if (message.type === 'served') {
      const entry = live.get(worker.process.pid!);
      if (entry) entry.served += message.count;
      else exited.served += message.count; // read after its worker's 'exit': still counted
      return;
    }
    // The asker may have died since it asked: a send on a closed channel is an error, not a crash.
    if (message.type !== 'stats?' || !worker.isConnected()) return;
    const reply: StatsReply = { type: 'stats', id: message.id, stats: snapshot() };
    worker.send(reply, (error) => {
      if (error) console.error(`primary ${process.pid}: could not answer worker ${worker.process.pid}: ${error.message}`);
    });
  });
}
