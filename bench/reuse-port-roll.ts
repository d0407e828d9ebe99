// The reusePort roll section (lesson 11): what a rolling restart of the
// launcher costs the clients, beside the same roll of lesson 11's cluster.
// Each reusePort process has an accept queue of its own: when a retired
// process closes its listening socket, Linux resets the connections still
// waiting in that queue, unless net.ipv4.tcp_migrate_req=1 (Linux 5.14+) moves
// them to another socket of the group. The section prints that setting; it
// never changes it (a system-wide choice, not the benchmark's to make).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reusePortMissing } from '../lib/reuse-port.ts';
import { solutionsDir } from '../lib/workspace.ts';
import { countColumns, listByCode, measureReload, type ReloadCounts } from './reload-run.ts';
import type { Section } from './section.ts';
import { formatTable, type Column } from './table.ts';

const LESSON = 'lesson-11';
const MIGRATE_REQ = '/proc/sys/net/ipv4/tcp_migrate_req';
// Fresh connections, many at once: the resets hit connections accepted by the kernel, not yet by the process.
const SETTINGS = { rolls: 5, settleMs: 500, workers: 2, clients: 32 };
const SMOKE_SETTINGS = { rolls: 1, settleMs: 200, workers: 2, clients: 4 };

const SERVERS = [
  // Round-robin set, not inherited: a NODE_CLUSTER_SCHED_POLICY in the shell must not change the row.
  { server: 'cluster-rr', label: 'cluster, round-robin', file: 'server.ts', env: { NODE_CLUSTER_SCHED_POLICY: 'rr' }, skipReason: undefined },
  { server: 'reuse-port', label: 'reusePort launcher', file: 'launcher.ts', env: {}, skipReason: reusePortMissing() },
] as const;

type RollRow = { server: string; label: string; workers: number; clients: number; rolls: number } & (ReloadCounts | { skipped: string });
const measured = (row: RollRow): row is Extract<RollRow, { served: number }> => !('skipped' in row);

const columns: Column<Extract<RollRow, { served: number }>>[] = [
  { header: 'server', cell: (row) => row.label },
  { header: 'WORKERS', cell: (row) => row.workers },
  { header: 'rolls', cell: (row) => row.rolls },
  { header: 'connections', cell: (row) => row.sent },
  ...countColumns<Extract<RollRow, { served: number }>>(),
];

// The kernel's choice for a closing listener's queue: '0' resets it, '1' migrates it; undefined where it cannot be read.
function readMigrateReq(): string | undefined {
  try {
    return readFileSync(MIGRATE_REQ, 'utf8').trim();
  } catch {
    return undefined; // not Linux, or a kernel older than 5.14
  }
}

const legend = (migrateReq: string | undefined, clients: number) =>
  `connections: requests, each on a new connection, from ${clients} client loops (each sends its next as soon as the last ends).
net.ipv4.tcp_migrate_req = ${migrateReq ?? `unknown (no ${MIGRATE_REQ})`}: 0 resets the connections waiting in a closing reusePort socket's queue, 1 moves them to another socket of the group.
Kernel ${os.release()}, Node ${process.versions.node}, ${os.availableParallelism()} cores; the clients share the cores with the servers.`;

// Why: `npm run bench` lists it among its sections.
export const reusePortRollSection: Section = {
  name: 'reuse-port-roll',
  title: 'Rolling restart under load: the reusePort launcher beside the cluster (lesson 11, SIGHUP)',
  async run({ smoke, progress }) {
    const { rolls, settleMs, workers, clients } = smoke ? SMOKE_SETTINGS : SETTINGS;
    const migrateReq = readMigrateReq();
    progress(`net.ipv4.tcp_migrate_req = ${migrateReq ?? 'unknown'} (read, never changed)`);
    const rows: RollRow[] = [];
    for (const { server, label, file, env, skipReason } of SERVERS) {
      const shared = { server, label, workers, clients, rolls };
      if (skipReason) {
        rows.push({ ...shared, skipped: skipReason });
        progress(`${label}: skipped, ${skipReason}`);
        continue;
      }
      const entry = path.join(solutionsDir, LESSON, file);
      const counts = await measureReload({ entry, name: `${LESSON} ${file}`, workers, connections: 'fresh', clients, rolls, settleMs, env });
      rows.push({ ...shared, ...counts });
      progress(`${label}: ${counts.served} served, ${counts.failed} failed${counts.failed ? ` (${listByCode(counts.failures)})` : ''} in ${counts.seconds} s`);
    }
    const skipped = rows.filter((row) => !measured(row)).map((row) => `${row.label}: skipped, ${(row as { skipped: string }).skipped}`);
    const table = [formatTable(columns, rows.filter(measured)), ...skipped, '', legend(migrateReq, clients)].join('\n');
    return { settings: { rolls, settleMs, tcpMigrateReq: migrateReq ?? null, kernel: os.release() }, rows, table };
  },
};
