// One server of the throughput section: start it as the tests do, put each
// route under autocannon's load in turn, and stop it, with its whole process
// tree confirmed gone, whatever happened.
import autocannon from 'autocannon';
import { spawnServerTree, whenReady } from '../lib/server-tree.ts';

// Why: the load every route gets; the same for every server, so that the ratios mean something.
export type Load = { connections: number; seconds: number; warmupSeconds: number; timeoutSeconds: number };

// Why: what the clients saw on one route, as saved in the JSON.
export type RouteResult = {
  seconds: number; // measured, without the warm-up
  served: number; // answered 2xx
  rps: number; // served per second
  p50Ms: number; // of the 2xx answers, whole milliseconds (autocannon's resolution)
  p99Ms: number;
  errors: number; // non2xx + failed + timeouts
  errorsBy: { non2xx: number; failed: number; timeouts: number };
};

// onStart gets the server's processes: the primary (or launcher) first, then its workers.
type Measured = { path: string; onStart(processes: number[]): void; onResult(result: RouteResult): void };

const FIRST_ANSWER_TIMEOUT_MS = 20_000;
// Why: a load must never leave this machine.
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function measureThroughput(server: { entry: string; name: string; env: Record<string, string> }, load: Load, routes: Measured[]): Promise<void> {
  const tree = spawnServerTree(server.entry, server.name, server.env);
  try {
    const started = await whenReady(tree);
    const { url } = started;
    if (!LOOPBACK.has(new URL(url).hostname))
      throw new Error(tree.explain(`${server.name} listens on ${url}, not on loopback: the benchmark loads loopback only`));
    for (const route of routes) {
      // One request first: a route that fails is a broken benchmark, not a slow server; and a
      // thread pool's threads load their task (through tsx) before the clock starts.
      const first = await started.get(route.path, FIRST_ANSWER_TIMEOUT_MS);
      if (first.status !== 200) throw new Error(tree.explain(`${server.name} answered GET ${route.path} with ${first.status}, not 200`));
      route.onStart([started.pid, ...(await started.workers())]);
      route.onResult(await measureRoute(`${url}${route.path}`, load));
    }
  } finally {
    await tree.stop();
  }
}

async function measureRoute(url: string, { connections, seconds, warmupSeconds, timeoutSeconds }: Load): Promise<RouteResult> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: timeoutSeconds,
    ...(warmupSeconds > 0 ? { warmup: { connections, duration: warmupSeconds } } : {}),
  });
  // autocannon counts a timeout in `errors` too: split them, so that none is counted twice.
  const errorsBy = { non2xx: result.non2xx, failed: result.errors - result.timeouts, timeouts: result.timeouts };
  return {
    seconds: result.duration,
    served: result['2xx'],
    rps: Math.round(result['2xx'] / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: errorsBy.non2xx + errorsBy.failed + errorsBy.timeouts,
    errorsBy,
  };
}
