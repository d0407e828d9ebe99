import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { startGet, type Reply } from '../lib/http.ts';
import { sentence } from '../lib/message.ts';
import { expectBadValuesRefused } from './harness/bad-settings.ts';
import { exitWithin, test, type LessonServer } from './harness/lesson-server.ts';

// One worker process throughout: only threads inside it can explain a free event loop.
const ONE_WORKER = { WORKERS: '1' };

// What a request came to, in words, for the failure messages.
const outcome = (reply: Reply | Error) =>
  reply instanceof Error ? `failed (${reply.message})` : `answered ${reply.status} ${JSON.stringify(reply.body)} after ${reply.ms.toFixed(0)} ms`;

const settle = (pending: { reply: Promise<Reply> }) => pending.reply.catch((error: Error) => error);
// The SIGTERM test's abandoned 10 s task started about 0.6 s before the signal: it cannot end sooner than this after it.
const ABANDONED_TASK_ENDS_MS = 9_000;
const EXIT_AFTER_LAST_REPLY_MS = 3_000;
// Each task of the defaults test: long enough for all of them, and one more, to be in before the first thread is free.
const WORK_MS = 2_000;
// How long the clients that give up on a /work wait for it.
const GIVE_UP_MS = 300;

// The slowest of `count` GET / on fresh connections to an idle server: what "at once" means on this machine now.
async function baselineMs(server: LessonServer, count = 5): Promise<number> {
  let slowest = 0;
  for (let i = 0; i < count; i++) slowest = Math.max(slowest, (await server.get('/')).ms);
  return slowest;
}

// "At once", with wide margins (a 2-core machine, busy): a few times the baseline, never
// less than 500 ms, and always well under what the mistake would cost.
// `ceiling`: half-way to what the mistake costs in that test.
async function atOnce(server: LessonServer, ceiling: number) {
  const baseline = await baselineMs(server);
  return { baseline, limit: Math.min(ceiling, Math.max(500, 5 * baseline)) };
}

// Alone, as every test that times a fast answer against work in progress: a neighbour's threads would share the cores.
test('while /work?ms=2000 computes on a thread, the same worker process answers / at once', async ({ expect, startServer }) => {
  const server = await startServer('lesson-12', { ...ONE_WORKER, THREADS: '1' });
  const [worker] = await server.workers();
  const { baseline, limit } = await atOnce(server, 1_000); // blocked: about 1.8 s

  const work = startGet(server.url, '/work?ms=2000');
  await work.sent;
  await delay(200); // let the worker pick the request up: / must find the work running
  const during: Array<Reply | Error> = [];
  for (let i = 0; i < 4; i++) during.push(await server.get('/', 5_000).catch((error: Error) => error));
  const done = await settle(work);

  expect(done instanceof Error ? 0 : done.status, server.explain(`GET /work?ms=2000 ${outcome(done)}: it should answer 200 once the work is done`)).toBe(200);
  const answer = done as Reply;
  expect(answer.ms, server.explain(`GET /work?ms=2000 ${outcome(done)}: it should take the 2 s of work it asks for`)).toBeGreaterThanOrEqual(1_950);
  expect(answer.body.pid, server.explain(`GET /work?ms=2000 was answered by pid ${answer.body.pid}, not by the only worker ${worker}`)).toBe(worker);
  expect(
    { ms: answer.body.ms, threadId: Number.isInteger(answer.body.threadId) && answer.body.threadId > 0 },
    server.explain(sentence`GET /work?ms=2000 answered ${JSON.stringify(answer.body)}: the answer says how long it computed ("ms": 2000)
      and on which thread ("threadId", the worker thread's, never 0: 0 is the main thread)`),
  ).toEqual({ ms: 2000, threadId: true });
  const shown = during.map(outcome).join('; ');
  for (const reply of during) {
    expect(
      reply instanceof Error ? undefined : reply.body.pid,
      server.explain(`while /work?ms=2000 ran, GET / ${outcome(reply)}: the only worker ${worker} should answer it`),
    ).toBe(worker);
    expect(
      (reply as Reply).ms,
      server.explain(sentence`while /work?ms=2000 ran, GET / on a fresh connection took ${(reply as Reply).ms.toFixed(0)} ms
        (idle, at most ${baseline.toFixed(0)} ms; allowed ${limit.toFixed(0)}): the work is blocking the worker's event loop.
        Run it on a thread of a pool (piscina's run()), not on the thread that serves HTTP, as /slow does. All four: ${shown}`),
    ).toBeLessThan(limit);
    expect(
      (reply as Reply).endedAt,
      server.explain(sentence`GET / during the work was answered only ${(answer.endedAt - (reply as Reply).endedAt).toFixed(0)} ms
        before the work ended: it should not wait for the work`),
    ).toBeLessThan(answer.endedAt - 500);
  }
});

test.concurrent('a bad ms (missing, abc, 0, 1.5, 10001) gets 400 at once, and the worker stays up', async ({ expect, startServer }) => {
  const server = await startServer('lesson-12', ONE_WORKER);
  const [worker] = await server.workers();
  const { baseline, limit } = await atOnce(server, 2_000); // a 10 s spin for ms=10001
  for (const query of ['', '?ms=abc', '?ms=0', '?ms=1.5', '?ms=10001']) {
    const reply = await settle(startGet(server.url, `/work${query}`, 3_000));
    expect(
      reply instanceof Error ? 0 : reply.status,
      server.explain(sentence`GET /work${query} ${outcome(reply)}: a bad ms is refused with 400 before any work is started
        (parseMs from '#app', as /slow does)`),
    ).toBe(400);
    expect(
      typeof (reply as Reply).body?.error,
      server.explain(sentence`GET /work${query} answered 400 with ${JSON.stringify((reply as Reply).body)}:
        answer JSON with an "error" that says what ms must be`),
    ).toBe('string');
    expect(
      (reply as Reply).ms,
      server.explain(sentence`GET /work${query} took ${(reply as Reply).ms.toFixed(0)} ms to be refused
        (GET / took at most ${baseline.toFixed(0)} ms): check ms before anything else`),
    ).toBeLessThan(limit);
  }
  const after = await server.get('/');
  expect(
    after.body.pid,
    server.explain(sentence`after the bad requests, GET / was answered by ${after.body.pid} instead of worker ${worker}:
      a bad query must not take the worker down`),
  ).toBe(worker);
});

test.concurrent('an error thrown in the task gets 500, and the worker and its pool live on', async ({ expect, startServer }) => {
  const server = await startServer('lesson-12', { ...ONE_WORKER, THREADS: '1' });
  const [worker] = await server.workers();
  const failed = await settle(startGet(server.url, '/work?ms=50&fail=1'));
  expect(
    failed instanceof Error ? 0 : failed.status,
    server.explain(sentence`GET /work?ms=50&fail=1 (the task throws) ${outcome(failed)}: a task that throws rejects run()'s promise;
      answer that with 500 and a JSON "error", and never let the rejection go unhandled (it would crash the worker)`),
  ).toBe(500);
  expect(
    typeof (failed as Reply).body?.error,
    server.explain(`the failed task was answered 500 with ${JSON.stringify((failed as Reply).body)}: answer JSON with an "error"`),
  ).toBe('string');

  const next = await settle(startGet(server.url, '/work?ms=50'));
  expect(
    next instanceof Error ? 0 : next.status,
    server.explain(`after a task threw, the next GET /work?ms=50 ${outcome(next)}: the pool should keep serving after a task's error`),
  ).toBe(200);
  const now = await server.workers();
  expect(
    now,
    server.explain(sentence`after a task threw, the worker processes are ${now.join(', ') || 'none'} instead of ${worker}:
      an error in a task must not take its process down`),
  ).toEqual([worker]);
  expect((next as Reply).body.pid, server.explain(`after a task threw, /work was answered by ${(next as Reply).body.pid}, not by the worker ${worker}`)).toBe(
    worker,
  );
});

test.concurrent(
  'a full queue (THREADS=1, QUEUE=1) refuses one more /work with 503 at once; the running and the queued tasks still complete',
  async ({ expect, startServer }) => {
    const server = await startServer('lesson-12', { ...ONE_WORKER, THREADS: '1', QUEUE: '1' });
    const [worker] = await server.workers();
    const { baseline, limit } = await atOnce(server, 2_000); // queued: 3 s

    const running = startGet(server.url, '/work?ms=1500');
    await running.sent;
    const queued = startGet(server.url, '/work?ms=1500');
    await queued.sent;
    await delay(200); // let the worker hand both to its pool: one runs on the thread, one waits
    const extra = await settle(startGet(server.url, '/work?ms=1500'));
    const [first, second] = await Promise.all([settle(running), settle(queued)]);

    // Run anyway: on a thread of its own (more threads than THREADS), or on the only one after the two before it (the queue grew).
    const ranOn = (reply: Reply | Error) => (reply instanceof Error || reply.status !== 200 ? [] : [reply.body.threadId]);
    const threadIds = [...new Set([first, second, extra].flatMap(ranOn))];
    const ranAnyway = ranOn(extra).length > 0;
    expect(
      extra instanceof Error ? 0 : extra.status,
      server.explain(sentence`with the only thread busy and QUEUE=1 task already waiting, one more GET /work?ms=1500 ${outcome(extra)}:
      a full queue must refuse it with 503 at once${
        !ranAnyway
          ? ''
          : threadIds.length > 1
            ? sentence`, yet it ran, and the three ran on ${threadIds.length} threads (threadId ${threadIds.join(', ')}):
              the pool has more threads than THREADS=1 (minThreads and maxThreads)`
            : sentence`, yet it waited, past the QUEUE=1 task, and ran: the queue is not bounded. piscina 5.3.2's maxQueue does not
              count a task run with a signal (pool.run(task, { signal }), to abort a task whose client left): check the pool's
              queueSize yourself before run()`
      }`),
    ).toBe(503);
    expect(
      typeof (extra as Reply).body?.error,
      server.explain(`the refused /work was answered 503 with ${JSON.stringify((extra as Reply).body)}: answer JSON with an "error"`),
    ).toBe('string');
    expect(
      (extra as Reply).ms,
      server.explain(sentence`the refused /work took ${(extra as Reply).ms.toFixed(0)} ms to get its 503
      (GET / took at most ${baseline.toFixed(0)} ms): refuse at once, do not wait for room`),
    ).toBeLessThan(limit);
    for (const [which, reply] of [
      ['running', first],
      ['queued', second],
    ] as const) {
      expect(
        reply instanceof Error ? 0 : reply.status,
        server.explain(`the ${which} /work?ms=1500 ${outcome(reply)}: a task already accepted must still complete with 200`),
      ).toBe(200);
      expect(
        (reply as Reply).body.pid,
        server.explain(`the ${which} /work was answered by ${(reply as Reply).body.pid}, not by the only worker ${worker}`),
      ).toBe(worker);
    }
    // The refused task must not run: if it did, it would hold the only thread for 1.5 s more.
    const next = await settle(startGet(server.url, '/work?ms=100'));
    const nextLimit = 100 + limit;
    expect(
      next instanceof Error || next.status !== 200 || next.ms >= nextLimit ? outcome(next) : 'answered 200 in time',
      server.explain(sentence`once the running and the queued tasks had answered, GET /work?ms=100 ${outcome(next)} (allowed: 200 within
        ${nextLimit.toFixed(0)} ms): the task refused with 503 ran anyway, or took the worker down. Refuse before run(), and return`),
    ).toBe('answered 200 in time');
  },
);

// Alone: its verdict is a time (the exit against the end of a 10 s task), on threads that neighbours would slow.
test('SIGTERM during /work: the task in flight completes, a task whose client left does not hold the exit, the primary exits 0', async ({
  expect,
  startServer,
}) => {
  const server = await startServer('lesson-12', { ...ONE_WORKER, THREADS: '2' });
  // A client that gives up after 300 ms on 10 s of work: its task keeps a thread busy.
  const abandoned = await settle(startGet(server.url, '/work?ms=10000', GIVE_UP_MS));
  expect(abandoned instanceof Error, server.explain(`GET /work?ms=10000 ${outcome(abandoned)} within ${GIVE_UP_MS} ms: it should still be computing`)).toBe(
    true,
  );
  const inFlight = startGet(server.url, '/work?ms=1000');
  await inFlight.sent;
  await delay(200); // let the worker pick the request up: the signal must find it running

  const signalledAt = performance.now();
  server.signal('SIGTERM');
  // Past the abandoned task's end (about 9.4 s after the signal) the verdict is known either way.
  const reply = await Promise.race([settle(inFlight), delay(ABANDONED_TASK_ENDS_MS, new Error(`no answer ${ABANDONED_TASK_ENDS_MS} ms after the signal`))]);
  // Once the request in flight is answered, the worker has nothing left to wait for: a margin as wide as lesson 7's, and
  // always before the abandoned task could end, so that an exit which waited for it fails.
  const exitWithinMs = Math.min(performance.now() - signalledAt + EXIT_AFTER_LAST_REPLY_MS, ABANDONED_TASK_ENDS_MS);
  const { exit, exitedAfterMs, took } = await exitWithin(server, signalledAt, exitWithinMs);

  expect(
    reply instanceof Error ? 0 : reply.status,
    server.explain(`after SIGTERM, the /work?ms=1000 in flight ${outcome(reply)}: the drain lets requests in flight finish, on threads too`),
  ).toBe(200);
  // The abandoned task would end about 9.4 s after the signal: exiting well before that means it was cut.
  expect(
    exitedAfterMs,
    server.explain(sentence`the primary took ${took} to exit after SIGTERM (allowed: ${exitWithinMs.toFixed(0)} ms, ${EXIT_AFTER_LAST_REPLY_MS} ms after the last answer),
      with a 1 s request in flight and a 10 s task nobody waits for: that task still held the worker. A thread that computes keeps
      its process alive (and work on the main thread blocks the drain itself): run the work on the pool, and once the worker's
      server has closed, destroy the pool (pool.destroy())`),
  ).toBeLessThan(exitWithinMs);
  expect(
    exit.exitCode,
    server.explain(`after SIGTERM the primary exited with ${exit.signal ?? `code ${exit.exitCode}`}: once every worker has left, exit 0`),
  ).toBe(0);
  expect(await server.group(), server.explain('the primary exited, but processes of its group are still running')).toEqual([]);
});

// Alone: its verdict is a time (the next task's answer against the end of an abandoned one), on threads neighbours would slow.
test('a client that gives up frees its thread: with THREADS=1, the next /work?ms=100 answers long before the abandoned 10 s would end', async ({
  expect,
  startServer,
}) => {
  const server = await startServer('lesson-12', { ...ONE_WORKER, THREADS: '1' });
  // What /work?ms=100 costs here with the thread free; an aborted task's thread is replaced, which costs at most a thread's
  // start, and a worker's start (server.startMs) includes its pool's.
  const fresh = await settle(startGet(server.url, '/work?ms=100'));
  expect(fresh instanceof Error ? 0 : fresh.status, server.explain(`GET /work?ms=100 on an idle worker ${outcome(fresh)}`)).toBe(200);
  const baseline = (fresh as Reply).ms;
  const gaveUpAt = performance.now();
  const abandoned = await settle(startGet(server.url, '/work?ms=10000', GIVE_UP_MS));
  expect(abandoned instanceof Error, server.explain(`GET /work?ms=10000 ${outcome(abandoned)} within ${GIVE_UP_MS} ms: it should still be computing`)).toBe(
    true,
  );
  // Waiting for the only thread, a task not aborted answers about 9.8 s after the give-up: judge at half of that.
  const ceiling = (10_000 - GIVE_UP_MS) / 2;
  const limit = Math.min(ceiling, Math.max(1_000, 2 * (baseline + server.startMs)));
  const next = await settle(startGet(server.url, '/work?ms=100', 12_000));
  const afterGiveUpMs = performance.now() - gaveUpAt - GIVE_UP_MS;

  expect(next instanceof Error ? 0 : next.status, server.explain(`after a client gave up on /work?ms=10000, the next GET /work?ms=100 ${outcome(next)}`)).toBe(
    200,
  );
  expect(
    (next as Reply).ms,
    server.explain(sentence`a client gave up on /work?ms=10000 after ${GIVE_UP_MS} ms, and the next GET /work?ms=100, with THREADS=1,
      ${outcome(next)} (${afterGiveUpMs.toFixed(0)} ms after the give-up; allowed ${limit.toFixed(0)}: twice the ${baseline.toFixed(0)} ms
      of /work?ms=100 plus the ${server.startMs.toFixed(0)} ms this server took to start): the abandoned task still held the only thread.
      When the response closes before it was sent (res 'close' with res.writableFinished false), abort the task: pool.run(task, { signal })`),
  ).toBeLessThan(limit);
  expect(
    (next as Reply).body.pid,
    server.explain(`the next /work was answered by ${(next as Reply).body.pid}, not by the worker ${(fresh as Reply).body.pid}`),
  ).toBe((fresh as Reply).body.pid);
});

test.concurrent('the defaults: THREADS is the cores shared among the workers, QUEUE 4 per thread; one task more gets 503', async ({ expect, startServer }) => {
  const server = await startServer('lesson-12', ONE_WORKER);
  const threads = Math.max(1, Math.floor(os.availableParallelism() / Number(ONE_WORKER.WORKERS)));
  const queue = 4 * threads;
  const tasks = Array.from({ length: threads + queue }, () => startGet(server.url, `/work?ms=${WORK_MS}`));
  for (const task of tasks) await task.sent;
  await delay(500); // let the worker hand every one to its pool (on a busy machine too): the first ends 2 s after its start at the soonest
  const extra = await settle(startGet(server.url, `/work?ms=${WORK_MS}`));
  const replies = await Promise.all(tasks.map(settle));
  const failed = replies.filter((reply) => reply instanceof Error || reply.status !== 200).map(outcome);
  // Every thread of the pool gets a task: the first `threads` find each an idle one. Its threadId names it.
  const threadIds = [...new Set(replies.flatMap((reply) => (reply instanceof Error || reply.status !== 200 ? [] : [reply.body.threadId])))];
  const defaults = `on ${os.availableParallelism()} cores with WORKERS=1, THREADS defaults to ${threads} and QUEUE to ${queue}`;

  expect(
    threadIds.length,
    server.explain(sentence`${threads + queue} GET /work at once were answered by ${threadIds.length} thread(s) (threadId ${threadIds.join(', ')}):
      ${defaults}. Piscina's own default is 1.5 threads per core; a new thread per request has a new threadId each time`),
  ).toBe(threads);
  expect(
    failed,
    server.explain(sentence`${threads + queue} GET /work?ms=${WORK_MS} at once: ${defaults}, so each should wait its turn and answer 200;
      ${failed.length} did not: ${failed.join('; ')}. Is the default QUEUE smaller than 4 × THREADS?`),
  ).toEqual([]);
  expect(
    extra instanceof Error ? 0 : extra.status,
    server.explain(sentence`with ${threads + queue} GET /work already in (${defaults}), one more ${outcome(extra)}:
      the queue was full, it should be refused with 503. Is the default QUEUE larger than 4 × THREADS?`),
  ).toBe(503);
});

test.concurrent(
  'a bad THREADS or QUEUE (abc, 0, 1.5 or -1, empty) stops the primary with exit code 2 and an error on stderr naming it',
  async ({ expect, spawnServer }) => {
    await Promise.all([
      expectBadValuesRefused({ expect, spawnServer }, 'lesson-12', 'THREADS', ['abc', '0', '1.5', ''], {
        env: ONE_WORKER,
        why: 'Check THREADS in the primary (readSettings), before it forks.',
      }),
      expectBadValuesRefused({ expect, spawnServer }, 'lesson-12', 'QUEUE', ['abc', '0', '-1', ''], {
        env: ONE_WORKER,
        why: sentence`Check QUEUE in the primary (readSettings), before it forks.
        0 is refused too: piscina 5 still runs a task it refused with maxQueue 0.`,
      }),
    ]);
  },
);
