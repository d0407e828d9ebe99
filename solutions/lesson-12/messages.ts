// What the workers and the primary say to each other over IPC, in one place.
// A message is data from another process: a worker running other code (a
// roll in progress, a bug, a library that calls process.send too) can send
// anything. The primary checks each one here, and ignores what does not fit,
// rather than crash the process every worker depends on.
import type { WorkerHandle } from './supervisor.ts';

// Every type starts with 'workshop:', as Node's own cluster messages carry
// 'NODE_CLUSTER': the channel is shared with any library that calls
// process.send() (prom-client's start with 'prom-client:').

// Worker to primary.
export type WorkerMessage =
  | { type: 'workshop:served'; count: number } // this many more requests answered since the last report
  | { type: 'workshop:stats?'; id: number } // "send me the cluster's stats", answered with the same id
  | { type: 'workshop:heartbeat' }; // "my event loop still turns" (lesson 10)

// Primary to worker: the answer to one 'workshop:stats?'.
export type StatsReply = { type: 'workshop:stats'; id: number; stats: ClusterStats };

export type ClusterStats = {
  total: number; // every request counted, by live and dead workers
  workers: { pid: number; served: number; startedAt: number }[]; // the live ones; startedAt in ms since the epoch
  exited: { workers: number; served: number }; // the dead ones, added up
  restarts: number; // workers started after the first WORKERS: replacements, and rolling restarts
};

// The supervisor's handle with the worker's channel: the primary's listeners
// (stats-primary.ts, hang-detector.ts) hear and answer each worker through it, whatever started it.
export type MessagingWorker = WorkerHandle & {
  send(message: StatsReply): void; // dropped if the worker has gone
  onMessage(listener: (message: unknown) => void): void; // every message the worker sends, unchecked
};

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

// The message as a WorkerMessage, or undefined if it is not one.
export function parseWorkerMessage(message: unknown): WorkerMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, count, id } = message as Record<string, unknown>;
  if (type === 'workshop:served' && isCount(count)) return { type, count };
  if (type === 'workshop:stats?' && isCount(id)) return { type, id };
  if (type === 'workshop:heartbeat') return { type };
  return undefined;
}

// The worker's side: only the answer to a question it asked.
export function isStatsReply(message: unknown): message is StatsReply {
  return typeof message === 'object' && message !== null && (message as StatsReply).type === 'workshop:stats' && typeof (message as StatsReply).id === 'number';
}
