// Start a lesson's server as a real process tree, wait for its ready line,
// and make sure every process in that tree is gone when the test ends.
import { setTimeout as delay } from 'node:timers/promises';
import { onTestFinished } from 'vitest';
import { spawnServerTree, whenReady, type LessonServer } from '../../lib/server-tree.ts';
import { lessonEntry } from './target.ts';

export type { LessonServer, ServerExit } from '../../lib/server-tree.ts';

export async function startServer(lesson: string, env: Record<string, string> = {}): Promise<LessonServer> {
  return whenReady(spawnServer(lesson, env));
}

// Start the server and return as soon as it exits, for servers that must refuse to start.
export async function runServerToExit(lesson: string, env: Record<string, string>, timeoutMs = 10_000) {
  const server = spawnServer(lesson, env);
  server.ready.catch(() => {}); // no ready line is the expected outcome here
  const exit = await Promise.race([server.exited, delay(timeoutMs, undefined, { ref: false })]);
  return { exitCode: exit?.exitCode, output: server.output(), stderr: server.stderr(), explain: server.explain, group: server.group };
}

// The teardown is registered at once: after every test, pass or fail, the whole tree is killed and confirmed gone.
function spawnServer(lesson: string, env: Record<string, string>) {
  const server = spawnServerTree(lessonEntry(lesson), lesson, env);
  onTestFinished(server.stop);
  return server;
}
