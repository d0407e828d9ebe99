import { setTimeout as delay } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { startServer, type LessonServer } from './harness/lesson-server.ts';

const WORKERS = 2;

// The pool is whole again when `victim` is gone, WORKERS workers are alive, and the newcomer answers.
async function replacementFor(server: LessonServer, victim: number, before: number[]): Promise<number> {
  const replacement = await server.waitFor(
    `worker ${victim} died, and 10 s later the primary still had no new worker (does cluster.on('exit') fork one?)`,
    async () => {
      const now = await server.workers();
      const fresh = now.filter((pid) => !before.includes(pid));
      return !now.includes(victim) && now.length === WORKERS && fresh.length === 1 ? fresh[0] : undefined;
    },
  );
  await server.waitFor(`worker ${replacement} was forked but answered no request on a fresh connection within 10 s`, async () =>
    (await server.get('/')).body.pid === replacement ? true : undefined,
  );
  return replacement;
}

test('a worker killed with SIGKILL is replaced, and the primary logs the signal', async () => {
  const server = await startServer('lesson-5', { WORKERS: String(WORKERS) });
  const before = await server.workers();
  const victim = before[0]!;
  process.kill(victim, 'SIGKILL');

  await replacementFor(server, victim, before);
  const logged = server.output().split('\n').some((line) => line.includes(String(victim)) && line.includes('SIGKILL'));
  expect(logged, server.explain(`the primary should log worker ${victim}'s exit with its signal (SIGKILL); code is null when a signal killed it`)).toBe(true);
});

test('a worker that crashes (GET /crash) is replaced, and the primary logs its exit code', async () => {
  const server = await startServer('lesson-5', { WORKERS: String(WORKERS) });
  const before = await server.workers();
  const crash = await server.get('/crash');
  const victim = crash.body.pid;
  expect(before, server.explain(`GET /crash answered ${JSON.stringify(crash.body)}: expected a worker's pid`)).toContain(victim);

  await replacementFor(server, victim, before);
  const logged = server
    .output()
    .split('\n')
    .some((line) => line.includes(String(victim)) && !line.includes('simulated fatal bug') && /\b1\b/.test(line));
  expect(logged, server.explain(`the primary should log worker ${victim}'s exit with its code (1)`)).toBe(true);
});

test('a worker that leaves on purpose (GET /retire: disconnect()) is not replaced', async () => {
  const server = await startServer('lesson-5', { WORKERS: String(WORKERS) });
  const retire = await server.get('/retire');
  const leaver = retire.body.pid;
  await server.waitFor(`worker ${leaver} was asked to disconnect() but is still running after 10 s`, async () =>
    (await server.workers()).includes(leaver) ? undefined : true,
  );
  await delay(1_500); // a window in which a wrong replacement would appear; a crash is replaced well within it
  const now = await server.workers();
  expect(now, server.explain(`worker ${leaver} left on purpose (exitedAfterDisconnect is true), yet the pool is back to ${now.length}: only replace workers that die unexpectedly`)).toHaveLength(WORKERS - 1);
});
