// A rolling restart as seen from outside: SIGHUP to the primary, then every
// worker it had is gone and `workers` new ones run.
import { sentence } from './message.ts';
import type { LessonServer } from './server-tree.ts';

// Each slot costs a start-up, ROLL_SOAK_MS (2 s by default) and a drain: with a second SIGHUP queued
// and the machine at a load of 25 on 2 cores, two slots took more than 20 s (Node 20.20.2, measured).
const ROLL_TIMEOUT_MS = 40_000;

// Why: the lesson 8 tests and the reload benchmark wait for a roll the same way.
export async function rollingRestart(server: LessonServer, workers: number): Promise<number[]> {
  const before = await server.workers();
  server.signal('SIGHUP');
  return server.waitFor(
    sentence`after SIGHUP, the pool did not become ${workers} new worker(s) within ${ROLL_TIMEOUT_MS / 1000} s
      (it still had ${before.join(', ')}): a rolling restart replaces every worker, one at a time`,
    async () => {
      const now = await server.workers();
      return now.length === workers && now.every((pid) => !before.includes(pid)) ? now : undefined;
    },
    ROLL_TIMEOUT_MS,
  );
}
