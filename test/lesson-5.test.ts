import { setTimeout as delay } from 'node:timers/promises';
import { get } from '../lib/http.ts';
import { sentence } from '../lib/message.ts';
import { expectOneReadyLine } from '../lib/ready-line.ts';
import { expectEmptiedPoolExitsNonZero } from './harness/empty-pool.ts';
import { test, type LessonServer } from './harness/lesson-server.ts';

const WORKERS = 2;
// The primary forks a replacement the moment the old worker is gone, and the newcomer's
// start-up is one worker's: bounds in whole start-ups of the server (its primary and
// every worker), as measured when it started.
const STARTS_TO_FORK = 1;
const STARTS_TO_SERVE = 2;

// The pool is whole again when `victim` is gone, WORKERS workers are alive, and the newcomer answers.
async function replacementFor(server: LessonServer, victim: number, before: number[]): Promise<number> {
  const forked = server.startUpBound(STARTS_TO_FORK);
  const replacement = await server.waitFor(
    `worker ${victim} died, and ${forked.shown} later the primary still had no new worker (does cluster.on('exit') fork one?)`,
    async () => {
      const now = await server.workers();
      const fresh = now.filter((pid) => !before.includes(pid));
      return !now.includes(victim) && now.length === WORKERS && fresh.length === 1 ? fresh[0] : undefined;
    },
    forked.ms,
  );
  const bound = server.startUpBound(STARTS_TO_SERVE);
  await server.waitFor(
    `worker ${replacement} was forked but answered no request on a fresh connection within ${bound.shown}`,
    async () => ((await server.get('/')).body.pid === replacement ? true : undefined),
    bound.ms,
  );
  await expectOneReadyLine(server);
  return replacement;
}

test.concurrent('a worker killed with SIGKILL is replaced, and the primary logs the signal', async ({ expect, startServer }) => {
  const server = await startServer('lesson-5', { WORKERS: String(WORKERS) });
  const before = await server.workers();
  const victim = before[0]!;
  process.kill(victim, 'SIGKILL');

  await replacementFor(server, victim, before);
  const logged = server
    .output()
    .split('\n')
    .some((line) => line.includes(String(victim)) && line.includes('SIGKILL'));
  expect(logged, server.explain(`the primary should log worker ${victim}'s exit with its signal (SIGKILL); code is null when a signal killed it`)).toBe(true);
});

test.concurrent('a replacement is healed in turn when it dies too', async ({ startServer }) => {
  const server = await startServer('lesson-5', { WORKERS: String(WORKERS) });
  const first = await server.workers();
  process.kill(first[0]!, 'SIGKILL');
  const replacement = await replacementFor(server, first[0]!, first);
  const second = await server.workers();
  process.kill(replacement, 'SIGKILL');
  const bound = server.startUpBound(STARTS_TO_FORK);
  await server.waitFor(
    sentence`worker ${replacement}, itself a replacement, was killed and not replaced within ${bound.shown}:
      an 'exit' listener attached to each worker at start-up watches only the first ones. Listen on the cluster: cluster.on('exit', ...)`,
    async () => {
      const now = await server.workers();
      return !now.includes(replacement) && now.length === WORKERS && now.some((pid) => !second.includes(pid)) ? true : undefined;
    },
    bound.ms,
  );
});

test.concurrent('a worker that crashes (GET /crash) is replaced, and the primary logs its exit code', async ({ expect, startServer }) => {
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

test.concurrent('a worker that leaves on purpose (GET /retire: disconnect()) is not replaced', async ({ expect, startServer }) => {
  const server = await startServer('lesson-5', { WORKERS: String(WORKERS) });
  const retire = await server.get('/retire');
  const leaver = retire.body.pid;
  await server.waitFor(`worker ${leaver} was asked to disconnect() but is still running after 10 s`, async () =>
    (await server.workers()).includes(leaver) ? undefined : true,
  );
  await delay(1_500); // a window in which a wrong replacement would appear; a crash is replaced well within it
  const now = await server.workers();
  expect(
    now,
    server.explain(sentence`worker ${leaver} left on purpose (exitedAfterDisconnect is true), yet the pool is back to ${now.length}:
      only replace workers that die unexpectedly`),
  ).toHaveLength(WORKERS - 1);
});

test.concurrent(
  'when the last worker leaves on purpose (WORKERS=1, GET /retire), the primary exits non-zero and leaves nothing',
  async ({ expect, startServer }) => {
    const server = await startServer('lesson-5', { WORKERS: '1' });
    await expectEmptiedPoolExitsNonZero(expect, server, 'GET /retire', async () => {
      await server.get('/retire');
    });
  },
);

test.concurrent('when every worker dies at once, new workers serve at the address the ready line announced', async ({ expect, startServer }) => {
  const server = await startServer('lesson-5', { WORKERS: String(WORKERS) });
  const before = await server.workers();
  for (const pid of before) process.kill(pid, 'SIGKILL');

  // Until a replacement listens, connections are refused (or, if the primary had
  // accepted one for a dying worker, left unanswered): ask again with a short timeout.
  const bound = server.startUpBound(STARTS_TO_SERVE + 1);
  const answeredBy = await server.waitFor(
    sentence`every worker was killed at once, and ${bound.shown} later no new worker answered at ${server.url}.
      When the last worker goes, the primary closes the shared socket; with PORT=0 a replacement's listen(0) then gets a new port.
      Resolve the port once in the primary and fork every worker with it`,
    async () => {
      const pid = await get(server.url, '/', 2_000).then(
        (reply) => reply.body.pid,
        () => undefined,
      );
      return pid !== undefined && !before.includes(pid) ? pid : undefined;
    },
    bound.ms,
  );
  const now = await server.workers();
  expect(
    now,
    server.explain(sentence`after the whole pool died, pid ${answeredBy} answered,
      but it is not one of the primary's ${WORKERS} live workers (${now.join(', ')})`),
  ).toContain(answeredBy);
  await server.waitFor(
    `after the whole pool died, the primary did not get back to ${WORKERS} workers within ${bound.shown}`,
    async () => ((await server.workers()).length === WORKERS ? true : undefined),
    bound.ms,
  );
});
