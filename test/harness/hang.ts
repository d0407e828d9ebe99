// GET /hang and what must follow (lesson 10 on, and lesson 11's launcher): the
// stuck worker is killed, its connection fails, and a replacement answers.
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'undici';
import { get } from '../../lib/http.ts';
import { sentence } from '../../lib/message.ts';
import { isAlive } from '../../lib/process-tree.ts';
import type { LessonContext, LessonServer } from './lesson-server.ts';

// How long after the timeout a hung worker may still be alive: the check's
// own period (HEARTBEAT_MS), the SIGKILL, and a busy machine.
export const MARGIN_MS = 3_000;
// The settings the hang tests run with: a quick verdict, well above the beat.
export const HANG_SETTINGS = { WORKERS: 2, HEARTBEAT_MS: 100, HANG_TIMEOUT_MS: 1_000 };
const { WORKERS, HEARTBEAT_MS, HANG_TIMEOUT_MS } = HANG_SETTINGS;

export type Tester = Pick<LessonContext, 'expect' | 'onTestFinished'>;

// A keep-alive connection: every request on it reaches the worker that took it.
export function keepAlive({ onTestFinished }: Pick<LessonContext, 'onTestFinished'>, server: LessonServer): Client {
  const client = new Client(server.url, { keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000, headersTimeout: 60_000, bodyTimeout: 60_000 });
  onTestFinished(() => client.destroy());
  return client;
}

export async function getOn(client: Client, path: string): Promise<{ status: number; body: any }> {
  const res = await client.request({ method: 'GET', path });
  return { status: res.statusCode, body: await res.body.json() };
}

// A keep-alive connection to worker `pid`: fresh connections until the primary hands one to it.
export async function connectionTo(t: Tester, server: LessonServer, pid: number): Promise<Client> {
  return server.waitFor(`worker ${pid} answered none of the fresh connections for 10 s`, async () => {
    const client = keepAlive(t, server);
    if ((await getOn(client, '/')).body.pid === pid) return client;
    await client.destroy();
    return undefined;
  });
}

// Sends GET /hang on `client` (a connection to worker `victim`) and checks that
// the primary kills that worker, the request fails instead of hanging, and the
// pool is whole again. Resolves with the replacement's PID.
export async function hangAndRecover({ expect }: Tester, server: LessonServer, client: Client, victim: number, which: string): Promise<number> {
  const others = (await server.workers()).filter((pid) => pid !== victim);
  const hungAt = performance.now();
  const hang = getOn(client, '/hang').then(
    (reply) => `answered ${reply.status}`,
    (error: Error) => error,
  );

  const later =
    which === 'the replacement'
      ? sentence`. The first hung worker was killed, this replacement was not: does the primary hear the heartbeats of workers started later
          (through every worker the pool starts, not listeners on the first workers only)?`
      : '';
  await server.waitFor(
    sentence`worker ${victim} (${which}) got GET /hang (an endless loop) and was still alive ${(HANG_TIMEOUT_MS + MARGIN_MS) / 1000} s later,
      with HEARTBEAT_MS=${HEARTBEAT_MS} and HANG_TIMEOUT_MS=${HANG_TIMEOUT_MS}: the process is alive, so nothing that waits for an exit sees it.
      Have each worker send a heartbeat from its own event loop, and have the primary SIGKILL a worker silent for longer than
      HANG_TIMEOUT_MS${later}`,
    async () => (isAlive(victim) ? undefined : true),
    HANG_TIMEOUT_MS + MARGIN_MS,
  );
  const goneAfterMs = performance.now() - hungAt;

  const outcome = await Promise.race([hang, delay(3_000, 'still waiting 3 s after the worker was gone')]);
  expect(
    outcome,
    server.explain(sentence`GET /hang was on a connection held by worker ${victim}, killed ${goneAfterMs.toFixed(0)} ms after the request;
      the request ${outcome instanceof Error ? 'failed' : outcome}: a connection of a killed worker is closed by the OS,
      so its client sees an error at once`),
  ).toBeInstanceOf(Error);

  const pool = await server.waitFor(
    sentence`after worker ${victim} (${which}) was killed as hung, the pool did not get back to ${WORKERS} workers within 10 s:
      the supervisor should see an exit that was not on purpose and start a replacement`,
    async () => {
      const now = await server.workers();
      return now.length === WORKERS && !now.includes(victim) ? now : undefined;
    },
  );
  const replacement = pool.find((pid) => !others.includes(pid))!;
  await server.waitFor(
    sentence`the pool is ${pool.join(', ')} after worker ${victim} (${which}) was killed,
      but the replacement ${replacement} answered none of the fresh connections for 10 s`,
    async () => ((await get(server.url, '/', 5_000)).body.pid === replacement ? true : undefined),
  );
  return replacement;
}
