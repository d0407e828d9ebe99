// Lesson servers as real process trees, one set per test: the `test` of every
// lesson file gives each test its own servers (fixtures), killed and confirmed
// gone when that test ends, pass, fail or timeout. A lesson's tests may run at
// once, so nothing here relies on vitest's "current test": a test uses the
// `expect` and `onTestFinished` of its own context.
import { setTimeout as delay } from 'node:timers/promises';
import { test as base, type TestContext } from 'vitest';
import { EXIT_REPORTED_WITHIN_MS, spawnServerTree, whenReady, type LessonServer, type ServerExit, type ServerTree } from '../../lib/server-tree.ts';
import { lessonEntry } from './target.ts';

export type { LessonServer, ServerExit, ServerTree } from '../../lib/server-tree.ts';

type Env = Record<string, string>;
type LessonFixtures = {
  // Start the lesson's server and wait until it is ready (its ready line checked).
  startServer: (lesson: string, env?: Env) => Promise<LessonServer>;
  // Start it without waiting: for servers that must exit, or must not become ready.
  spawnServer: (lesson: string, env?: Env) => ServerTree;
};

// Why: the context every lesson test and its helpers receive.
export type LessonContext = TestContext & LessonFixtures;

// Why: each lesson file's `test`, with its servers as fixtures.
export const test = base.extend<LessonFixtures>({
  // `{}`: vitest reads a fixture's dependencies from this pattern, and this one has none.
  spawnServer: async ({}, use) => {
    const trees: ServerTree[] = [];
    await use((lesson, env = {}) => {
      const tree = spawnServerTree(lessonEntry(lesson), lesson, env);
      trees.push(tree);
      return tree;
    });
    const stopped = await Promise.allSettled(trees.map((tree) => tree.stop()));
    const failed = stopped.find((each) => each.status === 'rejected');
    if (failed) throw failed.reason;
  },
  startServer: async ({ spawnServer }, use) => {
    await use((lesson, env) => whenReady(spawnServer(lesson, env)));
  },
});

// Why: a test waits for an exit only as long as its assertion allows; past that, the verdict is known.
// The primary's exit and how long after `signalledAt` it came (`took`, in words), or, if it has
// not come by `withinMs`, Infinity and an exit that says so.
export async function exitWithin(server: LessonServer, signalledAt: number, withinMs: number) {
  // An exit just before the deadline is reported a moment later: wait for that, then judge by its own time.
  const exit = await Promise.race([server.exited, delay(signalledAt + withinMs + EXIT_REPORTED_WITHIN_MS - performance.now(), undefined)]);
  if (!exit)
    return {
      exit: { signal: 'nothing yet: it is still running' } as ServerExit,
      exitedAfterMs: Infinity,
      took: `more than ${withinMs.toFixed(0)} ms (still running)`,
    };
  const exitedAfterMs = (exit.at ?? performance.now()) - signalledAt;
  return { exit, exitedAfterMs, took: `${exitedAfterMs.toFixed(0)} ms${leftBehind(exit)}` };
}

// Why: a primary that exits at once and orphans its workers has not shut down; its exit's time alone would say it did.
export const leftBehind = ({ leftRunning = [] }: ServerExit) =>
  leftRunning.length === 0 ? '' : ` (leaving process(es) ${leftRunning.join(', ')} of its group running)`;

// How a start that must not succeed ended, as soon as it is known.
export type StartOutcome =
  | { ended: 'exited'; exit: ServerExit }
  | { ended: 'ready' } // printed its ready line: it started anyway
  | { ended: 'running' }; // neither, when `giveUp` settled

// Why: a server that exits, or prints its ready line, is judged at that moment, not at a timeout.
export function startOutcome(tree: ServerTree, giveUp: Promise<unknown>): Promise<StartOutcome> {
  return Promise.race([
    tree.exited.then((exit) => ({ ended: 'exited', exit }) as const),
    tree.ready.then(
      () => ({ ended: 'ready' }) as const,
      () => new Promise<never>(() => {}), // no ready line: the exit (or giveUp) decides
    ),
    giveUp.then(() => ({ ended: 'running' }) as const),
  ]);
}
