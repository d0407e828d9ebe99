// The IPC cost section (lesson 9, point 5 of issue 16): what counting every
// request for /stats costs a cluster on a trivial route. Lesson 8's cluster
// counts nothing; lesson 12's, the final server, reports its counts to the
// primary (lesson 9) and beats (lesson 10) over the same IPC channel that the
// primary reads while it hands out every connection. The same WORKERS, the
// same load, in interleaved rounds, so that a busy spell of the machine falls on both.
import path from 'node:path';
import { cpuTicks } from '../lib/process-tree.ts';
import { solutionsDir } from '../lib/workspace.ts';
import type { Section } from './section.ts';
import { measureThroughput, type RouteResult } from './throughput-run.ts';
import { formatTable, type Column } from './table.ts';

const WORKERS = 2;
const SERVERS = [
  { lesson: 'lesson-8', label: 'lesson 8 (no stats)' },
  { lesson: 'lesson-12', label: 'lesson 12 (stats, heartbeats)' },
] as const;
const SETTINGS = { rounds: 5, connections: 16, seconds: 3, warmupSeconds: 1, timeoutSeconds: 10 };
const SMOKE_SETTINGS = { rounds: 1, connections: 4, seconds: 1, warmupSeconds: 0, timeoutSeconds: 5 };

// primaryCpuShare: the primary's CPU time over the workers', from warm-up to the end (null without /proc).
type IpcRow = { round: number; lesson: string; label: string; workers: number; primaryCpuShare: number | null } & RouteResult;

const columns: Column<IpcRow>[] = [
  { header: 'round', cell: (row) => row.round },
  { header: 'server', cell: (row) => row.label },
  { header: 'req/s', cell: (row) => row.rps },
  { header: 'p50 ms', cell: (row) => row.p50Ms },
  { header: 'p99 ms', cell: (row) => row.p99Ms },
  { header: 'errors', cell: (row) => row.errors },
  { header: 'primary CPU', cell: (row) => (row.primaryCpuShare === null ? '-' : `${(row.primaryCpuShare * 100).toFixed(1)}%`) },
];

// Why: on a busy machine req/s swings from round to round; CPU time per process does not.
function cpuShare(processes: number[]): () => number | null {
  const before = processes.map(cpuTicks);
  return () => {
    const used = processes.map((pid, i) => (cpuTicks(pid) ?? NaN) - (before[i] ?? NaN));
    const workers = used.slice(1).reduce((a, b) => a + b, 0);
    return Number.isFinite(workers) && workers > 0 ? Math.round((used[0]! / workers) * 1000) / 1000 : null;
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// Why: `npm run bench` lists it among its sections.
export const ipcCostSection: Section = {
  name: 'ipc',
  title: `What counting requests over IPC costs: lesson 12's cluster against lesson 8's (GET /, WORKERS=${WORKERS})`,
  async run({ smoke, progress }) {
    const { rounds, ...load } = smoke ? SMOKE_SETTINGS : SETTINGS;
    const rows: IpcRow[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const { lesson, label } of SERVERS) {
        const entry = path.join(solutionsDir, lesson, 'server.ts');
        const run = `round ${round}/${rounds}, ${label}`;
        let share: () => number | null = () => null;
        await measureThroughput({ entry, name: `${lesson} (${label})`, env: { WORKERS: String(WORKERS), NODE_CLUSTER_SCHED_POLICY: 'rr' } }, load, [
          {
            path: '/',
            onStart: (processes) => {
              share = cpuShare(processes);
              progress(`${run}: ${load.seconds} s of load...`);
            },
            onResult: (result) => {
              rows.push({ round, lesson, label, workers: WORKERS, primaryCpuShare: share(), ...result });
              progress(`${run}: ${result.rps} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors`);
            },
          },
        ]);
      }
    }
    const medians = SERVERS.map(({ lesson }) => median(rows.filter((row) => row.lesson === lesson).map((row) => row.rps)));
    const ratio = medians[0]! > 0 ? Math.round((medians[1]! / medians[0]!) * 100) / 100 : null;
    // Each round's two servers ran a few seconds apart: their ratio shares that moment's load.
    const roundRatios = Array.from({ length: rounds }, (_, i) => rows[2 * i + 1]!.rps / Math.max(1, rows[2 * i]!.rps));
    const roundRatio = Math.round(median(roundRatios) * 100) / 100;
    const legend = `req/s: 2xx answers per second over ${load.seconds} s${load.warmupSeconds ? ` (after ${load.warmupSeconds} s of warm-up)` : ''}, ${load.connections} keep-alive connections (autocannon), round-robin.
primary CPU: the primary's CPU time (it hands out connections and reads the reports) over the workers', warm-up included.
Lesson 12 ÷ lesson 8: ${ratio ?? '-'}× by the medians of ${rounds} round(s) (${medians[1]} ÷ ${medians[0]} req/s), ${roundRatio}× by the median of each round's ratio. Node ${process.versions.node}.`;
    return { settings: { ...load, rounds, workers: WORKERS, medians, ratio, roundRatio }, rows, table: `${formatTable(columns, rows)}\n\n${legend}` };
  },
};
