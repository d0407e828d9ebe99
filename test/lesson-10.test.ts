import { setTimeout as delay } from 'node:timers/promises';
import { startGet } from '../lib/http.ts';
import { sentence } from '../lib/message.ts';
import { isAlive } from '../lib/process-tree.ts';
import { expectBadValuesRefused, expectSettingsRefused } from './harness/bad-settings.ts';
import { clockJump } from './harness/clock-jump.ts';
import { connectionTo, getOn, HANG_SETTINGS, hangAndRecover, keepAlive, MARGIN_MS } from './harness/hang.ts';
import { exitWithin, test, type LessonServer } from './harness/lesson-server.ts';

const { WORKERS, HEARTBEAT_MS, HANG_TIMEOUT_MS } = HANG_SETTINGS;

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

// Not concurrent: the workers must still be busy when the clock jumps, a matter of timing.
test('a wall-clock jump of an hour (CLOCK_JUMP_FILE) kills no worker, not even one busy on a /slow?ms=600 as it jumps', async ({
  expect,
  onTestFinished,
  startServer,
}) => {
  const t = { expect, onTestFinished };
  const jump = clockJump(onTestFinished);
  const hangTimeoutMs = 1_500;
  const server = await startServer('lesson-10', {
    ...jump.env,
    WORKERS: String(WORKERS),
    HEARTBEAT_MS: String(HEARTBEAT_MS),
    HANG_TIMEOUT_MS: String(hangTimeoutMs),
  });
  const before = (await server.workers()).sort();
  const clients = await Promise.all(before.map((pid) => connectionTo(t, server, pid)));
  // Each worker misses its beats for 600 ms (less than HANG_TIMEOUT_MS), and the wall clock jumps meanwhile.
  const slow = clients.map((client) => getOn(client, '/slow?ms=600').catch((error: Error) => error));
  await delay(150);
  jump.on();
  const answers = await Promise.all(slow);
  const why = sentence`while the workers were busy for 600 ms, Date.now() jumped an hour ahead (as after an NTP step or a VM pause),
    with HEARTBEAT_MS=${HEARTBEAT_MS} and HANG_TIMEOUT_MS=${hangTimeoutMs}: does the primary time the silence with Date.now()?
    It jumps with the wall clock; performance.now() does not`;
  expect(
    answers.map((answer) => (answer instanceof Error ? `failed (${answer.message})` : answer.body.pid)),
    server.explain(`GET /slow?ms=600 on a connection to each worker (${before.join(', ')}): ${why}`),
  ).toEqual(before);
  // Nothing to wait for but time: long enough for a late verdict on the beats missed across the jump.
  await delay(hangTimeoutMs + 5 * HEARTBEAT_MS);
  const after = (await server.workers()).sort();
  expect(after, server.explain(`the workers were ${before.join(', ')} before the jump and ${after.join(', ')} after: ${why}`)).toEqual(before);
});

test.concurrent(
  "heartbeats never keep a worker alive: a /retire'd worker exits, and an idle server's SIGTERM ends with exit code 0 at once",
  async ({ expect, startServer }) => {
    const server = await startServer('lesson-10', { WORKERS: String(WORKERS), HEARTBEAT_MS: String(HEARTBEAT_MS), HANG_TIMEOUT_MS: String(HANG_TIMEOUT_MS) });
    const timer = sentence`: a worker that has disconnected has nothing left to do, but a timer keeps its event loop, and so the process,
      alive. unref() the heartbeat's timer`;
    const { body } = await server.get('/retire');
    await server.waitFor(`worker ${body.pid} answered GET /retire, and was still alive 10 s later${timer}`, async () => (isAlive(body.pid) ? undefined : true));
    const signalledAt = performance.now();
    server.signal('SIGTERM');
    // Idle: the drain has nothing to wait for, and SHUTDOWN_TIMEOUT_MS (10 s) would kill only a worker that does not leave.
    const withinMs = 5_000;
    const { exit, took } = await exitWithin(server, signalledAt, withinMs);
    expect(
      exit.exitCode,
      server.explain(
        `SIGTERM to an idle server with heartbeats every ${HEARTBEAT_MS} ms: the primary exited ${exit.signal ?? `with code ${exit.exitCode}`} after ${took}${timer}`,
      ),
    ).toBe(0);
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
