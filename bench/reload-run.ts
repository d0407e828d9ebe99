// One measurement of a reload section: start a lesson 8 or 11 server (or a variant
// of it) as the tests do, put it under load, roll it `rolls` times, and count
// what the clients saw. The whole process group is killed and confirmed gone
// afterwards, whatever happened.
import { setTimeout as delay } from 'node:timers/promises';
import { startLoad, type Connections } from '../lib/load.ts';
import { rollingRestart } from '../lib/roll.ts';
import { spawnServerTree, whenReady } from '../lib/server-tree.ts';
import { percentile } from './percentile.ts';
import type { Column } from './table.ts';

// Why: everything one row of the reload table varies.
// `env`: more settings for the server (NODE_CLUSTER_SCHED_POLICY, ...).
export type ReloadRun = {
  entry: string;
  name: string;
  workers: number;
  connections: Connections;
  clients: number;
  rolls: number;
  settleMs: number;
  env?: Record<string, string>;
};

// Why: what the clients saw during one row's rolls, as saved in the JSON.
export type ReloadCounts = {
  seconds: number; // from the first request to the last
  sent: number;
  served: number; // answered 200
  failed: number;
  failures: Record<string, number>; // by error code (ECONNRESET, ...) or HTTP status
  p99Ms: number | null; // of the served requests
};

// Why: the load runs `settleMs` before the first SIGHUP and after the last roll, so that a
// failure the roll causes late (an idle keep-alive connection closed under a client) is counted.
export async function measureReload({ entry, name, workers, connections, clients, rolls, settleMs, env = {} }: ReloadRun): Promise<ReloadCounts> {
  const tree = spawnServerTree(entry, name, { ...env, WORKERS: String(workers) });
  try {
    const server = await whenReady(tree);
    const startedAt = performance.now();
    const load = startLoad(server.url, { clients, connections });
    try {
      await delay(settleMs);
      for (let i = 0; i < rolls; i++) await rollingRestart(server, workers);
      await delay(settleMs);
    } finally {
      await load.stop();
    }
    const { sent, answered, failures, latenciesMs } = load.report;
    return {
      seconds: Math.round(performance.now() - startedAt) / 1000,
      sent,
      served: answered,
      failed: sent - answered,
      failures: Object.fromEntries(failures),
      p99Ms: roundTo10th(percentile(latenciesMs, 99)),
    };
  } finally {
    await tree.stop();
  }
}

const roundTo10th = (ms: number | null) => (ms === null ? null : Math.round(ms * 10) / 10);

// Why: both roll sections print failures by code, and the same counts.
export const listByCode = (failures: Record<string, number>) =>
  Object.entries(failures)
    .map(([code, count]) => `${count} ${code}`)
    .join(', ');

export const countColumns = <Row extends ReloadCounts>(): Column<Row>[] => [
  { header: 'served', cell: (row) => row.served },
  { header: 'failed', cell: (row) => row.failed },
  { header: 'failed by code', cell: (row) => listByCode(row.failures) || '-' },
  { header: 'p99 ms', cell: (row) => row.p99Ms ?? '-' },
];
