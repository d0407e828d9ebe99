import { pathToFileURL } from 'node:url';
import { Client } from 'undici';
import { describeFailures, startLoad } from '../lib/load.ts';
import { sentence } from '../lib/message.ts';
import { pollUntil } from '../lib/poll.ts';
import { cpuTicks, isAlive, sendSignal } from '../lib/process-tree.ts';
import { rollingRestart } from '../lib/roll.ts';
import { expectBadValuesRefused } from './harness/bad-settings.ts';
import { test, type LessonContext, type LessonServer } from './harness/lesson-server.ts';
import { expectCounted, expectTotal, readStats, sendRequests, served, settledStats, type Counts, type Stats } from './harness/stats.ts';
import { lessonModule } from './harness/target.ts';
import { askWhileOneWorkerIsBusy } from './harness/while-busy.ts';

// Not concurrent, and first: it times /stats against an idle baseline, so nothing else may run meanwhile.
test('/stats is answered at once by a free worker while another one is busy on /slow?ms=2000', async ({ expect, startServer }) => {
  const server = await startServer('lesson-9', { WORKERS: '2' });
  const idle: number[] = [];
  for (let i = 0; i < 5; i++) idle.push((await readStats(expect, server), await server.get('/stats')).ms);
  const usual = [...idle].sort((a, b) => a - b)[2]!;

  const { busy, during } = await askWhileOneWorkerIsBusy(server.url, { path: '/stats', clients: 2 });

  expect(busy.status, server.explain(`GET /slow?ms=2000 answered ${busy.status}`)).toBe(200);
  const answered = during.filter((reply) => reply.status === 200 && reply.endedAt < busy.endedAt);
  expect(
    answered.length,
    server.explain(sentence`while worker ${busy.body.pid} ran /slow?ms=2000 (${busy.ms.toFixed(0)} ms), /stats was answered 200 only
      ${answered.length} time(s) (statuses: ${during.map((reply) => reply.status).join(', ')}): the free worker should answer from the
      primary's ledger, without waiting for the busy one`),
  ).toBeGreaterThanOrEqual(1);
  const limit = Math.max(20 * usual, 1_000);
  const worst = Math.max(...answered.map((reply) => reply.ms));
  expect(
    worst,
    server.explain(sentence`while worker ${busy.body.pid} was busy, /stats took up to ${worst.toFixed(0)} ms (idle: ${usual.toFixed(1)} ms,
      allowed: ${limit.toFixed(0)} ms): the primary must answer from what the workers already reported, not ask each worker and wait`),
  ).toBeLessThan(limit);
});

// Requests on keep-alive connections never pass through the primary (it hands
// out connections, not requests): whatever CPU it spends meanwhile is the count.
const LOAD_REQUESTS = 15_000;
// Measured (Node 20.20.2, 2 cores, calm and busy): 2-7% with a report per worker every 100 ms, 21-27% with one message per request.
const PRIMARY_SHARE_LIMIT = 0.12;

// Not concurrent: it loads both cores, and compares the primary's CPU time with the workers'.
test.skipIf(cpuTicks(process.pid) === undefined)(
  `counting is cheap for the primary: ${LOAD_REQUESTS} requests on keep-alive connections cost it less than ${PRIMARY_SHARE_LIMIT * 100}% of the workers' CPU time, and all are counted`,
  async ({ expect, startServer }) => {
    const server = await startServer('lesson-9', { WORKERS: '2' });
    const processes = [server.pid, ...(await server.workers())];
    const since = await settledStats(expect, server);
    const before = processes.map((pid) => cpuTicks(pid)!);
    const load = startLoad(server.url, { clients: 8, connections: 'keep-alive' });
    await pollUntil(() => (load.report.answered >= LOAD_REQUESTS ? true : undefined), {
      timeoutMs: 60_000,
      onTimeout: () => new Error(server.explain(`only ${load.report.answered} of ${LOAD_REQUESTS} requests were answered in 60 s`)),
    }).finally(() => load.stop());
    const report = await load.stop();
    const [primary, ...workers] = processes.map((pid, i) => cpuTicks(pid)! - before[i]!);
    expect(report.answered, server.explain(`under load: ${describeFailures(report)}`)).toBe(report.sent);

    const workersTicks = workers.reduce((a, b) => a + b, 0);
    const share = primary! / workersTicks;
    const ms = (ticks: number) => `${ticks * 10} ms`; // USER_HZ: 100 ticks a second
    expect(
      share,
      server.explain(sentence`while the workers answered ${report.answered} requests on 8 keep-alive connections, which never pass through
        the primary, the primary used ${ms(primary!)} of CPU and the workers ${ms(workersTicks)} (${(share * 100).toFixed(1)}%):
        does each worker send the primary a message per request? The primary also hands out every new connection:
        count the answers in the worker, and report the count at most every 100 ms, one message for all of them`),
    ).toBeLessThan(PRIMARY_SHARE_LIMIT);
    await expectTotal(expect, server, since, report.answered, `${report.answered} requests on keep-alive connections`);
  },
);

test.concurrent(
  "every worker's requests are counted in /stats from any worker; a worker killed with SIGKILL keeps its count, and its replacement's requests are counted",
  async ({ expect, startServer }) => {
    const server = await startServer('lesson-9', { WORKERS: '2' });
    // Wall-clock time, as startedAt is: the server was spawned startMs before its ready line.
    const spawnedAt = Date.now() - server.startMs;
    const first = await server.workers();
    const before = await settledStats(expect, server);
    expectStartedBetween(expect, server, before, first, spawnedAt);
    const counted = await expectCounted(expect, server, before, await sendRequests(server, 20), '20 requests before any worker died');

    const victim = first[0]!;
    const victimServed = served(counted, victim);
    const killedAt = Date.now();
    process.kill(victim, 'SIGKILL');
    const forked = server.startUpBound(1);
    const replacement = await server.waitFor(
      `worker ${victim} was killed with SIGKILL, and ${forked.shown} later no replacement was running`,
      async () => {
        const now = await server.workers();
        const fresh = now.filter((pid) => !first.includes(pid));
        return !now.includes(victim) && fresh.length === 1 ? fresh[0] : undefined;
      },
      forked.ms,
    );
    // Until the replacement answers (those requests count too), then 20 more.
    const sent: Counts = new Map();
    await server.waitFor(`worker ${replacement} was started but answered no request on a fresh connection within 10 s`, async () =>
      (await sendRequests(server, 1, sent)).has(replacement) ? true : undefined,
    );
    await sendRequests(server, 20, sent);

    const after = await expectCounted(expect, server, counted, sent, `after worker ${victim} was killed and replaced by ${replacement}`);
    expect(
      after.exited.served - counted.exited.served,
      server.explain(sentence`worker ${victim} had served ${victimServed} requests when it was killed, but "exited.served" grew by
      ${after.exited.served - counted.exited.served}: when a worker exits, the primary keeps its count (/stats ${JSON.stringify(after)})`),
    ).toBe(victimServed);
    expect(
      after.exited.workers - counted.exited.workers,
      server.explain(`one worker died, but "exited.workers" grew by ${after.exited.workers - counted.exited.workers}`),
    ).toBe(1);
    expect(
      after.workers.map((each) => each.pid),
      server.explain(`worker ${victim} is dead, yet /stats still lists it among the live workers`),
    ).not.toContain(victim);
    expect(
      after.restarts - counted.restarts,
      server.explain(`worker ${victim} was replaced once, but "restarts" grew by ${after.restarts - counted.restarts}`),
    ).toBe(1);
    expectStartedBetween(expect, server, after, [replacement], killedAt);
  },
);

// Each worker's startedAt: when the primary started it, in milliseconds since the epoch (the wall clock), between `from` and now.
function expectStartedBetween(expect: LessonContext['expect'], server: LessonServer, stats: Stats, pids: number[], from: number): void {
  const SLACK_MS = 1_000; // the two processes read the clock at different moments
  for (const pid of pids) {
    const startedAt = stats.workers.find((each) => each.pid === pid)?.startedAt;
    const now = Date.now();
    expect(
      startedAt !== undefined && startedAt >= from - SLACK_MS && startedAt <= now + SLACK_MS,
      server.explain(sentence`/stats gives worker ${pid} a startedAt of ${startedAt} (${startedAt === undefined ? 'missing' : new Date(startedAt).toISOString()}),
        but it was started between ${new Date(from).toISOString()} and ${new Date(now).toISOString()}: startedAt is when the primary
        started that worker, in milliseconds since the epoch (Date.now(), a wall-clock time), not a duration nor seconds`),
    ).toBe(true);
  }
}

test.concurrent(
  'a rolling restart (SIGHUP) keeps the count: each new worker counts in "restarts", each old one moves to "exited" with what it had served',
  async ({ expect, startServer }) => {
    const server = await startServer('lesson-9', { WORKERS: '2' });
    const old = await server.workers();
    const before = await expectCounted(expect, server, await settledStats(expect, server), await sendRequests(server, 10), '10 requests before a roll');
    const oldServed = old.reduce((sum, pid) => sum + served(before, pid), 0);
    const fresh = await rollingRestart(server, 2);
    // The last old worker may still be draining when its replacement runs: wait until the ledger has both exits.
    const after = await server.waitFor(
      sentence`after a roll replaced workers ${old.join(', ')} with ${fresh.join(', ')}, /stats did not show the old ones among "exited"
        within 10 s: every worker the pool starts, a roll's included, must be in the ledger, and leave it when it exits`,
      async () => {
        const now = await readStats(expect, server);
        return now.exited.workers - before.exited.workers >= 2 && fresh.every((pid) => now.workers.some((each) => each.pid === pid)) ? now : undefined;
      },
    );
    const shown = `/stats before the roll ${JSON.stringify(before)}, after ${JSON.stringify(after)}`;
    expect(
      after.restarts - before.restarts,
      server.explain(sentence`a roll started 2 new workers, but "restarts" grew by ${after.restarts - before.restarts}: it counts every worker
        started after the first WORKERS, a roll's new workers too, not only replacements of dead ones (${shown})`),
    ).toBe(2);
    expect(
      [after.exited.workers - before.exited.workers, after.exited.served - before.exited.served, after.total - before.total],
      server.explain(sentence`the 2 old workers had served ${oldServed} requests; after the roll "exited" grew by
        [workers, served] = [${after.exited.workers - before.exited.workers}, ${after.exited.served - before.exited.served}] and the total by
        ${after.total - before.total} (no request was sent meanwhile): a worker that leaves takes nothing from the total (${shown})`),
    ).toEqual([2, oldServed, 0]);
    await expectCounted(expect, server, after, await sendRequests(server, 10), '10 requests after the roll, to the new workers');
  },
);

test.concurrent(
  'a worker that leaves right after answering (GET /retire) has reported every answer; it is not counted as a restart',
  async ({ expect, onTestFinished, startServer }) => {
    const server = await startServer('lesson-9', { WORKERS: '2' });
    const since = await settledStats(expect, server);
    // Several answers and /retire at once on one connection: the worker leaves well within the 100 ms it may hold its count.
    const client = new Client(server.url, { pipelining: 6 });
    onTestFinished(() => client.destroy());
    const paths = ['/', '/', '/', '/', '/', '/retire'];
    // The last with Connection: close (reset), so that the drain does not wait for this client to hang up.
    const ask = (path: string, i: number) => client.request({ method: 'GET', path, reset: i === paths.length - 1 });
    const replies = await Promise.all(paths.map((path, i) => ask(path, i).then(async (res) => (await res.body.json()) as { pid: number })));
    const pid = replies[0]!.pid;
    expect(
      replies.map((reply) => reply.pid),
      server.explain('six requests on one keep-alive connection were answered by different workers'),
    ).toEqual(paths.map(() => pid));
    await server.waitFor(`worker ${pid} answered GET /retire, and was still alive 10 s later`, async () => (isAlive(pid) ? undefined : true));
    const after = await server.waitFor(`worker ${pid} has exited, but /stats still listed it among the live workers 10 s later`, async () => {
      const now = await readStats(expect, server);
      return now.workers.some((each) => each.pid === pid) ? undefined : now;
    });
    const shown = `/stats before ${JSON.stringify(since)}, after ${JSON.stringify(after)}`;
    expect(
      after.exited.served - since.exited.served,
      server.explain(sentence`worker ${pid} had served ${served(since, pid)} requests, then 6 more (the last one GET /retire), and left; "exited.served"
        grew by ${after.exited.served - since.exited.served}: a worker that leaves must report what it has not yet reported before it
        disconnects (on its server's 'close', in the drain), or its last answers are lost (${shown})`),
    ).toBe(served(since, pid) + paths.length);
    expect(
      after.restarts - since.restarts,
      server.explain(sentence`worker ${pid} left on purpose and was not replaced, yet "restarts" grew by ${after.restarts - since.restarts}:
        it counts workers started after the first WORKERS, not exits (${shown})`),
    ).toBe(0);
  },
);

test.concurrent(
  'with the primary stopped (SIGSTOP), /stats answers 503 at STATS_TIMEOUT_MS instead of hanging',
  async ({ expect, onTestFinished, startServer }) => {
    const STATS_TIMEOUT_MS = 500;
    const server = await startServer('lesson-9', { WORKERS: '2', STATS_TIMEOUT_MS: String(STATS_TIMEOUT_MS) });
    // The stopped primary accepts no connection (it hands them out): reuse one a worker already holds.
    const client = new Client(server.url, { keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000, headersTimeout: 6_000, bodyTimeout: 6_000 });
    onTestFinished(() => client.destroy());
    const warm = await client.request({ method: 'GET', path: '/' });
    const { pid } = (await warm.body.json()) as { pid: number };

    sendSignal(server.pid, 'SIGSTOP');
    onTestFinished(() => sendSignal(server.pid, 'SIGCONT'));
    const startedAt = performance.now();
    const reply = await client
      .request({ method: 'GET', path: '/stats' })
      .then(async (res) => ({ status: res.statusCode, text: await res.body.text() }))
      .catch((error: Error) => error);
    const ms = performance.now() - startedAt;

    const outcome =
      reply instanceof Error
        ? `got no answer (${reply.message}) after ${ms.toFixed(0)} ms`
        : `answered ${reply.status} ${reply.text} after ${ms.toFixed(0)} ms`;
    expect(
      reply instanceof Error ? 0 : reply.status,
      server.explain(sentence`with the primary stopped, GET /stats to worker ${pid} ${outcome}: a worker that asks the primary must give up
      at STATS_TIMEOUT_MS (${STATS_TIMEOUT_MS}) and answer 503`),
    ).toBe(503);
    const body = reply instanceof Error ? undefined : parseJson(reply.text);
    expect(
      typeof body?.error,
      server.explain(sentence`the 503 from /stats should be JSON with an "error", like every error of the contract;
      it was ${reply instanceof Error ? '' : reply.text}`),
    ).toBe('string');
    expect(ms, server.explain(`with STATS_TIMEOUT_MS=${STATS_TIMEOUT_MS}, /stats took ${ms.toFixed(0)} ms to answer 503`)).toBeLessThan(
      STATS_TIMEOUT_MS + 2_500,
    );
  },
);

function parseJson(text: string): { error?: unknown } | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

test.concurrent(
  'a bad STATS_TIMEOUT_MS (abc, 0, 1.5, empty) stops the primary with exit code 2 and an error on stderr naming it',
  async ({ expect, spawnServer }) => {
    await expectBadValuesRefused({ expect, spawnServer }, 'lesson-9', 'STATS_TIMEOUT_MS', ['abc', '0', '1.5', ''], { env: { WORKERS: '1' } });
  },
);

test.concurrent("the primary accepts the workers' messages and refuses malformed ones (parseWorkerMessage in messages.ts)", async ({ expect }) => {
  const { parseWorkerMessage } = (await import(pathToFileURL(lessonModule('lesson-9', 'messages.ts')).href)) as {
    parseWorkerMessage?: (message: unknown) => unknown;
  };
  expect(typeof parseWorkerMessage, 'messages.ts should export a function parseWorkerMessage(message)').toBe('function');
  const parse = (message: unknown) => {
    try {
      return parseWorkerMessage!(message);
    } catch (error) {
      return `threw ${(error as Error).message}`;
    }
  };

  for (const message of [
    { type: 'workshop:served', count: 1 },
    { type: 'workshop:served', count: 25 },
    { type: 'workshop:stats?', id: 1 },
    { type: 'workshop:stats?', id: 90_125 },
  ]) {
    expect(
      parse(message),
      `parseWorkerMessage(${JSON.stringify(message)}) should return the message: a worker sends exactly this (every type starts with 'workshop:', lessons/README.md)`,
    ).toMatchObject(message);
  }
  const malformed: [unknown, string][] = [
    [undefined, 'undefined'],
    [null, 'null'],
    ['workshop:served', 'a string'],
    [42, 'a number'],
    [[], 'an array'],
    [{}, 'an object with no type'],
    [{ type: 'workshop:hello', count: 1 }, 'an unknown type'],
    [{ type: 'served', count: 1 }, "a type outside the 'workshop:' namespace (another library's message)"],
    [{ type: 'workshop:served' }, 'served with no count'],
    [{ type: 'workshop:served', count: '3' }, 'a count that is a string'],
    [{ type: 'workshop:served', count: -1 }, 'a negative count'],
    [{ type: 'workshop:served', count: 0 }, 'a count of 0'],
    [{ type: 'workshop:served', count: 1.5 }, 'a fractional count'],
    [{ type: 'workshop:served', count: Number.NaN }, 'a count that is NaN'],
    [{ type: 'workshop:served', count: Number.POSITIVE_INFINITY }, 'an infinite count'],
    [{ type: 'workshop:stats?' }, 'a stats request with no id'],
    [{ type: 'workshop:stats?', id: 'abc' }, 'an id that is a string'],
    [{ type: 'workshop:stats?', id: 1.5 }, 'a fractional id'],
  ];
  for (const [message, what] of malformed) {
    const result = parse(message);
    expect(
      typeof result === 'string' && result.startsWith('threw') ? result : 'did not throw',
      `parseWorkerMessage(${what}) must return, never throw: the primary runs it on whatever arrives`,
    ).toBe('did not throw');
    expect(
      result,
      sentence`parseWorkerMessage(${what}: ${String(JSON.stringify(message))}) returned ${JSON.stringify(result)}:
        a malformed message must be refused (undefined), so the primary logs and ignores it`,
    ).toBeFalsy();
  }
});
