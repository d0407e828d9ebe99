// When each worker process appeared and disappeared, sampled from the process
// tree: crash loops and restarts are judged by their timing, not by log lines.
import { isAlive } from '../../lib/process-tree.ts';
import type { LessonServer } from './lesson-server.ts';

export type Lifetime = { pid: number; firstSeen: number; lastSeen: number; gone: boolean };

const SAMPLE_EVERY_MS = 10;

// Why: the test keeps its requests going while the timeline samples in the background.
export function recordWorkerTimeline(server: Pick<LessonServer, 'workers'>) {
  const lifetimes = new Map<number, Lifetime>();
  let running = true;
  const sampling = (async () => {
    while (running) {
      const now = performance.now();
      const alive = new Set(await server.workers());
      for (const pid of alive) {
        const seen = lifetimes.get(pid);
        if (seen) Object.assign(seen, { lastSeen: now, gone: false });
        else lifetimes.set(pid, { pid, firstSeen: now, lastSeen: now, gone: false });
      }
      // A starting worker can be missing from one sample (its /proc entry read mid-exec): gone is dead, not unseen.
      for (const lifetime of lifetimes.values()) if (!alive.has(lifetime.pid) && !isAlive(lifetime.pid)) lifetime.gone = true;
      await new Promise((done) => setTimeout(done, SAMPLE_EVERY_MS));
    }
  })();
  return {
    // Workers in the order they appeared.
    lifetimes: () => [...lifetimes.values()].sort((a, b) => a.firstSeen - b.firstSeen),
    async stop(): Promise<void> {
      running = false;
      await sampling;
    },
  };
}
