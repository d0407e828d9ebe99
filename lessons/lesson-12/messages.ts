// What the workers and the primary say to each other over IPC, in one place.
// A message is data from another process: a worker running other code (a
// roll in progress, a bug, a library that calls process.send too) can send
// anything. The primary checks each one here, and ignores what does not fit,
// rather than crash the process every worker depends on.

// Worker to primary.
export type WorkerMessage =
  | { type: 'served'; count: number } // this many more requests answered
  | { type: 'stats?'; id: number } // "send me the cluster's stats", answered with the same id
  | { type: 'heartbeat' }; // "my event loop still turns" (lesson 10)

// Primary to worker: the answer to one 'stats?'.
export type StatsReply = { type: 'stats'; id: number; stats: ClusterStats };

export type ClusterStats = {
  total: number; // every request counted, by live and dead workers
  workers: { pid: number; served: number; startedAt: number }[]; // the live ones; startedAt in ms since the epoch
  exited: { workers: number; served: number }; // the dead ones, added up
  restarts: number; // workers started after the first WORKERS: replacements, and rolling restarts
};

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

// The message as a WorkerMessage, or undefined if it is not one.
export function parseWorkerMessage(message: unknown): WorkerMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, count, id } = message as Record<string, unknown>;
  if (type === 'served' && isCount(count)) return { type, count };
  if (type === 'stats?' && isCount(id)) return { type, id };
  if (type === 'heartbeat') return { type };
  return undefined;
}

// The worker's side: only the answer to a question it asked.
export function isStatsReply(message: unknown): message is StatsReply {
  return typeof message === 'object' && message !== null && (message as StatsReply).type === 'stats' && typeof (message as StatsReply).id === 'number';
}
