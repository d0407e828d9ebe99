import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'undici';
import { get, startGet } from '../lib/http.ts';
import { sentence } from '../lib/message.ts';
import { isAlive } from '../lib/process-tree.ts';
import { expectBadValuesRefused, expectSettingsRefused } from './harness/bad-settings.ts';
import { exitWithin, test, type LessonContext, type LessonServer } from './harness/lesson-server.ts';

const WORKERS = 2;
const HEARTBEAT_MS = 100;
const HANG_TIMEOUT_MS = 1_000;
// How long after the timeout a hung worker may still be alive: the check's
// own period (HEARTBEAT_MS), the SIGKILL, and a busy machine.
const MARGIN_MS = 3_000;

type Tester = Pick<LessonContext, 'expect' | 'onTestFinished'>;

// A keep-alive connection: every request on it reaches the worker that took it.
function keepAlive({ onTestFinished }: Pick<LessonContext, 'onTestFinished'>, server: LessonServer): Client {
  const client = new Client(server.url, { keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000, headersTimeout: 60_000, bodyTimeout: 60_000 });
  onTestFinished(() => client.destroy());
  return client;
}

async function getOn(client: Client, path: string): Promise<{ status: number; body: any }> {
  const res = await client.request({ method: 'GET', path });
  return { status: res.statusCode, body: await res.body.json() };
}

// A keep-alive connection to worker `pid`: fresh connections until the primary hands one to it.
async function connectionTo(t: Tester, server: LessonServer, pid: number): Promise<Client> {
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
async function hangAndRecover({ expect }: Tester, server: LessonServer, client: Client, victim: number, which: string): Promise<number> {
  const others = (await server.workers()).filter((pid) => pid !== victim);
  const hungAt = performance.now();
  const hang = getOn(client, '/hang').then(
    (reply) => `answered ${reply.status}`,
    (error: Error) => error,
  );

  const later =
    which === 'the replacement'
      ? sentence`. The first hung worker was killed, this replacement was not: does the primary hear the heartbeats of workers started later
          (cluster.on('message'), not listeners on the first workers only)?`
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

test.concurrent(
  'a worker stuck in an endless loop (GET /hang) is killed and replaced, its connection fails, and so is its replacement when it hangs too',
  async ({ expect, onTestFinished, startServer }) => {
    const t = { expect, onTestFinished };
    const server = await startServer('lesson-10', { WORKERS: String(WORKERS), HEARTBEAT_MS: String(HEARTBEAT_MS), HANG_TIMEOUT_MS: String(HANG_TIMEOUT_MS) });
    const client = keepAlive(t, server);
    const { pid: victim } = (await getOn(client, '/')).body;
    const replacement = await hangAndRecover(t, server, client, victim, 'the first to hang');
    // The replacement is watched too, not only the workers the primary started with.
    await hangAndRecover(t, server, await connectionTo(t, server, replacement), replacement, 'the replacement');
  },
);

test.concurrent(
  'workers starting up for longer than HANG_TIMEOUT_MS, or busy for less (GET /slow?ms=600), are not killed',
  async ({ expect, onTestFinished, startServer }) => {
    const hangTimeoutMs = 1_500;
    const settings = { WORKERS: String(WORKERS), HEARTBEAT_MS: String(HEARTBEAT_MS), HANG_TIMEOUT_MS: String(hangTimeoutMs), START_DELAY_MS: '2000' };
    let server: LessonServer;
    try {
      server = await startServer('lesson-10', settings);
    } catch (error) {
      const why = sentence`with START_DELAY_MS=2000 (each worker waits 2 s before it listens) and HANG_TIMEOUT_MS=${hangTimeoutMs},
      the server never became ready. A worker that is starting up has a free event loop: let it beat from its first line,
      before it listens, and never kill it for not listening yet.`;
      throw new Error(`${why}\n\n${(error as Error).message}`);
    }
    const before = await server.workers();
    const client = keepAlive({ onTestFinished }, server);
    const { pid } = (await getOn(client, '/')).body;
    const slow = await getOn(client, '/slow?ms=600').catch((error: Error) => error);
    const got = slow instanceof Error ? `failed (${slow.message})` : `answered ${slow.status} by ${slow.body.pid}`;
    expect(
      slow instanceof Error ? undefined : slow.body.pid,
      server.explain(sentence`GET /slow?ms=600 on a connection to worker ${pid} ${got}, with HEARTBEAT_MS=${HEARTBEAT_MS} and
      HANG_TIMEOUT_MS=${hangTimeoutMs}: a loop busy for 600 ms misses a few heartbeats, but is not hung;
      kill only a worker silent for longer than HANG_TIMEOUT_MS`),
    ).toBe(pid);
    // Nothing to wait for but time: long enough for a late verdict on the missed beats.
    await delay(hangTimeoutMs);
    const again = await getOn(client, '/').catch((error: Error) => error);
    expect(
      again instanceof Error ? undefined : again.body.pid,
      server.explain(sentence`worker ${pid} finished a 600 ms /slow, then its keep-alive connection
      ${again instanceof Error ? `failed (${again.message})` : `was answered by ${again.body.pid}`}:
      was it killed for the heartbeats it missed while busy?`),
    ).toBe(pid);
    const after = await server.workers();
    expect(
      after,
      server.explain(sentence`the workers were ${before.join(', ')} before a 600 ms /slow and ${after.join(', ')} after:
      no worker should have been replaced`),
    ).toEqual(before);
  },
);

test.concurrent(
  'during a shutdown its own deadline decides: a worker busy past HANG_TIMEOUT_MS is killed at SHUTDOWN_TIMEOUT_MS, and the exit code says so',
  async ({ expect, startServer }) => {
    const shutdownTimeoutMs = 2_500;
    const server = await startServer('lesson-10', {
      WORKERS: '1',
      HEARTBEAT_MS: String(HEARTBEAT_MS),
      HANG_TIMEOUT_MS: String(HANG_TIMEOUT_MS),
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    });
    const slowMs = 6_000;
    const slow = startGet(server.url, `/slow?ms=${slowMs}`);
    slow.reply.catch(() => {}); // cut by the kill: expected
    await slow.sent;
    await delay(200); // let the worker pick the request up: the signal must find it busy
    const signalledAt = performance.now();
    server.signal('SIGTERM');
    // Even a primary that waited for the request itself would have exited by then.
    const { exit, took } = await exitWithin(server, signalledAt, slowMs + MARGIN_MS);
    const how = exit.signal ?? `with code ${exit.exitCode}`;
    expect(
      exit.exitCode,
      server.explain(sentence`SIGTERM came while the only worker was busy with a 6 s request, with HANG_TIMEOUT_MS=${HANG_TIMEOUT_MS} and
      SHUTDOWN_TIMEOUT_MS=${shutdownTimeoutMs}; the primary exited ${how} after ${took}.
      A shutdown that had to kill a worker must not exit 0 (lesson 7): from the signal on, the shutdown's deadline decides,
      so stop killing workers as hung once it has begun`),
    ).not.toBe(0);
    expect(
      exit.exitCode,
      server.explain(`the primary exited with ${exit.signal ?? `code ${exit.exitCode}`}: without a handler a signal kills it at once`),
    ).toBeDefined();
  },
);

test.concurrent(
  'a bad HEARTBEAT_MS or HANG_TIMEOUT_MS (abc, 0, 1.5, empty) stops the primary with exit code 2 and an error on stderr naming it',
  async ({ expect, spawnServer }) => {
    const bad = ['abc', '0', '1.5', ''];
    await Promise.all([
      expectBadValuesRefused({ expect, spawnServer }, 'lesson-10', 'HEARTBEAT_MS', bad, { env: { WORKERS: '1' } }),
      expectBadValuesRefused({ expect, spawnServer }, 'lesson-10', 'HANG_TIMEOUT_MS', bad, { env: { WORKERS: '1' } }),
    ]);
  },
);

test.concurrent('HANG_TIMEOUT_MS not greater than HEARTBEAT_MS stops the primary with exit code 2, naming both', async ({ expect, spawnServer }) => {
  const pairs = [
    ['1000', '1000'],
    ['1000', '500'],
    ['2000', '1500'],
  ] as const;
  await expectSettingsRefused(
    { expect, spawnServer },
    'lesson-10',
    pairs.map(([heartbeat, timeout]) => ({ HEARTBEAT_MS: heartbeat, HANG_TIMEOUT_MS: timeout })),
    {
      env: { WORKERS: '1' },
      why: 'A timeout no longer than the period between two beats makes every worker look hung.',
    },
  );
});
