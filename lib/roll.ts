// A rolling restart as seen from outside: SIGHUP to the primary, then every
// worker it had is gone and `workers` new ones run.
import { sentence } from './message.ts';
import type { LessonServer } from './server-tree.ts';

const ROLL_TIMEOUT_MS = 20_000;

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
