// What the workers and the primary say to each other over IPC, in one place.
// A message is data from another process: a worker running other code (a
// roll in progress, a bug, a library that calls process.send too) can send
// anything. The primary checks each one here, and ignores what does not fit,
// rather than crash the process every worker depends on.

// Worker to primary.
export type WorkerMessage =
  | { type: 'served'; count: number } // this many more requests answered
  | { type: 'stats?'; id: number }; // "send me the cluster's stats", answered with the same id

// Primary to worker: the answer to one 'stats?'.
export type StatsReply = { type: 'stats'; id: number; stats: ClusterStats };

export type ClusterStats = {
  total: number; // every request counted, by live and dead workers
  workers: { pid: number; served: number; startedAt: number }[]; // the live ones; startedAt in ms since the epoch
  exited: { workers: number; served: number }; // the dead ones, added up
  restarts: number; // workers started after the first WORKERS: replacements, and rolling restarts
};

// The message as a WorkerMessage, or undefined if it is not one.
export function parseWorkerMessage(_message: unknown): WorkerMessage | undefined {
  // TODO: return { type: 'served', count } for a 'served' with a count that is
  // a whole number of at least 1, { type: 'stats?', id } for a 'stats?' with an
  // id that is a whole number of at least 1, and undefined for anything else
  // (null, a string, an unknown type, a missing or wrong field). Never throw.
  return undefined;
}

// The worker's side: only the answer to a question it asked.
export function isStatsReply(message: unknown): message is StatsReply {
  return typeof message === 'object' && message !== null && (message as StatsReply).type === 'stats' && typeof (message as StatsReply).id === 'number';
}
