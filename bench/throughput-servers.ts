// The servers the throughput section compares: one process, the two cluster
// scheduling policies, the reusePort launcher (lesson 11) and the thread pool
// (lesson 12), each started from its lesson's solution as the tests start it.
// A server that cannot run here (a lesson not written yet, a Node without
// reusePort) is skipped with its reason, never silently.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { solutionsDir } from '../lib/workspace.ts';
import { reusePortMissing } from '../lib/reuse-port.ts';

export type ServerId = 'single' | 'cluster-rr' | 'cluster-none' | 'reuse-port' | 'thread-pool';

// Why: everything a row needs to start its server and to say what it measured.
export type ServerUnderTest = {
  id: ServerId;
  label: string;
  lesson: string;
  entry: string; // absolute
  env: Record<string, string>;
  workers: number; // processes serving HTTP
  cpuPath(ms: number): string; // its CPU-bound route
  skipReason: string | undefined;
};

// Why: a solution another lesson adds may not exist yet in this checkout.
const missing = (entry: string) => (existsSync(entry) ? undefined : `${path.relative(path.dirname(solutionsDir), entry)} does not exist yet`);

// Why: the clusters get a worker per core (at least 2, or there is nothing to spread),
// with `connections` clients. The thread pool's queue holds four times the clients,
// so that it measures throughput, not its load shedding (lesson 12's 503s): the tasks
// of the warm-up's connections, closed when it ends, still run after it.
export function serversUnderTest(connections: number): ServerUnderTest[] {
  const cores = os.availableParallelism();
  const workers = Math.max(2, cores);
  const slow = (ms: number) => `/slow?ms=${ms}`;
  const lesson = (name: string, file: string) => path.join(solutionsDir, name, file);
  const single = lesson('lesson-2', 'server.ts');
  const cluster = lesson('lesson-8', 'server.ts');
  const launcher = lesson('lesson-11', 'launcher.ts');
  const threadPool = lesson('lesson-12', 'server.ts');
  return [
    { id: 'single', label: 'single process', lesson: 'lesson-2', entry: single, env: {}, workers: 1, cpuPath: slow, skipReason: missing(single) },
    // The policy is set both ways: a NODE_CLUSTER_SCHED_POLICY in the shell must not turn one into the other.
    {
      id: 'cluster-rr',
      label: 'cluster, round-robin',
      lesson: 'lesson-8',
      entry: cluster,
      env: { WORKERS: String(workers), NODE_CLUSTER_SCHED_POLICY: 'rr' },
      workers,
      cpuPath: slow,
      skipReason: missing(cluster),
    },
    {
      id: 'cluster-none',
      label: 'cluster, SCHED_NONE',
      lesson: 'lesson-8',
      entry: cluster,
      env: { WORKERS: String(workers), NODE_CLUSTER_SCHED_POLICY: 'none' },
      workers,
      cpuPath: slow,
      skipReason: missing(cluster),
    },
    {
      id: 'reuse-port',
      label: 'reusePort launcher',
      lesson: 'lesson-11',
      entry: launcher,
      env: { WORKERS: String(workers) },
      workers,
      cpuPath: slow,
      skipReason: missing(launcher) ?? reusePortMissing(),
    },
    {
      id: 'thread-pool',
      label: `thread pool, ${cores} threads`,
      lesson: 'lesson-12',
      entry: threadPool,
      env: { WORKERS: '1', THREADS: String(cores), QUEUE: String(4 * connections) },
      workers: 1,
      cpuPath: (ms) => `/work?ms=${ms}`,
      skipReason: missing(threadPool),
    },
  ];
}
