// The throughput section (lessons 2, 8, 11, 12): how many requests a second,
// and how fast, one process, a cluster under each scheduling policy, the
// reusePort launcher and the thread pool serve, on a trivial route and on a
// CPU-bound one. All in one run, with the same load, so that the ratios to the
// single process mean something on this machine.
import os from 'node:os';
import { measureThroughput, type Load, type RouteResult } from './throughput-run.ts';
import { serversUnderTest, type ServerId } from './throughput-servers.ts';
import type { Section } from './section.ts';
import { formatTable, type Column } from './table.ts';

export type RouteKind = 'trivial' | 'cpu';

// Why: one row of the saved JSON (the site draws its charts from these); a server
// that could not run here has a row per route too, with why instead of numbers.
export type ThroughputRow = { server: ServerId; label: string; lesson: string; workers: number; route: RouteKind; path: string } & (
  | (RouteResult & { vsSingle: number | null }) // rps ÷ the single process's rps on the same route
  | { skipped: string }
);

// Why: 5 ms of CPU per request is 50 times a trivial request's cost here, so the CPU dominates.
const SETTINGS = { connections: 16, seconds: 4, warmupSeconds: 1, timeoutSeconds: 10, cpuMs: 5 };
// Every server and route once, with a tiny load: proves that each starts, answers and is stopped.
const SMOKE_SETTINGS = { connections: 4, seconds: 1, warmupSeconds: 0, timeoutSeconds: 5, cpuMs: 5 };

const measured = (row: ThroughputRow): row is Extract<ThroughputRow, { rps: number }> => !('skipped' in row);

const columns: Column<Extract<ThroughputRow, { rps: number }>>[] = [
  { header: 'server', cell: (row) => row.label },
  { header: 'processes', cell: (row) => row.workers },
  { header: 'route', cell: (row) => `GET ${row.path}` },
  { header: 'req/s', cell: (row) => row.rps },
  { header: '× single', cell: (row) => (row.vsSingle === null ? '-' : row.vsSingle.toFixed(2)) },
  { header: 'p50 ms', cell: (row) => row.p50Ms },
  { header: 'p99 ms', cell: (row) => row.p99Ms },
  { header: 'errors', cell: (row) => row.errors },
];

// Why: the numbers read wrong without the machine they share.
const legend = (
  load: Load,
) => `req/s: 2xx answers per second over ${load.seconds} s${load.warmupSeconds ? ` (after ${load.warmupSeconds} s of warm-up)` : ''}, ${load.connections} keep-alive connections (autocannon).
× single: req/s divided by the single process's on the same route. p50, p99: latency of the 2xx answers, whole ms.
errors: non-2xx answers + connection errors + timeouts. processes: those serving HTTP (a cluster's primary only hands out connections).
Node ${process.versions.node}, ${os.availableParallelism()} cores: the load generator runs in this process, on the same cores as the servers.`;

// Why: `npm run bench` lists it among its sections.
export const throughputSection: Section = {
  name: 'throughput',
  title: 'Throughput: one process, cluster (round-robin, SCHED_NONE), reusePort, thread pool',
  async run({ smoke, progress }) {
    const { cpuMs, ...load } = smoke ? SMOKE_SETTINGS : SETTINGS;
    const servers = serversUnderTest(load.connections);
    const routesOf = (server: (typeof servers)[number]) => [
      { route: 'trivial' as const, path: '/' },
      { route: 'cpu' as const, path: server.cpuPath(cpuMs) },
    ];
    const total = servers.filter((server) => !server.skipReason).length * 2;
    const rows: ThroughputRow[] = [];
    const skipped: string[] = [];
    let done = 0;
    for (const server of servers) {
      const shared = { server: server.id, label: server.label, lesson: server.lesson, workers: server.workers };
      if (server.skipReason) {
        for (const { route, path } of routesOf(server)) rows.push({ ...shared, route, path, skipped: server.skipReason });
        skipped.push(`${server.label}: not measured, ${server.skipReason}`);
        progress(`skipped ${server.label}: ${server.skipReason}`);
        continue;
      }
      await measureThroughput(
        { entry: server.entry, name: `${server.lesson} (${server.label})`, env: server.env },
        load,
        routesOf(server).map(({ route, path }) => {
          const run = `[${++done}/${total}] ${server.label}, GET ${path}`;
          return {
            path,
            onStart: () => progress(`${run}: ${load.seconds} s of load...`),
            onResult: (result: RouteResult) => {
              const single = server.id === 'single' ? result : rows.filter(measured).find((row) => row.server === 'single' && row.route === route);
              const vsSingle = single && single.rps > 0 ? Math.round((result.rps / single.rps) * 100) / 100 : null;
              rows.push({ ...shared, route, path, ...result, vsSingle });
              progress(`${run}: ${result.rps} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors`);
            },
          };
        }),
      );
    }
    const table = [formatTable(columns, rows.filter(measured)), ...(skipped.length ? ['', ...skipped] : []), '', legend(load)].join('\n');
    return { settings: { ...load, cpuMs, cores: os.availableParallelism() }, rows, table };
  },
};
